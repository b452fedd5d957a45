//! The results contract of `sidecast solve` (`solve.json`, `solve.csv`, `solve.md`, the
//! table and one chart per lever): for each lever, the value at which the probability of a
//! target reaches the probability asked for, with its interval from the Monte Carlo error,
//! computed by `analysis::whatif::solve`; and the answers in words that every output shares.

use serde::Serialize;

use crate::metric::SeriesKey;
use crate::scenario::keys::unit_of;
use crate::stats::Proportion;
use crate::text::Unit;
use crate::text::calendar::Calendar;
use crate::text::number::{chance, short, significant, value};

/// When the target counts as reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// In that calendar month.
    In,
    /// In at least one month from the first simulated month up to and including it.
    By,
}

/// The target: `METRIC >= AMOUNT in|by MONTH`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSpec {
    /// Metric key, as in `summary.json` (`active_customers.starter` for one tier).
    pub metric: SeriesKey,
    pub at_least: f64,
    pub when: When,
    /// Calendar month number, as the scenario numbers months.
    pub month: u32,
}

/// Which way a lever moves the probability of the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More of it raises the probability (arrivals, markup): the answer is a smallest value.
    Helps,
    /// More of it lowers the probability (churn): the answer is a largest value.
    Hurts,
    /// The probability is the same at both ends of the range.
    None,
}

/// What the search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The probability crosses the one asked for inside the range.
    Solved,
    /// Even the least favourable end of the range reaches it: the answer lies at or beyond
    /// that end.
    WholeRange,
    /// Even the most favourable end of the range falls short.
    OutOfReach,
    /// The probability does not move with this lever (the same at both ends and inside).
    NoEffect,
    /// Evaluations inside the range contradict the ends: the probability rises and falls.
    NonMonotone,
}

/// P(target) at one evaluated value of a lever.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SolvePoint {
    pub value: f64,
    /// The share of trajectories reaching the target, with its binomial standard error.
    pub probability: f64,
    pub std_error: f64,
}

/// The answer for one lever, solved with every other lever at the scenario's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeverReport {
    /// Dotted scenario key.
    pub key: String,
    /// In plain words: "arrivals", "markup starter".
    pub name: String,
    pub status: Status,
    /// The smallest value (a helping lever) or the largest (a hurting one) at which the
    /// estimated P(target) reaches the probability asked for, among the values evaluated;
    /// for `whole_range`, the least favourable end. `None` otherwise.
    pub value: Option<f64>,
    /// The lever values where P's 95% interval contains the probability asked for,
    /// rounded outward to evaluated values; `None` unless solved.
    pub interval: Option<[f64; 2]>,
    /// Whether each end of the interval stopped at the end of the range (the interval may
    /// extend beyond it).
    pub interval_clipped: [bool; 2],
    /// The estimated P(target) at `value`, and its standard error.
    pub probability_at_value: Option<f64>,
    pub std_error: Option<f64>,
    pub direction: Direction,
    /// Whether some value in the range reaches the probability asked for.
    pub reachable: bool,
    /// Simulations of the scenario's trajectories run for this lever.
    pub evaluations: usize,
    /// Whether the search reached its precision within its budget of simulations.
    pub converged: bool,
    /// Whether the lever takes whole numbers only (counts).
    pub integer: bool,
    /// The range searched, as given (low, high).
    pub range: [f64; 2],
    /// P(target) at the low and at the high end of the range.
    pub probability_at_range: [f64; 2],
    /// The scenario's own value (the mean of its distribution when `today_uncertain`);
    /// `None` when it cannot be read as a number.
    pub today: Option<f64>,
    pub today_uncertain: bool,
    /// `value − today`, when both are known.
    pub change: Option<f64>,
    /// Every evaluated value, in increasing order of the lever.
    pub points: Vec<SolvePoint>,
}

/// Everything `sidecast solve` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolveReport {
    /// The scenario's name.
    pub scenario: String,
    pub seed: u64,
    pub trajectories: usize,
    pub horizon_months: usize,
    /// Calendar number of the first simulated month.
    pub start_month: u32,
    pub target: TargetSpec,
    /// The target month's date (`2027-11`), when the scenario gives `first_month`
    /// (docs/model.md §14).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_date: Option<String>,
    /// The dates of month numbers, for people's outputs.
    #[serde(skip)]
    pub calendar: Option<Calendar>,
    /// The probability asked for.
    pub probability: f64,
    /// Half the width of P's 95% interval at the probability asked for:
    /// 1.96·√(q(1 − q)/n). The interval of a lever is where P̂ lies within q ± this.
    pub margin: f64,
    /// P(target) of the scenario as it is (with `--set`), every lever at its own value.
    pub probability_today: Option<Proportion>,
    pub levers: Vec<LeverReport>,
}

impl SolveReport {
    /// Whether the scenario as it stands already reaches the target with the probability
    /// asked for: then a lever's answer is how far it may move before the target is lost,
    /// not what it takes.
    pub fn reached_today(&self) -> bool {
        self.probability_today.is_some_and(|p| p.probability >= self.probability)
    }

