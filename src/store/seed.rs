//! Demo data (`intnet demo`) and the benchmark scale set (`intnet seed`).

use super::audit::Entity;
use super::{Error, Result, Store, now};
use crate::demo_data as d;
use crate::model::{
    Actor, Funding, GrowthArea, InteractionData, InteractionKind, ItemStatus, MembershipData,
    NewsCategory, NewsData, OrgData, OrgKind, OrgStatus, PersonData, PlanData, PlanItemData,
    PriorityArea, Programme, ProjectData, ProjectRole, ProjectStatus, Role, Sector, TrainingData,
    TrainingKind,
};
use rusqlite::params;

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn person_name(rng: &mut fastrand::Rng) -> String {
    format!("{} {}", pick(rng, d::FIRST_NAMES), pick(rng, d::LAST_NAMES))
}

fn email_for(name: &str, website: &str) -> String {
    let domain = crate::model::url_domain(website);
    if domain.is_empty() {
        return String::new();
    }
    let local = crate::text::fold(name).replace(' ', ".");
    format!("{local}@{domain}")
}

/// This year, as the local calendar says.
fn today_year() -> i32 {
    super::this_year()
}

/// A date `days` before `today` (ISO).
fn days_ago(days: i64) -> String {
    let today = super::clock().date();
    today
        .checked_sub(jiff::Span::new().days(days))
        .unwrap_or(today)
        .to_string()
}

fn random_org(rng: &mut fastrand::Rng, serial: usize) -> OrgData {
    let (pattern, kind, sector) = pick(rng, d::ORG_PATTERNS);
    let (city, country) = pick(rng, d::CITIES);
    let name = pattern.replace("{city}", city);
    let name = if serial > 0 {
        format!("{name} {serial}")
    } else {
        name
    };
    OrgData {
        website: format!("{}.example", crate::text::fold(&name).replace(' ', "-")),
        name,
        kind: OrgKind::parse(kind).unwrap_or_default(),
        sector: Sector::parse(sector),
        country: (*country).to_string(),
        city: (*city).to_string(),
        status: *pick(
            rng,
            &[
                OrgStatus::Active,
                OrgStatus::Active,
                OrgStatus::Active,
                OrgStatus::Dormant,
                OrgStatus::Ended,
            ],
        ),
        priority_areas: vec![*pick(rng, PriorityArea::ALL)],
        growth_areas: if rng.bool() {
            vec![*pick(rng, GrowthArea::ALL)]
        } else {
            vec![]
        },
        tags: vec![(*pick(rng, d::TAGS)).to_string()],
        ..OrgData::default()
    }
}

