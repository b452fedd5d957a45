//! The history as the general path's summaries (docs/calibration.md, "The general path"):
//! one entry per history cell, compared with the engine's value for it after the column's
//! record noise (docs/model.md §16) is applied to the simulated value, then the
//! month-to-month turnover of each level (a count or an amount of money: the squared change
//! between two recorded months), which carries what the level alone cannot: how many
//! customers came and went.
//!
//! Flows: `new_customers` (with `reactivated`, a returning customer being an arrival to
//! the model) is the engine's new customers; `churned` in month t is those billed in t and
//! not in t + 1, the billed count less next month's renewals (not defined in the last
//! month, whose customers are still active). The affiliate's `new_subscribers` and
//! `cancelled` have no simulated counterpart yet and are left out here (the exact path uses
//! them).

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::actuals::{Column, History, MonthActuals};
use crate::analysis::inference::backtest::{actual_value, simulated_metric};
use crate::engine::{Block, Layout};
use crate::metric::{Derivation, Stored};
use crate::scenario::RecordNoise;

/// How a history column was recorded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Noise {
    Exact,
    /// The record is the truth times `exp(σ·Z)`.
    LogNormal(f64),
    /// The record is the truth plus `σ·|truth|·Z` (gross profit, which may be negative).
    Relative(f64),
}

impl Noise {
    /// The noise of `column` under the scenario's `noise` levels.
    pub fn of(column: Column, noise: &RecordNoise) -> Self {
        match noise.of(column.name()) {
            Some(level) if level > 0.0 && column == Column::GrossProfit => Noise::Relative(level),
            Some(level) if level > 0.0 => Noise::LogNormal(level),
            _ => Noise::Exact,
        }
    }

    /// The record of a true value `value`, with the normal draw `z`.
    fn record(self, value: f64, z: f64) -> f64 {
        match self {
            Noise::Exact => value,
            Noise::LogNormal(sigma) => value * (sigma * z).exp(),
            Noise::Relative(sigma) => value + sigma * value.abs() * z,
        }
    }
}

/// Where an entry's simulated value comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum EntrySource {
    /// An engine row, less another (commission, from the simulated gross profit).
    Row { row: usize, minus: Option<usize> },
    /// Billed this month less next month's renewals (billed less new).
    Churned,
}

/// One observed entry: a column of the history in a calendar month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    pub column: Column,
    pub month: u32,
    source: EntrySource,
    /// The 0-based simulated month.
    index: usize,
    pub noise: Noise,
}

impl Entry {
    /// The value the history would record in `block`'s trajectory (normal draws for the
    /// record noise from `rng`).
    fn simulated(&self, block: &Block, rng: &mut Xoshiro256PlusPlus) -> f64 {
        let at = |row: usize, index: usize| block.get(row, index, 0);
        let truth = match self.source {
            EntrySource::Row { row, minus } => at(row, self.index) - minus.map_or(0.0, |m| at(m, self.index)),
            EntrySource::Churned => {
                let (billed, new) = (Layout::row(Stored::ActiveCustomers), Layout::row(Stored::NewCustomers));
                at(billed, self.index) - (at(billed, self.index + 1) - at(new, self.index + 1))
            }
        };
        match self.noise {
            Noise::Exact => truth,
            noise => noise.record(truth, StandardNormal.sample(rng)),
        }
    }
}

/// The squared change of a level between two recorded months: the entries (indices into
/// [`Summaries::entries`]) of the earlier and the later month.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Turnover {
    from: usize,
    to: usize,
}

/// The general path's summaries of a history.
#[derive(Debug, Clone, PartialEq)]
pub struct Summaries {
    pub entries: Vec<Entry>,
    turnover: Vec<Turnover>,
    /// The observed values: the entries', then the turnover's.
    pub observed: Vec<Option<f64>>,
    /// Columns that have values but no simulated counterpart here, with the reason.
    pub left_out: Vec<(Column, &'static str)>,
}

/// The engine row a history column is compared with (`None` for the flows the engine does
/// not record: churned, reactivated, new subscribers, cancelled).
pub fn row_of(column: Column) -> Option<usize> {
    Some(match simulated_metric(column)?.derivation() {
        Derivation::Stored(stored) => Layout::row(stored),
        Derivation::Ratio { numerator, .. } => Layout::row(numerator),
    })
}

/// A month's arrivals to the model: its new customers, and in a history with a
/// `reactivated` column its returning ones too (a returning customer is an arrival), known
/// only where both are. Both paths count arrivals so.
pub(super) fn arrivals(m: &MonthActuals, reactivated: bool) -> Option<u64> {
    if reactivated { m.new_customers.zip(m.reactivated).map(|(n, r)| n + r) } else { m.new_customers }
}

/// What `column` says in month `m` (the history's `last` month or not): the value compared,
/// or `None` where the column takes no part. The summaries and the evidence's count of
/// months both follow it.
pub(super) fn observed(m: &MonthActuals, column: Column, reactivated: bool, last: bool) -> Option<f64> {
    match column {
        // The last month's churned are still active: not a record of churn.
        Column::Churned if last => None,
        // The history's gross profit is the reseller's (revenue − COGS); it is left out
        // in months that give revenue and COGS: it is their difference, and counting it
        // would weigh that month's money twice.
        Column::GrossProfit if m.revenue.is_some() && m.cogs.is_some() => None,
        Column::GrossProfit => m.gross_profit,
        // `reactivated` takes part in the arrivals, in the months they are known.
        Column::NewCustomers | Column::Reactivated if reactivated => arrivals(m, true).map(|a| a as f64),
        other => actual_value(m, other),
    }
}

impl Summaries {
    /// The summaries of `history`'s `columns` (those with a value) for a scenario whose first
    /// month is `first` and that simulates `months` months.
    pub fn new(history: &History, (first, months): (u32, usize), columns: &[Column], noise: &RecordNoise) -> Self {
        let commission = Layout::row(Stored::CommissionEarned);
        let reactivated = columns.contains(&Column::Reactivated);
        let mut left_out = Vec::new();
        let mut compared = Vec::new();
        for &column in columns {
            match column {
                Column::Reactivated if !columns.contains(&Column::NewCustomers) => {
                    left_out.push((column, "it counts as an arrival only beside new_customers"));
                }
                Column::Reactivated => {}
                Column::NewSubscribers | Column::Cancelled => {
                    left_out.push((column, "the simulation does not record signups yet"));
                }
                other => compared.push(other),
            }
        }
        let (mut entries, mut values) = (Vec::new(), Vec::new());
        for m in history.months() {
            let index = (m.month - first) as usize;
            for &column in &compared {
                let source = match column {
                    Column::Churned => EntrySource::Churned,
                    Column::GrossProfit => {
                        EntrySource::Row { row: Layout::row(Stored::GrossProfit), minus: Some(commission) }
                    }
                    other => EntrySource::Row { row: row_of(other).unwrap_or(0), minus: None },
                };
                let value = observed(m, column, reactivated, index + 1 >= months);
                entries.push(Entry { column, month: m.month, source, index, noise: Noise::of(column, noise) });
                values.push(value);
            }
        }
        let turnover = turnover(&entries, &values);
        for t in &turnover {
            values.push(values[t.to].zip(values[t.from]).map(|(b, a)| (b - a).powi(2)));
        }
        Self { entries, turnover, observed: values, left_out }
    }

