-- The catalog's stamp: a number that changes, in the changing transaction,
-- with every change to what a booking is checked against (the location,
-- resources, services, their questions and add-ons, time slots, closures). A
-- connection keeps what it read of the catalog beside the stamp it read it
-- at, and reads it again only when the stamp differs, so a hold is a few
-- round trips to the server instead of a dozen.
-- Random, not counted: a database restored from an older dump never shows
-- a connection a number it already saw for a different catalog.
CREATE TABLE catalog_stamp (
    one   BIGINT PRIMARY KEY DEFAULT 1 CHECK (one = 1),
    stamp BIGINT NOT NULL
);
INSERT INTO catalog_stamp (one, stamp) VALUES (1, 0);

CREATE FUNCTION catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_stamp SET stamp = floor(random() * 9.0e18)::bigint;
    RETURN NULL;
END $$;

CREATE TRIGGER location_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON location
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER resources_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resources
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER services_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER service_questions_stamp
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_questions
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER add_ons_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON add_ons
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER time_slots_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON time_slots
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER closures_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closures
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
