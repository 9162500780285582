//! Message catalogues, Swedish and English. Every string a user sees comes from here.

mod en;
mod sv;

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    /// A stored moment (`2026-11-28T20:37:13Z`, UTC) as a person reads it: local time
    /// in the system time zone (`TZ` honoured), `2026-11-28 21:37` in both languages
    /// (the program's dates are ISO everywhere; see `docs/usage.md`). Text that is
    /// not such a moment (a bare date, a damaged value) comes back sanitised as it is.
    pub fn datetime(self, ts: &str) -> String {
        local_datetime(ts, &time_zone(), "%Y-%m-%d %H:%M")
    }

    /// The local date (`YYYY-MM-DD`) of a stored moment, for columns that show the day.
    pub fn date_of(self, ts: &str) -> String {
        local_datetime(ts, &time_zone(), "%Y-%m-%d")
    }

    /// `sv`/`svenska`/`swedish` or `en`/`english`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sv" | "svenska" | "swedish" => Some(Lang::Sv),
            "en" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }

    /// From a locale such as `sv_SE.UTF-8`: Swedish for `sv*`, else English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    fn table(self) -> &'static HashMap<&'static str, &'static str> {
        static SV_MAP: OnceLock<HashMap<&str, &str>> = OnceLock::new();
        static EN_MAP: OnceLock<HashMap<&str, &str>> = OnceLock::new();
        match self {
            Lang::Sv => SV_MAP.get_or_init(|| sv::MESSAGES.iter().copied().collect()),
            Lang::En => EN_MAP.get_or_init(|| en::MESSAGES.iter().copied().collect()),
        }
    }

    /// The message for `key`; the key itself if the catalogue lacks it (a test makes
    /// sure it never does).
    pub fn t(self, key: &str) -> &str {
        self.table().get(key).copied().unwrap_or(key)
    }

    /// The message for `key` with `{name}` placeholders filled in, and the words that
    /// follow a number: `{name|one|many}` becomes `one` when `name` is 1, else `many`
    /// ("1 person", "2 personer").
    pub fn f(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        let mut out = self.t(key).to_string();
        for (name, value) in args {
            let value = value.to_string();
            out = out.replace(&format!("{{{name}}}"), &value);
            let open = format!("{{{name}|");
            while let Some(start) = out.find(&open) {
                let Some(len) = out[start..].find('}') else {
                    break;
                };
                let inner = &out[start + open.len()..start + len];
                let (one, many) = inner.split_once('|').unwrap_or((inner, inner));
                let word = if value == "1" { one } else { many }.to_string();
                out.replace_range(start..=start + len, &word);
            }
        }
        out
    }

    /// Where an organisation is: "City, Country", or the country alone when the city
    /// is not known (never "Place , Germany"). The city is cleaned for the terminal.
    pub fn place(self, city: &str, country: &str) -> String {
        let city = crate::text::sanitize_line(city.trim());
        let country = self.country(country);
        if city.is_empty() {
            country
        } else {
            format!("{city}, {country}")
        }
    }

    /// A message that follows another one: starts with a capital and ends with a full
    /// stop ("Saved. The due date is outside the plan's year.").
    pub fn sentence(self, text: &str) -> String {
        let text = text.trim();
        let mut chars = text.chars();
        let mut out: String = match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => return String::new(),
        };
        if !out.ends_with(['.', '!', '?']) {
            out.push('.');
        }
        out
    }

    /// A number as this language writes it: a decimal comma in Swedish (`29,5`,
    /// `1 212 446,00`), a point in English.
    pub fn num(self, number: impl Display) -> String {
        let s = number.to_string();
        match self {
            Lang::Sv => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// The sort order lists use in this language.
    pub fn sort_order(self) -> crate::store::SortOrder {
        match self {
            Lang::Sv => crate::store::SortOrder::Swedish,
            Lang::En => crate::store::SortOrder::English,
        }
    }

    /// A country's display name.
    pub fn country(self, code: &str) -> String {
        crate::model::country::name(code, self == Lang::Sv)
            .map(str::to_string)
            .unwrap_or_else(|| code.to_string())
    }
}

/// What is wrong with a field, in `lang`: the message with its values filled in
/// (cleaned for the terminal: a value may be text the user typed), then the words
/// the field takes, if any.
pub fn field_message(lang: Lang, e: &crate::model::FieldError) -> String {
    let args: Vec<(&str, String)> = e
        .args
        .iter()
        .map(|(name, value)| (*name, crate::text::sanitize_line(value).into_owned()))
        .collect();
    let args: Vec<(&str, &dyn Display)> = args
        .iter()
        .map(|(name, value)| (*name, value as &dyn Display))
        .collect();
    let message = lang.f(e.key, &args);
    if e.choices.is_empty() {
        message
    } else {
        format!("{message} ({})", e.choices.join(", "))
    }
}

/// One line describing a store error, for the status bar and the shell.
pub fn describe_error(lang: Lang, err: &crate::store::Error) -> String {
    use crate::store::Error;
    match err {
        Error::Invalid(errors) => errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    lang.t(&format!("field.{}", e.field)),
                    field_message(lang, e)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Error::Conflict { by, at } => lang.f(
            "err.conflict",
            &[
                ("by", &crate::text::sanitize_line(by)),
                ("at", &lang.datetime(at)),
            ],
        ),
        Error::NotFound => lang.t("err.not_found").to_string(),
        Error::Forbidden => lang.t("err.forbidden").to_string(),
        Error::NotMember(account) => lang.f(
            "err.not_member",
            &[("account", &crate::text::sanitize_line(account))],
        ),
        Error::SchemaTooNew { found, known } => {
            lang.f("err.schema_newer", &[("found", found), ("known", known)])
        }
        Error::Duplicate(similar) => lang.f("err.duplicate", &[("n", &similar.len())]),
        Error::Rule(key) => lang.t(key).to_string(),
        Error::Sqlite(_) if err.is_busy() => lang.t("err.busy").to_string(),
        Error::Sqlite(_) if err.is_read_only() => lang.t("err.read_only").to_string(),
        Error::NoDatabase(path) => lang.f(
            "err.no_database",
            &[("path", &crate::text::sanitize_line(&path.to_string_lossy()))],
        ),
        Error::NoAccess(path) => lang.f(
            "err.no_access",
            &[("path", &crate::text::sanitize_line(&path.to_string_lossy()))],
        ),
        Error::Link(path) => lang.f(
            "err.link",
            &[("path", &crate::text::sanitize_line(&path.to_string_lossy()))],
        ),
        Error::Sqlite(e) => lang.f("err.database", &[("detail", e)]),
        Error::Io(e) => lang.f("err.io", &[("detail", e)]),
    }
}

/// A figure's value as people read it (issue 13): a count as it is, minutes as hours,
/// öre as whole kronor with the language's decimal mark and grouping.
pub fn figure_value(lang: Lang, measure: crate::model::Measure, value: i64) -> String {
    use crate::model::Measure;
    match measure {
        Measure::Count => value.to_string(),
        Measure::Minutes => lang.num(crate::model::format_hours(value)),
        Measure::SekMinor => {
            // Whole kronor, rounded half away from zero; grouped like amounts.
            let kr = (i128::from(value) + if value < 0 { -50 } else { 50 }) / 100;
            let kr = i64::try_from(kr).unwrap_or(i64::MAX);
            let grouped = crate::model::format_amount(kr.saturating_mul(100));
            lang.num(grouped.trim_end_matches(".00"))
        }
    }
}

/// "changed since submitted: Training activities +2, Person-hours +1.5"; empty when
/// nothing drifted.
pub fn describe_drift(lang: Lang, drift: &crate::model::Drift) -> String {
    if drift.is_empty() {
        return String::new();
    }
    let lines = drift
        .lines
        .iter()
        .map(|l| {
            let d = l.delta();
            let sign = if d >= 0 { "+" } else { "-" };
            format!(
                "{} {sign}{}",
                lang.t(l.figure.key()),
                figure_value(lang, l.figure.measure(), d.saturating_abs())
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    lang.f("report.drift", &[("changes", &lines)])
}

/// "closes in 12 days" / "closed" for a deadline, relative to today.
pub fn countdown(lang: Lang, deadline: &str, today: &str) -> String {
    let Some(days) = crate::model::days_between(today, deadline) else {
        return deadline.to_string();
    };
    match days {
        d if d < 0 => lang.t("news.closed").to_string(),
        0 => lang.t("news.closes_today").to_string(),
        1 => lang.t("news.closes_tomorrow").to_string(),
        d => lang.f("news.closes_in", &[("n", &d)]),
    }
}

static FIXED_TIME_ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();

/// Makes every local time of this process read in `tz` (an IANA name) instead of the
/// system's zone, for tests whose pictures must not depend on the machine they run
/// on (as `store::fix_clock` fixes the date). False if the name is unknown or a zone
/// was fixed already.
pub fn fix_time_zone(tz: &str) -> bool {
    match jiff::tz::TimeZone::get(tz) {
        Ok(zone) => FIXED_TIME_ZONE.set(zone).is_ok(),
        Err(_) => false,
    }
}

/// The zone local times are shown in: the fixed one, else the system's (`TZ`).
fn time_zone() -> jiff::tz::TimeZone {
    FIXED_TIME_ZONE
        .get()
        .cloned()
        .unwrap_or_else(jiff::tz::TimeZone::system)
}

/// `ts` in `tz` with the strftime `pattern`; anything that is not a UTC moment is
/// returned sanitised, unchanged.
fn local_datetime(ts: &str, tz: &jiff::tz::TimeZone, pattern: &str) -> String {
    match ts.trim().parse::<jiff::Timestamp>() {
        Ok(t) => t
            .to_zoned_datetime(tz.clone())
            .strftime(pattern)
            .to_string(),
        Err(_) => crate::text::sanitize_line(ts).into_owned(),
    }
}

/// Says what `undo` reversed.
/// An evaluation in one line: its date, the benefit out of five and the
/// recommendation; `—` when there is none.
pub fn describe_evaluation(lang: Lang, evaluation: Option<&crate::model::Evaluation>) -> String {
    evaluation
        .map(|e| {
            format!(
                "{} {}/5 {}",
                e.date,
                e.benefit,
                lang.t(e.recommendation.key())
            )
        })
        .unwrap_or_else(|| "—".into())
}

pub fn describe_undo(lang: Lang, undone: &crate::store::Undone) -> String {
    let key = match undone.action.as_str() {
        "delete" => "msg.undo_delete",
        "update" => "msg.undo_update",
        _ => "msg.undo_create",
    };
    describe_change(lang, key, undone)
}

/// Says what `redo` made again.
pub fn describe_redo(lang: Lang, redone: &crate::store::Undone) -> String {
    let key = match redone.action.as_str() {
        "delete" => "msg.redo_delete",
        "update" => "msg.redo_update",
        _ => "msg.redo_create",
    };
    describe_change(lang, key, redone)
}

fn describe_change(lang: Lang, key: &str, undone: &crate::store::Undone) -> String {
    let what = lang.t(&format!("entity.{}", undone.entity)).to_string();
    let name = if undone.name.is_empty() {
        format!("#{}", undone.entity_id)
    } else {
        format!(
            "“{}”",
            crate::text::truncate(&crate::text::sanitize_line(&undone.name), 60)
        )
    };
    let said = lang.f(key, &[("what", &what), ("name", &name)]);
    if undone.others == 0 {
        return said;
    }
    // One step of an import or a merge: say that the rest went with it.
    format!(
        "{said} {}",
        lang.f("msg.undo_others", &[("n", &undone.others)])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(m: &[(&str, &str)]) -> BTreeSet<String> {
        m.iter().map(|(k, _)| (*k).to_string()).collect()
    }

    #[test]
    fn a_stored_moment_reads_in_local_time() {
        let Ok(stockholm) = jiff::tz::TimeZone::get("Europe/Stockholm") else {
            // No time zone database on this machine: nothing to compare with.
            return;
        };
        let p = "%Y-%m-%d %H:%M";
        // Winter (UTC+1) and summer (UTC+2), and across midnight.
        assert_eq!(
            local_datetime("2026-11-28T20:37:13Z", &stockholm, p),
            "2026-11-28 21:37"
        );
        assert_eq!(
            local_datetime("2026-07-01T22:30:00Z", &stockholm, p),
            "2026-07-02 00:30"
        );
        // Not a moment: shown as it is, without control characters.
        assert_eq!(local_datetime("2026-11-28", &stockholm, p), "2026-11-28");
        assert!(!local_datetime("x\u{1b}[2J", &stockholm, p).contains('\u{1b}'));
    }

    #[test]
    fn both_languages_have_every_key() {
        let sv = keys(sv::MESSAGES);
        let en = keys(en::MESSAGES);
        let only_sv: Vec<_> = sv.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&sv).collect();
        assert!(only_sv.is_empty(), "missing in English: {only_sv:?}");
        assert!(only_en.is_empty(), "missing in Swedish: {only_en:?}");
        assert_eq!(sv.len(), sv::MESSAGES.len(), "duplicate Swedish key");
        assert_eq!(en.len(), en::MESSAGES.len(), "duplicate English key");
    }

    #[test]
    fn placeholders_agree_and_nothing_is_empty() {
        let placeholders = |s: &str| -> BTreeSet<String> {
            s.split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}'))
                // `{n|one|many}` names `n`; the words are the language's own.
                .map(|(n, _)| n.split('|').next().unwrap_or(n).to_string())
                .collect()
        };
        for (k, en) in en::MESSAGES {
            let sv = Lang::Sv.t(k);
            assert!(
                !en.trim().is_empty() && !sv.trim().is_empty(),
                "empty message {k}"
            );
            assert_eq!(
                placeholders(en),
                placeholders(sv),
                "placeholders differ in {k}"
            );
        }
    }

    /// Every catalogue key the code names exists. Keys are string literals of the form
    /// `prefix.name` with one of the catalogue's prefixes.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let known = keys(en::MESSAGES);
        let prefixes: BTreeSet<&str> = en::MESSAGES
            .iter()
            .filter_map(|(k, _)| k.split_once('.'))
            .map(|(p, _)| p)
            .collect();
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if !path.ends_with("i18n") {
                        stack.push(path);
                    }
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for lit in text.split('"').skip(1).step_by(2) {
                    let Some((prefix, rest)) = lit.split_once('.') else {
                        continue;
                    };
                    let shaped = !rest.is_empty()
                        && rest.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'
                        });
                    if shaped && prefixes.contains(prefix) && !known.contains(lit) {
                        missing.push(format!("{}: {lit}", path.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalogue: {missing:#?}"
        );
    }

    #[test]
    fn enum_values_have_names() {
        use crate::model::*;
        let mut all: Vec<&str> = Vec::new();
        all.extend(Role::ALL.iter().map(|v| v.key()));
        all.extend(OrgKind::ALL.iter().map(|v| v.key()));
        all.extend(Sector::ALL.iter().map(|v| v.key()));
        all.extend(OrgStatus::ALL.iter().map(|v| v.key()));
        all.extend(PriorityArea::ALL.iter().map(|v| v.key()));
        all.extend(GrowthArea::ALL.iter().map(|v| v.key()));
        all.extend(InteractionKind::ALL.iter().map(|v| v.key()));
        all.extend(Programme::ALL.iter().map(|v| v.key()));
        all.extend(ProjectRole::ALL.iter().map(|v| v.key()));
        all.extend(ProjectStatus::ALL.iter().map(|v| v.key()));
        all.extend(Recommendation::ALL.iter().map(|v| v.key()));
        all.extend(ItemStatus::ALL.iter().map(|v| v.key()));
        all.extend(TrainingKind::ALL.iter().map(|v| v.key()));
        all.extend(Funding::ALL.iter().map(|v| v.key()));
        all.extend(NewsCategory::ALL.iter().map(|v| v.key()));
        all.extend(AccountState::ALL.iter().map(|v| v.key()));
        all.extend(WordsPart::ALL.iter().map(|v| v.key()));
        all.extend(Figure::ALL.iter().map(|v| v.key()));
        for key in all {
            assert_ne!(Lang::En.t(key), key, "no English name for {key}");
            assert_ne!(Lang::Sv.t(key), key, "no Swedish name for {key}");
        }
    }

    /// Undo names what it reversed by the audit's entity word.
    #[test]
    fn every_audited_entity_has_a_name() {
        assert!(crate::store::ENTITIES.len() >= 10);
        for e in crate::store::ENTITIES.iter().map(|k| k.name) {
            let key = format!("entity.{e}");
            assert_ne!(Lang::En.t(&key), key);
            assert_ne!(Lang::Sv.t(&key), key);
        }
    }

    #[test]
    fn plurals_follow_the_number_and_decimals_the_language() {
        let totals = |lang: Lang, a: i64, h: &str, p: i64| {
            lang.f(
                "training.totals",
                &[("a", &a), ("h", &lang.num(h)), ("p", &p)],
            )
        };
        assert_eq!(
            totals(Lang::Sv, 1, "1.5", 1),
            "1 aktivitet, 1,5 persontimmar, 1 person"
        );
        assert_eq!(
            totals(Lang::Sv, 5, "29.5", 2),
            "5 aktiviteter, 29,5 persontimmar, 2 personer"
        );
        assert_eq!(
            totals(Lang::En, 1, "1", 1),
            "1 activity, 1 person-hour, 1 person"
        );
        assert_eq!(
            totals(Lang::En, 2, "29.5", 3),
            "2 activities, 29.5 person-hours, 3 people"
        );
        assert_eq!(Lang::Sv.num("1 212 446.00"), "1 212 446,00");
    }

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale("sv_SE.UTF-8"), Lang::Sv);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::Sv.f("err.date", &[]), Lang::Sv.t("err.date"));
    }
}
