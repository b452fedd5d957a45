//! The numbers of a scenario a page offers to change ([`Field`]): every number the key table
//! knows in the scenario (`Scenario::numbers`, defaults included), with the table's unit,
//! whole-number-ness, range and words, grouped by the file's table the number is written in
//! (or would be), groups in the file's order. An uncertain number is offered at its median,
//! with its 90% interval in words (moving it makes it a fixed value); a lognormal spend's
//! median moves within its own 90% interval, which the scenario requires. The run's shape
//! (seed, trajectories, horizon, first month), targets and correlations are not offered:
//! the page pairs every change with the file's own run, and a target is the question, not
//! an assumption. Numbers inside lists (one-off costs) are left to the file.

use serde::Serialize;
use toml_edit::{DocumentMut, Item};

use crate::scenario::Scenario;
use crate::scenario::keys::{key, key_words};
use crate::text::Unit;

/// Keys every run of a page shares with the file's own run (so differences pair).
pub const RUN_SHAPE: [&str; 4] = ["seed", "trajectories", "horizon_months", "start_month"];

/// One number a page can change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The dotted key, as `--set` takes it.
    pub key: String,
    /// The file's table it belongs to (`reseller.tiers.starter`; empty for the top level).
    pub group: String,
    /// The key in words ("churn", "markup starter").
    pub label: String,
    /// `percent`, `dollars`, `per_month`, `hours`, `count`, `months` or `number`.
    pub unit: &'static str,
    /// Whether only whole numbers are allowed.
    pub whole: bool,
    /// The scenario's value (an uncertain one's median).
    pub value: f64,
    /// The range a slider covers and its step (a typed value may go beyond the range as
    /// far as the key table allows).
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// What else the scenario says about it ("uncertain: 90% between 5.6% and 18%").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every number of the scenario a page can change, grouped in the order of the file's tables.
pub fn fields(scenario: &Scenario, text: &str) -> Vec<Field> {
    let doc = text.parse::<DocumentMut>().ok();
    let mut out: Vec<(usize, Field)> = scenario
        .numbers()
        .iter()
        .filter(|n| offered(&n.key))
        .filter_map(|n| {
            let entry = key(&n.key)?;
            let (group, position) = doc.as_ref().map_or((String::new(), 0), |d| group_of(d, &n.key));
            let uncertain = n.value.param().filter(|p| p.is_uncertain());
            // The number as the file writes it, else the scenario's (a default, a median).
            let written = doc.as_ref().and_then(|d| number_in(d, &n.key));
            // An uncertain number's median to three significant digits (8.68, not 8.677516…).
            let value =
                written.unwrap_or_else(|| uncertain.map_or_else(|| n.value.central(), |p| sig(p.quantile(0.5))));
            let spread = uncertain.map(|p| (p.quantile(0.05), p.quantile(0.95)));
            let within = n.key.ends_with(".spend.median").then(|| spend_interval(text, &n.key)).flatten();
            let (min, max) = within.unwrap_or_else(|| slider_range(entry.range(), value, entry.unit, entry.is_whole()));
            let note = match (spread, within) {
                (Some((low, high)), _) => Some(format!(
                    "uncertain: 90% between {} and {} (its median shown; moving it fixes it)",
                    entry.unit.exact(sig(low)),
                    entry.unit.exact(sig(high))
                )),
                (None, Some((low, high))) => Some(format!(
                    "new customers' spend: 90% between {} and {}",
                    entry.unit.exact(low),
                    entry.unit.exact(high)
                )),
                _ => None,
            };
            let mut step = if entry.is_whole() { 1.0 } else { step_for(max - min, entry.unit) };
            // The file's value is a stop of the slider (2.9% on a grid of 1% became 3% after
            // one key press each way), in at most three finer grids.
            for _ in 0..3 {
                let stops = (value - min) / step;
                if (stops - stops.round()).abs() < 1e-6 {
                    break;
                }
                step /= 10.0;
            }
            // An open end (growth above −100%, a window above 0) is no stop of the slider:
            // its first stop is one step in, so every position is a value the key takes.
            let min = if entry.admits(min) { min } else { min + step };
            // An upgrade window and a half-life must be above 0 (the scenario's check),
            // though their keys' values start at 0.
            let above_zero = n.key.ends_with(".upgrade.within_months") || n.key.ends_with(".half_life_months");
            let min = if above_zero && min <= 0.0 { step } else { min };
            let max = if entry.admits(max) { max } else { max - step };
            let field = Field {
                key: n.key.clone(),
                group,
                label: key_words(&n.key),
                unit: super::run_view::unit_name(entry.unit),
                whole: entry.is_whole(),
                value,
                min: min.min(value),
                max: max.max(value),
                step,
                note,
            };
            Some((position, field))
        })
        .collect();
    // Groups in the file's order; numbers within a group in the key table's order.
    out.sort_by_key(|(position, _)| *position);
    out.into_iter().map(|(_, f)| f).collect()
}

