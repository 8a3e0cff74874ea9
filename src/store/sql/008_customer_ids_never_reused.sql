-- slotdesk schema, version 8: customer ids are never reused. A merge
-- removes a customer; without AUTOINCREMENT SQLite would hand the highest
-- id out again, and the next new person would inherit the merged record's
-- journal (and a merge prepared at another desk could land on them).
-- Runs with foreign keys off (the table is rebuilt; bookings keep their
-- customer ids) and is checked with foreign_key_check afterwards.
--
-- The rebuilt table also gives the search (migration 6) `names`, the first
-- and last name each after a space (` ada lovelace`), so the start of a
-- name is a trigram too: a two-letter word (`be` in `oliver be`) is found
-- as ` be` by the full-text search instead of row by row. The search table
-- is made again with it.

CREATE TABLE customers_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    first_name TEXT NOT NULL,
    last_name  TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    names      TEXT GENERATED ALWAYS AS (' ' || first_name || ' ' || last_name) VIRTUAL
);
INSERT INTO customers_new (id, first_name, last_name, email, phone, created_at, updated_at)
    SELECT id, first_name, last_name, email, phone, created_at, updated_at FROM customers;
DROP TABLE customers;
ALTER TABLE customers_new RENAME TO customers;

CREATE INDEX customers_email ON customers (email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX customers_phone ON customers (phone) WHERE phone IS NOT NULL;
CREATE INDEX customers_by_name
    ON customers (last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);
CREATE INDEX customers_by_first_name ON customers (first_name COLLATE NOCASE);

DROP TABLE customers_search;
CREATE VIRTUAL TABLE customers_search USING fts5(
    first_name, last_name, email, phone, names,
    content = 'customers', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO customers_search (customers_search) VALUES ('rebuild');

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_search (rowid, first_name, last_name, email, phone, names)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.names);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_search
        (customers_search, rowid, first_name, last_name, email, phone, names)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.names);
END;
CREATE TRIGGER customers_search_update
    AFTER UPDATE OF first_name, last_name, email, phone ON customers BEGIN
    INSERT INTO customers_search
        (customers_search, rowid, first_name, last_name, email, phone, names)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.names);
    INSERT INTO customers_search (rowid, first_name, last_name, email, phone, names)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.names);
END;

-- Start after every id ever used, merged ones included (their events remain).
DELETE FROM sqlite_sequence WHERE name = 'customers';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'customers', max(coalesce((SELECT max(id) FROM customers), 0),
                        coalesce((SELECT max(customer_id) FROM events), 0));
