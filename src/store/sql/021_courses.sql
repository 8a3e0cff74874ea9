-- slotdesk schema: courses (Wix "book the entire course").
--
-- A service's `kind`: 'standard' (its time slots booked one at a time) or
-- 'course', whose sessions are its one-off time slots (valid_from =
-- valid_until, the session's date) on one resource, booked together: one
-- booking row per session, linked by a series of kind 'course'.
ALTER TABLE services ADD COLUMN kind TEXT NOT NULL DEFAULT 'standard'
    CHECK (kind IN ('standard', 'course'));
