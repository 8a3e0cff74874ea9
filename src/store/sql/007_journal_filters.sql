-- slotdesk schema, version 7: the journal read by customer and by staff
-- member (Activity's filters, `events --customer/--staff`), newest first,
-- without reading every event. (By booking uses `events_booking`.)

CREATE INDEX events_customer ON events (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX events_staff ON events (staff COLLATE NOCASE) WHERE staff IS NOT NULL;
