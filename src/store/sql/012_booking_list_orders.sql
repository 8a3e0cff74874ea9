-- slotdesk schema, version 12: the bookings list's newest-first order and
-- its count of released and expired holds, each served by an index.
--
-- Newest first (by when each booking was made) across every date; the
-- rowid after `created_at` breaks ties in the same order either way.
CREATE INDEX bookings_created ON bookings (created_at);
-- Released and expired holds (lapsed, or cancelled before anyone was named
-- on them), by day: the list leaves them out and says how many, counted
-- from this index alone (status and customer are in it so that SQLite need
-- not read the table to check the condition). Its condition is the store's
-- `LAPSED`, word for word.
CREATE INDEX bookings_lapsed ON bookings (date, starts_at, status, customer_id)
    WHERE status = 'expired' OR (status = 'cancelled' AND customer_id IS NULL);
