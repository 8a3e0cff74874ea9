-- A service's short name for narrow columns (the catalog file's
-- `short_name`, 1 to 12 characters; NULL: the desk abbreviates the name).
-- Its uniqueness among services is the catalog file's rule, checked before
-- an apply: a retired service may keep a short name a new one takes.
ALTER TABLE services ADD COLUMN short_name TEXT
    CHECK (short_name IS NULL OR length(short_name) BETWEEN 1 AND 12);
