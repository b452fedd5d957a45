//! What the engine keeps of each trajectory: one value per stored row and month, in blocks
//! of consecutive trajectories laid out row-major (`[row][month][trajectory]`), so that a
//! month's values across trajectories are contiguous for the statistics. A month of one
//! trajectory is written as [`MonthValues`], whose stored metrics are set by name.

use std::ops::{Index, IndexMut};

use crate::metric::{Derivation, Metric, Stored};

use super::BLOCK_SIZE;

/// One stored row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Metric(Stored),
    /// Active reseller customers in tier `i`.
    TierCustomers(usize),
    /// Billed subscribers on plan `i`.
    PlanSubscribers(usize),
}

/// The rows of a run: the stored metrics, then one per tier, then one per plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub rows: Vec<Row>,
    pub horizon: usize,
    tiers: usize,
    /// Where each row is kept in a block; `None` for a row that is zero by construction (a
    /// metric of a stream the scenario does not have), which takes no memory or statistics.
    slots: Vec<Option<usize>>,
}

impl Layout {
    /// The rows of a scenario with a reseller stream of `tiers` tiers and an affiliate stream
    /// of `plans` plans, either of them possibly absent.
    pub fn new(horizon: usize, tiers: Option<usize>, plans: Option<usize>) -> Self {
        let rows: Vec<Row> = Stored::ALL
            .iter()
            .map(|&m| Row::Metric(m))
            .chain((0..tiers.unwrap_or(0)).map(Row::TierCustomers))
            .chain((0..plans.unwrap_or(0)).map(Row::PlanSubscribers))
            .collect();
        let mut next = 0;
        let slots = rows
            .iter()
            .map(|row| {
                let zero = match row {
                    Row::Metric(m) => {
                        (tiers.is_none() && m.metric().reseller_only())
                            || (plans.is_none() && m.metric().affiliate_only())
                    }
                    _ => false,
                };
                (!zero).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        Self { rows, horizon, tiers: tiers.unwrap_or(0), slots }
    }

    /// The row of a stored metric: the stored metrics come first, in their order.
    pub const fn row(stored: Stored) -> usize {
        stored.index()
    }

    /// The row of tier `tier`'s customer count.
    pub fn tier_row(&self, tier: usize) -> usize {
        Stored::ALL.len() + tier
    }

    /// The row of plan `plan`'s subscriber count.
    pub fn plan_row(&self, plan: usize) -> usize {
        Stored::ALL.len() + self.tiers + plan
    }

    /// Whether a row is zero in every trajectory and month by construction.
    pub fn is_zero(&self, row: usize) -> bool {
        self.slots.get(row).is_some_and(Option::is_none)
    }

    /// Number of rows that take memory.
    fn kept(&self) -> usize {
        self.slots.iter().flatten().count()
    }
}

/// One month of one trajectory: a value per row of the layout, the stored metrics set by
/// name (`values[Stored::Revenue] = ...`), the per-tier and per-plan counts by their rows.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthValues(Vec<f64>);

impl MonthValues {
    /// Zeros for every row of `layout`.
    pub fn new(layout: &Layout) -> Self {
        Self(vec![0.0; layout.rows.len()])
    }

    /// Sets the value of a row by its index (tier and plan counts).
    pub fn set_row(&mut self, row: usize, value: f64) {
        self.0[row] = value;
    }

    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }
}

impl Index<Stored> for MonthValues {
    type Output = f64;

    fn index(&self, stored: Stored) -> &f64 {
        &self.0[stored.index()]
    }
}

impl IndexMut<Stored> for MonthValues {
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
    /// (row, offset of its first month) of every row that takes memory.
    kept: Vec<(usize, usize)>,
    values: Vec<f64>,
    /// Month (1-based) of the first affiliate payout per trajectory; 0 = none.
    pub first_payout: Vec<u16>,
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
            .filter_map(|(row, slot)| slot.map(|s| (row, s * layout.horizon * stride)))
            .collect();
        Self {
            start,
            len,
            horizon: layout.horizon,
            stride,
            slots: layout.slots.clone(),
            kept,
            values: vec![0.0; layout.kept() * layout.horizon * stride],
            first_payout: vec![0; len],
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

/// Every trajectory of a run, blocks in trajectory order.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    pub layout: Layout,
    pub trajectories: usize,
    pub blocks: Vec<Block>,
}

impl Outcomes {
    pub fn horizon(&self) -> usize {
        self.layout.horizon
    }

    /// All trajectories' values of one row and month (0-based), in trajectory order.
    pub fn column(&self, row: usize, month: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.trajectories);
        for b in &self.blocks {
            out.extend_from_slice(b.column(row, month));
        }
        out
    }

    /// A stored metric's values in one month (0-based), in trajectory order.
    pub fn stored(&self, stored: Stored, month: usize) -> Vec<f64> {
        self.column(Layout::row(stored), month)
    }

    /// The value of a metric for every trajectory in one month (0-based); `None` where
    /// undefined (a ratio whose denominator is zero).
    pub fn values(&self, metric: Metric, month: usize) -> Vec<Option<f64>> {
        match metric.derivation() {
            Derivation::Stored(s) => self.stored(s, month).into_iter().map(Some).collect(),
            Derivation::Ratio { numerator, denominator } => {
                let (n, d) = (self.stored(numerator, month), self.stored(denominator, month));
                n.iter().zip(&d).map(|(n, d)| crate::metric::defines_ratio(*d).then(|| n / d)).collect()
            }
        }
    }

    /// The month of the first payout of every trajectory (0 = never), in trajectory order.
    pub fn first_payouts(&self) -> Vec<u16> {
        self.blocks.iter().flat_map(|b| b.first_payout.iter().copied()).collect()
    }

    /// One trajectory's row over all months (for drawing sample paths).
    pub fn path(&self, row: usize, trajectory: usize) -> Option<Vec<f64>> {
        let block = self.blocks.iter().find(|b| (b.start..b.start + b.len).contains(&trajectory))?;
        Some((0..self.horizon()).map(|m| block.get(row, m, trajectory - block.start)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_and_plan_rows_follow_the_stored_metrics() {
        let layout = Layout::new(2, Some(3), Some(2));
        assert_eq!(layout.tier_row(0), Stored::ALL.len());
        assert_eq!(layout.plan_row(1), Stored::ALL.len() + 3 + 1);
        assert_eq!(layout.rows[layout.plan_row(1)], Row::PlanSubscribers(1));
        assert_eq!(layout.rows[layout.tier_row(2)], Row::TierCustomers(2));
        let affiliate_only = Layout::new(2, None, Some(2));
        assert_eq!(affiliate_only.rows[affiliate_only.plan_row(0)], Row::PlanSubscribers(0));
    }

    #[test]
    fn rows_of_an_absent_stream_take_no_memory_and_read_zero() {
        let zero_rows = |layout: &Layout| (0..layout.rows.len()).filter(|&r| layout.is_zero(r)).count();
        let both = Layout::new(3, Some(2), Some(1));
        let reseller = Layout::new(3, Some(2), None);
        let affiliate = Layout::new(3, None, Some(1));
        assert_eq!((zero_rows(&both), both.kept()), (0, 11 + 2 + 1));
        assert_eq!((zero_rows(&reseller), reseller.kept()), (3, 8 + 2));
        assert_eq!((zero_rows(&affiliate), affiliate.kept()), (4, 7 + 1));
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
