//! What a first scenario assumes beyond the answers, said in words after `init` writes it:
//! each is a key of the file the user may change (how new customers and signups split,
//! how spend varies, upgrades, fixed hours, costs, when month 1 is).

use super::answers::{Answers, number};

/// `starter 8 : growth 3 : studio 1`.
fn split_words<'a>(items: impl Iterator<Item = (&'a str, u32)>) -> String {
    items.map(|(name, n)| format!("{name} {n}")).collect::<Vec<_>>().join(" : ")
}

/// Every assumption the file makes that no question asked, one sentence each.
pub fn decisions(answers: &Answers) -> Vec<String> {
    let mut out = Vec::new();
    if answers.start_month == 1 {
        out.push("months count from today: month 1 is the next month (start_month)".to_string());
    }
    if let Some(r) = &answers.reseller {
        let today = split_words(r.tiers.iter().map(|t| (t.name.as_str(), t.customers)));
        out.push(format!("new customers pick tiers as today's customers did, {today} (reseller.arrival_mix)"));
        out.push(
            "a new customer's platform spend varies around its tier's typical value: 90 in 100 between about 0.45 \
             and 2.2 times it (the tiers' spend)"
                .to_string(),
        );
        if r.default_upgrades {
            out.push(
                "35 in 100 Starter customers move to Growth within 3 months, 10 in 100 Growth customers to Studio \
                 within 6 (the tiers' upgrade)"
                    .to_string(),
            );
        }
    }
    if let Some(a) = &answers.affiliate {
        let today = split_words(a.plans.iter().map(|p| (p.name.as_str(), p.subscribers)));
        out.push(format!("new signups pick plans as today's subscribers did, {today} (affiliate.plan_mix)"));
        if a.plans.len() > 1 {
            out.push(format!(
                "subscribers on every plan leave at the same rate, {} a month (each plan's churn)",
                a.churn.words()
            ));
        }
    }
    out.push(format!("you work {} hours every month, whatever happens (effort.fixed_hours)", number(answers.hours)));
    let mut costs = Vec::new();
    if answers.reseller.is_some() {
        costs.push("card fees of 2.9% + $0.30 on each invoice");
    }
    if answers.affiliate.is_some() {
        costs.push("a payout fee of 2% (at most $20)");
    }
    costs.push("25% of each month's profit set aside for tax");
    out.push(format!("money leaves as {} ([costs])", costs.join(", ")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_assumption_is_said_once() {
        let both = decisions(&Answers::defaults(true, true));
        let text = both.join("\n");
        assert!(text.contains("new signups pick plans as today's subscribers did, pro 40 : scale 6"), "{text}");
        assert!(text.contains("new customers pick tiers as today's customers did, starter 8 : growth 3 : studio 1"));
        assert!(text.contains("card fees") && text.contains("payout fee"));
        let reseller = decisions(&Answers::defaults(true, false)).join("\n");
        assert!(!reseller.contains("payout fee") && !reseller.contains("signups"), "{reseller}");
    }
}
