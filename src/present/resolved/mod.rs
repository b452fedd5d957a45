//! Every value of a validated scenario, default or given, with its unit: what `sidecast
//! check` prints, one row per scenario key, so a user sees what the simulation will assume
//! before running it. Rows are keyed by the dotted key the file uses; whether a value was
//! given or is the default is decided by the caller (which knows the file's text).
//!
//! Numbers read as the user wrote them (`10%`, `$19.99`, `0.5 h`), never rounded away; an
//! uncertain parameter shows its distribution with its 90% range and mean in the same unit.

mod affiliate;
mod rows;
mod streams;
mod words;

pub use rows::{Row, Rows};

use crate::scenario::Scenario;
use crate::text::number::{Unit, short, thousands};

use streams::{costs, effort, reseller};
use words::money;

/// Every value of the scenario, in the order of the README's reference; `given(key)` says
/// whether the file gives a key, `written(key)` the 90% interval it wrote there, if any.
pub fn resolved(
    scenario: &Scenario,
    given: &dyn Fn(&str) -> bool,
    written: &dyn Fn(&str) -> Option<String>,
) -> Vec<Row> {
    let mut rows = Rows::new(given, written);
    rows.push("name", format!("\"{}\"", scenario.name()));
    rows.push("horizon_months", crate::text::number::counted(scenario.horizon_months() as u64, "month", "months"));
    rows.push("trajectories", thousands(scenario.trajectories() as u64));
    rows.push("seed", scenario.seed().to_string());
    rows.push("start_month", format!("month {} (simulated: months {})", scenario.start_month(), months(scenario)));
    rows.push(
        "first_month",
        match scenario.calendar() {
            Some(c) => format!(
                "{} is month 1 (simulated: {} to {})",
                c.first.label(),
                c.label(scenario.start_month()),
                c.label(scenario.calendar_month(scenario.horizon_months().saturating_sub(1)))
            ),
            None => "none: months are numbered, not dated".into(),
        },
    );
    if let Some(r) = &scenario.reseller() {
        reseller(&mut rows, r);
    }
    if let Some(a) = &scenario.affiliate() {
        affiliate::affiliate(&mut rows, a, scenario.start_month());
    }
    effort(&mut rows, scenario.effort());
    match &scenario.costs() {
        Some(c) => costs(&mut rows, c, scenario.calendar()),
        None => rows.push("costs", "none: net profit equals gross profit".into()),
    }
    for (i, t) in scenario.targets().iter().enumerate() {
        let month = t.month.map_or_else(
            || "in the last month".to_string(),
            |m| format!("in {}", crate::present::answer::month_words(scenario.calendar(), m)),
        );
        let at_least = match t.metric.unit() {
            Unit::Dollars => money(t.at_least),
            _ => short(t.at_least),
        };
        rows.push(&format!("targets[{i}]"), format!("{} ≥ {at_least} {month}", t.metric));
    }
    rows.rows
}

fn months(s: &Scenario) -> String {
    format!("{}-{}", s.start_month(), s.calendar_month(s.horizon_months().saturating_sub(1)))
}

/// Whether the file's table (or one of the `--set` keys) gives `key`: the dotted path
/// exists (a `[n]` index counts as its array), or its `[start]` spelling does.
pub fn given_in(table: &toml::Table, set_keys: &[String], key: &str) -> bool {
    let path = key.split('[').next().unwrap_or(key);
    if set_keys.iter().any(|s| path == s || path.starts_with(&format!("{s}."))) {
        return true;
    }
    let alias = match path.rsplit('.').next().unwrap_or(path) {
        "initial_customers" => Some("start.customers"),
        "initial_subscribers" => Some("start.subscribers"),
        "initial_balance" => Some("start.balance"),
        "initial_tenure_months" => Some("start.tenure_months"),
        "start_month" => Some("start.month"),
        _ => None,
    };
    present(table, path) || alias.is_some_and(|a| given_in(table, set_keys, a))
}

fn present(table: &toml::Table, path: &str) -> bool {
    value_at(table, path).is_some()
}

fn value_at<'t>(table: &'t toml::Table, path: &str) -> Option<&'t toml::Value> {
    let mut parts = path.split('.');
    let mut value = table.get(parts.next()?);
    for part in parts {
        value = value.and_then(|v| v.as_table()).and_then(|t| t.get(part));
    }
    value
}

