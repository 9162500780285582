//! The evaluation form: is a network membership worth its fee, and when to ask again.
//! The office or the member responsible for the membership.

use super::fields::options;
use super::{FormState, FormTarget, Saved};
use crate::i18n::Lang;
use crate::model::{Actor, Evaluation, Membership, Recommendation, add_days};
use crate::store::{Error, Store, today};
use crate::tui::widgets::form::Field;

/// A new evaluation of `membership`, dated today, the next one a year on.
pub fn open(actor: &Actor, lang: Lang, membership: &Membership) -> Result<FormState, Error> {
    if !actor.may_evaluate_membership(membership.data.member_id) {
        return Err(Error::Forbidden);
    }
    let today = today();
    let next = add_days(&today, 365).unwrap_or_default();
    let benefits: Vec<(String, String)> = (1..=5).map(|b| (b.to_string(), b.to_string())).collect();
    let fields = vec![
        Field::text("date", &today),
        Field::choice("benefit", benefits, "3"),
        Field::choice(
            "recommendation",
            options(
                lang,
                Recommendation::ALL,
                Recommendation::as_str,
                Recommendation::key,
            ),
            Recommendation::Continue.as_str(),
        ),
        Field::multiline("assessment", ""),
        Field::text("next_evaluation", &next),
    ];
    Ok(FormState::new(
        FormTarget::Evaluation {
            membership_id: membership.id,
        },
        "form.evaluate",
        fields,
    )
    .about(&membership.network))
}

/// Records the evaluation and the date of the next.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    membership_id: i64,
) -> Result<Saved, Error> {
    let evaluation = Evaluation {
        date: f.get("date"),
        assessment: f.get("assessment").trim().to_string(),
        benefit: f.get("benefit").parse().unwrap_or(0),
        recommendation: Recommendation::parse(&f.get("recommendation")).unwrap_or_default(),
    };
    let next = f.get("next_evaluation");
    store.evaluate_membership(actor, membership_id, evaluation, Some(&next))?;
    Ok(Saved::default())
}
