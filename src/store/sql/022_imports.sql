-- slotdesk schema: imports (`slotdesk import`).
--
-- `import_keys` remembers what each imported row became, by the row's own
-- key (an iCalendar UID and occurrence start, a CSV id column, or start +
-- end + summary when the file gives no id), so importing the same file
-- again changes nothing. One key names one booking, customer or closure.
CREATE TABLE import_keys (
    key         TEXT PRIMARY KEY,
    booking_id  INTEGER,
    customer_id INTEGER,
    closure_id  INTEGER,
    at          INTEGER NOT NULL,
    CHECK ((booking_id IS NOT NULL) + (customer_id IS NOT NULL) + (closure_id IS NOT NULL) = 1)
) WITHOUT ROWID;
CREATE INDEX import_keys_booking ON import_keys (booking_id) WHERE booking_id IS NOT NULL;

-- A time slot made by an import for an appointment at a time the catalog
-- does not offer (a one-off time slot on that date): a catalog apply keeps
-- it, since no catalog file lists it.
ALTER TABLE time_slots ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
