//! `init`: a first scenario that runs as it is, from a few answers (the users' own numbers
//! by default), or drafted from an import's folder (`--from`): the commented TOML text,
//! checked exactly as `run` would load it.

use super::error::Error;
use crate::import::draft::{Draft, Folder, draft};
use crate::scenario::write::template::{Answers, scenario_text};

/// The scenario text of `answers`, validated as `run` would load it.
///
/// # Errors
/// [`Error::Usage`] when the answers do not make a valid scenario, each problem said of the
/// answer (the flag) that gave it, never of a line of a file that was not written.
pub fn init(answers: &Answers) -> Result<String, Error> {
    let text = scenario_text(answers);
    match crate::scenario::parse(&text, "the answers") {
        Ok(_) => Ok(text),
        Err(error) if error.problems().is_empty() => Err(Error::Usage(error.to_string())),
        Err(error) => {
            let lines: Vec<String> = error
                .problems()
                .iter()
                .map(|p| {
                    let help = p.help.as_deref().map_or_else(String::new, |h| format!("; {h}"));
                    format!("{}: {}: {}{help}", answer_of(&p.key), p.key, p.message)
                })
                .collect();
            Err(Error::Usage(lines.join("\n")))
        }
    }
}

/// The flag (or question) whose answer a key of the generated scenario comes from.
fn answer_of(key: &str) -> &'static str {
    const FLAGS: [(&str, &str); 17] = [
        ("(syntax)", "--tier or --plan (a name given twice)"),
        ("name", "--name"),
        ("horizon_months", "--months"),
        ("start_month", "--start-month"),
        ("effort", "--hours"),
        ("targets", "--goal"),
        ("reseller.tiers", "--tier"),
        ("reseller.initial_customers", "--customers"),
        ("reseller.arrival_mix", "--customers"),
        ("reseller.arrivals", "--arrivals"),
        ("reseller.churn", "--churn"),
        ("affiliate.plans", "--plan or --subscriber-churn"),
        ("affiliate.initial_subscribers", "--subscribers"),
        ("affiliate.plan_mix", "--subscribers"),
        ("affiliate.signups", "--signups"),
        ("affiliate.commission", "--first-order or --recurring"),
        ("affiliate.payout_threshold", "--payout-threshold"),
    ];
    FLAGS
        .iter()
        .find(|(prefix, _)| {
            key == *prefix || key.starts_with(&format!("{prefix}.")) || key.starts_with(&format!("{prefix}["))
        })
        .map_or("the answers", |(_, flag)| flag)
}

/// `init --from`: the projection and its calibration twin drafted from an import's folder,
/// each validated as `run` would load it (`projection` and `calibration` are their names).
///
/// # Errors
/// [`Error::Import`] for a folder that cannot be drafted from; [`Error::Scenario`] if a
/// draft did not load (a bug).
pub fn init_from(folder: &Folder, projection: &str, calibration: &str) -> Result<Draft, Error> {
    let drafted = draft(folder, projection, calibration)?;
    crate::scenario::parse(&drafted.projection, projection)?;
    crate::scenario::parse(&drafted.calibration, calibration)?;
    Ok(drafted)
}

/// One line saying what the scenario holds ("a reseller with 12 customers on 3 tiers, 10%
/// churn"); churn once when both streams share it.
pub fn summary(answers: &Answers) -> String {
    let reseller = answers.reseller.as_ref().map(|r| {
        let n: u32 = r.tiers.iter().map(|t| t.customers).sum();
        (format!("a reseller with {n} customers on {} tiers", r.tiers.len()), r.churn.words())
    });
    let affiliate = answers.affiliate.as_ref().map(|f| {
        let n: u32 = f.plans.iter().map(|p| p.subscribers).sum();
        (format!("an affiliate with {n} subscribers on {} plans", f.plans.len()), f.churn.words())
    });
    match (reseller, affiliate) {
        (Some((r, a)), Some((f, b))) if a == b => format!("{r} and {f}, both with {a} churn"),
        (Some((r, a)), Some((f, b))) => format!("{r}, {a} churn, and {f}, {b} churn"),
        (Some((one, churn)), None) | (None, Some((one, churn))) => format!("{one}, {churn} churn"),
        (None, None) => String::new(),
    }
}
