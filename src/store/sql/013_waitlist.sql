-- slotdesk schema, version 13: the waitlist (Wix WAITING_LIST). One row
-- per customer waiting on one slot (time slot + local date), in the order
-- they joined (the id; AUTOINCREMENT, so ids are never reused). When a seat
-- frees, the store holds it in the first fitting customer's name (the
-- offer, `offer_booking_id`) in the same transaction. Instants are UTC Unix
-- seconds.
CREATE TABLE waitlist (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    time_slot_id     INTEGER NOT NULL REFERENCES time_slots(id),
    date             TEXT NOT NULL,
    customer_id      INTEGER NOT NULL REFERENCES customers(id),
    participants     INTEGER NOT NULL CHECK (participants >= 1),
    status           TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted',
                         'lapsed', 'declined', 'left', 'booked')),
    -- The offer's hold; NULL once a manager deletes that booking.
    offer_booking_id INTEGER REFERENCES bookings(id) ON DELETE SET NULL,
    joined_at        INTEGER NOT NULL,
    -- The highest booking id when they joined (ids are never reused): a
    -- booking with a higher one was made while they waited.
    bookings_before  INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL
);
-- A slot's open queue, in order (the offer pass, the slot panel).
CREATE INDEX waitlist_open ON waitlist (time_slot_id, date, id)
    WHERE status IN ('waiting', 'offered');
-- Open entries by day (every write's pass looks only at days not yet over).
CREATE INDEX waitlist_open_days ON waitlist (date) WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_customer ON waitlist (customer_id);
