//! What the engine keeps of each trajectory: one value per stored row and month, in blocks
//! of consecutive trajectories laid out row-major (`[row][month][trajectory]`), so that a
//! month's values across trajectories are contiguous for the statistics. A month of one
//! trajectory is written as [`MonthValues`], whose stored metrics are set by name.

use std::ops::{Index, IndexMut};

use crate::metric::Stored;

/// Trajectories per block: the unit of parallel work, progress and cancellation.
pub const BLOCK_SIZE: usize = 1024;

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
    pub fn metric(self) -> crate::metric::Metric {
        match self {
            ProgrammeRow::Subscribers => crate::metric::Metric::Subscribers,
            ProgrammeRow::CommissionEarned => crate::metric::Metric::CommissionEarned,
            ProgrammeRow::CommissionPaid => crate::metric::Metric::CommissionPaid,
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
fn is_zero(metric: crate::metric::Metric, parts: Parts) -> bool {
    (parts.tiers.is_none() && metric.reseller_only())
        || (parts.plans.is_none() && metric.affiliate_only())
        || (!parts.costs && metric.costs_only())
        || (!parts.kickback && metric == crate::metric::Metric::Kickback)
}

/// Where a row's values are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Zero by construction (a metric of a part the scenario lacks): no memory, no statistics.
    Zero,
    /// Its own place in a block.
    Own(usize),
    /// The same values as the row `of`, in that row's place (net profit without costs).
    Alias { slot: usize, of: usize },
}

/// The rows of a run: the stored metrics, then one per tier, then one per plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub rows: Vec<Row>,
    pub horizon: usize,
    tiers: usize,
    plans: usize,
    programmes: usize,
    slots: Vec<Slot>,
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
        let mut slots: Vec<Slot> = Vec::with_capacity(rows.len());
        let mut next = 0;
        for row in &rows {
            let slot = match row {
                Row::Metric(m) if is_zero(m.metric(), parts) => Slot::Zero,
                Row::Metric(m) if !parts.costs && m.metric().gross_twin().is_some() => {
                    let twin = m.metric().gross_twin().and_then(|t| Stored::ALL.iter().position(|s| s.metric() == t));
                    match twin.map(|of| (of, slots[of])) {
                        Some((of, Slot::Own(slot))) => Slot::Alias { slot, of },
                        _ => Slot::Zero,
                    }
                }
                _ => {
                    next += 1;
                    Slot::Own(next - 1)
                }
            };
            slots.push(slot);
        }
        Self {
            rows,
            horizon,
            tiers: parts.tiers.unwrap_or(0),
            plans: parts.plans.unwrap_or(0),
            programmes: parts.programmes,
            slots,
        }
    }

    /// The row that holds a row's values: itself, or the row it aliases.
    pub fn canonical(&self, row: usize) -> usize {
        match self.slots.get(row) {
            Some(Slot::Alias { of, .. }) => *of,
            _ => row,
        }
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
        self.slots.get(row).is_some_and(|s| *s == Slot::Zero)
    }

    /// Number of rows that take memory.
    fn kept(&self) -> usize {
        self.slots.iter().filter(|s| matches!(s, Slot::Own(_))).count()
    }

    /// (row, the row it aliases) of every aliased row.
    fn aliases(&self) -> Vec<(usize, usize)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(row, s)| match *s {
                Slot::Alias { of, .. } => Some((row, of)),
                _ => None,
            })
            .collect()
    }

    /// Each row's place in a block, `None` for a zero row.
    fn places(&self) -> Vec<Option<usize>> {
        self.slots
            .iter()
            .map(|s| match *s {
                Slot::Zero => None,
                Slot::Own(slot) | Slot::Alias { slot, .. } => Some(slot),
            })
            .collect()
    }
}

/// One month of one trajectory: a value per row of the layout. The stored metrics are set
/// by name in a [`StoredValues`] and copied in at once; the per-tier and per-plan counts by
/// their rows.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthValues(Vec<f64>);

impl MonthValues {
    /// Zeros for every row of `layout`.
    pub fn new(layout: &Layout) -> Self {
        Self(vec![0.0; layout.rows.len()])
    }

    /// Sets the stored metrics (the first rows).
    #[inline]
    pub fn set_stored(&mut self, stored: &StoredValues) {
        self.0[..Stored::ALL.len()].copy_from_slice(&stored.0);
    }

    /// Sets the value of a row by its index (tier and plan counts).
    pub fn set_row(&mut self, row: usize, value: f64) {
        self.0[row] = value;
    }

    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }
}

/// A month's stored metrics, set by name (`values[Stored::Revenue] = ...`): a fixed-size
/// array, so naming a metric costs no bounds check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoredValues([f64; Stored::ALL.len()]);

impl Default for StoredValues {
    fn default() -> Self {
        Self([0.0; Stored::ALL.len()])
    }
}

impl Index<Stored> for StoredValues {
    type Output = f64;

    #[inline]
    fn index(&self, stored: Stored) -> &f64 {
        &self.0[stored.index()]
    }
}

impl IndexMut<Stored> for StoredValues {
    #[inline]
    fn index_mut(&mut self, stored: Stored) -> &mut f64 {
        &mut self.0[stored.index()]
    }
}

/// What a zero row reads as, for any block.
static ZEROS: [f64; BLOCK_SIZE] = [0.0; BLOCK_SIZE];

