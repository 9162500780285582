//! Contacts in and out (issue 14): what the contact exports read, and an import's
//! plan (matched against the registry, nothing written) and its one write.
//!
//! Matching, in order: a card's UID (kept in `import_uid`, or a UID intnet exported,
//! see [`crate::model::own_uid`]); then a person by e-mail, an organisation by web
//! domain or exact folded name. An organisation that matches none of these but that
//! check before create finds near (`similar_orgs`, name or domain) is a
//! near-duplicate: made only with "create anyway". Empty fields in the file never
//! clear a stored field.

use super::audit::{self, Entity};
use super::{Result, Store, optional, require_partner_editor};
use crate::model::{
    Actor, ImportDone, ImportPlan, Incoming, IncomingOrg, IncomingPerson, NearDuplicate, NewOrg,
    NewPerson, Org, OrgData, OrgRef, Person, PersonData, Refused, Similar, Update, url_domain,
    validate_org, validate_person,
};
use crate::text::fold;
use rusqlite::params;
use std::collections::HashMap;

/// An organisation as the exports write it: the record and its UID.
#[derive(Debug, Clone)]
pub struct ExportOrg {
    pub org: Org,
    pub uid: String,
}

/// A person as the exports write it, with the UID and name of the organisation.
#[derive(Debug, Clone)]
pub struct ExportPerson {
    pub person: Person,
    pub uid: String,
    pub org_uid: String,
    pub org_name: String,
    /// The organisation's web site, city and country (the CSV writes them on the
    /// person's row, as Outlook's company address).
    pub org_website: String,
    pub org_city: String,
    pub org_country: String,
}

/// A contact (interaction) as the XLSX and JSON exports write it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportContact {
    pub id: i64,
    pub date: String,
    pub org: String,
    pub person: Option<String>,
    pub member: String,
    pub kind: String,
    pub summary: String,
    pub follow_up: Option<String>,
}

/// An organisation of the registry as matching needs it.
struct Known {
    id: i64,
    uid: Option<String>,
    name_fold: String,
    domain: String,
}

impl Store {
    /// The database's sixteen random bytes, made by migration 12.
    pub fn instance_seed(&self) -> Result<[u8; 16]> {
        let seed: Vec<u8> =
            self.conn()
                .query_row("SELECT seed FROM instance WHERE id = 1", [], |r| r.get(0))?;
        let mut out = [0u8; 16];
        for (o, b) in out.iter_mut().zip(seed) {
            *o = b;
        }
        Ok(out)
    }

