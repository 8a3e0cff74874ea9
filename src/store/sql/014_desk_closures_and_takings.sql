-- slotdesk schema: a day's takings (payments, refunds, voided payments and
-- the cash-up sign-offs) read from the journal by kind and instant, without
-- reading every event.

CREATE INDEX events_money ON events (kind, at)
    WHERE kind IN ('booking.paid', 'booking.refunded', 'booking.undone', 'takings.signed_off');