/// The 90% interval the file wrote at `key`, as written: `ci90 = [60, 300]`.
pub fn written_in(table: &toml::Table, key: &str) -> Option<String> {
    let interval = value_at(table, key)?.as_table()?.get("ci90")?;
    Some(format!("ci90 = {interval}"))
}

/// The rows as aligned text: `key  value`, with `(default)` after values not given; with a
/// `width`, values wrap at spaces onto lines indented to the value column.
pub fn render(rows: &[Row], width: Option<usize>) -> String {
    let key_width = rows.iter().map(|r| r.key.chars().count()).max().unwrap_or(0);
    let indent = 2 + key_width + 2;
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let pad = key_width - r.key.chars().count();
            let default = if r.given { "" } else { "  (default)" };
            let value = format!("{}{default}", r.value);
            let value = match width {
                Some(w) if w > indent + 20 => wrapped(&value, w - indent, indent),
                _ => value,
            };
            format!("  {}{}  {value}", r.key, " ".repeat(pad))
        })
        .collect();
    lines.join("\n")
}

/// `text` broken at spaces into lines of at most `width` characters (a longer word stays
/// whole), each after the first indented by `indent` spaces.
fn wrapped(text: &str, width: usize, indent: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let Some(line) = lines.last_mut() else { break };
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join(&format!("\n{}", " ".repeat(indent)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_keys_are_found_in_the_file_in_start_and_in_set() {
        let table: toml::Table = toml::from_str(
            "[reseller]\nchurn = 0.1\n[reseller.tiers.a]\nmarkup = 0.1\n[start]\ncustomers = { a = 3 }\n",
        )
        .unwrap();
        let given = |key: &str| given_in(&table, &["reseller.arrivals".to_string()], key);
        assert!(given("reseller.churn") && given("reseller.tiers.a.markup"));
        assert!(given("reseller.initial_customers"), "[start] customers gives the initial customers");
        assert!(given("reseller.arrivals"), "a --set key is given");
        assert!(!given("reseller.spend_growth") && !given("reseller.tiers.a.minimum") && !given("targets[1]"));
    }

    #[test]
    fn values_read_as_written_with_their_units() {
        assert_eq!(words::money(19.99), "$19.99");
        assert_eq!(words::money(0.3), "$0.30");
        assert_eq!(words::money(1250.0), "$1,250");
        assert_eq!(words::rate(0.029), "2.9%");
        assert_eq!(words::hours(0.5), "0.5 h");
        let rows = vec![
            Row { key: "a".into(), value: "1".into(), given: true },
            Row { key: "long.key".into(), value: "2".into(), given: false },
        ];
        assert_eq!(render(&rows, None), "  a         1\n  long.key  2  (default)");
    }

    #[test]
    fn long_values_wrap_at_words_under_their_column() {
        let rows = vec![Row { key: "spend".into(), value: "one two three four five six seven".into(), given: true }];
        let text = render(&rows, Some(32));
        assert_eq!(text, "  spend  one two three four five\n         six seven");
        assert!(text.lines().all(|l| l.chars().count() <= 32));
        let table: toml::Table = toml::from_str("[a]\nspend = { median = 120, ci90 = [60, 300] }\n").unwrap();
        assert_eq!(written_in(&table, "a.spend").as_deref(), Some("ci90 = [60, 300]"));
        assert_eq!(written_in(&table, "a.other"), None);
    }

    #[test]
    fn content_says_which_pieces_exist_and_that_peaks_are_drawn_per_piece() {
        // docs/model.md §11: a list that ends before the first simulated month continues its
        // last entry through the months before it; those pieces exist when the run starts.
        let text = "name = \"c\"\nstart_month = 6\n[affiliate.content]\npieces_per_month = [2, 3]\n\
                    signups_per_piece = { ci90 = [0.5, 12] }\n[affiliate.commission]\nbounty = 1\n\
                    [affiliate.plans.pro]\nprice = 20\n";
        let scenario = crate::scenario::parse(text, "c.toml").unwrap();
        let rows = resolved(&scenario, &|_| true, &|_| None);
        let value = |key: &str| rows.iter().find(|r| r.key == key).map(|r| r.value.clone()).unwrap_or_default();
        assert_eq!(
            value("affiliate.content.pieces_per_month"),
            "2 in month 1, 3 in month 2, then 3 a month; the 14 pieces of months 1-5 exist when the run starts"
        );
        let peak = value("affiliate.content.signups_per_piece");
        assert!(peak.contains("drawn per piece") && !peak.contains("per trajectory"), "{peak}");
    }
}
