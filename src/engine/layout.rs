//! The rows a run records and where each row's values are kept: the stored metrics, then one
//! row per tier, per plan and per named programme's own numbers. A row is kept as amounts
//! (`f64`), as counts (`u32`: customers and subscribers, whole numbers by construction), not
//! at all (zero by construction: a metric of a part the scenario lacks) or in its twin's
//! place (net profit without costs is gross profit).

use crate::metric::{Metric, Stored};

/// One stored row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Metric(Stored),
    /// Active reseller customers in tier `i`.
    TierCustomers(usize),
    /// Billed subscribers on plan `i` (plans of every programme, in order).
    PlanSubscribers(usize),
    /// A named programme's own numbers.
    Programme {
        programme: usize,
        metric: ProgrammeRow,
    },
}

impl Row {
    /// Whether the row counts customers or subscribers (a whole number, kept as `u32`).
    pub fn is_count(self) -> bool {
        match self {
            Row::Metric(m) => m.is_count(),
            Row::TierCustomers(_) | Row::PlanSubscribers(_) => true,
            Row::Programme { metric, .. } => metric == ProgrammeRow::Subscribers,
        }
    }
}

/// What a named programme records of itself; its metric keys are the totals' keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeRow {
    Subscribers,
    CommissionEarned,
    CommissionPaid,
}

impl ProgrammeRow {
    pub const ALL: [ProgrammeRow; 3] =
        [ProgrammeRow::Subscribers, ProgrammeRow::CommissionEarned, ProgrammeRow::CommissionPaid];

    /// The whole-stream metric this is the programme's part of.
    pub fn metric(self) -> Metric {
        match self {
            ProgrammeRow::Subscribers => Metric::Subscribers,
            ProgrammeRow::CommissionEarned => Metric::CommissionEarned,
            ProgrammeRow::CommissionPaid => Metric::CommissionPaid,
        }
    }
}

/// Which parts of the model a scenario has: they decide which rows take memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parts {
    /// Tiers of the reseller stream, if it exists.
    pub tiers: Option<usize>,
    /// Plans of the affiliate stream (of all its programmes), if it exists.
    pub plans: Option<usize>,
    /// Named programmes, which record their own numbers (0 in the single-programme form).
    pub programmes: usize,
    /// Whether the scenario has costs; without them net profit is gross profit.
    pub costs: bool,
    /// Whether any kickback rate can be positive.
    pub kickback: bool,
}

/// Whether a metric is zero by construction with these parts.
fn is_zero(metric: Metric, parts: Parts) -> bool {
    (parts.tiers.is_none() && metric.reseller_only())
        || (parts.plans.is_none() && metric.affiliate_only())
        || (!parts.costs && metric.costs_only())
        || (!parts.kickback && metric == Metric::Kickback)
}

/// Where a row's values are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Zero by construction (a metric of a part the scenario lacks): no memory, no statistics.
    Zero,
    /// The `i`-th column of amounts (`f64`).
    Amount(usize),
    /// The `i`-th column of counts (`u32`).
    Count(usize),
}

/// The rows of a run: the stored metrics, then one per tier, then one per plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub rows: Vec<Row>,
    pub horizon: usize,
    tiers: usize,
    plans: usize,
    programmes: usize,
    /// Each row's place (an aliased row has its twin's).
    places: Vec<Place>,
    /// The row whose values each row shares (itself unless aliased).
    canonical: Vec<usize>,
    amounts: usize,
    counts: usize,
}

