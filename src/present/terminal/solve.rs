//! The terminal report of `sidecast solve`: the answer first, as one list ("to reach it with
//! 80 of 100 futures you need one of: ..."), the levers that cannot reach it within their
//! range after it, then a table with each lever's interval, the probability at the answer,
//! today's value and the simulations it took.

use comfy_table::{Cell, CellAlignment, Table, presets::UTF8_FULL_CONDENSED};

use crate::present::answer::of_100;
use crate::report::solve::{Direction, LeverReport, SolveReport, Status, asked_words, std_error_words};
use crate::text::number::{chance, percent, thousands};

/// The answer, the levers out of reach, and the table.
pub fn render(report: &SolveReport, source: &str) -> String {
    let asked = asked_words(report.probability);
    let mut out = format!(
        "Solve {source}: {}, in {} futures\n",
        report.target.words(report.calendar),
        of_100(Some(report.probability))
    );
    let today = match report.probability_today {
        Some(p) => format!(
            "{} futures (P = {} ± {})",
            chance(Some(p.probability)),
            percent(p.probability),
            std_error_words(p.std_error)
        ),
        None => "n/a".to_string(),
    };
    out.push_str(&format!(
        "{} trajectories · seed {} · the same random numbers at every value · today {today}\n\n",
        thousands(report.trajectories as u64),
        report.seed
    ));
    out.push_str(&answer(report));
    out.push('\n');
    out.push_str(&table(report).to_string());
    out.push('\n');
    if report.levers.iter().any(|l| l.interval_clipped.contains(&true)) {
        out.push_str("* the interval reaches the end of the range searched and may extend beyond it\n");
    }
    if report.levers.iter().any(|l| !l.converged) {
        out.push_str("† the search spent its budget of simulations before reaching its precision\n");
    }
    out.push_str(&format!(
        "Each lever is solved alone, the others at the scenario's values. The interval holds the values where P's 95% \
         interval contains {asked} (P̂ within {asked} ± {}).\n",
        std_error_words(report.margin)
    ));
    out
}

/// "To reach it in 80 of 100 futures you need one of:" and the levers that cannot.
pub fn answer(report: &SolveReport) -> String {
    let asked = format!("in {} futures", of_100(Some(report.probability)));
    let (reached, not): (Vec<&LeverReport>, Vec<&LeverReport>) =
        report.levers.iter().partition(|l| matches!(l.status, Status::Solved | Status::WholeRange));
    let mut out = String::new();
    match reached.as_slice() {
        [] => out.push_str(&format!("No lever reaches it {asked} within its range.\n")),
        [one] => out.push_str(&format!("{} {}.\n", report.answer_lead(&asked, false), one.sentence())),
        many => {
            out.push_str(&format!("{}:\n", report.answer_lead(&asked, true)));
            for lever in many {
                out.push_str(&format!("  - {}\n", lever.sentence()));
            }
        }
    }
    if !not.is_empty() {
        out.push_str(if reached.is_empty() { "" } else { "Not within the range searched:\n" });
        for lever in not {
            out.push_str(&format!("  - {}\n", lever.sentence()));
        }
    }
    out
}

fn table(report: &SolveReport) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_header(["lever", "range", "answer", "95% interval", "P there", "today", "simulations"]);
    let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
    for lever in &report.levers {
        let answer = match lever.status {
            Status::Solved | Status::WholeRange => {
                let value =
                    lever.value.map_or_else(String::new, |v| lever.shown(v, lever.direction != Direction::Hurts));
                let sign = if lever.direction == Direction::Hurts { "≤" } else { "≥" };
                format!("{sign} {value}")
            }
            Status::OutOfReach => "out of reach".to_string(),
            Status::NoEffect => "no effect".to_string(),
            Status::NonMonotone => "not monotone".to_string(),
        };
        let interval = lever.interval.map_or_else(String::new, |[a, b]| {
            let star = |clipped: bool| if clipped { "*" } else { "" };
            let [ca, cb] = lever.interval_clipped;
            let [ca, cb] = [star(ca), star(cb)];
            lever.span(a, b).replacen(" – ", &format!("{ca} – "), 1) + cb
        });
        let there = match (lever.probability_at_value, lever.std_error) {
            (Some(p), Some(se)) => format!("{} ± {}", percent(p), std_error_words(se)),
            _ => String::new(),
        };
        let today = match lever.change_words() {
            Some(change) if lever.status == Status::Solved => format!("{} ({change})", lever.today_words()),
            _ => lever.today_words(),
        };
        let runs = format!("{}{}", lever.evaluations, if lever.converged { "" } else { "†" });
        table.add_row(vec![
            Cell::new(&lever.name),
            Cell::new(lever.range_words()),
            right(answer),
            right(interval),
            right(there),
            right(today),
            right(runs),
        ]);
    }
    table
}
