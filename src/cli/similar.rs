//! The near-duplicates check before create lists, printed the same way by `org add`
//! (our own registry) and the regional commands: one place both use, so neither
//! command file depends on the other.

use crate::i18n::Lang;
use crate::text::sanitize_line as clean;

/// Our near-duplicates, one a line on stderr.
pub(super) fn print_similar(lang: Lang, similar: &[crate::model::Similar]) {
    for s in similar {
        eprintln!(
            "  {:<6} {} ({}, {}) {} {}",
            s.id,
            clean(&s.name),
            clean(&s.city),
            lang.country(&s.country),
            clean(s.owner.as_deref().unwrap_or("-")),
            s.last_contact.as_deref().unwrap_or("-")
        );
    }
}
