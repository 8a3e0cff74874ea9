-- The claims a hold and the slots read come from this index alone: it now
-- carries the booking's id too (SQLite's indexes carry the row id), so the
-- server answers from the index without visiting each booking's row.
DROP INDEX bookings_resource_time;
CREATE INDEX bookings_resource_time ON bookings (resource_id, starts_at, ends_at, status,
    hold_expires_at, participants, time_slot_id, date, customer_id) INCLUDE (id);
