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
use super::orgs::{identifiers_of, names_similar};
use super::{Result, Store, require_partner_editor};
use crate::model::{
    Actor, ImportDone, ImportPlan, Incoming, IncomingOrg, IncomingPerson, NearDuplicate, NewOrg,
    NewPerson, Org, OrgData, OrgRef, Person, PersonData, Refused, Similar, SimilarReason, Update,
    url_domain, validate_org, validate_person,
};
use crate::text::fold;
use rusqlite::params;
use std::collections::{HashMap, HashSet};

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

/// The registry's live organisations and persons as matching needs them, read once
/// per plan: each key to the first record (lowest id) that has it, as the queries
/// the matching was first written with found them.
#[derive(Default)]
struct Known {
    org_ids: HashSet<i64>,
    org_by_uid: HashMap<String, i64>,
    org_by_domain: HashMap<String, i64>,
    org_by_name: HashMap<String, i64>,
    person_ids: HashSet<i64>,
    person_by_uid: HashMap<String, i64>,
    /// By `lower(email)` as SQLite folds it (ASCII only), as the query did.
    person_by_email: HashMap<String, i64>,
}

impl Known {
    fn read(conn: &rusqlite::Connection) -> Result<Known> {
        let mut k = Known::default();
        let mut stmt = conn.prepare(
            "SELECT id, import_uid, name_fold, web_domain FROM orgs WHERE deleted_at IS NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            k.org_ids.insert(id);
            if let Some(uid) = r.get::<_, Option<String>>(1)? {
                k.org_by_uid.entry(uid).or_insert(id);
            }
            let name: String = r.get(2)?;
            if !name.is_empty() {
                k.org_by_name.entry(name).or_insert(id);
            }
            let domain: String = r.get(3)?;
            if !domain.is_empty() {
                k.org_by_domain.entry(domain).or_insert(id);
            }
        }
        let mut stmt = conn.prepare(
            "SELECT id, import_uid, lower(email), email <> '' FROM persons WHERE deleted_at IS NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            k.person_ids.insert(id);
            if let Some(uid) = r.get::<_, Option<String>>(1)? {
                k.person_by_uid.entry(uid).or_insert(id);
            }
            if r.get::<_, bool>(3)? {
                k.person_by_email.entry(r.get(2)?).or_insert(id);
            }
        }
        Ok(k)
    }
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
        // Two queries, not one per record: persons grouped by organisation (each
        // group by name and id), written after the organisations in their order.
        let live = self.live_orgs_for_export()?;
        let mut by_org: HashMap<i64, Vec<(Person, Option<String>)>> = HashMap::new();
        for (p, uid) in self.live_persons_for_export()? {
            by_org.entry(p.data.org_id).or_default().push((p, uid));
        }
        let mut orgs = Vec::with_capacity(live.len());
        let mut persons = Vec::new();
        for (org, uid) in live {
            let id = org.id;
            let uid = uid.unwrap_or_else(|| crate::model::own_uid(&seed, 'o', id));
            for (person, puid) in by_org.remove(&id).unwrap_or_default() {
                let pid = person.id;
                persons.push(ExportPerson {
                    person,
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
        let known = Known::read(self.conn())?;
        let mut planner = Planner {
            store: self,
            near: self.near_duplicate_matcher(),
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
            let waiting: HashSet<usize> = if create_anyway {
                HashSet::new()
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

    /// What check before create calls a near-duplicate of `data`: the organisations
    /// `similar_orgs(data, &[])` gives for a name, a web domain or an identifier, in
    /// the same order with the same reasons. One question; an import asks through one
    /// [`NearDuplicates`] for all its new organisations.
    pub fn near_duplicate_orgs(&self, data: &OrgData) -> Result<Vec<Similar>> {
        self.near_duplicate_matcher().find(data)
    }

    /// A near-duplicate matcher for many questions against an unchanging registry
    /// (an import's plan, which writes nothing).
    pub fn near_duplicate_matcher(&self) -> NearDuplicates<'_> {
        NearDuplicates {
            store: self,
            words: HashMap::new(),
            live: None,
        }
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

/// The import's near-duplicate matcher: what `similar_orgs(data, &[])` calls a
/// near-duplicate (name, web or e-mail domain, identifier), the same organisations in
/// the same order with the same reasons (a test holds the two together), at a
/// fraction of the cost for 100 000 cards:
///
/// - the name's candidates, which check before create reads with two full-text
///   queries per organisation (all the words, any word, the first 300 rowids of
///   each), are made here from each word's matches, read from the index once per
///   import and kept, intersected or merged in rowid order and cut at 300 as the
///   queries are; their folded names come from one read of the registry;
/// - the domain query, which check before create writes as one `OR` that SQLite can
///   only answer by scanning every organisation (60–100 ms at 100 000), is two
///   indexed queries joined, in id order as the scan gave them;
/// - the place query, which never gives a near-duplicate, is not run.
pub struct NearDuplicates<'a> {
    store: &'a Store,
    /// Each search word's matches in the name column, every rowid, ascending.
    words: HashMap<String, std::rc::Rc<Vec<i64>>>,
    /// Live organisations' folded names by id, read at the first name question.
    live: Option<HashMap<i64, String>>,
}

/// How many rowids each of check before create's full-text queries reads.
const FTS_CANDIDATES: usize = 300;

/// The first `n` rowids (ascending) in every list.
fn first_in_all(lists: &[std::rc::Rc<Vec<i64>>], n: usize) -> Vec<i64> {
    let Some(shortest) = lists.iter().min_by_key(|l| l.len()) else {
        return Vec::new();
    };
    shortest
        .iter()
        .filter(|id| lists.iter().all(|l| l.binary_search(id).is_ok()))
        .take(n)
        .copied()
        .collect()
}

/// The first `n` rowids (ascending) in any list.
fn first_in_any(lists: &[std::rc::Rc<Vec<i64>>], n: usize) -> Vec<i64> {
    let mut at = vec![0usize; lists.len()];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let next = lists
            .iter()
            .zip(&at)
            .filter_map(|(l, i)| l.get(*i).copied())
            .min();
        let Some(id) = next else { break };
        out.push(id);
        for (l, i) in lists.iter().zip(at.iter_mut()) {
            if l.get(*i) == Some(&id) {
                *i += 1;
            }
        }
    }
    out
}

impl NearDuplicates<'_> {
    /// The rowids whose name matches one search word (`"word"*`), ascending.
    fn word(&mut self, w: &str) -> Result<std::rc::Rc<Vec<i64>>> {
        if let Some(ids) = self.words.get(w) {
            return Ok(ids.clone());
        }
        let mut stmt = self
            .store
            .conn()
            .prepare_cached("SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH ?1")?;
        let mut ids: Vec<i64> = stmt
            .query_map([format!("{{name}}: ({w})")], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.sort_unstable();
        ids.dedup();
        let ids = std::rc::Rc::new(ids);
        self.words.insert(w.to_string(), ids.clone());
        Ok(ids)
    }

    fn live(&mut self) -> Result<&HashMap<i64, String>> {
        if self.live.is_none() {
            let mut stmt = self
                .store
                .conn()
                .prepare("SELECT id, name_fold FROM orgs WHERE deleted_at IS NULL")?;
            let live = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<HashMap<i64, String>>>()?;
            self.live = Some(live);
        }
        Ok(self.live.get_or_insert_with(HashMap::new))
    }

    /// The near-duplicates of `data` (see [`NearDuplicates`]).
    pub fn find(&mut self, data: &OrgData) -> Result<Vec<Similar>> {
        fn add(found: &mut Vec<(i64, SimilarReason)>, id: i64, reason: SimilarReason) {
            if !found.iter().any(|(f, _)| *f == id) {
                found.push((id, reason));
            }
        }
        let name = fold(&data.name);
        let mut found: Vec<(i64, SimilarReason)> = Vec::new();
        if name.chars().count() >= 3 {
            {
                let mut stmt = self.store.conn().prepare_cached(
                    "SELECT o.id, o.name_fold FROM orgs o WHERE o.name_fold = ?1 AND o.deleted_at IS NULL",
                )?;
                let mut rows = stmt.query([&name])?;
                while let Some(r) = rows.next()? {
                    let other: String = r.get(1)?;
                    if names_similar(&name, &other) {
                        add(&mut found, r.get(0)?, SimilarReason::Name);
                    }
                }
            }
            let words: Vec<String> = crate::text::words(&data.name)
                .into_iter()
                .filter(|w| w.len() >= 3)
                .map(|w| format!("\"{w}\"*"))
                .collect();
            if !words.is_empty() {
                let lists = words
                    .iter()
                    .map(|w| self.word(w))
                    .collect::<Result<Vec<_>>>()?;
                let all = first_in_all(&lists, FTS_CANDIDATES);
                let any = first_in_any(&lists, FTS_CANDIDATES);
                let live = self.live()?;
                for id in all.into_iter().chain(any) {
                    if let Some(other) = live.get(&id)
                        && names_similar(&name, other)
                    {
                        add(&mut found, id, SimilarReason::Name);
                    }
                }
            }
        }
        let conn = self.store.conn();
        let domain = url_domain(&data.website);
        if !domain.is_empty() {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM (SELECT o.id FROM orgs o WHERE o.web_domain = ?1 AND o.web_domain <> '' \
                 AND o.deleted_at IS NULL UNION SELECT o.id FROM orgs o WHERE o.deleted_at IS NULL AND o.id IN \
                 (SELECT org_id FROM persons WHERE email_domain = ?1 AND email_domain <> '' AND deleted_at IS NULL)) \
                 ORDER BY id LIMIT 20",
            )?;
            let mut rows = stmt.query([&domain])?;
            while let Some(r) = rows.next()? {
                add(&mut found, r.get(0)?, SimilarReason::Domain);
            }
        }
        for (column, value) in identifiers_of(data) {
            // The column name is one of four constants, never user text.
            let sql = format!(
                "SELECT o.id FROM orgs o WHERE o.{column} = ?1 AND o.{column} <> '' AND o.deleted_at IS NULL LIMIT 20"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([&value])?;
            while let Some(r) = rows.next()? {
                add(&mut found, r.get(0)?, SimilarReason::Identifier);
            }
        }
        let mut stmt = conn.prepare_cached(
            "SELECT o.name, o.city, o.country, \
             coalesce((SELECT full_name FROM members WHERE id = o.owner_member), (SELECT name FROM units WHERE id = o.owner_unit)), \
             o.last_contact FROM orgs o WHERE o.id = ?1",
        )?;
        let mut out = Vec::with_capacity(found.len());
        for (id, reason) in found {
            out.push(stmt.query_row([id], |r| {
                Ok(Similar {
                    id,
                    name: r.get(0)?,
                    city: r.get(1)?,
                    country: r.get(2)?,
                    owner: r.get(3)?,
                    last_contact: r.get(4)?,
                    reason,
                })
            })?);
        }
        Ok(out)
    }
}

struct Planner<'a> {
    store: &'a Store,
    near: NearDuplicates<'a>,
    seed: [u8; 16],
    known: Known,
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
        let k = &self.known;
        if !uid.is_empty() {
            if let Some(id) = k.org_by_uid.get(uid) {
                return Some(*id);
            }
            if let Some(('o', id)) = crate::model::decode_own_uid(&self.seed, uid)
                && k.org_ids.contains(&id)
            {
                return Some(id);
            }
        }
        let domain = url_domain(website);
        if !domain.is_empty()
            && let Some(id) = k.org_by_domain.get(&domain)
        {
            return Some(*id);
        }
        let folded = fold(name);
        if folded.is_empty() {
            return None;
        }
        k.org_by_name.get(&folded).copied()
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
            let similar = self.near.find(&data)?;
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

    fn known_person(&self, uid: &str, email: &str) -> Option<i64> {
        let k = &self.known;
        if !uid.is_empty() {
            if let Some(id) = k.person_by_uid.get(uid) {
                return Some(*id);
            }
            if let Some(('p', id)) = crate::model::decode_own_uid(&self.seed, uid)
                && k.person_ids.contains(&id)
            {
                return Some(id);
            }
        }
        let email = email.trim().to_lowercase();
        if email.is_empty() {
            return None;
        }
        k.person_by_email.get(&email).copied()
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
        if let Some(id) = self.known_person(&p.uid, &p.email) {
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
