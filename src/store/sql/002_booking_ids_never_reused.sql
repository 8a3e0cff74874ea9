-- slotdesk schema, version 2: booking ids are never reused. Without
-- AUTOINCREMENT SQLite hands the highest id out again after that booking is
-- deleted, and the new booking would inherit the deleted one's journal.
-- Runs with foreign keys off (the table is rebuilt; answers and add-ons keep
-- their rows) and is checked with foreign_key_check afterwards.

CREATE TABLE bookings_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id        INTEGER NOT NULL REFERENCES services(id),
    time_slot_id      INTEGER NOT NULL REFERENCES time_slots(id),
    resource_id       INTEGER NOT NULL REFERENCES resources(id),
    date              TEXT NOT NULL,
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    participants      INTEGER NOT NULL CHECK (participants >= 1),
    status            TEXT NOT NULL CHECK (status IN ('held', 'pending', 'confirmed',
                          'checked_in', 'completed', 'cancelled', 'declined', 'expired', 'no_show')),
    hold_expires_at   INTEGER,
    customer_id       INTEGER REFERENCES customers(id),
    message           TEXT,
    cancel_reason     TEXT,
    payment_status    TEXT NOT NULL DEFAULT 'unpaid'
                          CHECK (payment_status IN ('unpaid', 'paid', 'refunded')),
    payment_amount    INTEGER,
    payment_currency  TEXT NOT NULL,
    payment_method    TEXT,
    payment_reference TEXT,
    idempotency_key   TEXT UNIQUE,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

INSERT INTO bookings_new SELECT * FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
-- A slot's bookings (capacity, duplicates).
CREATE INDEX bookings_slot ON bookings (time_slot_id, date);
-- A resource's bookings near a time (one thing at a time, availability), covering.
CREATE INDEX bookings_resource_time ON bookings (resource_id, starts_at, ends_at, status,
    hold_expires_at, participants, time_slot_id, date, customer_id);
-- A day's bookings, in time order (lists).
CREATE INDEX bookings_date ON bookings (date, starts_at);
CREATE INDEX bookings_customer ON bookings (customer_id);
-- Lists without a date: all bookings in time order, or one status in time order.
CREATE INDEX bookings_starts_at ON bookings (starts_at);
CREATE INDEX bookings_status ON bookings (status, date, starts_at);
-- Holds waiting to lapse (the sweep).
CREATE INDEX bookings_held ON bookings (hold_expires_at) WHERE status = 'held';

-- Start after every id ever used, deleted ones included (their events remain).
DELETE FROM sqlite_sequence WHERE name = 'bookings';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'bookings', max(coalesce((SELECT max(id) FROM bookings), 0),
                       coalesce((SELECT max(booking_id) FROM events), 0));
