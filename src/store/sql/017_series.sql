-- slotdesk schema: series. Several slots booked for one customer in one
-- step are linked by a series: `weekly` (the same time every
-- `every_weeks` weeks) or `course` (a course's fixed sessions, Wix "book
-- the entire course"). `size` is how many slots were asked for; each
-- booking keeps its 1-based `series_position` among them, so a partial
-- series reads "week 3 of 6" even when week 2 was refused.
--
-- A series request's idempotency key and fingerprint are kept here (the
-- same key again returns the same series), with the slots it could not
-- book (`refused`, JSON `[{position, slot, reason}]`).
CREATE TABLE series (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind IN ('weekly', 'course')),
    every_weeks     INTEGER CHECK (every_weeks IS NULL OR every_weeks BETWEEN 1 AND 2),
    size            INTEGER NOT NULL CHECK (size >= 1),
    idempotency_key TEXT UNIQUE,
    fingerprint     TEXT,
    refused         TEXT NOT NULL DEFAULT '[]',
    created_at      INTEGER NOT NULL
);
ALTER TABLE bookings ADD COLUMN series_id INTEGER REFERENCES series (id);
ALTER TABLE bookings ADD COLUMN series_position INTEGER;

-- A series' bookings in order.
CREATE INDEX bookings_series ON bookings (series_id, series_position)
    WHERE series_id IS NOT NULL;
