//! What the engine keeps of each trajectory: one value per stored row and month, in blocks
//! of consecutive trajectories laid out row-major (`[row][month][trajectory]`), so that a
//! month's values across trajectories are contiguous for the statistics.

use crate::metric::Metric;

/// Metrics the engine stores, in row order; ratio metrics (hourly rates) are derived from
/// these. The engine writes a month's values in exactly this order.
pub const STORED: [Metric; 11] = [
    Metric::ActiveCustomers,
    Metric::NewCustomers,
    Metric::Subscribers,
    Metric::Revenue,
    Metric::Cogs,
    Metric::CommissionEarned,
    Metric::CommissionPaid,
    Metric::GrossProfit,
    Metric::CumulativeGrossProfit,
    Metric::Hours,
    Metric::CumulativeHours,
];

/// One stored row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Metric(Metric),
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
}

impl Layout {
    pub fn new(horizon: usize, tiers: usize, plans: usize) -> Self {
        let rows = STORED
            .iter()
            .map(|&m| Row::Metric(m))
            .chain((0..tiers).map(Row::TierCustomers))
            .chain((0..plans).map(Row::PlanSubscribers))
            .collect();
        Self { rows, horizon }
    }

    /// Index of a stored metric's row (every metric in [`STORED`] has one).
    pub fn metric_row(metric: Metric) -> Option<usize> {
        STORED.iter().position(|&m| m == metric)
    }

    pub fn tier_row(&self, tier: usize) -> usize {
        STORED.len() + tier
    }

    pub fn plan_row(&self, plan: usize) -> usize {
        self.rows.iter().position(|r| *r == Row::PlanSubscribers(plan)).unwrap_or(usize::MAX)
    }
}

/// The records of `len` consecutive trajectories starting at `start`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub start: usize,
    pub len: usize,
    horizon: usize,
    values: Vec<f64>,
    /// Month (1-based) of the first affiliate payout per trajectory; 0 = none.
    pub first_payout: Vec<u16>,
}

impl Block {
    pub fn new(start: usize, len: usize, layout: &Layout) -> Self {
        Self {
            start,
            len,
            horizon: layout.horizon,
            values: vec![0.0; layout.rows.len() * layout.horizon * len],
            first_payout: vec![0; len],
        }
    }

    fn index(&self, row: usize, month: usize, k: usize) -> usize {
        (row * self.horizon + month) * self.len + k
    }

    /// Records a value for trajectory `k` of the block (month is 0-based).
    pub fn set(&mut self, row: usize, month: usize, k: usize, value: f64) {
        let i = self.index(row, month, k);
        self.values[i] = value;
    }

    pub fn get(&self, row: usize, month: usize, k: usize) -> f64 {
        self.values[self.index(row, month, k)]
    }

    /// The block's values of one row and month (0-based), one per trajectory.
    pub fn column(&self, row: usize, month: usize) -> &[f64] {
        let i = self.index(row, month, 0);
        &self.values[i..i + self.len]
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
    fn stored_rows_are_every_metric_but_the_ratios_in_report_order() {
        let expected: Vec<Metric> = Metric::ALL.into_iter().filter(|m| m.ratio_of().is_none()).collect();
        assert_eq!(STORED.to_vec(), expected);
    }
}
