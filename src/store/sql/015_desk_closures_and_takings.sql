-- slotdesk schema: closures made at the desk, and a day's takings.
--
-- Closures gain where they came from (`catalog`: replaced by each catalog
-- apply; `desk`: kept until reopened) and, for part of one day, local start
-- and end minutes (0 = midnight); their ids are never reused, so
-- `closure remove ID` never removes a later one.
CREATE TABLE closures_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id   INTEGER REFERENCES resources(id), -- NULL: the whole location
    from_date     TEXT NOT NULL,
    until_date    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    origin        TEXT NOT NULL DEFAULT 'catalog' CHECK (origin IN ('catalog', 'desk')),
    starts_minute INTEGER CHECK (starts_minute BETWEEN 0 AND 1439),
    ends_minute   INTEGER CHECK (ends_minute BETWEEN 1 AND 1439),
    created_at    INTEGER,                          -- UTC Unix seconds; NULL for older rows
    CHECK (until_date >= from_date),
    CHECK ((starts_minute IS NULL) = (ends_minute IS NULL)),
    CHECK (starts_minute IS NULL OR (from_date = until_date AND starts_minute < ends_minute))
);
INSERT INTO closures_new (id, resource_id, from_date, until_date, reason)
    SELECT id, resource_id, from_date, until_date, reason FROM closures;
DROP TABLE closures;
ALTER TABLE closures_new RENAME TO closures;
CREATE INDEX closures_dates ON closures (from_date, until_date);

-- A day's takings (payments, refunds, voided payments and the cash-up
-- sign-offs) read from the journal by kind and instant, without reading
-- every event.
CREATE INDEX events_money ON events (kind, at)
    WHERE kind IN ('booking.paid', 'booking.refunded', 'booking.undone', 'takings.signed_off');
