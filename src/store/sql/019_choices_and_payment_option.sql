-- slotdesk schema: participant choices (Wix `participantsChoices`) and the
-- payment option chosen at booking (Wix `selectedPaymentOption`).
--
-- A service's price tiers are a JSON list `[{key, name, price}]` (price in
-- minor units); a booking's counts are a JSON list
-- `[{key, name, count, price}]` at the tiers' prices when booked (empty: a
-- booking without tiers). The payment option is how the customer plans to
-- pay; the payment itself may still use another method.
ALTER TABLE services ADD COLUMN choices TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(choices) AND json_type(choices) = 'array');
ALTER TABLE bookings ADD COLUMN choices TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(choices) AND json_type(choices) = 'array');
ALTER TABLE bookings ADD COLUMN payment_option TEXT
    CHECK (payment_option IN ('desk', 'online', 'voucher', 'membership'));
