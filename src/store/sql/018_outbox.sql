-- slotdesk schema: the outbox (ReserveKit and Boseat webhooks). Every event
-- is queued for delivery to the configured hooks by a trigger, in the
-- transaction that writes the event: a crash can neither lose a queued
-- event nor queue one that was never committed. Events written before this
-- version are not queued.
--
-- `outbox` holds only what is waiting (its rowid is the event id, so it is
-- the queue in event order and costs a few bytes an event); a row leaves
-- once every configured target has the event.
CREATE TABLE outbox (
    event_id INTEGER PRIMARY KEY
);

CREATE TRIGGER events_are_queued AFTER INSERT ON events
BEGIN
    INSERT INTO outbox (event_id) VALUES (NEW.id);
END;

-- One waiting event's delivery to one target (`command`, `url`): attempts
-- made, the next one not before `next_at` (UTC Unix seconds; NULL: now),
-- the last error, who holds it (a deliverer's lease, until `lease_until`)
-- and when it was delivered (kept until every target has it).
CREATE TABLE outbox_deliveries (
    event_id     INTEGER NOT NULL REFERENCES outbox (event_id) ON DELETE CASCADE,
    target       TEXT NOT NULL CHECK (target IN ('command', 'url')),
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_at      INTEGER,
    last_error   TEXT,
    lease_owner  TEXT,
    lease_until  INTEGER,
    delivered_at INTEGER,
    PRIMARY KEY (event_id, target)
) WITHOUT ROWID;

-- The failing deliveries, for the desk's status bar.
CREATE INDEX outbox_failing ON outbox_deliveries (target)
    WHERE delivered_at IS NULL AND last_error IS NOT NULL;

-- A target that keeps failing (a receiver offline) is left alone for its
-- backoff after its `failures`-th failure in a row: one attempt per wait,
-- not one per event. A success sets it back to 0; one event that fails
-- alone (the others go through) never holds the rest up for long.
CREATE TABLE outbox_targets (
    target   TEXT PRIMARY KEY CHECK (target IN ('command', 'url')),
    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    next_at  INTEGER
) WITHOUT ROWID;
