//! What the engine keeps of each trajectory: one value per kept row and month of consecutive
//! trajectories, in one allocation per run ([`Block`]), column by column
//! (`[place][month][trajectory]`), so that a month's values across trajectories are
//! contiguous for the statistics. Amounts are `f64`, counts of customers and subscribers
//! `u32`; rows that are zero by construction take no memory.
//!
//! The engine fills a block in parallel through [`BlockWriter`]s, each holding the part of
//! every column that belongs to its [`BLOCK_SIZE`] trajectories; the statistics read it
//! through [`Column`]s, whole or by [`BlockView`]s of consecutive trajectories.

use std::ops::{Index, IndexMut};

use crate::metric::Stored;

use super::arena::Arena;
use super::layout::{Layout, Place, amount_stride, count_stride};

/// Trajectories per block: the unit of parallel work, progress and cancellation.
pub const BLOCK_SIZE: usize = 1024;

/// The values of one row and month across consecutive trajectories.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Column<'a> {
    Amounts(&'a [f64]),
    Counts(&'a [u32]),
    /// A row that is zero by construction, this many times.
    Zeros(usize),
}

impl<'a> Column<'a> {
    pub fn len(&self) -> usize {
        match self {
            Column::Amounts(v) => v.len(),
            Column::Counts(v) => v.len(),
            Column::Zeros(n) => *n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of trajectory `k` (0 past the end).
    #[inline]
    pub fn get(&self, k: usize) -> f64 {
        match self {
            Column::Amounts(v) => v.get(k).copied().unwrap_or(0.0),
            Column::Counts(v) => v.get(k).map_or(0.0, |&c| f64::from(c)),
            Column::Zeros(_) => 0.0,
        }
    }

    /// The values in trajectory order.
    pub fn iter(&self) -> impl Iterator<Item = f64> + use<'a> {
        let column = *self;
        (0..column.len()).map(move |k| column.get(k))
    }

    /// Appends the values to `out`.
    pub fn extend_into(&self, out: &mut Vec<f64>) {
        match self {
            Column::Amounts(v) => out.extend_from_slice(v),
            Column::Counts(v) => out.extend(v.iter().map(|&c| f64::from(c))),
            Column::Zeros(n) => out.resize(out.len() + n, 0.0),
        }
    }

    pub fn to_vec(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.len());
        self.extend_into(&mut out);
        out
    }
}

/// The records of `len` consecutive trajectories starting at `start`: every kept row and
/// month, and the month of each trajectory's first payout.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub start: usize,
    pub len: usize,
    horizon: usize,
    /// Each row's place.
    places: Vec<Place>,
    amounts: Arena<f64>,
    counts: Arena<u32>,
    /// Month (1-based) of the first affiliate payout (cash) per trajectory; 0 = none.
    pub first_payout: Vec<u16>,
    /// The same for each named programme: `[trajectory * programmes + programme]`.
    pub programme_first_payout: Vec<u16>,
    programmes: usize,
}

impl Block {
    /// Room for `len` trajectories from `start` (zeros until written).
    pub fn new(start: usize, len: usize, layout: &Layout) -> Self {
        let (amounts, counts) = layout.columns();
        Self {
            start,
            len,
            horizon: layout.horizon,
            places: (0..layout.rows.len()).map(|row| layout.place(row)).collect(),
            amounts: Arena::zeroed(amounts * layout.horizon * amount_stride(len)),
            counts: Arena::zeroed(counts * layout.horizon * count_stride(len)),
            first_payout: vec![0; len],
            programme_first_payout: vec![0; len * layout.programmes()],
            programmes: layout.programmes(),
        }
    }

    /// The values of one row and month (0-based), one per trajectory.
    pub fn column(&self, row: usize, month: usize) -> Column<'_> {
        self.view(0, self.len).column(row, month)
    }

    /// The value of one row, month and trajectory (`k`-th of the block).
    pub fn get(&self, row: usize, month: usize, k: usize) -> f64 {
        self.column(row, month).get(k)
    }

    /// Asks the kernel to fault the block's memory in now, on the worker threads, rather
    /// than page by page as the engine first writes it.
    pub fn prefault(&self) {
        rayon::join(|| self.amounts.prefault(), || self.counts.prefault());
    }

    /// Trajectories `from..from + len` of the block.
    pub fn view(&self, from: usize, len: usize) -> BlockView<'_> {
        let len = len.min(self.len.saturating_sub(from));
        BlockView { block: self, from, start: self.start + from, len }
    }

    /// The block in views of `size` trajectories (the last may be shorter).
    pub fn views(&self, size: usize) -> impl Iterator<Item = BlockView<'_>> {
        (0..self.len).step_by(size.max(1)).map(move |from| self.view(from, size))
    }

    /// Writers of `size` consecutive trajectories each (the last may be shorter), which
    /// together cover the block: each holds its part of every column.
    pub fn writers(&mut self, size: usize) -> Vec<BlockWriter<'_>> {
        let size = size.max(1);
        let n = self.len.div_ceil(size);
        let (len, horizon, programmes) = (self.len, self.horizon, self.programmes);
        let mut amounts = parts(self.amounts.as_mut_slice(), amount_stride(len), len, size, n);
        let mut counts = parts(self.counts.as_mut_slice(), count_stride(len), len, size, n);
        let mut first = self.first_payout.chunks_mut(size);
        let mut programme = self.programme_first_payout.chunks_mut((size * programmes).max(1));
        (0..n)
            .map(|w| BlockWriter {
                start: self.start + w * size,
                len: size.min(len - w * size),
                horizon,
                amounts: std::mem::take(&mut amounts[w]),
                counts: std::mem::take(&mut counts[w]),
                first_payout: first.next().unwrap_or_default(),
                programme_first_payout: if programmes == 0 { &mut [] } else { programme.next().unwrap_or_default() },
            })
            .collect()
    }
}

