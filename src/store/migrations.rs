//! Schema migrations (`sql/NNN_*.sql`), applied in order on open with
//! `rusqlite_migration`; a database written by a newer slotdesk is refused.

use super::error::{Result, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{Error, M, MigrationDefinitionError, Migrations};

/// Every migration, oldest first, and whether it is followed by a foreign
/// key check (one that rebuilds a table); the schema version is their
/// count.
const MIGRATIONS: [(&str, bool); 22] = [
    (include_str!("sql/001_init.sql"), false),
    (include_str!("sql/002_booking_ids_never_reused.sql"), true),
    (include_str!("sql/003_events_append_only.sql"), false),
    (
        include_str!("sql/004_journal_origin_staff_changes.sql"),
        false,
    ),
    (include_str!("sql/005_staff.sql"), false),
    (include_str!("sql/006_customer_search.sql"), false),
    (include_str!("sql/007_journal_filters.sql"), false),
    (include_str!("sql/008_customer_ids_never_reused.sql"), true),
    (include_str!("sql/009_booking_attention.sql"), false),
    (
        include_str!("sql/010_idempotency_keys_booking_window.sql"),
        false,
    ),
    (include_str!("sql/011_service_short_names.sql"), false),
    (include_str!("sql/012_booking_list_orders.sql"), false),
    (include_str!("sql/013_waitlist.sql"), false),
    (include_str!("sql/014_walk_ins.sql"), false),
    (include_str!("sql/015_desk_closures_and_takings.sql"), true),
    (include_str!("sql/016_reminders.sql"), false),
    (include_str!("sql/017_series.sql"), false),
    (include_str!("sql/018_outbox.sql"), false),
    (
        include_str!("sql/019_choices_and_payment_option.sql"),
        false,
    ),
    (include_str!("sql/020_approval.sql"), true),
    (include_str!("sql/021_courses.sql"), false),
    (include_str!("sql/022_imports.sql"), false),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .map(|(sql, check)| {
                let m = M::up(sql);
                if *check { m.foreign_key_check() } else { m }
            })
            .collect(),
    )
}

/// The schema version this slotdesk writes: the number of migrations.
pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

