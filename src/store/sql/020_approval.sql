-- slotdesk schema: approval (Wix `CREATED`, Cal.com "requires
-- confirmation"). A service may take requests: its new bookings are
-- `requested`, hold no capacity, and become `confirmed` when the desk
-- approves them (capacity re-checked then) or `declined` with a reason.
-- The bookings table is rebuilt for the new status (a CHECK cannot be
-- altered); runs with foreign keys off (answers, add-ons, attention and
-- waitlist rows keep their booking ids) and is checked with
-- foreign_key_check afterwards.
ALTER TABLE services ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0
    CHECK (requires_approval IN (0, 1));

CREATE TABLE bookings_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id        INTEGER NOT NULL REFERENCES services(id),
    time_slot_id      INTEGER NOT NULL REFERENCES time_slots(id),
    resource_id       INTEGER NOT NULL REFERENCES resources(id),
    date              TEXT NOT NULL,
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    participants      INTEGER NOT NULL CHECK (participants >= 1),
    status            TEXT NOT NULL CHECK (status IN ('held', 'requested', 'pending',
                          'confirmed', 'checked_in', 'completed', 'cancelled', 'declined',
                          'expired', 'no_show')),
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
    updated_at        INTEGER NOT NULL,
    walk_in           INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    notify            TEXT,
    reminded_for      INTEGER,
    choices           TEXT NOT NULL DEFAULT '[]'
                          CHECK (json_valid(choices) AND json_type(choices) = 'array'),
    payment_option    TEXT
                          CHECK (payment_option IN ('desk', 'online', 'voucher', 'membership')),
    series_id         INTEGER REFERENCES series (id),
    series_position   INTEGER,
    -- Why a request (or a pending booking) was declined.
    decline_reason    TEXT
);
INSERT INTO bookings_new (id, service_id, time_slot_id, resource_id, date, starts_at, ends_at,
        participants, status, hold_expires_at, customer_id, message, cancel_reason,
        payment_status, payment_amount, payment_currency, payment_method, payment_reference,
        idempotency_key, created_at, updated_at, walk_in, notify, reminded_for, choices,
        payment_option, series_id, series_position)
    SELECT id, service_id, time_slot_id, resource_id, date, starts_at, ends_at,
        participants, status, hold_expires_at, customer_id, message, cancel_reason,
        payment_status, payment_amount, payment_currency, payment_method, payment_reference,
        idempotency_key, created_at, updated_at, walk_in, notify, reminded_for, choices,
        payment_option, series_id, series_position
    FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;

CREATE INDEX bookings_slot ON bookings (time_slot_id, date);
CREATE INDEX bookings_resource_time ON bookings (resource_id, starts_at, ends_at, status,
    hold_expires_at, participants, time_slot_id, date, customer_id);
CREATE INDEX bookings_date ON bookings (date, starts_at);
CREATE INDEX bookings_customer ON bookings (customer_id);
CREATE INDEX bookings_starts_at ON bookings (starts_at);
CREATE INDEX bookings_status ON bookings (status, date, starts_at);
CREATE INDEX bookings_held ON bookings (hold_expires_at) WHERE status = 'held';
CREATE INDEX bookings_created ON bookings (created_at);
CREATE INDEX bookings_lapsed ON bookings (date, starts_at, status, customer_id)
    WHERE status = 'expired' OR (status = 'cancelled' AND customer_id IS NULL);
CREATE INDEX bookings_reminders ON bookings (starts_at)
    WHERE status IN ('pending', 'confirmed');
CREATE INDEX bookings_series ON bookings (series_id, series_position)
    WHERE series_id IS NOT NULL;
-- The requests waiting for the desk, in start order.
CREATE INDEX bookings_requested ON bookings (starts_at) WHERE status = 'requested';

-- Ids are never reused: start after every id ever used, deleted ones
-- included (their events remain).
DELETE FROM sqlite_sequence WHERE name = 'bookings';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'bookings', max(coalesce((SELECT max(id) FROM bookings), 0),
                       coalesce((SELECT max(booking_id) FROM events), 0));