    /// The same summaries without the turnover: the history's cells alone, as calibrate
    /// compared them before (to measure what the turnover adds, docs/calibration.md).
    pub fn without_turnover(mut self) -> Self {
        self.observed.truncate(self.entries.len());
        self.turnover.clear();
        self
    }

    /// The summaries of one simulated trajectory (`block`), with record noise drawn from a
    /// stream of `seed`.
    pub fn simulate(&self, block: &Block, seed: u64) -> Vec<Option<f64>> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ NOISE_STREAM);
        let mut out: Vec<Option<f64>> = self.entries.iter().map(|e| Some(e.simulated(block, &mut rng))).collect();
        // From the entries as simulated, record noise included: the change the history would
        // record (a count's entry is the engine's value itself).
        for t in &self.turnover {
            let change = out[t.to].zip(out[t.from]).map(|(b, a)| b - a);
            out.push(change.map(|c| c * c));
        }
        out
    }
}

impl Summaries {
    /// A history of the same shape as `original` (its months, columns and blank cells)
    /// recorded from `block`'s trajectory, record noise included, as CSV text: what a
    /// simulation-based check calibrates. Money is recorded to the cent; `reactivated` is
    /// 0 (the model has no returning customers); the flows the simulation does not record
    /// (new subscribers, cancelled) and the last month's `churned` are left blank.
    pub fn record_history(&self, block: &Block, seed: u64, original: &History) -> String {
        let values = self.simulate(block, seed);
        let columns = original.columns();
        let mut out = String::from("month");
        columns.iter().for_each(|c| out.push_str(&format!(",{}", c.name())));
        out.push('\n');
        for m in original.months() {
            out.push_str(&m.month.to_string());
            for &column in columns {
                let cell = m.get(column).and_then(|_| match column {
                    Column::Reactivated => Some("0".to_string()),
                    _ => self
                        .entries
                        .iter()
                        .zip(&values)
                        .zip(&self.observed)
                        .find(|((e, _), _)| e.column == column && e.month == m.month)
                        .filter(|(_, observed)| observed.is_some() || column == Column::GrossProfit)
                        .and_then(|((_, v), _)| *v)
                        .map(
                            |v| if column.is_count() { format!("{}", v.round().max(0.0)) } else { format!("{:.2}", v) },
                        ),
                });
                out.push(',');
                out.push_str(&cell.unwrap_or_default());
            }
            out.push('\n');
        }
        out
    }
}

/// Salt of the record-noise stream of a simulation.
const NOISE_STREAM: u64 = 0x6E6F_6973_655F_7265;

/// The columns whose turnover is a summary: the levels, counts first. The money a month
/// records moves with its customers as their counts do: without its turnover a history of
/// money alone gave the old summaries' bias (flat histories too much churn and arrivals,
/// volatile ones too little).
const LEVELS: [Column; 8] = [
    Column::Customers,
    Column::Subscribers,
    Column::Revenue,
    Column::Cogs,
    Column::GrossProfit,
    Column::Commission,
    Column::CommissionPaid,
    Column::PayoutFees,
];

/// The pairs of consecutive recorded months of each level column (counts, then money).
fn turnover(entries: &[Entry], values: &[Option<f64>]) -> Vec<Turnover> {
    let mut out = Vec::new();
    for column in LEVELS {
        let mut recorded: Vec<(usize, usize)> = entries
            .iter()
            .enumerate()
            .zip(values)
            .filter(|((_, e), v)| e.column == column && v.is_some())
            .map(|((i, e), _)| (e.index, i))
            .collect();
        recorded.sort_unstable();
        out.extend(recorded.windows(2).map(|w| Turnover { from: w[0].1, to: w[1].1 }));
    }
    out
}