/// Brings `conn` to the latest schema with foreign keys off (a migration
/// that rebuilds a table must not cascade its drop), leaving them off; the
/// caller turns them on.
/// Errors: [`StoreError::Schema`] when the file was written by a newer
/// slotdesk or a migration fails.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    // The bundled SQLite turns foreign keys on by default; the pragma is
    // ignored inside a transaction, so it is set here, before any.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    match migrations().to_latest(conn) {
        Ok(()) => Ok(()),
        Err(Error::MigrationDefinition(MigrationDefinitionError::DatabaseTooFarAhead)) => {
            let found: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap_or(-1);
            Err(StoreError::Schema(format!(
                "this database was written by a newer slotdesk (schema version {found}; \
                 this slotdesk knows up to {}): upgrade slotdesk to open it",
                latest_version()
            )))
        }
        Err(e) => Err(StoreError::Schema(format!(
            "cannot migrate the database: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_counted() {
        migrations().validate().unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest_version() as i64);
    }

    /// A version-1 file with two bookings (the second deleted, its event
    /// kept) and an answer on the first.
    fn version_one_database() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        Migrations::new(vec![M::up(include_str!("sql/001_init.sql"))])
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO location VALUES (1, 'Studio', 'Europe/London', 'GB', 'GBP');
             INSERT INTO resources (id, key, name, kind) VALUES (1, 'ana', 'Ana', 'staff');
             INSERT INTO services (id, key, name, duration_minutes, capacity, hold_minutes, price, currency)
                 VALUES (1, 'physio', 'Physio', 45, 1, 15, 5500, 'GBP');
             INSERT INTO time_slots (id, service_id, resource_id, weekday, starts_local, ends_local,
                     capacity, valid_from, valid_until)
                 VALUES (1, 1, 1, 0, '09:00', '09:45', 1, '2026-01-01', '2026-12-31');
             INSERT INTO bookings (id, service_id, time_slot_id, resource_id, date, starts_at, ends_at,
                     participants, status, payment_currency, created_at, updated_at)
                 VALUES (1, 1, 1, 1, '2026-06-01', 0, 2700, 1, 'confirmed', 'GBP', 0, 0),
                        (2, 1, 1, 1, '2026-06-08', 604800, 607500, 1, 'confirmed', 'GBP', 0, 0);
             INSERT INTO booking_answers VALUES (1, 0, 'Area', 'Left knee');
             INSERT INTO customers (id, first_name, last_name, email, phone, created_at, updated_at)
                 VALUES (1, 'Ada', 'Lovelace', 'ada@example.com', '+442079460018', 0, 0);
             DELETE FROM bookings WHERE id = 2;
             INSERT INTO events (at, kind, booking_id, customer_id, data)
                 VALUES (0, 'booking.deleted', 2, NULL, '{}');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn version_two_keeps_every_row_and_never_reuses_a_deleted_id() {
        let mut conn = version_one_database();
        migrate(&mut conn).unwrap();
        let answers: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM booking_answers WHERE booking_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(answers, 1, "the rebuild must not cascade to answers");
        conn.execute(
            "INSERT INTO bookings (service_id, time_slot_id, resource_id, date, starts_at, ends_at,
                 participants, status, payment_currency, created_at, updated_at)
             VALUES (1, 1, 1, '2026-06-15', 1209600, 1212300, 1, 'confirmed', 'GBP', 0, 0)",
            [],
        )
        .unwrap();
        assert_eq!(
            conn.last_insert_rowid(),
            3,
            "id 2 belongs to a deleted booking"
        );
        let indexes: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bookings'
                   AND sql IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            indexes,
            7 + 2 + 1 + 1 + 1,
            "every index of version 1 is rebuilt (version 12 adds two, 16 one, 17 one, 20 one)"
        );
    }

    #[test]
    fn keys_stored_on_bookings_become_idempotency_keys_and_services_get_a_booking_window() {
        let mut conn = version_one_database();
        conn.execute(
            "UPDATE bookings SET idempotency_key = 'desk-1' WHERE id = 1",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let key: (String, Option<String>, i64) = conn
            .query_row(
                "SELECT operation, fingerprint, booking_id FROM idempotency_keys WHERE key = 'desk-1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(key, ("create".to_owned(), None, 1));
        let window: (i64, i64) = conn
            .query_row(
                "SELECT horizon_days, min_notice_minutes FROM services WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(window, (365, 0));
    }

    #[test]
    fn version_eleven_leaves_services_without_a_short_name_and_refuses_an_overlong_one() {
        let mut conn = version_one_database();
        migrate(&mut conn).unwrap();
        let short: Option<String> = conn
            .query_row("SELECT short_name FROM services WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(short, None);
        let set =
            |short: &str| conn.execute("UPDATE services SET short_name = ?1 WHERE id = 1", [short]);
        assert!(set("理学療法評価理学療法評価").is_ok(), "12 characters");
        assert!(set("abcdefghijklm").is_err(), "13 characters");
        assert!(set("").is_err(), "empty");
    }

    #[test]
    fn closures_on_file_become_the_catalogs_and_their_ids_are_never_reused() {
        let mut conn = version_one_database();
        conn.execute_batch(
            "INSERT INTO closures (id, resource_id, from_date, until_date, reason)
                 VALUES (1, 1, '2026-06-01', '2026-06-02', 'Training'),
                        (2, NULL, '2026-12-25', '2026-12-25', 'Christmas');
             DELETE FROM closures WHERE id = 2;",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let kept: (i64, String, String, Option<i64>) = conn
            .query_row(
                "SELECT id, reason, origin, starts_minute FROM closures",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(kept, (1, "Training".to_owned(), "catalog".to_owned(), None));
        conn.execute(
            "INSERT INTO closures (from_date, until_date, reason, origin) VALUES ('2026-07-01', '2026-07-01', 'x', 'desk')",
            [],
        )
        .unwrap();
        let next = conn.last_insert_rowid();
        conn.execute("DELETE FROM closures WHERE id = ?1", [next])
            .unwrap();
        conn.execute(
            "INSERT INTO closures (from_date, until_date, reason, origin) VALUES ('2026-07-01', '2026-07-01', 'y', 'desk')",
            [],
        )
        .unwrap();
        assert_eq!(
            conn.last_insert_rowid(),
            next + 1,
            "a removed closure's id stays its own"
        );
        // Part-day hours only on one date, the end after the start.
        let part = |from: &str, until: &str, start: i64, end: i64| {
            conn.execute(
                "INSERT INTO closures (from_date, until_date, reason, origin, starts_minute, ends_minute)
                 VALUES (?1, ?2, 'z', 'desk', ?3, ?4)",
                rusqlite::params![from, until, start, end],
            )
        };
        assert!(part("2026-07-02", "2026-07-02", 660, 1080).is_ok());
        assert!(part("2026-07-02", "2026-07-03", 660, 1080).is_err());
        assert!(part("2026-07-02", "2026-07-02", 1080, 660).is_err());
    }

    #[test]
    fn version_six_makes_customers_already_on_file_searchable() {
        let mut conn = version_one_database();
        migrate(&mut conn).unwrap();
        let found = |query: &str| -> i64 {
            conn.query_row(
                "SELECT COUNT(*) FROM customers_search WHERE customers_search MATCH ?1",
                [query],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(found("\"velac\""), 1);
        assert_eq!(found("phone : \"7946001\""), 1);
        assert_eq!(found("\"babbage\""), 0);
    }
}