/// The records of `len` consecutive trajectories starting at `start`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub start: usize,
    pub len: usize,
    horizon: usize,
    /// Distance between consecutive columns: `len` padded by one cache line, so that the
    /// engine's writes of one trajectory, a column apart each, do not all fall into the
    /// same cache set (a block of 1024 trajectories would space them 8 KiB apart).
    stride: usize,
    slots: Vec<Option<usize>>,
    /// Rows that share their twin's place (checked in debug builds).
    aliases: Vec<(usize, usize)>,
    /// (row, offset of its first month) of every row that takes memory.
    kept: Vec<(usize, usize)>,
    values: Vec<f64>,
    /// Month (1-based) of the first affiliate payout (cash) per trajectory; 0 = none.
    pub first_payout: Vec<u16>,
    /// The same for each named programme: `[trajectory * programmes + programme]`.
    pub programme_first_payout: Vec<u16>,
}

impl Block {
    /// An empty block of at most [`BLOCK_SIZE`] trajectories.
    pub fn new(start: usize, len: usize, layout: &Layout) -> Self {
        assert!(len <= BLOCK_SIZE, "a block holds at most {BLOCK_SIZE} trajectories");
        let stride = len.next_multiple_of(8) + 8;
        let kept = layout
            .slots
            .iter()
            .enumerate()
            .filter_map(|(row, slot)| match slot {
                Slot::Own(s) => Some((row, s * layout.horizon * stride)),
                _ => None,
            })
            .collect();
        Self {
            start,
            len,
            horizon: layout.horizon,
            stride,
            slots: layout.places(),
            aliases: layout.aliases(),
            kept,
            values: vec![0.0; layout.kept() * layout.horizon * stride],
            first_payout: vec![0; len],
            programme_first_payout: vec![0; len * layout.programmes],
        }
    }

    fn index(&self, row: usize, month: usize, k: usize) -> Option<usize> {
        self.slots[row].map(|slot| (slot * self.horizon + month) * self.stride + k)
    }

    /// Records one month (0-based) of trajectory `k` of the block: `values` has one value
    /// per row of the layout. Zero rows keep nothing: they are zero by construction.
    pub fn record(&mut self, month: usize, k: usize, values: &[f64]) {
        let at = month * self.stride + k;
        for &(row, offset) in &self.kept {
            self.values[offset + at] = values[row];
        }
        debug_assert!(
            self.slots.iter().zip(values).all(|(slot, v)| slot.is_some() || *v == 0.0),
            "a row that is zero by construction got a value: {values:?}"
        );
        debug_assert!(
            self.aliases.iter().all(|&(row, of)| values[row] == values[of]),
            "an aliased row got a value that differs from its twin: {values:?}"
        );
    }

    pub fn get(&self, row: usize, month: usize, k: usize) -> f64 {
        self.index(row, month, k).map_or(0.0, |i| self.values[i])
    }

    /// The block's values of one row and month (0-based), one per trajectory.
    pub fn column(&self, row: usize, month: usize) -> &[f64] {
        match self.index(row, month, 0) {
            Some(i) => &self.values[i..i + self.len],
            None => &ZEROS[..self.len],
        }
    }
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
    fn rows_of_an_absent_stream_take_no_memory_and_read_zero() {
        let zero_rows = |layout: &Layout| (0..layout.rows.len()).filter(|&r| layout.is_zero(r)).count();
        let all = Parts { tiers: Some(2), plans: Some(1), programmes: 0, costs: true, kickback: true };
        let both = Layout::new(3, all);
        let reseller = Layout::new(3, Parts { plans: None, ..all });
        let affiliate = Layout::new(3, Parts { tiers: None, ..all });
        let bare = Layout::new(3, Parts { costs: false, kickback: false, ..all });
        let n = Stored::ALL.len();
        assert_eq!((zero_rows(&both), both.kept()), (0, n + 2 + 1));
        assert_eq!((zero_rows(&reseller), reseller.kept()), (3, n - 3 + 2));
        assert_eq!((zero_rows(&affiliate), affiliate.kept()), (5, n - 5 + 1));
        // Without costs the four cost rows are zero and net profit shares gross profit's place.
        assert_eq!((zero_rows(&bare), bare.kept()), (5, n - 5 - 2 + 2 + 1));
        let (net, gross) = (Layout::row(Stored::NetProfit), Layout::row(Stored::GrossProfit));
        assert_eq!((bare.canonical(net), both.canonical(net)), (gross, net));
        let subscribers = Layout::row(Stored::Subscribers);
        assert!(reseller.is_zero(subscribers) && !affiliate.is_zero(subscribers));

        // Every kept value lands in its own place; zero rows read zero everywhere.
        let mut block = Block::new(10, 5, &reseller);
        for month in 0..3 {
            for k in 0..5 {
                let values: Vec<f64> = (0..reseller.rows.len())
                    .map(|row| if reseller.is_zero(row) { 0.0 } else { (row * 100 + month * 10 + k) as f64 })
                    .collect();
                block.record(month, k, &values);
            }
        }
        for row in 0..reseller.rows.len() {
            for month in 0..3 {
                let expected: Vec<f64> = (0..5)
                    .map(|k| if reseller.is_zero(row) { 0.0 } else { (row * 100 + month * 10 + k) as f64 })
                    .collect();
                assert_eq!(block.column(row, month), expected.as_slice(), "row {row}, month {month}");
                assert_eq!(block.get(row, month, 4), expected[4]);
            }
        }
    }
}