/// Whether a page offers a key.
fn offered(dotted: &str) -> bool {
    let first = dotted.split(['.', '[']).next().unwrap_or("");
    !(RUN_SHAPE.contains(&dotted) || ["targets", "correlations"].contains(&first) || dotted.contains('['))
}

/// The table of the file the key is written in, or would be: the deepest table on its path
/// that the file declares (`[reseller.tiers.starter]`), and that table's place in the file.
fn group_of(doc: &DocumentMut, dotted: &str) -> (String, usize) {
    let parts: Vec<&str> = dotted.split('.').collect();
    let (mut group, mut position) = (String::new(), 0);
    let mut table = doc.as_table();
    for (i, part) in parts.iter().enumerate().take(parts.len().saturating_sub(1)) {
        match table.get(part) {
            Some(Item::Table(t)) => {
                if !t.is_implicit() && !t.is_dotted() {
                    group = parts[..=i].join(".");
                    position = t.position().and_then(|p| usize::try_from(p).ok()).unwrap_or(position);
                }
                table = t;
            }
            _ => break,
        }
    }
    if group.is_empty() && parts.len() > 1 && doc.as_table().get(parts[0]).is_none() {
        // A section the file does not write: its numbers are defaults, after the file's own.
        return (parts[0].to_string(), usize::MAX);
    }
    (group, position)
}

/// The 90% interval a lognormal spend's median must stay within, as the file writes it.
fn spend_interval(text: &str, dotted: &str) -> Option<(f64, f64)> {
    let doc = text.parse::<DocumentMut>().ok()?;
    let mut item: &Item = doc.as_item();
    for part in dotted.trim_end_matches(".median").split('.') {
        item = item.as_table_like()?.get(part)?;
    }
    let ends: Vec<f64> = item
        .as_table_like()?
        .get("ci90")?
        .as_array()?
        .iter()
        .filter_map(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
        .collect();
    (ends.len() == 2 && ends[0] < ends[1]).then(|| (ends[0], ends[1]))
}

/// The number at a dotted key of the scenario text, through tables and inline tables.
pub fn number_at(text: &str, dotted: &str) -> Option<f64> {
    number_in(&text.parse::<DocumentMut>().ok()?, dotted)
}

fn number_in(doc: &DocumentMut, dotted: &str) -> Option<f64> {
    let mut item: &Item = doc.as_item();
    for part in dotted.split('.') {
        item = item.as_table_like()?.get(part)?;
    }
    item.as_float().or_else(|| item.as_integer().map(|i| i as f64))
}

/// A slider's span: the key's own range, cut to a few times the value (at least a round
/// amount of its unit) so that a drag moves in useful steps; a rate keeps all of [0, 1].
fn slider_range((low, high): (f64, f64), value: f64, unit: Unit, whole: bool) -> (f64, f64) {
    let floor = match unit {
        Unit::Percent => 1.0,
        Unit::Dollars | Unit::DollarsPerHour => 100.0,
        Unit::PerMonth => 5.0,
        Unit::Hours => 2.0,
        Unit::Months => 24.0,
        Unit::Count { .. } => 20.0,
        Unit::Number => 1.0,
    };
    let reach = nice(value.abs() * 4.0).max(floor);
    let (low, high) = (low.max(-reach), high.min(reach));
    if whole { (low.ceil(), high.floor()) } else { (low, high) }
}

/// About 200 steps across the span, at a round size (a tenth of a percentage point or a
/// whole one for rates).
fn step_for(span: f64, unit: Unit) -> f64 {
    if unit == Unit::Percent {
        return if span <= 0.2 { 0.001 } else { 0.01 };
    }
    let raw = (span / 200.0).max(1e-6);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(power * 10.0)
}

/// The round number at or above `v` (1, 2, 2.5 or 5 times a power of ten).
fn nice(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= v).unwrap_or(power * 10.0)
}