impl Layout {
    /// The rows of a scenario with these parts.
    pub fn new(horizon: usize, parts: Parts) -> Self {
        let rows: Vec<Row> = Stored::ALL
            .iter()
            .map(|&m| Row::Metric(m))
            .chain((0..parts.tiers.unwrap_or(0)).map(Row::TierCustomers))
            .chain((0..parts.plans.unwrap_or(0)).map(Row::PlanSubscribers))
            .chain((0..parts.programmes).flat_map(|programme| {
                ProgrammeRow::ALL.into_iter().map(move |metric| Row::Programme { programme, metric })
            }))
            .collect();
        let (mut places, mut canonical) = (Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()));
        let (mut amounts, mut counts) = (0, 0);
        for (i, row) in rows.iter().enumerate() {
            let twin = match row {
                Row::Metric(m) if !parts.costs => m.metric().gross_twin().and_then(Layout::row_of),
                _ => None,
            };
            let (place, of) = match (row, twin) {
                (Row::Metric(m), _) if is_zero(m.metric(), parts) => (Place::Zero, i),
                (_, Some(of)) => (places.get(of).copied().unwrap_or(Place::Zero), of),
                _ if row.is_count() => {
                    counts += 1;
                    (Place::Count(counts - 1), i)
                }
                _ => {
                    amounts += 1;
                    (Place::Amount(amounts - 1), i)
                }
            };
            places.push(place);
            canonical.push(if place == Place::Zero { i } else { of });
        }
        Self {
            rows,
            horizon,
            tiers: parts.tiers.unwrap_or(0),
            plans: parts.plans.unwrap_or(0),
            programmes: parts.programmes,
            places,
            canonical,
            amounts,
            counts,
        }
    }

    /// The row of a metric that is stored, if it is one.
    fn row_of(metric: Metric) -> Option<usize> {
        Stored::ALL.iter().position(|s| s.metric() == metric)
    }

    /// The row that holds a row's values: itself, or the row it aliases.
    pub fn canonical(&self, row: usize) -> usize {
        self.canonical.get(row).copied().unwrap_or(row)
    }

    /// The row of a stored metric: the stored metrics come first, in their order.
    pub const fn row(stored: Stored) -> usize {
        stored.index()
    }

    /// The row of tier `tier`'s customer count.
    pub fn tier_row(&self, tier: usize) -> usize {
        Stored::ALL.len() + tier
    }

    /// The row of plan `plan`'s subscriber count (plans of every programme, in order).
    pub fn plan_row(&self, plan: usize) -> usize {
        Stored::ALL.len() + self.tiers + plan
    }

    /// The row of one of a named programme's own numbers.
    pub fn programme_row(&self, programme: usize, metric: ProgrammeRow) -> usize {
        let within = ProgrammeRow::ALL.iter().position(|m| *m == metric).unwrap_or(0);
        Stored::ALL.len() + self.tiers + self.plans + programme * ProgrammeRow::ALL.len() + within
    }

    /// Named programmes recording their own numbers.
    pub fn programmes(&self) -> usize {
        self.programmes
    }

    /// Whether a row is zero in every trajectory and month by construction.
    pub fn is_zero(&self, row: usize) -> bool {
        self.place(row) == Place::Zero
    }

    /// Where a row's values are kept (an aliased row: its twin's place).
    pub fn place(&self, row: usize) -> Place {
        self.places.get(row).copied().unwrap_or(Place::Zero)
    }

    /// Where each row is written by the engine: every row that owns its place (not zero,
    /// not an alias), with that place.
    pub fn written(&self) -> impl Iterator<Item = (usize, Place)> + '_ {
        self.places
            .iter()
            .enumerate()
            .filter(|&(row, place)| *place != Place::Zero && self.canonical[row] == row)
            .map(|(row, place)| (row, *place))
    }

    /// Columns of amounts and of counts a month: the rows that take memory.
    pub fn columns(&self) -> (usize, usize) {
        (self.amounts, self.counts)
    }

    /// Bytes that `trajectories` stored trajectories take (as [`Block`](super::Block)
    /// keeps them: every kept row and month, each column padded by a cache line, and the
    /// months of first payouts).
    pub fn stored_bytes(&self, trajectories: usize) -> f64 {
        let (amounts, counts) = (self.amounts as f64, self.counts as f64);
        let horizon = self.horizon as f64;
        let values = horizon
            * (amounts * 8.0 * amount_stride(trajectories) as f64 + counts * 4.0 * count_stride(trajectories) as f64);
        values + trajectories as f64 * 2.0 * (1 + self.programmes) as f64
    }
}

/// The distance between consecutive columns of amounts of `len` trajectories: `len`
/// padded to whole cache lines and one more, so that the engine's writes of one trajectory,
/// a column apart each, do not all fall into the same cache set.
pub(super) fn amount_stride(len: usize) -> usize {
    len.next_multiple_of(8) + 8
}

