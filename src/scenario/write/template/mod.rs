//! A first scenario from a few answers (`sidecast init`): pure, answers in, commented TOML
//! out. The answers' defaults are the users' own numbers (docs/model.md §1): the
//! reseller's 12 customers on Starter 15% / Growth 20% / Studio 25% with 10% churn and about
//! one new customer a month, the creator's 15% / 8% programme with a $50 payout on Pro
//! $19.99 and Scale $149.99.
//!
//! The text is written for a newcomer: every key says what it means and its unit, and the
//! keys a first scenario leaves out are shown commented, so editing it teaches the format.
//! Churn may be "about X%" or a range ("5-15%"), which becomes a `{ ci90 = [low, high] }`.

mod answers;
mod decisions;
mod given;
pub mod parse;
mod text;

pub use answers::{AffiliateAnswers, Answers, PlanAnswer, Rate, ResellerAnswers, TierAnswer, number, split};
pub use decisions::decisions;
pub use given::Given;

/// The commented scenario for the answers.
pub fn scenario_text(answers: &Answers) -> String {
    let mut out = text::common_text(answers);
    if let Some(r) = &answers.reseller {
        out.push_str(&text::reseller_text(r));
    }
    if let Some(a) = &answers.affiliate {
        out.push_str(&text::affiliate_text(a));
    }
    out.push_str(&text::effort_costs_and_targets(answers));
    out
}

#[cfg(test)]
mod tests {
    use super::parse::{Counts, counts, tier};
    use super::*;
    use crate::scenario::{Churn, parse};

    fn loads(answers: &Answers) -> crate::scenario::Scenario {
        let text = scenario_text(answers);
        parse(&text, "init.toml").unwrap_or_else(|e| panic!("{}\n{text}", e.render(false)))
    }

    #[test]
    fn the_defaults_are_the_resellers_own_numbers_and_load() {
        let s = loads(&Answers::defaults(false, false));
        let r = s.reseller.as_ref().unwrap();
        assert_eq!(r.initial_customers, [8, 3, 1]);
        assert_eq!(r.tiers.iter().map(|t| t.markup.central()).collect::<Vec<_>>(), [0.15, 0.20, 0.25]);
        assert_eq!(r.tiers.iter().map(|t| t.minimum.central()).collect::<Vec<_>>(), [50.0, 200.0, 500.0]);
        assert!(matches!(&r.churn, Churn::Constant(p) if p.central() == 0.10));
        assert_eq!(r.arrivals.central(), 1.0);
        assert_eq!(s.effort.fixed_hours.central(), 4.0);
        assert!(s.affiliate.is_none());
        assert_eq!(s.targets.len(), 1, "the reseller's $700 goal");
    }

    #[test]
    fn the_creators_defaults_load_with_their_terms() {
        let s = loads(&Answers::defaults(false, true));
        let p = &s.affiliate.as_ref().unwrap().programmes[0];
        assert_eq!(p.plans.iter().map(|plan| plan.price.central()).collect::<Vec<_>>(), [19.99, 149.99]);
        assert_eq!((p.commission.first_order.central(), p.commission.recurring.central()), (0.15, 0.08));
        assert_eq!(p.payout_threshold.central(), 50.0);
        assert!(s.reseller.is_none());
        loads(&Answers::defaults(true, true));
    }

    #[test]
    fn a_churn_range_becomes_a_90_percent_interval() {
        let mut answers = Answers::defaults(true, false);
        let range = Rate::parse("5%..15%").unwrap();
        answers.reseller.as_mut().unwrap().churn = range;
        assert!(scenario_text(&answers).contains("churn = { ci90 = [0.05, 0.15] }"));
        let s = loads(&answers);
        assert!(matches!(&s.reseller.unwrap().churn, Churn::Constant(p) if p.is_uncertain()));
    }

    #[test]
    fn rates_read_as_people_type_them() {
        for (text, rate) in [
            ("0.1", Rate::About(0.1)),
            ("10%", Rate::About(0.1)),
            ("about 10%", Rate::About(0.1)),
            ("~ 8 %", Rate::About(0.08)),
            ("5%..15%", Rate::Range(0.05, 0.15)),
            ("5-15%", Rate::Range(0.05, 0.15)),
            ("0.05..0.15", Rate::Range(0.05, 0.15)),
            ("5% to 15%", Rate::Range(0.05, 0.15)),
        ] {
            assert_eq!(Rate::parse(text), Ok(rate), "{text}");
        }
        for bad in ["", "ten", "150%", "10", "15%..5%", "0..10%", "-5%", "5%..x"] {
            assert!(Rate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_total_splits_like_the_weights_and_names_place_counts() {
        assert_eq!(split(12, &[8, 3, 1]), [8, 3, 1]);
        assert_eq!(split(20, &[8, 3, 1]), [13, 5, 2]);
        assert_eq!(split(5, &[1, 1]), [3, 2]);
        assert_eq!(split(4, &[0, 0]), [4, 0]);
        assert_eq!(
            counts("starter=8, growth=3"),
            Ok(Counts::ByName(vec![("starter".into(), 8), ("growth".into(), 3)]))
        );
        assert_eq!(parse::place(&counts("growth=2").unwrap(), &["starter", "growth"], &[1, 1]), Ok(vec![0, 2]));
        assert!(
            parse::place(&counts("gold=2").unwrap(), &["starter", "growth"], &[1, 1]).unwrap_err().contains("starter")
        );
    }

    #[test]
    fn custom_tiers_and_odd_names_still_load() {
        let mut answers = Answers::defaults(true, false);
        let r = answers.reseller.as_mut().unwrap();
        r.tiers = vec![tier("solo=20%,40").unwrap(), tier("Team-Plus=25%,$1200,900").unwrap_or_else(|e| panic!("{e}"))];
        r.default_upgrades = false;
        r.tiers[0].customers = 3;
        answers.name = "Zoë's \"side\" thing".into();
        answers.goal = 0.0;
        let s = loads(&answers);
        assert_eq!(s.name, "Zoë's \"side\" thing");
        assert_eq!(s.reseller.unwrap().tiers[1].name, "Team-Plus");
        assert!(s.targets.is_empty(), "no goal, no target");
        assert!(tier("a b=10%,5").is_err() && tier("x=10%").is_err() && tier("x=2000%,5").is_err());
    }
}