/// Three significant digits, for an interval in words.
fn sig(v: f64) -> f64 {
    crate::text::number::significant(v, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reseller() -> Vec<Field> {
        let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
        fields(&crate::scenario::parse(&text, "reseller.toml").unwrap(), &text)
    }

    fn find<'a>(fields: &'a [Field], key: &str) -> &'a Field {
        fields.iter().find(|f| f.key == key).unwrap_or_else(|| panic!("no field {key}"))
    }

    #[test]
    fn every_number_of_the_reseller_is_offered_in_its_group() {
        let fields = reseller();
        let churn = find(&fields, "reseller.churn");
        assert_eq!((churn.group.as_str(), churn.unit, churn.value), ("reseller", "percent", 0.1));
        assert_eq!((churn.min, churn.max, churn.step, churn.label.as_str()), (0.0, 1.0, 0.01, "churn"));
        let starters = find(&fields, "reseller.initial_customers.starter");
        assert!(starters.whole && starters.step == 1.0 && starters.value == 8.0, "{starters:?}");
        assert_eq!(starters.group, "reseller");
        let spend = find(&fields, "reseller.tiers.starter.spend.median");
        assert_eq!((spend.group.as_str(), spend.unit, spend.value), ("reseller.tiers.starter", "dollars", 120.0));
        assert_eq!((spend.min, spend.max), (60.0, 300.0), "a spend's median moves within its interval");
        let fee = find(&fields, "costs.payment_fee.percent");
        assert_eq!((fee.unit, fee.value, fee.step), ("percent", 0.029, 0.001), "2.9% is a stop of its slider");
        assert_eq!(find(&fields, "costs.monthly.hosting").group, "costs");
        assert_eq!(find(&fields, "reseller.kickback.premium_volume").group, "reseller.kickback");
        assert_eq!(find(&fields, "reseller.arrivals_growth").value, 0.0, "defaults are offered too");
        for shape in RUN_SHAPE {
            assert!(fields.iter().all(|f| f.key != shape), "{shape} is offered");
        }
        assert!(fields.iter().all(|f| !f.key.starts_with("targets")), "targets are the question");
        assert!(fields.iter().all(|f| f.min <= f.value && f.value <= f.max && f.step > 0.0), "{fields:?}");
        let groups: Vec<&str> = fields.iter().map(|f| f.group.as_str()).collect();
        let first = |g: &str| groups.iter().position(|x| *x == g).unwrap();
        assert!(first("reseller") < first("reseller.kickback") && first("reseller.kickback") < first("effort"));
        assert!(first("effort") < first("costs"), "groups follow the file");
    }

    #[test]
    fn every_slider_stop_is_a_value_the_key_takes_on_its_own() {
        // Growth's slider reached −100% and the upgrade window's 0, both refused by the run.
        let mut refused = Vec::new();
        for file in ["reseller", "affiliate", "portfolio", "side-hustle"] {
            let text = std::fs::read_to_string(format!("scenarios/{file}.toml")).unwrap();
            let scenario = crate::scenario::parse(&text, file).unwrap();
            let source = super::super::Source::from_text(text.clone(), file, std::path::Path::new("scenarios"));
            for f in fields(&scenario, &text) {
                for v in [f.min, f.min + f.step, f.max - f.step, f.max] {
                    let set = format!("{}={}", f.key, if f.whole { v.round() } else { v });
                    // A value refused with another number (a fee cap below it, shares over
                    // 1) depends on that number: the page says so. The key's own: a bug.
                    match source.scenario(std::slice::from_ref(&set)) {
                        Err(e) if e.to_string().contains(&format!("{}:", f.key)) => {
                            refused.push(format!("{file}: {set}: {e}"));
                        }
                        _ => {}
                    }
                }
            }
        }
        assert!(refused.is_empty(), "slider stops the run refuses:\n{}", refused.join("\n"));
    }

    #[test]
    fn uncertain_numbers_are_offered_at_their_median() {
        let text = "name = \"u\"\n[reseller]\nchurn = { beta = [2, 18] }\ninitial_customers = { starter = 5 }\n\
                    [reseller.tiers.starter]\nmarkup = 0.2\nspend = 100\n";
        let scenario = crate::scenario::parse(text, "u.toml").unwrap_or_else(|e| panic!("{}", e.render(false)));
        let fields = fields(&scenario, text);
        let churn = find(&fields, "reseller.churn");
        // The median of Beta(2, 18): where P(Binomial(19, x) ≥ 2) = 1/2, x = 0.0867752 (bisection),
        // offered to three significant digits.
        assert_eq!(churn.value, 0.0868, "{churn:?}");
        assert!(churn.note.as_deref().is_some_and(|n| n.starts_with("uncertain: 90% between")), "{churn:?}");
    }

    #[test]
    fn numbers_are_found_through_inline_tables() {
        let text = std::fs::read_to_string("scenarios/reseller.toml").unwrap();
        assert_eq!(number_at(&text, "reseller.churn"), Some(0.1));
        assert_eq!(number_at(&text, "reseller.tiers.growth.spend.median"), Some(400.0));
        assert_eq!(number_at(&text, "reseller.initial_customers.growth"), Some(3.0));
        assert_eq!(number_at(&text, "reseller.nothing"), None);
    }
}
