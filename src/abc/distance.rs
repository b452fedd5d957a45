//! The history as calibration sees it (the observed entries of the summary vector), and
//! the distance between a simulated history and the observed one.
//!
//! Every entry is divided by a robust spread of that entry across the simulations from the
//! prior (the median absolute deviation, or the mean absolute deviation when more than half
//! the simulations agree exactly), so no column dominates by its units: revenue in dollars
//! and customers in ones weigh the same per unit of prior uncertainty. An entry that never
//! varies carries no information and is left out. The distance is Euclidean.

use super::error::CalibrationError;

/// The observed entries of a history: their positions in the summary vector and values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Observed {
    length: usize,
    positions: Vec<usize>,
    values: Vec<f64>,
}

impl Observed {
    /// # Errors
    /// [`CalibrationError::NoObservations`] when no entry is `Some`, and
    /// [`CalibrationError::ObservationNotFinite`] for a NaN or infinite entry.
    pub(crate) fn new(history: &[Option<f64>]) -> Result<Self, CalibrationError> {
        let mut positions = Vec::new();
        let mut values = Vec::new();
        for (index, value) in history.iter().enumerate() {
            if let Some(value) = *value {
                if !value.is_finite() {
                    return Err(CalibrationError::ObservationNotFinite { index });
                }
                positions.push(index);
                values.push(value);
            }
        }
        if values.is_empty() {
            return Err(CalibrationError::NoObservations);
        }
        Ok(Self { length: history.len(), positions, values })
    }

    /// The observed values, in order.
    pub(crate) fn values(&self) -> &[f64] {
        &self.values
    }

    /// The positions of the observed values in the summary vector.
    pub(crate) fn positions(&self) -> &[usize] {
        &self.positions
    }

    /// The simulated values at the observed positions; `None` when the simulation has the
    /// wrong length or lacks a finite value where the history has one.
    pub(crate) fn extract(&self, simulated: &[Option<f64>]) -> Option<Vec<f64>> {
        if simulated.len() != self.length {
            return None;
        }
        self.positions.iter().map(|&p| simulated[p].filter(|x| x.is_finite())).collect()
    }
}

/// The divisor of each observed entry (stored as its inverse, 0 for an entry left out).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scale {
    inverse: Vec<f64>,
}

impl Scale {
    /// The scale of each entry across `rows` (simulated summaries at the observed positions).
    pub(crate) fn from_simulations(rows: &[&[f64]], entries: usize) -> Self {
        let inverse = (0..entries)
            .map(|j| {
                let column: Vec<f64> = rows.iter().map(|row| row[j]).collect();
                let spread = robust_spread(column);
                if spread > 0.0 && spread.is_finite() { 1.0 / spread } else { 0.0 }
            })
            .collect();
        Self { inverse }
    }

    /// The scaled differences between a simulated row and the observed values.
    pub(crate) fn differences(&self, row: &[f64], observed: &Observed) -> Vec<f64> {
        row.iter().zip(&observed.values).zip(&self.inverse).map(|((s, o), k)| (s - o) * k).collect()
    }

    /// The Euclidean distance between a simulated row and the observed values.
    pub(crate) fn distance(&self, row: &[f64], observed: &Observed) -> f64 {
        let squares: f64 =
            row.iter().zip(&observed.values).zip(&self.inverse).map(|((s, o), k)| ((s - o) * k).powi(2)).sum();
        squares.sqrt()
    }

    /// How many entries take part in the distance.
    pub(crate) fn informative_entries(&self) -> usize {
        self.inverse.iter().filter(|&&k| k > 0.0).count()
    }
}

/// The median absolute deviation (scaled to the standard deviation of a normal), or the
/// mean absolute deviation from the median when the former is zero; 0 for a constant.
fn robust_spread(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let center = median(&mut values);
    let mut deviations: Vec<f64> = values.iter().map(|x| (x - center).abs()).collect();
    let mad = median(&mut deviations) * 1.482_602_218_505_602;
    if mad > 0.0 {
        return mad;
    }
    deviations.iter().sum::<f64>() / deviations.len() as f64 * 1.253_314_137_315_500_3
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observed_entries_are_the_some_ones() {
        let observed = Observed::new(&[Some(1.0), None, Some(3.0)]).unwrap();
        assert_eq!(observed.values(), &[1.0, 3.0]);
        assert_eq!(observed.positions(), &[0, 2]);
        assert_eq!(observed.extract(&[Some(2.0), None, Some(5.0)]), Some(vec![2.0, 5.0]));
        assert_eq!(observed.extract(&[Some(2.0), Some(9.0), Some(5.0)]), Some(vec![2.0, 5.0]));
        assert_eq!(observed.extract(&[Some(2.0), None, None]), None);
        assert_eq!(observed.extract(&[Some(f64::NAN), None, Some(5.0)]), None);
        assert_eq!(observed.extract(&[Some(2.0), None]), None);
    }

    #[test]
    fn bad_histories_are_errors() {
        assert_eq!(Observed::new(&[None, None]), Err(CalibrationError::NoObservations));
        assert_eq!(Observed::new(&[]), Err(CalibrationError::NoObservations));
        assert_eq!(
            Observed::new(&[Some(1.0), Some(f64::NAN)]),
            Err(CalibrationError::ObservationNotFinite { index: 1 })
        );
    }

    #[test]
    fn units_do_not_matter() {
        let observed_small = Observed::new(&[Some(0.0), Some(0.0)]).unwrap();
        let rows: Vec<[f64; 2]> = (0..101).map(|i| [i as f64, 1000.0 * i as f64]).collect();
        let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
        let scale = Scale::from_simulations(&refs, 2);
        let d = scale.differences(&[10.0, 10_000.0], &observed_small);
        assert!((d[0] - d[1]).abs() < 1e-12);
        assert!((scale.distance(&[10.0, 10_000.0], &observed_small) - d[0] * 2f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn constant_entries_are_left_out_and_ties_fall_back() {
        let rows: Vec<[f64; 3]> = (0..10).map(|i| [5.0, if i < 8 { 0.0 } else { 1.0 }, i as f64]).collect();
        let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
        let scale = Scale::from_simulations(&refs, 3);
        assert_eq!(scale.inverse[0], 0.0);
        assert!(scale.inverse[1] > 0.0 && scale.inverse[1].is_finite());
        assert_eq!(scale.informative_entries(), 2);
        assert_eq!(robust_spread(vec![]), 0.0);
    }
}
