-- slotdesk schema, version 1. Instants are UTC Unix seconds (INTEGER);
-- dates are local `YYYY-MM-DD`; money is minor units (INTEGER).

CREATE TABLE location (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    name         TEXT NOT NULL,
    time_zone    TEXT NOT NULL,
    phone_region TEXT NOT NULL,
    currency     TEXT NOT NULL
);

CREATE TABLE resources (
    id     INTEGER PRIMARY KEY,
    key    TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE services (
    id                      INTEGER PRIMARY KEY,
    key                     TEXT NOT NULL UNIQUE,
    name                    TEXT NOT NULL,
    duration_minutes        INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    capacity                INTEGER NOT NULL CHECK (capacity >= 1),
    hold_minutes            INTEGER NOT NULL CHECK (hold_minutes >= 1),
    price                   INTEGER NOT NULL CHECK (price >= 0),
    currency                TEXT NOT NULL,
    require_email_and_phone INTEGER NOT NULL DEFAULT 0,
    active                  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE service_questions (
    service_id INTEGER NOT NULL REFERENCES services(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    required   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, position)
);

CREATE TABLE add_ons (
    id         INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services(id),
    name       TEXT NOT NULL,
    price      INTEGER NOT NULL CHECK (price >= 0),
    active     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (service_id, name)
);

CREATE TABLE time_slots (
    id           INTEGER PRIMARY KEY,
    service_id   INTEGER NOT NULL REFERENCES services(id),
    resource_id  INTEGER NOT NULL REFERENCES resources(id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Monday
    starts_local TEXT NOT NULL,                                    -- HH:MM
    ends_local   TEXT NOT NULL,
    capacity     INTEGER NOT NULL CHECK (capacity >= 1),
    valid_from   TEXT NOT NULL,
    valid_until  TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (service_id, resource_id, weekday, starts_local, valid_from)
);
CREATE INDEX time_slots_resource ON time_slots (resource_id);

CREATE TABLE closures (
    id          INTEGER PRIMARY KEY,
    resource_id INTEGER REFERENCES resources(id), -- NULL: the whole location
    from_date   TEXT NOT NULL,
    until_date  TEXT NOT NULL,
    reason      TEXT NOT NULL
);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name  TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX customers_email ON customers (email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX customers_phone ON customers (phone) WHERE phone IS NOT NULL;

CREATE TABLE bookings (
    id                INTEGER PRIMARY KEY,
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
-- A slot's bookings (rules 1 and 3).
CREATE INDEX bookings_slot ON bookings (time_slot_id, date);
-- A resource's bookings near a time (rule 2, availability), covering.
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

CREATE TABLE booking_answers (
    booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (booking_id, position)
);

CREATE TABLE booking_add_ons (
    booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
    add_on_id  INTEGER NOT NULL REFERENCES add_ons(id),
    name       TEXT NOT NULL,
    price      INTEGER NOT NULL,
    PRIMARY KEY (booking_id, add_on_id)
);

-- Append-only: no foreign keys, so a deleted booking keeps its history.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    booking_id  INTEGER,
    customer_id INTEGER,
    data        TEXT NOT NULL
);
CREATE INDEX events_booking ON events (booking_id);