impl Store {
    /// Fills an empty database with the fictional demo network. `me` (already the
    /// office admin from `init`) is put in the International Office.
    pub fn seed_demo(&self, me: &Actor) -> Result<()> {
        let mut rng = fastrand::Rng::with_seed(2026);
        for (code, sv, _en, company) in d::UNITS {
            self.add_unit(me, code, sv, *company)?;
        }
        let units = self.units()?;
        let office_unit = units.iter().find(|u| u.code == "NLA").map(|u| u.id);
        self.write(|tx| {
            tx.execute(
                "UPDATE members SET unit_id = ?1 WHERE id = ?2",
                params![office_unit, me.member_id],
            )?;
            Ok(())
        })?;
        let me = Actor {
            unit_id: office_unit,
            ..me.clone()
        };
        for (account, name, unit, role) in d::MEMBERS {
            if *account != me.account {
                self.add_member(
                    &me,
                    account,
                    name,
                    Some(unit),
                    Role::parse(role).unwrap_or(Role::Member),
                )?;
            }
        }
        let members = self.members()?;
        let editors: Vec<_> = members.iter().filter(|m| m.role != Role::Viewer).collect();

        let mut orgs = Vec::new();
        for (name, kind, country, city, website, sector) in d::ORGS {
            let kind = OrgKind::parse(kind).unwrap_or_default();
            let owner = pick(&mut rng, &editors);
            orgs.push(OrgData {
                name: (*name).to_string(),
                kind,
                twin_decided: (kind == OrgKind::TwinCity)
                    .then(|| format!("19{}-0{}-15", rng.u8(50..99), rng.u8(1..9))),
                sector: Sector::parse(sector),
                country: (*country).to_string(),
                city: (*city).to_string(),
                website: (*website).to_string(),
                priority_areas: vec![*pick(&mut rng, PriorityArea::ALL)],
                growth_areas: vec![*pick(&mut rng, GrowthArea::ALL)],
                tags: vec![(*pick(&mut rng, d::TAGS)).to_string()],
                notes: String::new(),
                owner_member: Some(owner.id),
                owner_unit: owner.unit_id,
                ..OrgData::default()
            });
        }
        while orgs.len() < 300 {
            let mut org = random_org(&mut rng, 0);
            if orgs.iter().any(|o| o.name == org.name) {
                continue;
            }
            let owner = pick(&mut rng, &editors);
            org.owner_member = Some(owner.id);
            org.owner_unit = owner.unit_id;
            orgs.push(org);
        }
        for org in orgs {
            let website = org.website.clone();
            let org_name = org.name.clone();
            let id = self.create_org(&me, org, true)?;
            let mut people = Vec::new();
            for _ in 0..rng.usize(1..4) {
                let name = person_name(&mut rng);
                let pid = self.create_person(
                    &me,
                    PersonData {
                        org_id: id,
                        email: email_for(&name, &website),
                        title: (*pick(&mut rng, d::TITLES)).to_string(),
                        phone: format!("+{} {}", rng.u32(30..49), rng.u32(1_000_000..9_999_999)),
                        languages: pick(
                            &mut rng,
                            &["en", "en, de", "en, sv", "pl, en", "fi, sv, en"],
                        )
                        .to_string(),
                        source: pick(&mut rng, &["Visitkort", "Webbsida", "Möte", "Konferens"])
                            .to_string(),
                        verified_on: Some(days_ago(rng.i64(0..700))),
                        name,
                        ..PersonData::default()
                    },
                )?;
                people.push(pid);
            }
            for _ in 0..rng.usize(0..4) {
                let who = pick(&mut rng, &editors);
                let summary = pick(&mut rng, d::INTERACTION_SUMMARIES).replace("{org}", &org_name);
                self.add_interaction(
                    &me,
                    InteractionData {
                        org_id: id,
                        person_id: rng.bool().then(|| *pick(&mut rng, &people)),
                        member_id: who.id,
                        unit_id: who.unit_id,
                        date: days_ago(rng.i64(0..365)),
                        kind: *pick(&mut rng, InteractionKind::ALL),
                        summary,
                        follow_up: rng.bool().then(|| days_ago(-rng.i64(1..60))),
                    },
                )?;
            }
        }
        self.seed_demo_news(&me)?;
        self.seed_demo_training(&me)?;
        self.seed_demo_plans(&me)?;
        self.seed_demo_projects(&me)?;
        self.seed_demo_accounts(&me)
    }

    /// The yearly accounts: last year's accepted for every unit (submitted and
    /// decided in January), this year's in every state (not started, draft,
    /// submitted, returned with a comment, accepted) by turns, and both years'
    /// deadlines (31 January after the year).
    fn seed_demo_accounts(&self, me: &Actor) -> Result<()> {
        use crate::model::{AccountWords, WordsPart};
        let year = today_year();
        let mut rng = fastrand::Rng::with_seed(13);
        self.set_deadline(me, year - 1, Some(&format!("{year}-01-31")))?;
        self.set_deadline(me, year, Some(&format!("{}-01-31", year + 1)))?;
        let members = self.members()?;
        let words = |rng: &mut fastrand::Rng, unit: &str, y: i32, parts: usize| {
            let mut w = AccountWords::default();
            for (i, part) in WordsPart::ALL.iter().enumerate().take(parts) {
                *w.get_mut(*part) = pick(rng, d::ACCOUNT_WORDS[i])
                    .replace("{unit}", unit)
                    .replace("{year}", &y.to_string());
            }
            w
        };
        for (n, unit) in self.units()?.into_iter().enumerate() {
            // A unit without a member of its own has the office write for it.
            let writer = match members
                .iter()
                .find(|m| m.unit_id == Some(unit.id) && m.role != Role::Viewer)
            {
                Some(m) => self.actor(&m.account)?,
                None => Actor {
                    unit_id: Some(unit.id),
                    ..me.clone()
                },
            };
            let last = year - 1;
            self.save_words(
                &writer,
                unit.id,
                last,
                None,
                words(&mut rng, &unit.name, last, 6),
            )?;
            self.submit(&writer, unit.id, last, None)?;
            self.accept(me, unit.id, last, None)?;
            let (sent, decided) = (
                format!("{year}-01-{:02}T09:{:02}:00Z", 10 + n % 20, rng.u8(0..60)),
                format!("{year}-02-{:02}T14:{:02}:00Z", 1 + n % 20, rng.u8(0..60)),
            );
            self.write(|tx| {
                tx.execute(
                    "UPDATE accounts SET submitted_at = ?1, decided_at = ?2, updated_at = ?2 \
                     WHERE unit_id = ?3 AND year = ?4",
                    params![sent, decided, unit.id, last],
                )?;
                Ok(())
            })?;
            // This year: 0 not started, 1 draft, 2 submitted, 3 returned, 4 accepted.
            let state = n % 5;
            if state == 0 {
                continue;
            }
            let parts = if state == 1 { 3 } else { 6 };
            self.save_words(
                &writer,
                unit.id,
                year,
                None,
                words(&mut rng, &unit.name, year, parts),
            )?;
            if state >= 2 {
                self.submit(&writer, unit.id, year, None)?;
            }
            if state == 3 {
                self.return_account(me, unit.id, year, None, d::RETURN_COMMENT)?;
            }
            if state == 4 {
                self.accept(me, unit.id, year, None)?;
            }
        }
        Ok(())
    }

