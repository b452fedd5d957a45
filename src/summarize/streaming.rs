//! The report of runs too large to store: [`StreamingSummary`] takes one block of
//! trajectories at a time and keeps only mergeable summaries (log-linear histograms for
//! amounts, exact count histograms for counts and months, moments for means), then builds
//! the same [`RunReport`] as [`summarize`](super::exact::summarize) with approximate
//! percentiles.
//!
//! Memory is bounded by the number of series × months × histogram buckets, not by the
//! number of trajectories. Histograms merge in any order; moments are merged block by block
//! in trajectory order by the caller ([`StreamingSummary::add_moments`]), so results are
//! identical for any number of threads.

use indexmap::IndexMap;

use super::exact::{programme_names, target_index, window};
use super::precision::precision;
use super::series::{SeriesSource, distinct, source_of, sources};
use crate::engine::{BlockView, Column, Layout, ProgrammeRow, Row};
use crate::metric::{Metric, SeriesKey, defines_ratio};
use crate::report::{FirstMonth, MetricSummary, PercentileMethod, Precision, RunReport, TargetReport};
use crate::scenario::{Scenario, Target};
use crate::stats::histogram::{CountHistogram, LogHistogram, Moments};
use crate::stats::{Percentile, Proportion};

/// The values of one series in one month.
#[derive(Debug, Clone, PartialEq)]
enum Histogram {
    Count(CountHistogram),
    Log(LogHistogram),
}

impl Histogram {
    fn push(&mut self, value: f64) {
        match self {
            Histogram::Count(h) => h.push(value),
            Histogram::Log(h) => h.push(value),
        }
    }

    fn merge(&mut self, other: &Histogram) {
        match (self, other) {
            (Histogram::Count(a), Histogram::Count(b)) => a.merge(b),
            (Histogram::Log(a), Histogram::Log(b)) => a.merge(b),
            _ => {}
        }
    }

    fn value_at(&self, index: usize) -> Option<f64> {
        match self {
            Histogram::Count(h) => h.value_at(index as u64),
            Histogram::Log(h) => h.value_at(index as u64),
        }
    }
}

/// A target's running counts.
#[derive(Debug, Clone, Default, PartialEq)]
struct TargetCounts {
    at_month: usize,
    by_month: usize,
    /// 0-based simulated months in which trajectories first reached the target.
    first: CountHistogram,
}

/// Per-block moments of every series and month, to be merged in block order.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockMoments(Vec<Moments>);

/// Mergeable summaries of any number of trajectories.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamingSummary {
    keys: Vec<SeriesKey>,
    /// The distinct sources of the series (each summarised once) ...
    sources: Vec<SeriesSource>,
    /// ... and which one each key reads.
    key_source: Vec<usize>,
    horizon: usize,
    /// Series-major, then month.
    histograms: Vec<Histogram>,
    moments: Vec<Moments>,
    targets: Vec<TargetCounts>,
    target_specs: Vec<Target>,
    /// The 0-based simulated month each target asks about, and the rows it reads.
    target_months: Vec<usize>,
    target_sources: Vec<SeriesSource>,
    /// 0-based simulated months of the first payout, in all and by named programme.
    first_payout: CountHistogram,
    programme_first_payout: Vec<CountHistogram>,
    programme_names: Vec<String>,
    start_month: u32,
    window: [u32; 2],
    /// The metric the precision is measured on.
    precision_metric: Metric,
    layout: Layout,
    trajectories: usize,
}

fn is_count(source: SeriesSource, layout: &Layout) -> bool {
    match source {
        SeriesSource::Row(r) => match layout.rows.get(r) {
            Some(Row::Metric(m)) => m.is_count(),
            Some(Row::TierCustomers(_) | Row::PlanSubscribers(_)) => true,
            Some(Row::Programme { metric, .. }) => *metric == ProgrammeRow::Subscribers,
            None => false,
        },
        SeriesSource::Ratio { .. } => false,
    }
}

/// The value of a series for trajectory `k` of a block in one month; `None` where undefined.
fn value(block: &BlockView<'_>, source: SeriesSource, month: usize, k: usize) -> Option<f64> {
    match source {
        SeriesSource::Row(r) => Some(block.get(r, month, k)),
        SeriesSource::Ratio { numerator, denominator } => {
            let d = block.get(denominator, month, k);
            defines_ratio(d).then(|| block.get(numerator, month, k) / d)
        }
    }
}

