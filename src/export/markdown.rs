//! Markdown a blogger can paste. `summary.md`: the answer first (the headline sentence, the
//! other targets' chances in frequency words, the lead chart), then p5/p50/p95 at months 6,
//! 12 and the horizon (each named programme's commission under the total; dates when the
//! scenario gives `first_month`), each target in full, the key assumptions, where the money
//! goes (with its chart), and the other charts by relative path, each with its title as alt
//! text. With YAML front matter ([`with_front_matter`]) it is the `index.md` of a page
//! bundle for Hugo, Zola or Jekyll, its images beside it.
//! `solve.md`: what it takes to reach a target, lever by lever, and the charts. Text from
//! the scenario (its name, tier and plan names, programme names) is escaped, so it stays
//! text.

use std::fmt::Write;

use crate::metric::{Metric, SeriesKey, Unit};
use crate::present::answer::{
    lead_metric, middle_sentence, month_words, months_words, of_100, payout_sentences, run_headline, target_headline,
    target_sentence,
};
use crate::present::band::Band;
use crate::present::charts::money;
use crate::present::charts::run::file_stem;
use crate::present::terminal::run::headline_months;
use crate::report::solve::{SolveReport, Status, asked_words};
use crate::report::{MetricSummary, RunReport};
use crate::text::number::{chance, percent, signed, thousands};
use crate::text::{escape_control, escape_markdown};

/// A chart image of `summary.md`: its file name relative to the report and its alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub file: String,
    pub alt: String,
}

impl Image {
    /// Whether the image is the waterfall's (it goes in "Where the money goes").
    fn is_waterfall(&self) -> bool {
        self.file.rsplit_once('.').is_some_and(|(stem, _)| stem == money::STEM)
    }

    /// `![alt](file)`, the alt text escaped (a programme's name may hold anything).
    fn markdown(&self) -> String {
        format!("![{}]({})", escape_markdown(&self.alt), self.file)
    }
}

/// The Markdown text; `charts` are the images beside the report.
pub fn summary_markdown(report: &RunReport, assumptions: &[String], metrics: &[Metric], charts: &[Image]) -> String {
    let mut md = String::new();
    let calendar = report.calendar;
    // Names come from the scenario: `<script>` or `*` in one stays text.
    let _ = writeln!(md, "# {}\n", escape_markdown(&report.scenario));
    let _ = writeln!(md, "**{}**\n", escape_markdown(&run_headline(report)));
    let mut facts: Vec<String> =
        report.targets.iter().skip(1).map(|t| format!("{}.", target_headline(t, calendar))).collect();
    let last = report.horizon_months.saturating_sub(1);
    if !report.targets.is_empty() {
        facts.extend(middle_sentence(report, lead_metric(report), last).map(|s| format!("{s}.")));
    }
    for fact in &facts {
        let _ = writeln!(md, "- {}", escape_markdown(fact));
    }
    if !facts.is_empty() {
        md.push('\n');
    }
    // The lead chart: the headline's metric.
    let lead = report.targets.first().map_or_else(|| lead_metric(report), |t| t.metric.metric());
    let stem = file_stem("fan", lead);
    let lead_image = charts.iter().find(|i| i.file.rsplit_once('.').is_some_and(|(s, _)| s == stem));
    if let Some(image) = lead_image {
        let _ = writeln!(md, "{}\n", image.markdown());
    }
    let span = [report.months.first().copied().unwrap_or(1), report.months.last().copied().unwrap_or(1)];
    let _ = writeln!(
        md,
        "{} simulated futures (seed {}) over {}, {}. Ranges are month-by-month percentiles across futures: \
         p5–p95 holds 90 of 100 of them.\n",
        thousands(report.trajectories as u64),
        report.seed,
        crate::text::number::counted(report.horizon_months as u64, "month", "months"),
        months_words(calendar, span)
    );
    let months: Vec<usize> =
        headline_months(report.horizon_months, &[6, 12, report.horizon_months]).into_iter().map(|m| m + 1).collect();
    let _ = writeln!(md, "## Projection\n");
    let header: Vec<String> = months.iter().map(|&m| month_words(calendar, report.months[m - 1])).collect();
    let _ = writeln!(md, "| median [p5 – p95] | {} |", header.join(" | "));
    let _ = writeln!(md, "|---|{}", "---:|".repeat(months.len()));
    for &metric in metrics {
        let Some(s) = report.metric(metric) else { continue };
        let _ = writeln!(md, "| {} | {} |", metric.label(), band_cells(s, metric.unit(), &months).join(" | "));
        // With named programmes, each one's commission under the total, as in the terminal.
        if metric == Metric::CommissionEarned {
            for name in report.first_payout_by_programme.keys() {
                if let Some(part) = report.metrics.get(&SeriesKey::part(metric, name)) {
                    let cells = band_cells(part, metric.unit(), &months).join(" | ");
                    let _ = writeln!(md, "| {PART_INDENT}{} | {cells} |", escape_markdown(name));
                }
            }
        }
    }
    md.push('\n');
    if !report.targets.is_empty() {
        let _ = writeln!(md, "## Targets\n");
        for t in &report.targets {
            let _ = writeln!(md, "- {}", escape_markdown(&target_sentence(t, calendar)));
        }
        md.push('\n');
    }
    let payouts = payout_sentences(report);
    if !payouts.is_empty() {
        // A payout threshold never reached is the answer for a creator: said beside the profit.
        let _ = writeln!(md, "## Payouts\n");
        for p in &payouts {
            let _ = writeln!(md, "- {}.", escape_markdown(p));
        }
        md.push('\n');
    }
    if !assumptions.is_empty() {
        let _ = writeln!(md, "## Assumptions\n");
        for a in assumptions {
            let _ = writeln!(md, "- {}", escape_markdown(a));
        }
        md.push('\n');
    }
    if let Some(w) = &report.waterfall {
        let _ = writeln!(md, "## Where the money goes in {}\n", month_words(calendar, w.month));
        let _ = writeln!(md, "Means across futures (they add up, unlike medians).\n");
        let _ = writeln!(md, "| | mean | of income |\n|---|---:|---:|");
        let share = crate::text::number::share_of_income;
        for s in &w.steps {
            let _ =
                writeln!(md, "| {} | {} | {} |", s.label, signed(s.amount, Unit::Dollars), share(s.share_of_income));
        }
        let _ = writeln!(
            md,
            "| **Net profit** | **{}** | {} |\n",
            signed(w.net_profit, Unit::Dollars),
            share(w.net_share_of_income)
        );
        for image in charts.iter().filter(|i| i.is_waterfall()) {
            let _ = writeln!(md, "{}\n", image.markdown());
        }
    }
    let others: Vec<&Image> = charts
        .iter()
        .filter(|i| report.waterfall.is_none() || !i.is_waterfall())
        .filter(|i| lead_image.is_none_or(|lead| lead.file != i.file))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(md, "## Charts\n");
        for image in others {
            let _ = writeln!(md, "{}", image.markdown());
        }
    }
    escape_control(&md).into_owned()
}

