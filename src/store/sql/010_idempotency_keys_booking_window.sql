-- slotdesk schema: idempotency keys for every write that takes one, and each
-- service's booking window.
--
-- A key names one request: its operation (`hold`, `book`, `confirm`, `pay`,
-- `cancel`), a fingerprint of what was asked (canonical JSON) and the
-- booking it made or changed. The same request again returns that booking;
-- a different request under the same key is refused. Keys stored before
-- this version (on `bookings.idempotency_key`, holds and bookings) have no
-- fingerprint: operation `create`, matching a hold or a book as before.
CREATE TABLE idempotency_keys (
    key         TEXT PRIMARY KEY,
    operation   TEXT NOT NULL
                    CHECK (operation IN ('create', 'hold', 'book', 'confirm', 'pay', 'cancel')),
    fingerprint TEXT,
    booking_id  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
INSERT INTO idempotency_keys (key, operation, fingerprint, booking_id, created_at)
    SELECT idempotency_key, 'create', NULL, id, created_at FROM bookings
    WHERE idempotency_key IS NOT NULL;

-- How far ahead a service's slots may be booked (days) and how soon before
-- a slot starts (minutes).
ALTER TABLE services ADD COLUMN horizon_days INTEGER NOT NULL DEFAULT 365
    CHECK (horizon_days BETWEEN 1 AND 3660);
ALTER TABLE services ADD COLUMN min_notice_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (min_notice_minutes BETWEEN 0 AND 525600);
