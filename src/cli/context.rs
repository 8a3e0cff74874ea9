//! What every command needs: the open store, the clock, and where the
//! database lives.

use super::CliResult;
use super::staff_cmds::read_pin;
use crate::clock::Clock;
use crate::data_dir::default_db_path;
use crate::domain::catalog::Location;
use crate::domain::typed_date::{DateOrder, parse_date};
use crate::domain::{Actor, BookingError, Origin, Role, StaffMember};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::Path;

/// What a command may do to the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read only: a missing, empty or refused database is left untouched.
    Read,
    /// Read and write an existing database.
    Write,
    /// `init`: create the database when it is missing.
    Create,
}

/// The open store and the instant the command runs at.
pub struct Context {
    pub store: Store,
    /// When the command runs (UTC).
    pub now: DateTime<Utc>,
    /// Who makes this command's changes, once the database has staff.
    pub signed_in: Option<StaffMember>,
}

impl Context {
    /// Opens the database at `db`, else `$SLOTDESK_DB` (already in `db` via
    /// clap), else the platform data dir, at the clock's `now`, as `access`
    /// allows.
    /// Errors: a malformed `$SLOTDESK_NOW`; the store's open errors.
    pub fn open(db: Option<&Path>, access: Access) -> CliResult<Self> {
        let now = Clock::from_env()?.now();
        let path = match db {
            Some(p) => p.to_owned(),
            None => default_db_path(),
        };
        let mut store = match access {
            Access::Read => Store::open_read(&path)?,
            Access::Write => Store::open(&path)?,
            Access::Create => Store::create(&path)?,
        };
        store.act_as(&Actor {
            origin: Origin::Cli,
            staff: None,
        })?;
        Ok(Self {
            store,
            now,
            signed_in: None,
        })
    }

    /// Signs the command's writer in when the database has staff: `staff`
    /// (from `--staff` or `$SLOTDESK_STAFF`) with the PIN from
    /// `$SLOTDESK_PIN`, else a prompt; its changes then carry that name.
    /// With no staff, nothing is asked (one anonymous user).
    /// Errors: `sign in first`, `wrong name or PIN`.
    pub fn sign_in(&mut self, staff: Option<&str>) -> CliResult {
        if !self.store.has_staff()? {
            return Ok(());
        }
        let name = staff.ok_or(BookingError::SignInNeeded)?;
        let pin = read_pin("SLOTDESK_PIN", &format!("PIN for {name}: "))?;
        let member = self.store.sign_in(name, &pin)?;
        self.store.act_as(&Actor {
            origin: Origin::Cli,
            staff: Some(member.name.clone()),
        })?;
        self.signed_in = Some(member);
        Ok(())
    }

    /// The role a manager-only command runs with: the signed-in member's
    /// once staff exist; else, with no staff, `--as-manager`'s say-so (no
    /// staff yet, so the first added is allowed either way).
    pub fn role(&self, as_manager: bool) -> Role {
        match &self.signed_in {
            Some(m) => m.role,
            None if as_manager => Role::Manager,
            None => Role::Clerk,
        }
    }

    /// The id of the resource `name` names (id, key or name), if one is
    /// given. Errors: `resource not found`.
    pub fn resource_id(&self, name: Option<&str>) -> CliResult<Option<crate::domain::ResourceId>> {
        Ok(name
            .map(|r| self.store.find_resource(r))
            .transpose()?
            .map(|r| r.id))
    }

    /// The id of the service `name` names, if one is given. Errors:
    /// `service not found`.
    pub fn service_id(&self, name: Option<&str>) -> CliResult<Option<crate::domain::ServiceId>> {
        Ok(name
            .map(|s| self.store.find_service(s))
            .transpose()?
            .map(|s| s.id))
    }

    /// The location (errors before a catalog is applied).
    pub fn location(&self) -> CliResult<Location> {
        Ok(self.store.location()?)
    }

    /// Today at the location.
    pub fn today(&self) -> CliResult<NaiveDate> {
        Ok(self
            .now
            .with_timezone(&self.location()?.time_zone)
            .date_naive())
    }

    /// A date as people type it, as the desk reads it
    /// ([`parse_date`]): `2026-12-25`, `25/12` and `25/12/2026` in the
    /// location's date order, `today`, `tomorrow`, `mon`, `+7`, counted
    /// from the location's today. Errors: not a date (exit 5).
    pub fn date(&self, text: &str) -> CliResult<NaiveDate> {
        let order = DateOrder::of_region(&self.location()?.phone_region);
        Ok(parse_date(text, self.today()?, order)?)
    }
}
