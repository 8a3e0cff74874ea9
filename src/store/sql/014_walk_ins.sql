-- slotdesk schema: walk-ins. A booking made at the desk for someone
-- standing there is marked, so the run sheet can count walk-ins; it is
-- checked in as it is made.
ALTER TABLE bookings ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1));
