-- slotdesk schema: reminders (Wix's SMS reminder before a session) and the
-- message the clerk writes for the customer at booking (Wix
-- `participantNotification.message`).
--
-- A service reminds its bookings `reminder_hours` before they start (0:
-- never). A booking keeps `notify`, the text its reminder carries, and
-- `reminded_for`, the start (UTC Unix seconds) the reminder was sent for:
-- a booking moved to another time after being reminded is due again.
ALTER TABLE services ADD COLUMN reminder_hours INTEGER NOT NULL DEFAULT 24
    CHECK (reminder_hours BETWEEN 0 AND 720);
ALTER TABLE bookings ADD COLUMN notify TEXT;
ALTER TABLE bookings ADD COLUMN reminded_for INTEGER;

-- The bookings that may be due a reminder, in start order.
CREATE INDEX bookings_reminders ON bookings (starts_at)
    WHERE status IN ('pending', 'confirmed');
