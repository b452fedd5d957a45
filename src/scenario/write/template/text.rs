//! The scenario text of `init`'s answers, section by section: every value with a comment
//! that says what it means and its unit, and the keys a first scenario leaves out shown
//! commented, so editing the file teaches the format.

use super::answers::{AffiliateAnswers, Answers, Rate, ResellerAnswers, number};
use crate::text::number::dollars;

/// A bare TOML key when the name allows one, else a quoted one.
fn key(name: &str) -> String {
    let bare = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { name.to_string() } else { toml::Value::String(name.to_string()).to_string() }
}

/// `{ a = 1, b = 2 }` from names and values.
fn table<'a>(entries: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let items: Vec<String> = entries.into_iter().map(|(n, v)| format!("{} = {v}", key(n))).collect();
    format!("{{ {} }}", items.join(", "))
}

/// `value` padded to a column, then `# comment`.
fn line(assignment: &str, comment: &str) -> String {
    format!("{assignment:<39} # {comment}\n")
}

/// A key left out, shown commented: `# assignment   # comment`, aligned with [`line`](fn@line).
fn commented(assignment: &str, comment: &str) -> String {
    format!("# {assignment:<37} # {comment}\n")
}

/// Weights for new arrivals: like today's counts, or all to the first when there are none.
fn mix<'a>(names: &[&'a str], counts: &[u32]) -> Vec<(&'a str, String)> {
    if counts.iter().all(|&c| c == 0) {
        return names.iter().enumerate().map(|(i, n)| (*n, if i == 0 { "1" } else { "0" }.to_string())).collect();
    }
    // Weights may be at most 1,000,000 (MAX_WEIGHT): counts beyond it are written as shares
    // of the whole (`init --customers 4294967295` wrote a mix its own check refused).
    if counts.iter().any(|&c| f64::from(c) > crate::scenario::keys::MAX_WEIGHT) {
        let total: f64 = counts.iter().map(|&c| f64::from(c)).sum();
        let share = |c: u32| {
            let text = format!("{:.6}", f64::from(c) / total);
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        return names.iter().zip(counts).map(|(n, &c)| (*n, share(c))).collect();
    }
    names.iter().zip(counts).map(|(n, c)| (*n, c.to_string())).collect()
}

/// The file's head: how to use it, then the top-level keys.
pub fn common_text(a: &Answers) -> String {
    let mut out = String::new();
    let title: String = a.name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    out.push_str(&format!("# {title}: a first scenario written by `sidecast init`.\n"));
    out.push_str(
        "#\n\
         # Run it:    sidecast run FILE      (a table, then JSON, CSV, Markdown and charts in output/)\n\
         # Check it:  sidecast check FILE    (every value the simulation uses, with its unit)\n\
         # Money is in dollars a month, rates are fractions (0.10 = 10%), hours are per month.\n\
         # Any number may be uncertain: { ci90 = [low, high] } means \"90% sure it is in this range\".\n\
         # Every key is explained in README.md, \"Scenario files\". For completion in your editor,\n\
         # run `sidecast schema -o scenario.schema.json` and make the first line of this file\n\
         # `#:schema ./scenario.schema.json` (Even Better TOML, taplo).\n\n",
    );
    out.push_str(&line(&format!("name = {}", toml::Value::String(a.name.clone())), "shown in tables and charts"));
    out.push_str(&line(&format!("horizon_months = {}", a.horizon_months), "months simulated"));
    out.push_str(&line(
        &format!("start_month = {}", a.start_month),
        "the number of the first simulated month (1 = next month)",
    ));
    out.push_str(&line("trajectories = 10000", "simulated futures"));
    out.push_str(&line("seed = 2026", "the same seed gives the same numbers"));
    out
}

/// `[reseller]` and its tiers.
pub fn reseller_text(r: &ResellerAnswers) -> String {
    let names: Vec<&str> = r.tiers.iter().map(|t| t.name.as_str()).collect();
    let counts: Vec<u32> = r.tiers.iter().map(|t| t.customers).collect();
    let today: u32 = counts.iter().sum();
    let mut out =
        String::from("\n# Reselling: customers pay the platform's price plus your markup, by tier.\n[reseller]\n");
    let customers = table(names.iter().copied().zip(counts.iter().map(u32::to_string)));
    out.push_str(&line(&format!("initial_customers = {customers}"), &format!("customers today ({today}), by tier")));
    out.push_str(&line(&format!("arrivals = {}", number(r.arrivals)), "new customers a month, on average"));
    out.push_str(&line(
        &format!("arrival_mix = {}", table(mix(&names, &counts))),
        "new customers pick tiers like today's (an assumption)",
    ));
    out.push_str(&line(
        &format!("churn = {}", r.churn.toml()),
        &format!("the share of customers who leave each month ({})", r.churn.words()),
    ));
    if matches!(r.churn, Rate::About(_)) {
        out.push_str(&commented("churn = { ci90 = [0.05, 0.15] }", "unsure? a range: somewhere between 5% and 15%"));
    }
    out.push_str(&commented("spend_growth = 0.02", "each customer's spend grows 2% a month"));
    out.push_str(&commented("[reseller.kickback]", "the platform's programme on your own volume"));
    out.push_str("# first_order = 0.15\n# recurring = 0.08\n");
    for (i, t) in r.tiers.iter().enumerate() {
        out.push_str(&format!("\n[reseller.tiers.{}]\n", key(&t.name)));
        out.push_str(&line(
            &format!("markup = {}", number(t.markup)),
            &format!("you invoice the platform spend plus {}%", number(t.markup * 100.0)),
        ));
        out.push_str(&line(&format!("minimum = {}", number(t.minimum)), "the smallest monthly invoice, dollars"));
        let (low, high) = (t.spend / 2.0, t.spend * 2.5);
        out.push_str(&line(
            &format!("spend = {{ median = {}, ci90 = [{}, {}] }}", number(t.spend), number(low), number(high)),
            &format!("a new customer's platform spend a month: typically {}", dollars(t.spend)),
        ));
        out.push_str(&commented("support_hours = 0.2", "hours per customer a month"));
        if r.default_upgrades && i + 1 < r.tiers.len() {
            let (probability, months) = if i == 0 { (0.35, 3) } else { (0.10, 6) };
            out.push_str(&format!(
                "upgrade = {{ to = {}, probability = {probability}, within_months = {months} }}\n",
                toml::Value::String(r.tiers[i + 1].name.clone())
            ));
        }
    }
    out
}

/// `[affiliate]`, its commission and plans.
pub fn affiliate_text(a: &AffiliateAnswers) -> String {
    let names: Vec<&str> = a.plans.iter().map(|p| p.name.as_str()).collect();
    let counts: Vec<u32> = a.plans.iter().map(|p| p.subscribers).collect();
    let today: u32 = counts.iter().sum();
    let mut out =
        String::from("\n# Affiliate: subscribers you referred pay the platform; you earn commission.\n[affiliate]\n");
    let subscribers = table(names.iter().copied().zip(counts.iter().map(u32::to_string)));
    out.push_str(&line(
        &format!("initial_subscribers = {subscribers}"),
        &format!("referred subscribers today ({today}), by plan"),
    ));
    out.push_str(&line(&format!("signups = {}", number(a.signups)), "new referred signups a month, on average"));
    out.push_str(&line(
        &format!("plan_mix = {}", table(mix(&names, &counts))),
        "new signups pick plans like today's (an assumption)",
    ));
    out.push_str(&line(
        &format!("payout_threshold = {}", number(a.payout_threshold)),
        "paid out once your balance reaches this, dollars",
    ));
    out.push_str(&commented("[affiliate.content]", "posts and videos that keep sending signups"));
    out.push_str("# pieces_per_month = 1\n# signups_per_piece = { ci90 = [0.5, 12] }\n");
    out.push_str("\n[affiliate.commission]\n");
    out.push_str(&line(
        &format!("first_order = {}", number(a.first_order)),
        &format!("{}% of a new subscriber's first payment", number(a.first_order * 100.0)),
    ));
    out.push_str(&line(
        &format!("recurring = {}", number(a.recurring)),
        &format!("{}% of every renewal", number(a.recurring * 100.0)),
    ));
    out.push_str(&commented("recurring_months = 12", "if renewals pay for a year only"));
    for p in &a.plans {
        out.push_str(&format!("\n[affiliate.plans.{}]\n", key(&p.name)));
        out.push_str(&line(&format!("price = {}", number(p.price)), "dollars a month"));
        out.push_str(&line(
            &format!("churn = {}", a.churn.toml()),
            &format!("the share of subscribers who leave each month ({})", a.churn.words()),
        ));
    }
    out
}

/// `[effort]`, `[costs]` and the goal as a `[[targets]]`.
pub fn effort_costs_and_targets(a: &Answers) -> String {
    let mut out = String::from("\n[effort]\n");
    out.push_str(&line(&format!("fixed_hours = {}", number(a.hours)), "hours a month you spend on it"));
    if a.reseller.is_some() {
        out.push_str(&commented("onboarding_hours = 1", "per new customer"));
    }
    out.push_str(&commented("setup_hours = [18, 6]", "extra hours in months 1, 2, ..."));
    out.push_str("\n# The money that leaves: fees, running costs and a tax set-aside.\n[costs]\n");
    if a.reseller.is_some() {
        out.push_str(&line("payment_fee = { percent = 0.029, fixed = 0.30 }", "card processing on each invoice"));
    }
    if a.affiliate.is_some() {
        out.push_str(&line("payout_fee = { percent = 0.02, max = 20 }", "the payout provider's cut of each payout"));
    }
    out.push_str(&commented("monthly = { hosting = 10 }", "running costs, dollars a month"));
    out.push_str(&line("tax_rate = 0.25", "set aside for income tax from each month's profit (0 to see pre-tax)"));
    let month = a.start_month + a.horizon_months.min(12) - 1;
    let target = format!("[[targets]]\nmetric = \"net_profit\"\nat_least = {}\nmonth = {month}\n", number(a.goal));
    if a.goal > 0.0 {
        out.push_str(&format!("\n# Your goal: the chance of this much net profit in month {month}.\n{target}"));
    } else {
        let commented: Vec<String> = target.lines().map(|l| format!("# {l}")).collect();
        out.push_str(&format!("\n# A goal to report the chance of:\n{}\n", commented.join("\n")));
    }
    out
}
