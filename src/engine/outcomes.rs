//! Every trajectory of a run: its blocks in trajectory order (one for a plain run, one per
//! batch of a run to a precision), read by metric and month.

use super::layout::Layout;
use super::record::{Block, Column};
use crate::metric::{Derivation, Metric, Stored};

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
            b.column(row, month).extend_into(&mut out);
        }
        out
    }

    /// The same read in place, block by block.
    pub fn columns(&self, row: usize, month: usize) -> Vec<Column<'_>> {
        self.blocks.iter().map(|b| b.column(row, month)).collect()
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

    /// The month of a named programme's first payout in every trajectory (0 = never).
    pub fn programme_first_payouts(&self, programme: usize) -> Vec<u16> {
        let n = self.layout.programmes();
        self.blocks
            .iter()
            .flat_map(|b| b.programme_first_payout.iter().skip(programme).step_by(n.max(1)).copied())
            .collect()
    }

    /// One trajectory's row over all months (for drawing sample paths).
    pub fn path(&self, row: usize, trajectory: usize) -> Option<Vec<f64>> {
        let block = self.blocks.iter().find(|b| (b.start..b.start + b.len).contains(&trajectory))?;
        Some((0..self.horizon()).map(|m| block.get(row, m, trajectory - block.start)).collect())
    }
}