/// The Markdown of a run as the `index.md` of a page bundle: YAML front matter (which Hugo,
/// Zola and Jekyll all read) with the scenario's name as the title and the headline as the
/// description, then the body without its own `# title` (the site's theme writes the
/// title). The images stay beside it, by relative path.
pub fn with_front_matter(markdown: &str, report: &RunReport) -> String {
    let body =
        markdown.split_once('\n').filter(|(first, _)| first.starts_with("# ")).map_or(markdown, |(_, rest)| rest);
    format!(
        "---\ntitle: {}\ndescription: {}\n---\n{}",
        yaml_string(&report.scenario),
        yaml_string(&run_headline(report)),
        body.trim_start_matches('\n')
    )
}

/// A YAML double-quoted scalar: `"` and `\` escaped, control characters as `\uXXXX`.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Rows of a part under its total: four no-break spaces, which Markdown keeps (it trims
/// only ASCII spaces around a cell), so the name reads indented.
const PART_INDENT: &str = "\u{a0}\u{a0}\u{a0}\u{a0}";

/// "median [p5 – p95]" at each month (1-based).
fn band_cells(s: &MetricSummary, unit: Unit, months: &[usize]) -> Vec<String> {
    months.iter().map(|&m| Band::of(s, m - 1, unit).line()).collect()
}

/// `solve.md`: the answer as a list, each lever's interval and simulations as a table, and
/// the charts (`charts`: file names relative to the report).
pub fn solve_markdown(report: &SolveReport, charts: &[String]) -> String {
    let asked = of_100(Some(report.probability));
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# What it takes: {}
",
        report.target.words(report.calendar)
    );
    let today = chance(report.probability_today.map(|p| p.probability));
    let _ = writeln!(
        md,
        "{}: {} simulated futures (seed {}) at every value tried, with the same random numbers. As the scenario \
         stands, {today} futures reach it.\n",
        escape_markdown(&report.scenario),
        thousands(report.trajectories as u64),
        report.seed,
    );
    let (reached, not): (Vec<_>, Vec<_>) =
        report.levers.iter().partition(|l| matches!(l.status, Status::Solved | Status::WholeRange));
    match reached.as_slice() {
        [] => {
            let _ = writeln!(md, "No lever reaches it in {asked} futures within its range:\n");
        }
        [one] => {
            let _ = writeln!(md, "{} {}.\n", report.answer_lead(&format!("in {asked} futures"), false), one.sentence());
        }
        many => {
            let _ = writeln!(md, "{}:\n", report.answer_lead(&format!("in {asked} futures"), true));
            for lever in many {
                let _ = writeln!(md, "- {}", lever.sentence());
            }
            md.push('\n');
        }
    }
    if !reached.is_empty() && !not.is_empty() {
        let _ = writeln!(md, "Not within the range searched:\n");
    }
    for lever in &not {
        let _ = writeln!(md, "- {}", lever.sentence());
    }
    if !not.is_empty() {
        md.push('\n');
    }
    let _ = writeln!(md, "| lever | range | 95% interval | P at the answer | today | simulations |");
    let _ = writeln!(md, "|---|---|---:|---:|---:|---:|");
    for lever in &report.levers {
        let interval = lever.interval.map_or_else(|| "n/a".to_string(), |[a, b]| lever.span(a, b));
        let there = lever.probability_at_value.map_or_else(|| "n/a".to_string(), percent);
        let _ = writeln!(
            md,
            "| {} | {} | {interval} | {there} | {} | {} |",
            escape_markdown(&lever.name),
            lever.range_words(),
            lever.today_words(),
            lever.evaluations
        );
    }
    let _ = writeln!(
        md,
        "\nEach lever is solved alone, the others at the scenario's values. The interval holds the values where the \
         probability's 95% interval contains {}.\n",
        asked_words(report.probability)
    );
    if !charts.is_empty() {
        let _ = writeln!(md, "## Charts\n");
        for c in charts {
            let _ = writeln!(md, "![{c}]({c})");
        }
    }
    escape_control(&md).into_owned()
}