impl StreamingSummary {
    /// Empty summaries for the scenario's series.
    pub fn new(scenario: &Scenario, layout: &Layout) -> Self {
        let series = sources(scenario, layout);
        let (sources, key_source) = distinct(&series);
        let keys: Vec<SeriesKey> = series.into_iter().map(|(k, _)| k).collect();
        let horizon = layout.horizon;
        let histograms = sources
            .iter()
            .flat_map(|&s| {
                let empty = if is_count(s, layout) {
                    Histogram::Count(CountHistogram::default())
                } else {
                    Histogram::Log(LogHistogram::default())
                };
                std::iter::repeat_n(empty, horizon)
            })
            .collect();
        Self {
            moments: vec![Moments::default(); sources.len() * horizon],
            keys,
            sources,
            key_source,
            horizon,
            histograms,
            targets: vec![TargetCounts::default(); scenario.targets().len()],
            target_specs: scenario.targets().to_vec(),
            target_months: scenario.targets().iter().map(|t| target_index(scenario, t)).collect(),
            target_sources: scenario
                .targets()
                .iter()
                .map(|t| source_of(scenario, layout, &t.metric).unwrap_or(SeriesSource::Row(0)))
                .collect(),
            first_payout: CountHistogram::default(),
            programme_first_payout: vec![CountHistogram::default(); layout.programmes()],
            programme_names: programme_names(scenario).collect(),
            start_month: scenario.start_month(),
            window: window(scenario),
            precision_metric: scenario.headline(),
            layout: layout.clone(),
            trajectories: 0,
        }
    }

    /// The same summaries with nothing counted yet (for a worker).
    pub fn empty_like(&self) -> Self {
        let mut out = self.clone();
        out.histograms.iter_mut().for_each(|h| {
            *h = match h {
                Histogram::Count(_) => Histogram::Count(CountHistogram::default()),
                Histogram::Log(_) => Histogram::Log(LogHistogram::default()),
            }
        });
        out.moments.iter_mut().for_each(|m| *m = Moments::default());
        out.targets.iter_mut().for_each(|t| *t = TargetCounts::default());
        out.first_payout = CountHistogram::default();
        out.programme_first_payout.iter_mut().for_each(|h| *h = CountHistogram::default());
        out.trajectories = 0;
        out
    }

    /// Counts a block's trajectories into the histograms and target counts, and returns the
    /// block's moments, which the caller passes to [`add_moments`](Self::add_moments) in
    /// block order.
    pub fn add_block(&mut self, block: &BlockView<'_>) -> BlockMoments {
        let mut moments = vec![Moments::default(); self.moments.len()];
        let mut scratch = Vec::with_capacity(block.len);
        for (s, &source) in self.sources.iter().enumerate() {
            for m in 0..self.horizon {
                let values: &[f64] = match source {
                    SeriesSource::Row(r) => match block.column(r, m) {
                        Column::Amounts(values) => values,
                        column => {
                            scratch.clear();
                            column.extend_into(&mut scratch);
                            &scratch
                        }
                    },
                    SeriesSource::Ratio { numerator, denominator } => {
                        scratch.clear();
                        let pairs = block.column(numerator, m).iter().zip(block.column(denominator, m).iter());
                        scratch.extend(pairs.filter(|(_, d)| defines_ratio(*d)).map(|(n, d)| n / d));
                        &scratch
                    }
                };
                let histogram = &mut self.histograms[s * self.horizon + m];
                values.iter().for_each(|&v| histogram.push(v));
                moments[s * self.horizon + m] = Moments::of(values);
            }
        }
        let targets = self.target_specs.iter().zip(&self.target_months).zip(&mut self.targets);
        for (i, ((target, &month), counts)) in targets.enumerate() {
            let source = self.target_sources[i];
            for k in 0..block.len {
                let hit = |m: usize| value(block, source, m, k).is_some_and(|v| v >= target.at_least);
                if let Some(first) = (0..self.horizon).find(|&m| hit(m)) {
                    counts.first.push(first as f64);
                    counts.by_month += usize::from(first <= month);
                }
                counts.at_month += usize::from(month < self.horizon && hit(month));
            }
        }
        // The engine records the 1-based simulated month, 0 for none.
        for &m in block.first_payout() {
            if m > 0 {
                self.first_payout.push(f64::from(m - 1));
            }
        }
        let programmes = self.programme_first_payout.len();
        for (i, &m) in block.programme_first_payout().iter().enumerate() {
            if m > 0 {
                self.programme_first_payout[i % programmes].push(f64::from(m - 1));
            }
        }
        self.trajectories += block.len;
        BlockMoments(moments)
    }

    /// Adds the next block's moments; call in block (trajectory) order.
    pub fn add_moments(&mut self, block: &BlockMoments) {
        for (a, b) in self.moments.iter_mut().zip(&block.0) {
            a.merge(b);
        }
    }