/// Each writer's part of every column of `store` (columns `stride` apart, `len` values each).
fn parts<T>(store: &mut [T], stride: usize, len: usize, size: usize, writers: usize) -> Vec<Vec<&mut [T]>> {
    let columns = store.len() / stride.max(1);
    let mut out: Vec<Vec<&mut [T]>> = (0..writers).map(|_| Vec::with_capacity(columns)).collect();
    for column in store.chunks_exact_mut(stride.max(1)) {
        for (part, values) in out.iter_mut().zip(column[..len].chunks_mut(size)) {
            part.push(values);
        }
    }
    out
}

/// Trajectories `start..start + len` of a block, read in place.
#[derive(Debug, Clone, Copy)]
pub struct BlockView<'a> {
    block: &'a Block,
    /// The first trajectory's place in the block.
    from: usize,
    pub start: usize,
    pub len: usize,
}

impl<'a> BlockView<'a> {
    /// The values of one row and month (0-based), one per trajectory.
    pub fn column(&self, row: usize, month: usize) -> Column<'a> {
        let b = self.block;
        let range = |stride: usize, slot: usize| {
            let at = (slot * b.horizon + month) * stride + self.from;
            at..at + self.len
        };
        match b.places.get(row).copied().unwrap_or(Place::Zero) {
            Place::Zero => Column::Zeros(self.len),
            Place::Amount(slot) => Column::Amounts(&b.amounts.as_slice()[range(amount_stride(b.len), slot)]),
            Place::Count(slot) => Column::Counts(&b.counts.as_slice()[range(count_stride(b.len), slot)]),
        }
    }

    /// The value of one row, month and trajectory (`k`-th of the view).
    pub fn get(&self, row: usize, month: usize, k: usize) -> f64 {
        self.column(row, month).get(k)
    }

    /// The month (1-based) of each trajectory's first payout, 0 for none.
    pub fn first_payout(&self) -> &'a [u16] {
        &self.block.first_payout[self.from..self.from + self.len]
    }

    /// The same for each named programme: `[trajectory * programmes + programme]`.
    pub fn programme_first_payout(&self) -> &'a [u16] {
        let p = self.block.programmes;
        &self.block.programme_first_payout[self.from * p..(self.from + self.len) * p]
    }
}

/// Where the engine writes trajectories `start..start + len` of a block: its part of every
/// column, addressed by place, month and trajectory (`k`-th of the writer).
#[derive(Debug)]
pub struct BlockWriter<'a> {
    pub start: usize,
    pub len: usize,
    horizon: usize,
    /// `[slot * horizon + month]`, `len` values each.
    amounts: Vec<&'a mut [f64]>,
    counts: Vec<&'a mut [u32]>,
    pub first_payout: &'a mut [u16],
    /// `[k * programmes + programme]`.
    pub programme_first_payout: &'a mut [u16],
}

impl BlockWriter<'_> {
    /// Writes the amount in column `slot`, month `month` (0-based), trajectory `k`.
    #[inline]
    pub fn amount(&mut self, slot: usize, month: usize, k: usize, value: f64) {
        self.amounts[slot * self.horizon + month][k] = value;
    }

    /// Writes the count in column `slot`, month `month` (0-based), trajectory `k`.
    #[inline]
    pub fn count(&mut self, slot: usize, month: usize, k: usize, value: u32) {
        self.counts[slot * self.horizon + month][k] = value;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layout::Parts;

    #[test]
    fn every_written_value_reads_back_in_its_place_and_zero_rows_read_zero() {
        let parts = Parts { tiers: Some(2), plans: None, programmes: 0, costs: false, kickback: true };
        let layout = Layout::new(3, parts);
        let value = |row: usize, month: usize, k: usize| (row * 100 + month * 10 + k) as f64;
        for (len, size) in [(5, 2), (5, 5), (37, 8), (1, 1024)] {
            let mut block = Block::new(10, len, &layout);
            for mut writer in block.writers(size) {
                for k in 0..writer.len {
                    let trajectory = writer.start - 10 + k;
                    for month in 0..3 {
                        for (row, place) in layout.written() {
                            match place {
                                Place::Amount(slot) => writer.amount(slot, month, k, value(row, month, trajectory)),
                                Place::Count(slot) => {
                                    writer.count(slot, month, k, value(row, month, trajectory) as u32)
                                }
                                Place::Zero => {}
                            }
                        }
                    }
                }
            }
            for row in 0..layout.rows.len() {
                let twin = layout.canonical(row);
                for month in 0..3 {
                    let expected: Vec<f64> =
                        (0..len).map(|k| if layout.is_zero(row) { 0.0 } else { value(twin, month, k) }).collect();
                    assert_eq!(block.column(row, month).to_vec(), expected, "row {row}, month {month}, {len}/{size}");
                    assert_eq!(block.get(row, month, len - 1), expected[len - 1]);
                    let (from, n) = (len / 3, len / 2);
                    assert_eq!(block.view(from, n).column(row, month).to_vec(), expected[from..from + n]);
                }
            }
            let seen: Vec<usize> = block.views(size).map(|v| v.start).collect();
            assert_eq!(seen, (0..len).step_by(size).map(|k| 10 + k).collect::<Vec<_>>());
        }
    }
}