    /// Every live organisation and person, with their UIDs: the UID a record was
    /// imported with, else the one derived from this database and its id.
    pub fn export_contacts(&self) -> Result<(Vec<ExportOrg>, Vec<ExportPerson>)> {
        let seed = self.instance_seed()?;
        let mut stmt = self.conn().prepare(
            "SELECT id, import_uid FROM orgs WHERE deleted_at IS NULL ORDER BY name_fold, id",
        )?;
        let ids: Vec<(i64, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut orgs = Vec::with_capacity(ids.len());
        let mut persons = Vec::new();
        let mut pstmt = self
            .conn()
            .prepare("SELECT id, import_uid FROM persons WHERE org_id = ?1 AND deleted_at IS NULL ORDER BY name, id")?;
        for (id, uid) in ids {
            let org = self.org(id)?;
            let uid = uid.unwrap_or_else(|| crate::model::own_uid(&seed, 'o', id));
            let pids: Vec<(i64, Option<String>)> = pstmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (pid, puid) in pids {
                persons.push(ExportPerson {
                    person: self.person(pid)?,
                    uid: puid.unwrap_or_else(|| crate::model::own_uid(&seed, 'p', pid)),
                    org_uid: uid.clone(),
                    org_name: org.data.name.clone(),
                    org_website: org.data.website.clone(),
                    org_city: org.data.city.clone(),
                    org_country: org.data.country.clone(),
                });
            }
            orgs.push(ExportOrg { org, uid });
        }
        Ok((orgs, persons))
    }

    /// Every live contact (interaction), newest first.
    pub fn export_interactions(&self) -> Result<Vec<ExportContact>> {
        let mut stmt = self.conn().prepare(
            "SELECT i.id, i.date, o.name, p.name, coalesce(m.full_name, ''), i.kind, i.summary, i.follow_up \
             FROM interactions i JOIN orgs o ON o.id = i.org_id \
             LEFT JOIN persons p ON p.id = i.person_id LEFT JOIN members m ON m.id = i.member_id \
             WHERE i.deleted_at IS NULL ORDER BY i.date DESC, i.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ExportContact {
                id: r.get(0)?,
                date: r.get(1)?,
                org: r.get(2)?,
                person: r.get(3)?,
                member: r.get(4)?,
                kind: r.get(5)?,
                summary: r.get(6)?,
                follow_up: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Matches what a file holds against the registry and says what an import would
    /// do; writes nothing. `default_country` is given to organisations the file names
    /// without one; `source` is written on new persons (file name and date).
    pub fn plan_import(
        &self,
        incoming: Incoming,
        default_country: &str,
        source: &str,
    ) -> Result<ImportPlan> {
        let seed = self.instance_seed()?;
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, import_uid, name_fold, web_domain FROM orgs WHERE deleted_at IS NULL",
        )?;
        let known: Vec<Known> = stmt
            .query_map([], |r| {
                Ok(Known {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    name_fold: r.get(2)?,
                    domain: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut planner = Planner {
            store: self,
            seed,
            known,
            plan: ImportPlan {
                refused: incoming.refused,
                ..ImportPlan::default()
            },
            by_uid: HashMap::new(),
            by_name: HashMap::new(),
            persons_seen: HashMap::new(),
            default_country: default_country.to_string(),
            source: source.to_string(),
        };
        for o in incoming.orgs {
            planner.org(&o)?;
        }
        for p in incoming.persons {
            planner.person(&p)?;
        }
        let mut plan = planner.plan;
        plan.refused.sort_by_key(|r| r.line);
        Ok(plan)
    }

    /// Writes a planned import in one transaction (all or nothing), its audit rows
    /// marked with `batch` so that undo reverses it as one step. Near-duplicates are
    /// skipped unless `create_anyway`; `owner_unit` owns the new organisations (else
    /// the actor's unit). `progress` is told how many records are written so far.
    pub fn apply_import(
        &self,
        actor: &Actor,
        plan: &ImportPlan,
        batch: &str,
        create_anyway: bool,
        owner_unit: Option<i64>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportDone> {
        require_partner_editor(actor)?;
        let seed = self.instance_seed()?;
        // A UID this database exported is matched by its id; only others are kept.
        let foreign =
            |uid: &str| !uid.is_empty() && crate::model::decode_own_uid(&seed, uid).is_none();
        self.write(|tx| {
            let mark: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?;
            let mut done = ImportDone::default();
            let mut written = 0usize;
            let waiting: Vec<usize> = if create_anyway {
                Vec::new()
            } else {
                plan.near_duplicates.iter().map(|n| n.new).collect()
            };
            let mut new_ids: Vec<Option<i64>> = Vec::with_capacity(plan.new_orgs.len());
            for (i, o) in plan.new_orgs.iter().enumerate() {
                if waiting.contains(&i) {
                    new_ids.push(None);
                    done.skipped += 1;
                    continue;
                }
                let mut data = o.data.clone();
                data.owner_member = Some(actor.member_id);
                data.owner_unit = owner_unit.or(actor.unit_id);
                let id = audit::insert(
                    tx,
                    actor,
                    &data,
                    "INSERT INTO orgs (name, name_fold, sort_sv, kind, country, created_at, created_by, updated_at, updated_by) \
                     VALUES ('', '', '', '', '', :at, :by, :at, :by)",
                    None,
                )?;
                audit::record_create(tx, actor, id, &data)?;
                if foreign(&o.uid) {
                    tx.execute("UPDATE orgs SET import_uid = ?2 WHERE id = ?1", params![id, o.uid])?;
                }
                new_ids.push(Some(id));
                done.orgs_created += 1;
                written += 1;
                progress(written);
            }
            for u in &plan.org_updates {
                audit::update(tx, actor, u.id, u.version, &u.data)?;
                if foreign(&u.uid) {
                    tx.execute("UPDATE orgs SET import_uid = ?2 WHERE id = ?1", params![u.id, u.uid])?;
                }
                done.updated += 1;
                written += 1;
                progress(written);
            }
            for p in &plan.new_persons {
                let org_id = match p.org {
                    OrgRef::Existing(id) => Some(id),
                    OrgRef::New(i) => new_ids.get(i).copied().flatten(),
                };
                let Some(org_id) = org_id else {
                    done.skipped += 1;
                    continue;
                };
                let mut data = p.data.clone();
                data.org_id = org_id;
                let id = audit::insert(
                    tx,
                    actor,
                    &data,
                    "INSERT INTO persons (org_id, name, created_at, created_by, updated_at, updated_by) \
                     VALUES (:parent, '', :at, :by, :at, :by)",
                    Some(org_id),
                )?;
                audit::record_create(tx, actor, id, &data)?;
                if foreign(&p.uid) {
                    tx.execute("UPDATE persons SET import_uid = ?2 WHERE id = ?1", params![id, p.uid])?;
                }
                done.persons_created += 1;
                written += 1;
                progress(written);
            }
            for u in &plan.person_updates {
                audit::update(tx, actor, u.id, u.version, &u.data)?;
                if foreign(&u.uid) {
                    tx.execute("UPDATE persons SET import_uid = ?2 WHERE id = ?1", params![u.id, u.uid])?;
                }
                done.updated += 1;
                written += 1;
                progress(written);
            }
            tx.execute(
                "UPDATE audit SET batch = ?1 WHERE id > ?2 AND member_id = ?3",
                params![batch, mark, actor.member_id],
            )?;
            Ok(done)
        })
    }

    /// The audit batch of an audit row (the import that wrote it), for tests and the
    /// trail.
    pub fn audit_batches(&self, entity: &str, id: i64) -> Result<Vec<Option<String>>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT batch FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY id")?;
        Ok(stmt
            .query_map(params![entity, id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

struct Planner<'a> {
    store: &'a Store,
    seed: [u8; 16],
    known: Vec<Known>,
    plan: ImportPlan,
    /// The file's UIDs and folded names of organisations, to where they went.
    by_uid: HashMap<String, OrgRef>,
    by_name: HashMap<String, OrgRef>,
    /// Persons already planned, by UID or lower-case e-mail (a file that names one
    /// twice is read once).
    persons_seen: HashMap<String, ()>,
    default_country: String,
    source: String,
}

fn refuse(line: usize, reason: &str, detail: &str) -> Refused {
    Refused {
        line,
        reason: reason.to_string(),
        detail: detail.to_string(),
    }
}

/// A text as a file can carry it: without control (but line breaks) and bidi
/// characters, which every export removes, and with `\n` line breaks.
fn visible(s: &str) -> String {
    s.trim()
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !((c.is_control() && *c != '\n') || crate::text::is_bidi_control(*c)))
        .collect()
}

/// Sets `field` from the file when the file has a value that differs (as far as a
/// file can tell: a stored control character the export removed is no change).
fn take(stored: &mut String, from: &str, name: &'static str, fields: &mut Vec<&'static str>) {
    let from = from.trim();
    if !from.is_empty() && visible(stored) != visible(from) {
        *stored = from.to_string();
        fields.push(name);
    }
}

impl Planner<'_> {
    fn known_org(&self, uid: &str, website: &str, name: &str) -> Option<i64> {
        if !uid.is_empty() {
            if let Some(k) = self.known.iter().find(|k| k.uid.as_deref() == Some(uid)) {
                return Some(k.id);
            }
            if let Some(('o', id)) = crate::model::decode_own_uid(&self.seed, uid)
                && self.known.iter().any(|k| k.id == id)
            {
                return Some(id);
            }
        }
        let domain = url_domain(website);
        if !domain.is_empty()
            && let Some(k) = self.known.iter().find(|k| k.domain == domain)
        {
            return Some(k.id);
        }
        let folded = fold(name);
        self.known
            .iter()
            .find(|k| !folded.is_empty() && k.name_fold == folded)
            .map(|k| k.id)
    }

    /// Plans one organisation; gives where it went (None: refused).
    fn org(&mut self, o: &IncomingOrg) -> Result<Option<OrgRef>> {
        let folded = fold(&o.name);
        if let Some(r) = (!o.uid.is_empty())
            .then(|| self.by_uid.get(&o.uid).copied())
            .flatten()
            .or_else(|| self.by_name.get(&folded).copied())
        {
            return Ok(Some(r));
        }
        let found = if let Some(id) = self.known_org(&o.uid, &o.website, &o.name) {
            let (mut data, version) = OrgData::load(self.store.conn(), id)?;
            let mut fields = Vec::new();
            let mut country = o.country.clone();
            if !country.trim().is_empty() {
                match crate::model::parse_country(&country) {
                    Ok(c) => country = c,
                    Err(k) => {
                        self.plan.refused.push(refuse(o.line, k, &o.country));
                        return Ok(None);
                    }
                }
            }
            take(&mut data.name, &o.name, "name", &mut fields);
            // The file's address as it would be stored (`www.x.se` is kept as
            // `https://www.x.se`): compared as written, every re-import would change it.
            let website = crate::model::parse_url(&o.website).unwrap_or_else(|_| o.website.clone());
            take(&mut data.website, &website, "website", &mut fields);
            take(&mut data.city, &o.city, "city", &mut fields);
            take(&mut data.country, &country, "country", &mut fields);
            take(&mut data.notes, &o.notes, "notes", &mut fields);
            if fields.is_empty() {
                self.plan.unchanged += 1;
            } else {
                let errors = validate_org(&mut data);
                if let Some(e) = errors.first() {
                    self.plan.refused.push(refuse(o.line, e.key, e.field));
                    return Ok(None);
                }
                self.plan.org_updates.push(Update {
                    line: o.line,
                    id,
                    version,
                    name: data.name.clone(),
                    uid: o.uid.clone(),
                    fields,
                    data,
                });
            }
            OrgRef::Existing(id)
        } else {
            let mut data = OrgData {
                name: o.name.clone(),
                country: if o.country.trim().is_empty() {
                    self.default_country.clone()
                } else {
                    o.country.clone()
                },
                city: o.city.clone(),
                website: o.website.clone(),
                notes: o.notes.clone(),
                ..OrgData::default()
            };
            let errors = validate_org(&mut data);
            if let Some(e) = errors.first() {
                self.plan.refused.push(refuse(
                    o.line,
                    e.key,
                    if e.field == "name" { e.field } else { &o.name },
                ));
                return Ok(None);
            }
            let similar: Vec<Similar> = self
                .store
                .similar_orgs(&data, &[])?
                .into_iter()
                .filter(Similar::is_near_duplicate)
                .collect();
            let index = self.plan.new_orgs.len();
            if !similar.is_empty() {
                self.plan.near_duplicates.push(NearDuplicate {
                    new: index,
                    similar,
                });
            }
            self.plan.new_orgs.push(NewOrg {
                line: o.line,
                uid: o.uid.clone(),
                data,
            });
            OrgRef::New(index)
        };
        if !o.uid.is_empty() {
            self.by_uid.insert(o.uid.clone(), found);
        }
        if !folded.is_empty() {
            self.by_name.insert(folded, found);
        }
        Ok(Some(found))
    }

    fn known_person(&self, uid: &str, email: &str) -> Result<Option<i64>> {
        let conn = self.store.conn();
        if !uid.is_empty() {
            let by_uid: Option<i64> = optional(conn.query_row(
                "SELECT id FROM persons WHERE import_uid = ?1 AND deleted_at IS NULL",
                [uid],
                |r| r.get(0),
            ))?;
            if by_uid.is_some() {
                return Ok(by_uid);
            }
            if let Some(('p', id)) = crate::model::decode_own_uid(&self.seed, uid) {
                let live: Option<i64> = optional(conn.query_row(
                    "SELECT id FROM persons WHERE id = ?1 AND deleted_at IS NULL",
                    [id],
                    |r| r.get(0),
                ))?;
                if live.is_some() {
                    return Ok(live);
                }
            }
        }
        let email = email.trim().to_lowercase();
        if email.is_empty() {
            return Ok(None);
        }
        Ok(optional(conn.query_row(
            "SELECT id FROM persons WHERE lower(email) = ?1 AND email <> '' AND deleted_at IS NULL ORDER BY id LIMIT 1",
            [email],
            |r| r.get(0),
        ))?)
    }

    fn person(&mut self, p: &IncomingPerson) -> Result<()> {
        let keys: Vec<String> = [p.uid.clone(), p.email.trim().to_lowercase()]
            .into_iter()
            .filter(|k| !k.is_empty())
            .collect();
        if keys.iter().any(|k| self.persons_seen.contains_key(k)) {
            self.plan.unchanged += 1;
            return Ok(());
        }
        for k in keys {
            self.persons_seen.insert(k, ());
        }
        if let Some(id) = self.known_person(&p.uid, &p.email)? {
            let (mut data, version) = PersonData::load(self.store.conn(), id)?;
            let mut fields = Vec::new();
            take(&mut data.name, &p.name, "name", &mut fields);
            take(&mut data.title, &p.title, "title", &mut fields);
            take(&mut data.email, &p.email, "email", &mut fields);
            take(&mut data.phone, &p.phone, "phone", &mut fields);
            take(&mut data.notes, &p.notes, "notes", &mut fields);
            if fields.is_empty() {
                self.plan.unchanged += 1;
                return Ok(());
            }
            let errors = validate_person(&mut data);
            if let Some(e) = errors.first() {
                self.plan.refused.push(refuse(p.line, e.key, e.field));
                return Ok(());
            }
            self.plan.person_updates.push(Update {
                line: p.line,
                id,
                version,
                name: data.name.clone(),
                uid: p.uid.clone(),
                fields,
                data,
            });
            return Ok(());
        }
        let mut data = PersonData {
            org_id: 0,
            name: p.name.clone(),
            title: p.title.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            languages: String::new(),
            notes: p.notes.clone(),
            source: self.source.clone(),
            verified_on: None,
        };
        let errors = validate_person(&mut data);
        if let Some(e) = errors.first() {
            self.plan.refused.push(refuse(p.line, e.key, e.field));
            return Ok(());
        }
        // The organisation: by the card's RELATED UID, else by name (made when new).
        let by_uid = (!p.org_uid.is_empty())
            .then(|| self.by_uid.get(&p.org_uid).copied())
            .flatten()
            .or_else(|| {
                (!p.org_uid.is_empty())
                    .then(|| self.known_org(&p.org_uid, "", "").map(OrgRef::Existing))
                    .flatten()
            });
        let org = match by_uid {
            Some(r) => Some(r),
            None if p.org.trim().is_empty() => {
                self.plan
                    .refused
                    .push(refuse(p.line, "err.import_no_org", &p.name));
                return Ok(());
            }
            None => self.org(&IncomingOrg {
                line: p.line,
                uid: String::new(),
                name: p.org.clone(),
                website: p.website.clone(),
                city: p.city.clone(),
                country: p.country.clone(),
                notes: String::new(),
            })?,
        };
        let Some(org) = org else {
            return Ok(());
        };
        self.plan.new_persons.push(NewPerson {
            line: p.line,
            uid: p.uid.clone(),
            org,
            data,
        });
        Ok(())
    }
}
