//! Staff: added, listed, removed, given a new PIN, and signed in. A PIN is
//! kept only as an argon2 hash. Staff changes are manager-only once staff
//! exist (the first member must be a manager), each with its event.

use super::Store;
use super::codec::{parsed, ts};
use super::error::{Result, StoreError};
use super::events::record;
use crate::domain::staff::{validate_pin, validate_staff_name};
use crate::domain::{BookingError, EventData, EventKind, Role, StaffId, StaffMember};
use crate::store::db::{self, Db, Optional, params};
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Utc};

const STAFF_SELECT: &str = "SELECT id, name, role, active FROM staff";

fn staff_row(r: &db::Row<'_>) -> db::Result<StaffMember> {
    Ok(StaffMember {
        id: StaffId(r.get(0)?),
        name: r.get(1)?,
        role: parsed(r, 2)?,
        active: r.get(3)?,
    })
}

/// The member named `name` (any case), active or not, and their PIN hash.
fn member(conn: &Db, name: &str) -> Result<Option<(StaffMember, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, name, role, active, pin_hash FROM staff WHERE name = ?1")?
        .query_row([name.trim()], |r| Ok((staff_row(r)?, r.get(4)?)))
        .optional()?)
}

/// The active member named `name` (any case).
/// Errors: no active member by that name.
fn active_member(conn: &Db, name: &str) -> Result<StaffMember> {
    member(conn, name)?
        .map(|(m, _)| m)
        .filter(|m| m.active)
        .ok_or_else(|| {
            BookingError::NotAllowed(format!("no active staff member is named {}", name.trim()))
                .into()
        })
}

/// The argon2 hash of `pin`, with a fresh salt.
fn hash(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Schema(format!("cannot hash a PIN: {e}")))
}

/// Whether `pin` is the one `stored` hashes.
fn verify(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &h)
            .is_ok()
    })
}

fn active_managers(conn: &Db) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM staff WHERE active = 1 AND role = 'manager'",
        (),
        |r| r.get(0),
    )?)
}

impl Store {
    /// Whether anyone is on the staff: then changes need a signed-in member.
    pub fn has_staff(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE active = 1)",
            (),
            |r| r.get(0),
        )?)
    }

    /// Every staff member, removed ones too, by name.
    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{STAFF_SELECT} ORDER BY name COLLATE NOCASE"))?;
        let rows = stmt.query_map((), staff_row)?;
        Ok(rows.collect::<db::Result<_>>()?)
    }

    /// Signs `name` in with `pin`. Errors: `wrong name or PIN` (the same for
    /// an unknown name, a removed member and a wrong PIN).
    pub fn sign_in(&self, name: &str, pin: &str) -> Result<StaffMember> {
        match member(&self.conn, name)? {
            Some((m, stored)) if m.active && verify(pin, &stored) => Ok(m),
            _ => Err(BookingError::SignIn.into()),
        }
    }

    /// Adds a member with a PIN (4 to 12 digits). The first must be a
    /// manager; after that only a manager (`by`) may add. Records
    /// `staff.added`. Errors: a name in use, a bad name or PIN, not a
    /// manager, the first not a manager.
    pub fn add_staff(
        &mut self,
        name: &str,
        role: Role,
        pin: &str,
        by: Role,
        now: DateTime<Utc>,
    ) -> Result<StaffMember> {
        let name = validate_staff_name(name)?;
        let pin_hash = hash(validate_pin(pin)?)?;
        self.write(now, |conn| {
            let first: bool =
                conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM staff)", (), |r| r.get(0))?;
            if first && role != Role::Manager {
                return Err(
                    BookingError::invalid("the first staff member must be a manager").into(),
                );
            }
            if !first && by != Role::Manager {
                return Err(BookingError::ManagerOnly("add staff").into());
            }
            if member(conn, &name)?.is_some() {
                return Err(
                    BookingError::NotAllowed(format!("{name} is already on the staff")).into(),
                );
            }
            conn.execute(
                "INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![name, role.as_str(), pin_hash, ts(now)],
            )?;
            let added = member(conn, &name)?.ok_or(BookingError::SignIn)?.0;
            record(
                conn,
                now,
                EventKind::StaffAdded,
                &EventData::Staff(added.clone()),
            )?;
            Ok(added)
        })
    }

    /// Removes a member (manager only): they can no longer sign in, and
    /// their name stays in the journal. The last manager stays. Records
    /// `staff.removed`.
    pub fn remove_staff(
        &mut self,
        name: &str,
        by: Role,
        now: DateTime<Utc>,
    ) -> Result<StaffMember> {
        if by != Role::Manager {
            return Err(BookingError::ManagerOnly("remove staff").into());
        }
        self.write(now, |conn| {
            let m = active_member(conn, name)?;
            if m.role == Role::Manager && active_managers(conn)? <= 1 {
                return Err(BookingError::NotAllowed(format!(
                    "{} is the last manager: add another manager first",
                    m.name
                ))
                .into());
            }
            conn.execute("UPDATE staff SET active = 0 WHERE id = ?1", [m.id.0])?;
            let removed = StaffMember { active: false, ..m };
            record(
                conn,
                now,
                EventKind::StaffRemoved,
                &EventData::Staff(removed.clone()),
            )?;
            Ok(removed)
        })
    }

    /// Gives `name` a new PIN: a manager for anyone, a member for
    /// themself (`by`). Records `staff.pin_changed` (never the PIN).
    pub fn set_pin(
        &mut self,
        name: &str,
        pin: &str,
        by: &StaffMember,
        now: DateTime<Utc>,
    ) -> Result<StaffMember> {
        let pin_hash = hash(validate_pin(pin)?)?;
        self.write(now, |conn| {
            let m = active_member(conn, name)?;
            if by.role != Role::Manager && by.id != m.id {
                return Err(BookingError::ManagerOnly("set another member's PIN").into());
            }
            conn.execute(
                "UPDATE staff SET pin_hash = ?2 WHERE id = ?1",
                params![m.id.0, pin_hash],
            )?;
            record(
                conn,
                now,
                EventKind::StaffPinChanged,
                &EventData::Staff(m.clone()),
            )?;
            Ok(m)
        })
    }
}
