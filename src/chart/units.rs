//! Tick positions for axes: "nice" 1-2-5 steps covering a range, and month ticks. The
//! numbers on them are written by the one [`Unit`].

pub use crate::text::unit::{Unit, significant_step};

/// Tick positions covering `[min, max]` with about `target` ticks at a 1-2-5 step;
/// returns the ticks (first ≤ min, last ≥ max) and the step.
pub(crate) fn nice_ticks(min: f64, max: f64, target: usize) -> (Vec<f64>, f64) {
    let (min, max) = if max - min > f64::EPSILON * max.abs().max(1.0) { (min, max) } else { (min - 1.0, max + 1.0) };
    let raw = (max - min) / target.max(2) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw * 0.75).unwrap_or(10.0 * power);
    let first = (min / step + 1e-9).floor() as i64;
    let last = (max / step - 1e-9).ceil() as i64;
    let ticks = (first..=last).map(|k| k as f64 * step).collect();
    (ticks, step)
}

/// Month ticks for `first..=last`: every month when there are few, otherwise multiples
/// of 3, 6 or 12 plus the first month ("1, 3, 6, 9, …, 24").
pub(crate) fn month_ticks(first: u32, last: u32) -> Vec<u32> {
    let span = last.saturating_sub(first) + 1;
    let step = if span <= 12 { 1 } else { [3, 6, 12, 24, 60].into_iter().find(|s| span / s <= 9).unwrap_or(120) };
    if step == 1 {
        return (first..=last).collect();
    }
    let mut ticks = vec![first];
    let start = first.div_ceil(step).max(1) * step;
    ticks.extend((start..=last).step_by(step as usize).filter(|&m| m > first));
    if ticks.len() > 1 && ticks[1] - first < step / 2 {
        ticks.remove(1);
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_cover_the_range() {
        let (ticks, step) = nice_ticks(0.0, 1_870.0, 6);
        assert_eq!(step, 500.0);
        assert_eq!(ticks, [0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        let (ticks, _) = nice_ticks(5.0, 5.0, 5);
        assert!(ticks.first().unwrap() <= &5.0 && ticks.last().unwrap() >= &5.0 && ticks.len() > 1);
    }

    #[test]
    fn month_ticks_read_as_months() {
        assert_eq!(month_ticks(1, 24), [1, 3, 6, 9, 12, 15, 18, 21, 24]);
        assert_eq!(month_ticks(1, 12), (1..=12).collect::<Vec<_>>());
        assert_eq!(month_ticks(7, 24), [7, 9, 12, 15, 18, 21, 24]);
        assert_eq!(month_ticks(1, 36), [1, 6, 12, 18, 24, 30, 36]);
    }
}
