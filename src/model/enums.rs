//! Closed sets of values, stored as stable lower-case words.

use serde::{Deserialize, Serialize};

/// Defines a closed enum stored as text, with its i18n key prefix.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident, $prefix:literal, { $($var:ident => $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The word stored in the database and used on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $word),+ }
            }
            /// The i18n catalogue key of the display name.
            pub fn key(self) -> &'static str {
                match self { $($name::$var => concat!($prefix, ".", $word)),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $name::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s) || v.as_str().replace('_', "-").eq_ignore_ascii_case(s))
            }
            /// Every word, for messages that list what a field takes.
            pub fn words() -> Vec<&'static str> {
                $name::ALL.iter().map(|v| v.as_str()).collect()
            }
            /// Encodes a set as a comma-separated list.
            pub fn join(set: &[$name]) -> String {
                set.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(",")
            }
            /// Decodes a comma-separated list, skipping unknown words.
            pub fn split(s: &str) -> Vec<$name> {
                s.split(',').filter_map($name::parse).collect()
            }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// The role of a member.
    Role, "role", { Office => "office", Member => "member", Viewer => "viewer" }
);

word_enum!(
    /// What kind of partner an organisation is.
    OrgKind, "org_kind", {
        TwinCity => "twin_city",
        CityRegion => "city_region",
        Network => "network",
        Company => "company",
        University => "university",
        Agency => "agency",
        Other => "other",
    }
);

word_enum!(
    /// Triple Helix sector.
    Sector, "sector", { Business => "business", Academia => "academia", Public => "public" }
);

word_enum!(
    OrgStatus, "org_status", { Active => "active", Dormant => "dormant", Ended => "ended" }
);

word_enum!(
    /// The strategy's priority areas.
    PriorityArea, "priority", {
        Operations => "operations",
        Business => "business",
        Horizon => "horizon",
    }
);

word_enum!(
    /// The growth areas of the business programme.
    GrowthArea, "growth", {
        Logistics => "logistics",
        RadioElectronicsGis => "radio_gis",
        Industry => "industry",
        Experience => "experience",
        Trade => "trade",
    }
);

word_enum!(
    InteractionKind, "interaction_kind", {
        Meeting => "meeting",
        IncomingVisit => "incoming_visit",
        StudyVisit => "study_visit",
        CallEmail => "call_email",
        Conference => "conference",
        ProjectWork => "project_work",
    }
);

#[allow(clippy::derivable_impls)]
impl Default for OrgKind {
    fn default() -> Self {
        OrgKind::Other
    }
}
#[allow(clippy::derivable_impls)]
impl Default for OrgStatus {
    fn default() -> Self {
        OrgStatus::Active
    }
}
#[allow(clippy::derivable_impls)]
impl Default for InteractionKind {
    fn default() -> Self {
        InteractionKind::Meeting
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(OrgKind::parse("twin-city"), Some(OrgKind::TwinCity));
        assert_eq!(OrgKind::parse("TWIN_CITY"), Some(OrgKind::TwinCity));
        assert_eq!(OrgKind::parse("castle"), None);
        let set = [PriorityArea::Operations, PriorityArea::Horizon];
        assert_eq!(PriorityArea::split(&PriorityArea::join(&set)), set);
    }
}