    /// The words before the levers' answers: "To reach it in 80 of 100 futures you need"
    /// or, reached today, "It is reached in 80 of 100 futures today, and stays so with"
    /// (`asked`: "in 80 of 100 futures"; `many`: a list of levers follows).
    pub fn answer_lead(&self, asked: &str, many: bool) -> String {
        match (self.reached_today(), many) {
            (false, false) => format!("To reach it {asked} you need"),
            (false, true) => format!("To reach it {asked} you need one of"),
            (true, false) => format!("It is reached {asked} today, and stays so with"),
            (true, true) => format!("It is reached {asked} today, and stays so with any one of"),
        }
    }
}

/// `x` to `digits` significant digits, rounded up (`up`) or down, so that a rounded
/// answer never claims more than the search found.
fn round_toward(x: f64, digits: i32, up: bool) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    let scaled = x * scale;
    // Binary noise (4.3000000001) must not push a value to the next step.
    let nearest = scaled.round();
    let stepped = if (scaled - nearest).abs() < 1e-9 {
        nearest
    } else if up {
        scaled.ceil()
    } else {
        scaled.floor()
    };
    stepped / scale
}

/// The probability asked for, as people write it: "80%", "95.5%".
pub fn asked_words(probability: f64) -> String {
    format!("{}%", short(probability * 100.0))
}

/// A probability's standard error with the digits it needs: "0.4%", "0.09%".
pub fn std_error_words(std_error: f64) -> String {
    if std_error < 0.001 { format!("{:.2}%", std_error * 100.0) } else { format!("{:.1}%", std_error * 100.0) }
}

impl TargetSpec {
    /// "gross profit ≥ $2,500 in month 30", "... at least once by month 30"; with a
    /// calendar, "... in Nov 2027".
    pub fn words(&self, calendar: Option<Calendar>) -> String {
        let what = format!("{} ≥ {}", self.metric.lower_label(), value(Some(self.at_least), self.metric.unit()));
        let month =
            calendar.and_then(|c| c.date(self.month)).map_or_else(|| format!("month {}", self.month), |d| d.label());
        match self.when {
            When::In => format!("{what} in {month}"),
            When::By => format!("{what} at least once by {month}"),
        }
    }
}

impl LeverReport {
    /// A value of the lever for people, in its unit: "4.31/month", "3.12%", "12"; with
    /// `up`, rounded up to three significant digits (down without), exact for counts.
    pub fn shown(&self, x: f64, up: bool) -> String {
        let unit = unit_of(&self.key);
        if self.integer { unit.exact(x) } else { unit.exact(round_toward(x, 3, up)) }
    }

    /// The answer in a few words: "arrivals ≥ 4.31/month", "churn ≤ 3.12%" (rounded
    /// toward the safe side); `None` unless solved or reached across the whole range.
    pub fn need(&self) -> Option<String> {
        let value = self.value.filter(|_| matches!(self.status, Status::Solved | Status::WholeRange))?;
        Some(match self.direction {
            Direction::Hurts => format!("{} ≤ {}", self.name, self.shown(value, false)),
            _ => format!("{} ≥ {}", self.name, self.shown(value, true)),
        })
    }

    /// The change from today in the lever's unit: "+3.31/month", "-6.88 points", "+$26".
    pub fn change_words(&self) -> Option<String> {
        // From the value as shown, so that today plus the change reads as the answer.
        let shown = match (self.value, self.direction) {
            (Some(v), _) if self.integer => v,
            (Some(v), Direction::Hurts) => round_toward(v, 3, false),
            (Some(v), _) => round_toward(v, 3, true),
            (None, _) => return None,
        };
        let change = shown - self.today?;
        let unit = unit_of(&self.key);
        let sign = if change > 0.0 {
            "+"
        } else if change < 0.0 {
            "-"
        } else {
            ""
        };
        let size = significant(change.abs(), 3);
        Some(match unit {
            Unit::Percent => format!("{sign}{} points", short(size * 100.0)),
            _ if self.integer => format!("{sign}{}", short(change.abs())),
            _ => format!("{sign}{}", unit.exact(size)),
        })
    }

    /// Today's value in words: "1/month", "10% (the mean of its distribution)", "n/a".
    pub fn today_words(&self) -> String {
        match self.today {
            Some(t) if self.today_uncertain => {
                format!("{} on average", unit_of(&self.key).exact(significant(t, 3)))
            }
            Some(t) => unit_of(&self.key).exact(t),
            None => "n/a".to_string(),
        }
    }

    /// Two values of the lever, the first rounded down and the second up: "0.5 – 8/month",
    /// "2% – 2.09%".
    pub fn span(&self, low: f64, high: f64) -> String {
        if unit_of(&self.key) == Unit::PerMonth {
            let number = |x: f64, up: bool| if self.integer { short(x) } else { short(round_toward(x, 3, up)) };
            format!("{} – {}/month", number(low, false), number(high, true))
        } else {
            format!("{} – {}", self.shown(low, false), self.shown(high, true))
        }
    }

