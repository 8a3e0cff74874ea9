-- slotdesk schema, version 4: every event says where it came from (desk,
-- cli, import), who did it (a staff member's name as it was then), and for
-- a change to something that existed, what changed (JSON: field, before,
-- after). Events from before this version have none of these (NULL).

ALTER TABLE events ADD COLUMN origin TEXT CHECK (origin IN ('desk', 'cli', 'import'));
ALTER TABLE events ADD COLUMN staff TEXT;
ALTER TABLE events ADD COLUMN changes TEXT;