    /// A handful of projects in different states, with partners from the registry and
    /// milestones; memberships in the registry's networks, some with evaluations.
    fn seed_demo_projects(&self, me: &Actor) -> Result<()> {
        let mut rng = fastrand::Rng::with_seed(29);
        let year = today_year();
        let orgs: Vec<i64> = self
            .list_orgs(
                &super::OrgFilter {
                    text: String::new(),
                    order: super::SortOrder::Swedish,
                },
                0,
                300,
            )?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let projects = [
            (
                "Green Ports of the Baltic",
                "GREENPORT",
                Programme::InterregBsr,
                ProjectStatus::Running,
                ProjectRole::Partner,
            ),
            (
                "Youth Mobility North",
                "YMN",
                Programme::ErasmusPlus,
                ProjectStatus::Approved,
                ProjectRole::Lead,
            ),
            (
                "Climate-Smart Harbour Cities",
                "CLISH",
                Programme::HorizonEurope,
                ProjectStatus::Submitted,
                ProjectRole::Associated,
            ),
            (
                "Wetlands along Gavleån",
                "WETGAV",
                Programme::Life,
                ProjectStatus::Preparing,
                ProjectRole::Lead,
            ),
            (
                "Citizens' Twin Town Dialogue",
                "TWINDIAL",
                Programme::Cerv,
                ProjectStatus::Idea,
                ProjectRole::Partner,
            ),
        ];
        for (i, (name, acronym, programme, status, role)) in projects.into_iter().enumerate() {
            let partners = (0..3)
                .map(|_| crate::model::ProjectPartner {
                    org_id: *pick(&mut rng, &orgs),
                    role: ProjectRole::Partner,
                })
                .collect();
            let id = self.create_project(
                me,
                ProjectData {
                    name: name.into(),
                    acronym: acronym.into(),
                    programme,
                    call_id: format!("{}-{year}-{:02}", acronym.to_lowercase(), i + 1),
                    role,
                    lead_unit: me.unit_id,
                    contact: Some(me.member_id),
                    budget_total: Some(rng.i64(200_000..2_000_000) * 100),
                    eu_grant: Some(rng.i64(100_000..1_000_000) * 100),
                    own_contribution: Some(rng.i64(20_000..200_000) * 100),
                    currency: "EUR".into(),
                    rate_e4: Some(114_500),
                    start: Some(format!("{}-01-01", year - 1)),
                    end: Some(format!("{}-12-31", year + 1)),
                    status,
                    partners,
                    notes: "Uppföljning varje kvartal i ledningsgruppen.".into(),
                    news_id: None,
                },
            )?;
            for (title, days) in [
                ("Delrapport till programmet", -20),
                ("Styrgruppsmöte", 10),
                ("Slutrapport", 400),
            ] {
                let m = self.add_milestone(me, id, title, Some(&days_ago(-days)))?;
                if days < 0 && i % 2 == 0 {
                    self.set_milestone_done(me, m, true)?;
                }
            }
        }
        let networks: Vec<i64> = {
            let mut stmt = self.conn().prepare("SELECT id FROM orgs WHERE kind = 'network' AND deleted_at IS NULL ORDER BY id LIMIT 6")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let members: Vec<crate::model::Member> = self
            .members()?
            .into_iter()
            .filter(|m| m.role != Role::Viewer)
            .collect();
        for (i, org_id) in networks.into_iter().enumerate() {
            let who = pick(&mut rng, &members);
            let id = self.create_membership(
                me,
                MembershipData {
                    org_id,
                    since: Some(format!("{}-01-01", year - 8 + i as i32)),
                    fee: Some(rng.i64(500..6_000) * 100),
                    currency: "EUR".into(),
                    unit_id: who.unit_id,
                    member_id: Some(who.id),
                    next_evaluation: Some(days_ago(-[-10, 5, 25, 90, 200, 300][i % 6])),
                    notes: String::new(),
                },
            )?;
            if i % 2 == 1 {
                let evaluation = crate::model::Evaluation {
                    date: days_ago(300),
                    assessment: "Bra kontaktytor, aktiv i arbetsgrupp om hamnar.".into(),
                    benefit: [3, 4, 5][i % 3],
                    recommendation: crate::model::Recommendation::Continue,
                };
                self.evaluate_membership(me, id, evaluation, None)?;
            }
        }
        Ok(())
    }

    /// This year's plans: the municipality's and two units', with items spread over
    /// the year (some overdue, some due soon, some done).
    fn seed_demo_plans(&self, me: &Actor) -> Result<()> {
        let year: i32 = today_year();
        let members: Vec<crate::model::Member> = self
            .members()?
            .into_iter()
            .filter(|m| m.role != Role::Viewer)
            .collect();
        let mut rng = fastrand::Rng::with_seed(23);
        let units = self.units()?;
        let targets = [
            (None, "Kommunövergripande handlingsplan"),
            (units.first().map(|u| u.id), "Handlingsplan"),
            (units.get(1).map(|u| u.id), "Handlingsplan"),
        ];
        for (unit_id, title) in targets {
            let plan = self.create_plan(
                me,
                PlanData {
                    year,
                    unit_id,
                    title: format!("{title} {year}"),
                    goals: "Fler EU-finansierade projekt\nStärkta vänortsrelationer".into(),
                    priority_areas: vec![PriorityArea::Operations, PriorityArea::Horizon],
                },
            )?;
            for (i, (text, month_day)) in d::PLAN_ITEMS.iter().enumerate() {
                if rng.u8(0..3) == 0 && unit_id.is_some() {
                    continue;
                }
                let owner = pick(&mut rng, &members).id;
                let (item, _) = self.add_plan_item(
                    me,
                    PlanItemData {
                        plan_id: plan,
                        text: (*text).to_string(),
                        owner_id: Some(owner),
                        due: Some(format!("{year}-{month_day}")),
                        ..Default::default()
                    },
                )?;
                if i % 4 == 0 {
                    self.set_item_status(me, item, ItemStatus::Done)?;
                } else if i % 4 == 1 {
                    self.set_item_status(me, item, ItemStatus::InProgress)?;
                }
            }
        }
        Ok(())
    }

    /// Two years of varied activities, so every chart has a shape: each contact
    /// person logs several a year, some as a group.
    fn seed_demo_training(&self, me: &Actor) -> Result<()> {
        let mut rng = fastrand::Rng::with_seed(19);
        let members: Vec<crate::model::Member> = self
            .members()?
            .into_iter()
            .filter(|m| m.role != Role::Viewer)
            .collect();
        for days_back in (0..730).step_by(9) {
            let (title, kind, organiser) = pick(&mut rng, d::TRAININGS);
            let lead = pick(&mut rng, &members);
            let mut participants = vec![lead.id];
            if rng.u8(0..4) == 0 {
                participants.push(pick(&mut rng, &members).id);
            }
            let kind = TrainingKind::parse(kind).unwrap_or_default();
            let (city, country) = pick(&mut rng, d::CITIES);
            let abroad = matches!(
                kind,
                TrainingKind::StudyVisit | TrainingKind::Conference | TrainingKind::Exchange
            );
            let data = TrainingData {
                title: (*title).to_string(),
                kind,
                date_from: days_ago(days_back + rng.i64(0..7)),
                organiser: (*organiser).to_string(),
                city: if abroad {
                    (*city).to_string()
                } else {
                    "Gävle".into()
                },
                country: if abroad {
                    (*country).to_string()
                } else {
                    "SE".into()
                },
                minutes: 60 * [2, 3, 4, 6, 8, 12, 16][rng.usize(0..7)],
                participants,
                priority_area: Some(*pick(&mut rng, PriorityArea::ALL)),
                growth_area: rng.bool().then(|| *pick(&mut rng, GrowthArea::ALL)),
                funding: if abroad {
                    Funding::ErasmusPlus
                } else {
                    *pick(&mut rng, &[Funding::Own, Funding::Own, Funding::Interreg])
                },
                cost_sek: abroad.then(|| rng.i64(2_000..25_000)),
                shared: pick(
                    &mut rng,
                    &[
                        "Presentation på APT",
                        "Skriftlig rapport till ledningsgruppen",
                        "Nätverksträff",
                        "",
                    ],
                )
                .to_string(),
                ..TrainingData::default()
            };
            let logger = if data.participants.contains(&me.member_id) {
                me.clone()
            } else {
                self.actor(&lead.account)?
            };
            self.log_training(&logger, data)?;
        }
        Ok(())
    }

    /// A realistic feed: calls (one closing within the week), events, horizon scanning,
    /// internal notes; some read by the demo user, some not.
    fn seed_demo_news(&self, me: &Actor) -> Result<()> {
        let mut rng = fastrand::Rng::with_seed(11);
        let members = self.members()?;
        let authors: Vec<Actor> = members
            .iter()
            .filter(|m| m.role != Role::Viewer)
            .filter_map(|m| self.actor(&m.account).ok())
            .collect();
        for (i, (title, category, body)) in d::NEWS.iter().enumerate() {
            let category = NewsCategory::parse(category).unwrap_or_default();
            // The pinned item (i == 1) is the office's: only the office pins.
            let author = if i % 3 == 0 || i == 1 {
                me
            } else {
                pick(&mut rng, &authors)
            };
            let deadline =
                (category == NewsCategory::Call).then(|| days_ago(-[5, 12, 26, 45, 70][i % 5]));
            let event_date = (category == NewsCategory::Event).then(|| days_ago(-rng.i64(7..60)));
            let data = NewsData {
                title: (*title).to_string(),
                body: (*body).to_string(),
                category,
                priority_areas: vec![*pick(&mut rng, PriorityArea::ALL)],
                growth_areas: if rng.bool() {
                    vec![*pick(&mut rng, GrowthArea::ALL)]
                } else {
                    vec![]
                },
                deadline,
                event_date,
                links: if category == NewsCategory::Call {
                    vec!["https://interreg-baltic.eu".into()]
                } else {
                    vec![]
                },
                pinned: i == 1,
                ..NewsData::default()
            };
            let (id, _) = self.post_news(author, data, true)?;
            // Spread the publishing times over the last weeks, and let readers read.
            self.write(|tx| {
                tx.execute(
                    "UPDATE news SET published_at = ?1 WHERE id = ?2",
                    params![format!("{}T09:{:02}:00Z", days_ago((d::NEWS.len() - i) as i64 * 3), i % 60), id],
                )?;
                for m in &members {
                    if m.id != author.member_id && !(i + m.id as usize).is_multiple_of(3) && !(m.id == me.member_id && i >= d::NEWS.len() - 4) {
                        tx.execute(
                            "INSERT OR IGNORE INTO news_reads (news_id, member_id, read_at) VALUES (?1, ?2, ?3)",
                            params![id, m.id, now()],
                        )?;
                    }
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// The largest benchmark scale set: ten times the 100 000 the benchmarks use.
    /// Larger ones would run for days and overflow the counts derived from it.
    pub const MAX_SCALE: usize = 1_000_000;

    /// Writes the benchmark scale set: `orgs` organisations, twice as many persons,
    /// one interaction per two organisations, `orgs / 10` news items with read state for
    /// every member (each has read about 90 %), `orgs × 10` training activities over ten
    /// years, plus 100 members in 10 units. Fast bulk
    /// inserts in one transaction; one audit row says who seeded, none per record.
    pub fn seed_scale(&self, actor: &Actor, orgs: usize) -> Result<()> {
        super::require_office(actor)?;
        if orgs > Self::MAX_SCALE {
            return Err(Error::Rule("err.seed_scale"));
        }
        let mut rng = fastrand::Rng::with_seed(7);
        self.write(|tx| {
            let at = now();
            super::audit::record(
                tx,
                actor,
                "seed",
                "registry",
                0,
                None::<&()>,
                Some(&serde_json::json!({ "organisations": orgs })),
            )?;
            for u in 0..10 {
                tx.execute(
                    "INSERT OR IGNORE INTO units (code, name, is_company, created_at) VALUES (?1, ?2, 0, ?3)",
                    params![format!("U{u:02}"), format!("Förvaltning {u}"), at],
                )?;
            }
            for m in 0..100 {
                tx.execute(
                    "INSERT OR IGNORE INTO members (account, full_name, unit_id, role, created_at) \
                     VALUES (?1, ?2, (SELECT id FROM units WHERE code = ?3), 'member', ?4)",
                    params![format!("seed{m:03}"), person_name(&mut rng), format!("U{:02}", m % 10), at],
                )?;
            }
            let member_ids: Vec<i64> = {
                let mut stmt = tx.prepare("SELECT id FROM members")?;
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            };
            // Each contact is logged with its member's unit, as the program logs them,
            // so the yearly figures per unit have something to count.
            let unit_of: std::collections::HashMap<i64, Option<i64>> = {
                let mut stmt = tx.prepare("SELECT id, unit_id FROM members")?;
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
            };
            let mut insert_org = tx.prepare(
                "INSERT INTO orgs (name, name_fold, sort_sv, kind, country, created_at, created_by, updated_at, updated_by) \
                 VALUES ('', '', '', '', '', ?1, ?2, ?1, ?2)",
            )?;
            let mut insert_person = tx.prepare(
                "INSERT INTO persons (org_id, name, created_at, created_by, updated_at, updated_by) VALUES (?1, '', ?2, ?3, ?2, ?3)",
            )?;
            let mut insert_interaction = tx.prepare(
                "INSERT INTO interactions (org_id, member_id, date, kind, summary, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, '', '', '', ?3, ?2, ?3, ?2)",
            )?;
            for n in 0..orgs {
                let member = *pick(&mut rng, &member_ids);
                let mut org = random_org(&mut rng, n + 1);
                org.owner_member = Some(member);
                insert_org.execute(params![at, member])?;
                let id = tx.last_insert_rowid();
                org.store_columns(tx, id)?;
                org.index(tx, id)?;
                for _ in 0..2 {
                    let name = person_name(&mut rng);
                    let person = PersonData {
                        org_id: id,
                        email: email_for(&name, &org.website),
                        title: (*pick(&mut rng, d::TITLES)).to_string(),
                        name,
                        ..PersonData::default()
                    };
                    insert_person.execute(params![id, at, member])?;
                    let pid = tx.last_insert_rowid();
                    person.store_columns(tx, pid)?;
                    person.index(tx, pid)?;
                }
                if n % 2 == 0 {
                    let data = InteractionData {
                        org_id: id,
                        person_id: None,
                        member_id: member,
                        unit_id: unit_of.get(&member).copied().flatten(),
                        date: days_ago(rng.i64(0..3650)),
                        kind: *pick(&mut rng, InteractionKind::ALL),
                        summary: pick(&mut rng, d::INTERACTION_SUMMARIES).replace("{org}", &org.name),
                        follow_up: None,
                    };
                    insert_interaction.execute(params![id, member, at])?;
                    let iid = tx.last_insert_rowid();
                    data.store_columns(tx, iid)?;
                    data.index(tx, iid)?;
                    tx.execute("UPDATE orgs SET last_contact = ?1 WHERE id = ?2", params![data.date, id])?;
                }
            }
            Ok(())
        })?;
        self.seed_scale_news(orgs / 10, &mut rng)?;
        self.seed_scale_training(orgs * 10, &mut rng)?;
        self.seed_scale_planning(orgs, &mut rng)?;
        self.conn().execute_batch(
            "PRAGMA optimize; INSERT INTO orgs_fts(orgs_fts) VALUES ('optimize'); \
             INSERT INTO persons_fts(persons_fts) VALUES ('optimize'); \
             INSERT INTO interactions_fts(interactions_fts) VALUES ('optimize');",
        )?;
        Ok(())
    }

    /// Plans, projects and memberships in proportion to `orgs` (at 100,000: 50 plans of
    /// 200 items, 2,000 projects with three milestones each, 100 network memberships).
    /// All plans are this year's, the worst case for the plans screen.
    fn seed_scale_planning(&self, orgs: usize, rng: &mut fastrand::Rng) -> Result<()> {
        let year = today_year();
        self.write(|tx| {
            let members: Vec<(i64, Option<i64>)> = {
                let mut stmt = tx.prepare("SELECT id, unit_id FROM members WHERE role <> 'viewer'")?;
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
            };
            let units: Vec<i64> = {
                let mut stmt = tx.prepare("SELECT id FROM units")?;
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            };
            let at = now();
            let by = members.first().map(|m| m.0);
            let mut insert_plan = tx.prepare(
                "INSERT INTO plans (year, title, created_at, created_by, updated_at, updated_by) VALUES (0, '', ?1, ?2, ?1, ?2)",
            )?;
            let mut insert_item = tx.prepare(
                "INSERT INTO plan_items (plan_id, text, created_at, created_by, updated_at, updated_by) VALUES (?1, '', ?2, ?3, ?2, ?3)",
            )?;
            for p in 0..(orgs / 2000).max(1) {
                let unit_id = (p > 0).then(|| units.get(p % units.len().max(1)).copied()).flatten();
                let plan = PlanData {
                    year,
                    unit_id,
                    title: format!("Handlingsplan {year} del {}", p + 1),
                    goals: "Fler EU-finansierade projekt\nStärkta vänortsrelationer".into(),
                    priority_areas: vec![*pick(rng, PriorityArea::ALL)],
                };
                insert_plan.execute(params![at, by])?;
                let plan_id = tx.last_insert_rowid();
                plan.store_columns(tx, plan_id)?;
                for _ in 0..200 {
                    let (text, _) = pick(rng, d::PLAN_ITEMS);
                    let item = PlanItemData {
                        plan_id,
                        text: (*text).to_string(),
                        owner_id: Some(pick(rng, &members).0),
                        due: Some(days_ago(rng.i64(-200..165))),
                        status: *pick(rng, ItemStatus::ALL),
                        ..PlanItemData::default()
                    };
                    insert_item.execute(params![plan_id, at, by])?;
                    let id = tx.last_insert_rowid();
                    item.store_columns(tx, id)?;
                }
            }
            let org_count: i64 = tx.query_row("SELECT count(*) FROM orgs", [], |r| r.get(0))?;
            let mut insert_project = tx.prepare(
                "INSERT INTO projects (name, created_at, created_by, updated_at, updated_by) VALUES ('', ?1, ?2, ?1, ?2)",
            )?;
            let mut insert_milestone = tx.prepare(
                "INSERT INTO milestones (project_id, title, due, done, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?;
            let names = ["Green Ports", "Youth Mobility", "Smart Harbours", "Baltic Schools", "Clean Rivers", "Culture Bridges"];
            for n in 0..orgs / 50 {
                let (contact, unit) = *pick(rng, &members);
                let budget = rng.i64(100_000..5_000_000) * 100;
                let start = days_ago(rng.i64(-365..1500));
                let partners = (0..rng.usize(1..5))
                    .map(|_| crate::model::ProjectPartner {
                        org_id: rng.i64(1..=org_count.max(1)),
                        role: *pick(rng, ProjectRole::ALL),
                    })
                    .collect();
                let project = ProjectData {
                    name: format!("{} {}", pick(rng, &names), n + 1),
                    acronym: format!("P{n:04}"),
                    programme: *pick(rng, Programme::ALL),
                    role: *pick(rng, ProjectRole::ALL),
                    lead_unit: unit,
                    contact: Some(contact),
                    budget_total: Some(budget),
                    eu_grant: Some(budget / 100 * 80),
                    own_contribution: Some(budget / 100 * 20),
                    currency: "EUR".into(),
                    rate_e4: Some(114_500),
                    end: crate::model::add_days(&start, 1095),
                    start: Some(start),
                    status: *pick(rng, ProjectStatus::ALL),
                    partners,
                    ..ProjectData::default()
                };
                insert_project.execute(params![at, contact])?;
                let id = tx.last_insert_rowid();
                project.store_columns(tx, id)?;
                for (title, days) in [("Delrapport", rng.i64(-180..180)), ("Styrgruppsmöte", rng.i64(-90..270)), ("Slutrapport", rng.i64(180..900))] {
                    insert_milestone.execute(params![id, title, days_ago(-days), days < 0 && rng.bool(), at])?;
                }
            }
            let networks: Vec<i64> = {
                let mut stmt = tx.prepare("SELECT id FROM orgs WHERE kind = 'network' ORDER BY id LIMIT ?1")?;
                stmt.query_map([(orgs / 1000).max(1) as i64], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            };
            let mut insert_membership = tx.prepare(
                "INSERT INTO memberships (org_id, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?2, ?3)",
            )?;
            let mut insert_evaluation = tx.prepare(
                "INSERT INTO evaluations (membership_id, date, assessment, benefit, recommendation, member_id, created_at) \
                 VALUES (?1, ?2, 'Årlig utvärdering', ?3, ?4, ?5, ?6)",
            )?;
            for org_id in networks {
                let (member, unit) = *pick(rng, &members);
                let membership = MembershipData {
                    org_id,
                    since: Some(days_ago(rng.i64(365..7300))),
                    fee: Some(rng.i64(1_000..50_000) * 100),
                    currency: "EUR".into(),
                    unit_id: unit,
                    member_id: Some(member),
                    next_evaluation: Some(days_ago(rng.i64(-365..30))),
                    notes: String::new(),
                };
                insert_membership.execute(params![org_id, at, member])?;
                let id = tx.last_insert_rowid();
                membership.store_columns(tx, id)?;
                for e in 0..rng.i64(0..3) {
                    let recommendation = pick(rng, crate::model::Recommendation::ALL).as_str();
                    insert_evaluation.execute(params![id, days_ago(365 * (e + 1)), rng.i64(1..=5), recommendation, member, at])?;
                }
            }
            Ok(())
        })
    }

    /// `count` activities over the last ten years, a quarter of them for two people.
    fn seed_scale_training(&self, count: usize, rng: &mut fastrand::Rng) -> Result<()> {
        self.write(|tx| {
            let members: Vec<(i64, Option<i64>)> = {
                let mut stmt = tx.prepare("SELECT id, unit_id FROM members")?;
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
            };
            let at = now();
            let mut insert = tx.prepare(
                "INSERT INTO trainings (title, kind, date_from, minutes, participants, priority_area, funding, \
                 created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'own', ?7, ?8, ?7, ?8)",
            )?;
            let mut part = tx.prepare(
                "INSERT OR IGNORE INTO training_participants \
                 (training_id, member_id, unit_id, year, month, kind, priority_area, minutes, first, first_in_unit) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for _ in 0..count {
                let (title, kind, _) = pick(rng, d::TRAININGS);
                let date = days_ago(rng.i64(0..3650));
                let minutes = 60 * rng.i64(1..17);
                let area = pick(rng, PriorityArea::ALL).as_str();
                let mut who = vec![*pick(rng, &members)];
                if rng.u8(0..4) == 0 {
                    who.push(*pick(rng, &members));
                }
                who.dedup_by_key(|m| m.0);
                let ids = format!(",{},", who.iter().map(|m| m.0.to_string()).collect::<Vec<_>>().join(","));
                insert.execute(params![title, kind, date, minutes, ids, area, at, who[0].0])?;
                let id = tx.last_insert_rowid();
                let year: i64 = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
                let month: i64 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
                for (i, (member, unit)) in who.iter().enumerate() {
                    let first_in_unit = who[..i].iter().all(|(_, u)| u != unit);
                    part.execute(params![id, member, unit, year, month, kind, area, minutes, i == 0, first_in_unit])?;
                }
            }
            Ok(())
        })
    }

    fn seed_scale_news(&self, count: usize, rng: &mut fastrand::Rng) -> Result<()> {
        self.write(|tx| {
            let members: Vec<i64> = {
                let mut stmt = tx.prepare("SELECT id FROM members")?;
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            };
            let at = now();
            let mut insert = tx.prepare(
                "INSERT INTO news (title, category, author_id, published_at, created_at, created_by, updated_at, updated_by) \
                 VALUES ('', '', ?1, ?2, ?3, ?1, ?3, ?1)",
            )?;
            let mut read = tx.prepare("INSERT INTO news_reads (news_id, member_id, read_at) VALUES (?1, ?2, ?3)")?;
            for n in 0..count {
                let author = *pick(rng, &members);
                let (title, category, body) = pick(rng, d::NEWS);
                let category = NewsCategory::parse(category).unwrap_or_default();
                let age = (count - n) as i64 / 3;
                let data = NewsData {
                    title: format!("{title} ({n})"),
                    body: (*body).to_string(),
                    category,
                    deadline: (category == NewsCategory::Call).then(|| days_ago(age - 30)),
                    ..NewsData::default()
                };
                insert.execute(params![author, format!("{}T08:00:00Z", days_ago(age)), at])?;
                let id = tx.last_insert_rowid();
                data.store_columns(tx, id)?;
                data.index(tx, id)?;
                for m in &members {
                    if rng.u8(0..10) != 0 {
                        read.execute(params![id, m, at])?;
                    }
                }
            }
            Ok(())
        })
    }
}