/// The same for columns of counts (16 to a cache line).
pub(super) fn count_stride(len: usize) -> usize {
    len.next_multiple_of(16) + 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_and_plan_rows_follow_the_stored_metrics() {
        let layout = Layout::new(2, Parts { tiers: Some(3), plans: Some(2), ..Parts::default() });
        assert_eq!(layout.tier_row(0), Stored::ALL.len());
        assert_eq!(layout.plan_row(1), Stored::ALL.len() + 3 + 1);
        assert_eq!(layout.rows[layout.plan_row(1)], Row::PlanSubscribers(1));
        assert_eq!(layout.rows[layout.tier_row(2)], Row::TierCustomers(2));
        let affiliate_only = Layout::new(2, Parts { plans: Some(2), ..Parts::default() });
        assert_eq!(affiliate_only.rows[affiliate_only.plan_row(0)], Row::PlanSubscribers(0));
    }

    #[test]
    fn rows_of_an_absent_stream_take_no_memory_and_counts_are_kept_as_counts() {
        let zero_rows = |layout: &Layout| (0..layout.rows.len()).filter(|&r| layout.is_zero(r)).count();
        let kept = |layout: &Layout| layout.columns().0 + layout.columns().1;
        let all = Parts { tiers: Some(2), plans: Some(1), programmes: 0, costs: true, kickback: true };
        let both = Layout::new(3, all);
        let reseller = Layout::new(3, Parts { plans: None, ..all });
        let affiliate = Layout::new(3, Parts { tiers: None, ..all });
        let bare = Layout::new(3, Parts { costs: false, kickback: false, ..all });
        let n = Stored::ALL.len();
        assert_eq!((zero_rows(&both), kept(&both)), (0, n + 2 + 1));
        assert_eq!((zero_rows(&reseller), kept(&reseller)), (3, n - 3 + 2));
        assert_eq!((zero_rows(&affiliate), kept(&affiliate)), (5, n - 5 + 1));
        // Without costs the four cost rows are zero and net profit shares gross profit's place.
        assert_eq!((zero_rows(&bare), kept(&bare)), (5, n - 5 - 2 + 2 + 1));
        let (net, gross) = (Layout::row(Stored::NetProfit), Layout::row(Stored::GrossProfit));
        assert_eq!((bare.canonical(net), both.canonical(net)), (gross, net));
        assert_eq!(bare.place(net), bare.place(gross));
        assert_eq!(bare.written().filter(|(row, _)| *row == net).count(), 0, "an alias is not written");
        let subscribers = Layout::row(Stored::Subscribers);
        assert!(reseller.is_zero(subscribers) && !affiliate.is_zero(subscribers));
        // Customers (active, new, per tier) and subscribers (total, per plan) are counts.
        assert_eq!(reseller.columns().1, 2 + 2);
        assert_eq!(both.columns().1, 3 + 2 + 1);
        assert!(matches!(both.place(Layout::row(Stored::ActiveCustomers)), Place::Count(_)));
        assert!(matches!(both.place(Layout::row(Stored::Revenue)), Place::Amount(_)));
    }

    #[test]
    fn the_memory_counts_what_is_stored() {
        // The reference scenario's rows: 7 of amounts (revenue, COGS, kickback, gross profit
        // and its running sum, hours and theirs) and 5 of counts (active and new customers,
        // three tiers): 7 × 8 + 5 × 4 = 76 bytes a month, 24 months, padded columns.
        let layout = Layout::new(24, Parts { tiers: Some(3), kickback: true, ..Parts::default() });
        assert_eq!(layout.columns(), (7, 5));
        let n = 1_000_000;
        let bytes = layout.stored_bytes(n);
        let exact = 24.0 * (7.0 * 8.0 * (n + 8) as f64 + 5.0 * 4.0 * (n + 16) as f64) + 2.0 * n as f64;
        assert_eq!(bytes, exact);
        assert!((1.82e9..1.83e9).contains(&bytes), "{bytes}");
    }
}
