//! S-12 out-of-area care (异地就医): the basic fund's ratio is lowered by the book's points for filed
//! (已备案) or unfiled (未备案) care. Without an adjustment in the book the local ratio applies, and the
//! settlement says so (S-13).

use super::explain::{step, Trace};
use super::notice::{Notice, NoticeCode};
use super::request::{OutOfArea, SettleRequest};
use crate::money::Money;
use crate::policy::{BenefitRule, Grade, Regional};
use crate::text::{self, Term};

/// The row with its ratios lowered for out-of-area care, and the grade of the adjustment used (P-4).
pub(crate) fn adjust(
    at: &Regional,
    req: &SettleRequest,
    mut rule: BenefitRule,
    t: &mut Trace,
) -> (BenefitRule, Option<Grade>) {
    let Some(status) = req.visit.out_of_area else {
        return (rule, None);
    };
    let words = match status {
        OutOfArea::Filed => Term::Filed,
        OutOfArea::Unfiled => Term::Unfiled,
    }
    .words();
    let Some(g) = at.graded_out_of_area(req.date) else {
        t.notice(Notice::new(NoticeCode::OutOfAreaNotInBook, Money::ZERO));
        step!(t, "S-12", "pool_prop_selfpay", text::s12_area_absent(words));
        return (rule, None);
    };
    let points = match status {
        OutOfArea::Filed => g.value.filed,
        OutOfArea::Unfiled => g.value.unfiled,
    };
    let local = rule.ratio;
    rule.ratio = rule.ratio.less(points);
    for b in &mut rule.bands {
        b.ratio = b.ratio.less(points);
    }
    step!(
        t,
        "S-12",
        "pool_prop_selfpay",
        text::s12_area(&local, &points, &rule.ratio, words),
    );
    (rule, Some(g.grade))
}
