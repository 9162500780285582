//! Units (administrations and companies) and members (the network's contact persons).

use super::{Error, Result, Store, audit, now, optional, require_office};
use crate::model::{Actor, Member, Role, Unit};
use rusqlite::params;

impl Store {
    /// Registers the first member, the creator, as office admin. Refused when the
    /// database already has members.
    pub fn init(&self, account: &str, full_name: &str) -> Result<Actor> {
        check_member_name(full_name)?;
        self.write(|tx| {
            let n: i64 = tx.query_row("SELECT count(*) FROM members", [], |r| r.get(0))?;
            if n > 0 {
                return Err(Error::Rule("err.already_initialised"));
            }
            tx.execute(
                "INSERT INTO members (account, full_name, role, created_at) VALUES (?1, ?2, 'office', ?3)",
                params![account, full_name, now()],
            )?;
            let id = tx.last_insert_rowid();
            let actor = Actor {
                member_id: id,
                account: account.to_string(),
                full_name: full_name.to_string(),
                role: Role::Office,
                unit_id: None,
            };
            audit::record(tx, &actor, "create", "member", id, None::<&()>, Some(&account))?;
            Ok(actor)
        })
    }

    /// The active member behind an OS account.
    pub fn actor(&self, account: &str) -> Result<Actor> {
        let row = optional(self.conn().query_row(
            "SELECT id, account, full_name, role, unit_id FROM members WHERE account = ?1 AND active = 1",
            [account],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            },
        ))?;
        let (member_id, account, full_name, role, unit_id) =
            row.ok_or_else(|| Error::NotMember(account.to_string()))?;
        Ok(Actor {
            member_id,
            account,
            full_name,
            role: Role::parse(&role).unwrap_or(Role::Viewer),
            unit_id,
        })
    }

    pub fn add_unit(&self, actor: &Actor, code: &str, name: &str, is_company: bool) -> Result<i64> {
        require_office(actor)?;
        let code = code.trim();
        let name = name.trim();
        if code.is_empty() || name.is_empty() {
            return Err(Error::Rule("err.unit_fields"));
        }
        let errors = crate::model::validate_unit(code, name);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| {
            let exists: i64 =
                tx.query_row("SELECT count(*) FROM units WHERE code = ?1", [code], |r| {
                    r.get(0)
                })?;
            if exists > 0 {
                return Err(Error::Rule("err.unit_exists"));
            }
            tx.execute(
                "INSERT INTO units (code, name, is_company, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![code, name, is_company, now()],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(
                tx,
                actor,
                "create",
                "unit",
                id,
                None::<&()>,
                Some(&(code, name)),
            )?;
            Ok(id)
        })
    }

    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, code, name, is_company FROM units ORDER BY code")?;
        let rows = stmt.query_map([], |r| {
            Ok(Unit {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                is_company: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn unit_by_code(&self, code: &str) -> Result<Unit> {
        self.units()?
            .into_iter()
            .find(|u| u.code.eq_ignore_ascii_case(code.trim()))
            .ok_or(Error::Rule("err.unknown_unit"))
    }

    pub fn add_member(
        &self,
        actor: &Actor,
        account: &str,
        full_name: &str,
        unit_code: Option<&str>,
        role: Role,
    ) -> Result<i64> {
        require_office(actor)?;
        let account = account.trim();
        if account.is_empty()
            || !account
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            return Err(Error::Rule("err.account"));
        }
        let unit_id = unit_code
            .map(|c| self.unit_by_code(c))
            .transpose()?
            .map(|u| u.id);
        let full_name = if full_name.trim().is_empty() {
            account
        } else {
            full_name.trim()
        };
        check_member_name(full_name)?;
        self.write(|tx| {
            let exists: i64 =
                tx.query_row("SELECT count(*) FROM members WHERE account = ?1", [account], |r| r.get(0))?;
            if exists > 0 {
                return Err(Error::Rule("err.member_exists"));
            }
            tx.execute(
                "INSERT INTO members (account, full_name, unit_id, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![account, full_name, unit_id, role.as_str(), now()],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(tx, actor, "create", "member", id, None::<&()>, Some(&(account, role)))?;
            Ok(id)
        })
    }

    pub fn members(&self) -> Result<Vec<Member>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.id, m.account, m.full_name, m.unit_id, u.code, m.role, m.active \
             FROM members m LEFT JOIN units u ON u.id = m.unit_id ORDER BY m.account",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Member {
                id: r.get(0)?,
                account: r.get(1)?,
                full_name: r.get(2)?,
                unit_id: r.get(3)?,
                unit_code: r.get(4)?,
                role: Role::parse(&r.get::<_, String>(5)?).unwrap_or(Role::Viewer),
                active: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Changes a member's role. The last active office member cannot be demoted.
    pub fn set_role(&self, actor: &Actor, account: &str, role: Role) -> Result<()> {
        require_office(actor)?;
        self.write(|tx| {
            let (id, old): (i64, String) = optional(tx.query_row(
                "SELECT id, role FROM members WHERE account = ?1",
                [account],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ))?
            .ok_or(Error::Rule("err.unknown_member"))?;
            if old == "office" && role != Role::Office {
                ensure_other_office(tx, id)?;
            }
            tx.execute(
                "UPDATE members SET role = ?1 WHERE id = ?2",
                params![role.as_str(), id],
            )?;
            audit::record(tx, actor, "update", "member", id, Some(&old), Some(&role))?;
            Ok(())
        })
    }

    /// Deactivates a member: they keep their history but can no longer use the program.
    pub fn deactivate(&self, actor: &Actor, account: &str) -> Result<()> {
        require_office(actor)?;
        self.write(|tx| {
            let (id, role): (i64, String) = optional(tx.query_row(
                "SELECT id, role FROM members WHERE account = ?1 AND active = 1",
                [account],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ))?
            .ok_or(Error::Rule("err.unknown_member"))?;
            if role == "office" {
                ensure_other_office(tx, id)?;
            }
            tx.execute("UPDATE members SET active = 0 WHERE id = ?1", [id])?;
            audit::record(
                tx,
                actor,
                "deactivate",
                "member",
                id,
                None::<&()>,
                None::<&()>,
            )?;
            Ok(())
        })
    }
}

fn ensure_other_office(tx: &rusqlite::Transaction, id: i64) -> Result<()> {
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM members WHERE role = 'office' AND active = 1 AND id <> ?1",
        [id],
        |r| r.get(0),
    )?;
    if others == 0 {
        Err(Error::Rule("err.last_office"))
    } else {
        Ok(())
    }
}

/// A member's full name is shown in every list: one line, no control or text-direction
/// characters, not too long.
fn check_member_name(full_name: &str) -> Result<()> {
    let mut errors = Vec::new();
    crate::model::check_display_name(&mut errors, "full_name", full_name);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}
