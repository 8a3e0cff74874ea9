-- slotdesk schema, version 5: staff. A name (unique in any case), a role,
-- and a PIN kept only as an argon2 hash. Removing someone marks them
-- inactive, so the journal's names still mean someone.

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role       TEXT NOT NULL CHECK (role IN ('clerk', 'manager')),
    pin_hash   TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
