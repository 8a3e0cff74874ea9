-- Bookings a manager's forced catalog change left stranded (a removed slot,
-- service or resource, a capacity below the seats sold, a closure over the
-- day, another time zone): listed on the desk until each is moved or
-- cancelled; the store clears the mark in that write's transaction.
CREATE TABLE booking_attention (
    booking_id INTEGER PRIMARY KEY REFERENCES bookings(id) ON DELETE CASCADE,
    why        TEXT NOT NULL,    -- the reasons' words, `; ` between them
    marked_at  INTEGER NOT NULL  -- UTC Unix seconds
);