    /// Adds another worker's histograms and counts (any order); moments are not touched.
    pub fn merge_counts(&mut self, other: &StreamingSummary) {
        for (a, b) in self.histograms.iter_mut().zip(&other.histograms) {
            a.merge(b);
        }
        for (a, b) in self.targets.iter_mut().zip(&other.targets) {
            a.at_month += b.at_month;
            a.by_month += b.by_month;
            a.first.merge(&b.first);
        }
        self.first_payout.merge(&other.first_payout);
        for (a, b) in self.programme_first_payout.iter_mut().zip(&other.programme_first_payout) {
            a.merge(b);
        }
        self.trajectories += other.trajectories;
    }

    pub fn trajectories(&self) -> usize {
        self.trajectories
    }

    /// The precision of the horizon's cumulative gross profit so far.
    pub fn precision(&self) -> Precision {
        let row = SeriesSource::of(self.precision_metric, &self.layout);
        let Some(series) = self.sources.iter().position(|s| *s == row).filter(|_| self.horizon > 0) else {
            return precision(self.precision_metric, self.start_month, &Moments::default().estimate(), 0.0, |_| None);
        };
        let i = series * self.horizon + self.horizon - 1;
        let month = self.start_month + self.horizon as u32 - 1;
        precision(
            self.precision_metric,
            month,
            &self.moments[i].estimate(),
            crate::stats::histogram::RELATIVE_ERROR,
            |rank| self.histograms[i].value_at(rank),
        )
    }

    /// The report, with percentiles from the histograms.
    pub fn finish(&self, scenario: &Scenario, source: &str, levels: &[Percentile]) -> RunReport {
        let mut metrics = IndexMap::new();
        for (key, &s) in self.keys.iter().zip(&self.key_source) {
            let columns = s * self.horizon..(s + 1) * self.horizon;
            let estimates: Vec<_> = self.moments[columns.clone()].iter().map(Moments::estimate).collect();
            let percentiles = levels
                .iter()
                .map(|l| {
                    let series = columns
                        .clone()
                        .zip(&estimates)
                        .map(|(c, e)| if e.n == 0 { None } else { self.histograms[c].value_at(l.type1_index(e.n)) })
                        .collect();
                    (*l, series)
                })
                .collect();
            let summary = MetricSummary {
                mean: estimates.iter().map(|e| e.mean).collect(),
                std_error: estimates.iter().map(|e| e.std_error).collect(),
                percentiles,
                defined: estimates.iter().map(|e| e.n).collect(),
            };
            metrics.insert(key.clone(), summary);
        }
        let n = self.trajectories;
        let targets = self
            .target_specs
            .iter()
            .zip(&self.targets)
            .zip(&self.target_months)
            .map(|((t, c), &month)| TargetReport {
                metric: t.metric.clone(),
                at_least: t.at_least,
                month: self.start_month + month as u32,
                date: None,
                probability_at_month: Proportion::new(c.at_month, n),
                probability_by_month: Proportion::new(c.by_month, n),
                first_month: self.first_month(&c.first, levels),
            })
            .collect();
        RunReport {
            scenario: scenario.name().to_string(),
            source: source.to_string(),
            seed: scenario.seed(),
            trajectories: n,
            horizon_months: self.horizon,
            months: (0..self.horizon as u32).map(|m| scenario.start_month() + m).collect(),
            dates: None,
            calendar: None,
            percentile_method: PercentileMethod::Approximate,
            precision: self.precision(),
            metrics,
            targets,
            first_payout: scenario.affiliate().map(|_| self.first_month(&self.first_payout, levels)),
            first_payout_by_programme: self
                .programme_names
                .iter()
                .zip(&self.programme_first_payout)
                .map(|(name, h)| (name.clone(), self.first_month(h, levels)))
                .collect(),
            actuals: None,
            waterfall: None,
        }
    }
}

impl StreamingSummary {
    /// Exact type-1 percentiles of first-reach calendar months from the counts of their
    /// 0-based simulated months.
    fn first_month(&self, months: &CountHistogram, levels: &[Percentile]) -> FirstMonth {
        let reached = months.count() as usize;
        let calendar = |m: f64| m + f64::from(self.start_month);
        FirstMonth {
            months: self.window,
            reached: Proportion::new(reached, self.trajectories),
            percentiles: levels
                .iter()
                .map(|l| {
                    let value = (reached > 0).then(|| months.value_at(l.type1_index(reached) as u64)).flatten();
                    (*l, value.map(calendar))
                })
                .collect(),
        }
    }
}
