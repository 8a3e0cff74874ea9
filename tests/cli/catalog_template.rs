//! `slotdesk catalog template`: the starter catalog (and with `--demo` the
//! demo studio's) comes from the binary itself, needs no database, and
//! applies as printed to a fresh one.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at};
use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    slotdesk_at(db, CLI_NOW).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn asset(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_starter_catalog_prints_without_a_database_and_applies_to_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.db");
    let printed = ok(&db, &["catalog", "template"]);
    assert_eq!(printed, asset("assets/catalog-template.toml"));
    assert!(!db.exists(), "printing the template created the database");
    // As a new user would: redirect it to a file, then apply the file.
    let file = dir.path().join("my-clinic.toml");
    std::fs::write(&file, &printed).unwrap();
    let init = ok(&db, &["init"]);
    assert!(
        init.contains("slotdesk catalog template > my-clinic.toml")
            && init.contains(&format!(
                "slotdesk --db {} catalog apply my-clinic.toml",
                db.display()
            )),
        "{init}"
    );
    let applied = ok(&db, &["catalog", "apply", file.to_str().unwrap()]);
    assert!(
        applied.contains(" added") && !applied.contains(" 0 added"),
        "{applied}"
    );
    let services = ok(&db, &["services"]);
    assert!(
        services.contains("Consultation") && services.contains("Group session"),
        "{services}"
    );
    // Applying it again changes nothing.
    let again = ok(&db, &["catalog", "apply", file.to_str().unwrap()]);
    assert!(again.contains("nothing changed"), "{again}");
}

#[test]
fn the_demo_catalog_comes_from_the_binary_and_applies_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let printed = ok(&db, &["catalog", "template", "--demo"]);
    assert_eq!(printed, asset("assets/demo/catalog.toml"));
    let file = dir.path().join("demo.toml");
    std::fs::write(&file, &printed).unwrap();
    ok(&db, &["init"]);
    ok(&db, &["catalog", "apply", file.to_str().unwrap()]);
    let services = ok(&db, &["services"]);
    assert!(services.contains("Reformer Pilates"), "{services}");
}

#[test]
fn the_help_names_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let help = ok(&dir.path().join("x.db"), &["catalog", "--help"]);
    assert!(help.contains("template"), "{help}");
}
