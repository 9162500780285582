//! Persons not verified for a while (issue 15, retention: "persons not verified for
//! a configurable time are flagged"). A person's `verified_on` is set when they are
//! recorded, when someone who may edit them marks them verified
//! ([`Store::verify_person`]), and when they are edited through the TUI's form (its
//! "last verified" field is filled in with today). The period is an office setting,
//! in months ([`VERIFY_AFTER`], default [`VERIFY_AFTER_DEFAULT`]). A person verified
//! before today minus the period is flagged ([`Store::unverified`]).

use super::{Error, Result, Store, audit, require_office, require_partner_editor, today};
use crate::model::{Actor, Unverified, VERIFY_AFTER_DEFAULT};
use rusqlite::{OptionalExtension, params};

/// The settings row: the period in months.
pub const VERIFY_AFTER: &str = "privacy_verify_after";

/// The longest period the office may set (50 years), in months.
const MAX_MONTHS: i64 = 600;

impl Store {
    /// The verification period in months (the office's setting, else the default).
    pub fn verify_after(&self) -> Result<i64> {
        Ok(self
            .setting(VERIFY_AFTER)?
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|m| (1..=MAX_MONTHS).contains(m))
            .unwrap_or(VERIFY_AFTER_DEFAULT))
    }

    /// Sets the verification period (the office), 1 to 600 months. Audited as the
    /// other privacy settings are.
    pub fn set_verify_after(&self, actor: &Actor, months: i64) -> Result<()> {
        require_office(actor)?;
        if !(1..=MAX_MONTHS).contains(&months) {
            return Err(Error::field("verify_after", "err.verify_after"));
        }
        let value = months.to_string();
        self.write(|tx| {
            let before: Option<String> = tx
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [VERIFY_AFTER],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![VERIFY_AFTER, value],
            )?;
            audit::record(
                tx,
                actor,
                "setting",
                "setting",
                0,
                Some(&serde_json::json!({"key": VERIFY_AFTER, "value": before})),
                Some(&serde_json::json!({"key": VERIFY_AFTER, "value": value})),
            )
        })
    }

    /// The first day a verification still counts: today minus the period. A person
    /// last verified before it is flagged ([`crate::model::is_unverified`]).
    pub fn verify_cutoff(&self) -> Result<String> {
        let months = self.verify_after()?;
        Ok(self.conn().query_row(
            "SELECT date(?1, ?2)",
            params![today(), format!("-{months} months")],
            |r| r.get(0),
        )?)
    }

    /// Records that a person's data was checked today (still there, still right):
    /// whoever may edit the person. A change of the person's "last verified" field
    /// through the record's life cycle, so it is audited and can be undone.
    pub fn verify_person(&self, actor: &Actor, id: i64) -> Result<()> {
        require_partner_editor(actor)?;
        let person = self.person(id)?;
        if person.privacy.restricted && !actor.is_office() {
            return Err(Error::NotFound);
        }
        let mut data = person.data;
        data.verified_on = Some(today());
        self.update_person(actor, id, person.meta.version, data)
    }

    /// The persons last verified before [`Store::verify_cutoff`], longest first: all
    /// of them for the office, those the member added for a member (a restricted
    /// person only for the office), none for a viewer.
    pub fn unverified(&self, me: &Actor) -> Result<Vec<Unverified>> {
        if !me.can_edit_partners() {
            return Ok(Vec::new());
        }
        let cutoff = self.verify_cutoff()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.name, o.name, coalesce(nullif(p.verified_on, ''), substr(p.created_at, 1, 10)) AS day, \
             m.full_name FROM persons p JOIN orgs o ON o.id = p.org_id LEFT JOIN members m ON m.id = p.created_by \
             WHERE p.deleted_at IS NULL AND p.erased_at IS NULL AND o.deleted_at IS NULL \
             AND (?2 OR (p.created_by = ?3 AND p.restricted = 0)) AND day < ?1 \
             ORDER BY day, p.id LIMIT 1000",
        )?;
        let rows = stmt.query_map(params![cutoff, me.is_office(), me.member_id], |r| {
            Ok(Unverified {
                person_id: r.get(0)?,
                name: r.get(1)?,
                org: r.get(2)?,
                verified_on: r.get(3)?,
                added_by: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
