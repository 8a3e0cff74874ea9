-- slotdesk schema, version 6: finding a customer among a million without
-- reading them all. The list by name walks an index; a search of three
-- characters or more is a trigram full-text search (any part of a first
-- or last name, an email or a phone's digits, any case, accents ignored);
-- one or two characters match the start of a first or last name through
-- the indexes. The search table is kept in step by triggers.

CREATE INDEX customers_by_name
    ON customers (last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);
CREATE INDEX customers_by_first_name ON customers (first_name COLLATE NOCASE);

CREATE VIRTUAL TABLE customers_search USING fts5(
    first_name, last_name, email, phone,
    content = 'customers', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO customers_search (customers_search) VALUES ('rebuild');

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_search (rowid, first_name, last_name, email, phone)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_search (customers_search, rowid, first_name, last_name, email, phone)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone);
END;
CREATE TRIGGER customers_search_update
    AFTER UPDATE OF first_name, last_name, email, phone ON customers BEGIN
    INSERT INTO customers_search (customers_search, rowid, first_name, last_name, email, phone)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone);
    INSERT INTO customers_search (rowid, first_name, last_name, email, phone)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone);
END;