    /// The range searched: "0.5 – 8/month".
    pub fn range_words(&self) -> String {
        self.span(self.range[0], self.range[1])
    }

    /// The whole answer as a sentence, for the terminal and Markdown.
    pub fn sentence(&self) -> String {
        // Chances in frequency words: "95 in 100 futures".
        let p = |x: f64| chance(Some(x));
        let [at_low, at_high] = self.probability_at_range;
        let ends = format!(
            "{} futures at {}, {} at {}",
            p(at_low),
            self.shown(self.range[0], false),
            p(at_high),
            self.shown(self.range[1], true)
        );
        let today = match (self.today, self.change_words()) {
            (Some(_), Some(change)) => format!(" (today {}: {change})", self.today_words()),
            (Some(_), None) => format!(" (today {})", self.today_words()),
            _ => String::new(),
        };
        match self.status {
            Status::Solved => format!("{}{today}", self.need().unwrap_or_default()),
            Status::WholeRange if self.direction == Direction::None => format!(
                "{}: reached whatever its value within {} ({} futures throughout)",
                self.name,
                self.range_words(),
                p(at_low)
            ),
            Status::WholeRange => format!(
                "{}{today}: reached across the whole range searched ({ends}); less may do, widen the range to find out",
                self.need().unwrap_or_default()
            ),
            Status::OutOfReach => format!("{}: out of reach within {} ({ends})", self.name, self.range_words()),
            Status::NoEffect => format!(
                "{}: does not move the target within {} ({} futures throughout)",
                self.name,
                self.range_words(),
                p(at_low)
            ),
            Status::NonMonotone => format!(
                "{}: its chance of the target rises and falls within {} ({}); solve needs a lever that moves it one way, so narrow \
                 the range",
                self.name,
                self.range_words(),
                self.points
                    .iter()
                    .map(|pt| format!("{} at {}", p(pt.probability), self.shown(pt.value, true)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_toward_the_safe_side() {
        assert_eq!(round_toward(4.3127, 3, true), 4.32);
        assert_eq!(round_toward(4.3127, 3, false), 4.31);
        assert_eq!(round_toward(0.031_27, 3, false), 0.0312);
        assert_eq!(round_toward(4.3, 3, true), 4.3, "no step up from binary noise");
        assert_eq!(round_toward(0.0, 3, true), 0.0);
    }

    fn lever(status: Status, direction: Direction, value: Option<f64>) -> LeverReport {
        let point = |value: f64, probability: f64| SolvePoint { value, probability, std_error: 0.01 };
        LeverReport {
            key: "reseller.churn".into(),
            name: "churn".into(),
            status,
            value,
            interval: value.map(|v| [v - 0.001, v + 0.002]),
            interval_clipped: [false; 2],
            probability_at_value: value.map(|_| 0.81),
            std_error: value.map(|_| 0.004),
            direction,
            reachable: value.is_some(),
            evaluations: 9,
            converged: true,
            integer: false,
            range: [0.01, 0.2],
            probability_at_range: [0.95, 0.3],
            today: Some(0.1),
            today_uncertain: false,
            change: value.map(|v| v - 0.1),
            points: vec![point(0.01, 0.95), point(0.1, 0.5), point(0.2, 0.3)],
        }
    }

    #[test]
    fn every_status_reads_as_a_sentence() {
        let solved = lever(Status::Solved, Direction::Hurts, Some(0.020_39));
        assert_eq!(solved.need().as_deref(), Some("churn ≤ 2.03%"));
        assert_eq!(solved.sentence(), "churn ≤ 2.03% (today 10%: -7.97 points)");
        assert_eq!(solved.span(0.020_02, 0.020_89), "2% – 2.09%");
        let whole = lever(Status::WholeRange, Direction::Hurts, Some(0.2));
        assert!(whole.sentence().starts_with("churn ≤ 20% (today 10%: +10 points): reached across the whole range"));
        let idle = lever(Status::WholeRange, Direction::None, Some(0.01));
        assert_eq!(idle.sentence(), "churn: reached whatever its value within 1% – 20% (95 in 100 futures throughout)");
        let far = lever(Status::OutOfReach, Direction::Hurts, None);
        assert_eq!(far.sentence(), "churn: out of reach within 1% – 20% (95 in 100 futures at 1%, 30 in 100 at 20%)");
        assert_eq!(far.need(), None);
        let flat = lever(Status::NoEffect, Direction::None, None);
        assert_eq!(flat.sentence(), "churn: does not move the target within 1% – 20% (95 in 100 futures throughout)");
        let bumpy = lever(Status::NonMonotone, Direction::Hurts, None);
        assert!(
            bumpy
                .sentence()
                .contains("rises and falls within 1% – 20% (95 in 100 at 1%, 50 in 100 at 10%, 30 in 100 at 20%)")
        );
        let arrivals = LeverReport { key: "reseller.arrivals".into(), name: "arrivals".into(), ..solved };
        assert_eq!(arrivals.span(3.6814, 3.7408), "3.68 – 3.75/month");
    }
}
