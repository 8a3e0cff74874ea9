-- slotdesk schema, version 3: the journal is append-only. An event can be
-- written, never changed or removed, by slotdesk or by anything else that
-- opens the file.

CREATE TRIGGER events_are_never_changed BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed');
END;

CREATE TRIGGER events_are_never_removed BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: an event cannot be removed');
END;
