//! The search on one lever, pure: given a way to count the trajectories that reach the
//! target at a lever value ([`Hits`]), find where that count crosses the probability asked
//! for and the two ends of its 95% interval, in few evaluations.
//!
//! With common random numbers the count is a monotone step function of the lever, close
//! to a normal CDF in shape, so the search interpolates in probit space (Φ⁻¹ of the share)
//! between the two evaluated values that bracket each threshold, and falls back to
//! bisection whenever two steps have not halved the bracket. Three thresholds are located:
//! the first value at or above the probability asked for (the answer), the last value
//! below q − margin and the first above q + margin (the interval's ends, so the interval is
//! rounded outward to evaluated values and contains every value where P̂ lies within
//! q ± margin). Each is located once that value is within a quarter of the margin of its
//! threshold, or no value of the grid is left between it and its neighbour (whole numbers
//! one apart, for integer levers).
//!
//! Monotonicity is checked on every new value against its neighbours, paired trajectory
//! by trajectory: a drop of `d` trajectories with `m` discordant ones between two values
//! contradicts a monotone response when d > 2√m (McNemar's test at about 95%).

use super::hits::Hits;
use super::range::{Range, Thresholds};
use crate::distribution::standard_normal_quantile;
use crate::report::solve::{Direction, Status};

/// What the search found on one lever, in the lever's own values.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub status: Status,
    pub direction: Direction,
    /// Evaluated values with their hits, in increasing order of the lever.
    pub points: Vec<(f64, Hits)>,
    pub value: Option<f64>,
    pub interval: Option<[f64; 2]>,
    pub interval_clipped: [bool; 2],
    /// Evaluations made (known points not counted).
    pub evaluations: usize,
    pub converged: bool,
}

/// One evaluated value: `u` is the lever in "helping" coordinates (−x for a hurting
/// lever), so the count grows with `u`.
#[derive(Debug, Clone)]
struct Point {
    u: f64,
    x: f64,
    hits: Hits,
}

struct Searcher<F> {
    range: Range,
    thresholds: Thresholds,
    sign: f64,
    budget: usize,
    evaluations: usize,
    converged: bool,
    points: Vec<Point>,
    evaluate: F,
}

/// Which evaluated value of a threshold's bracket must come close to it.
#[derive(Debug, Clone, Copy)]
enum Side {
    /// The last value below the threshold.
    Below,
    /// The first value at or above it.
    Above,
}

/// Why a step of the search stopped early.
enum Stop<E> {
    NonMonotone,
    Failed(E),
}

/// Searches `range` for the value where P(target) reaches `probability`, making at most
/// `budget` evaluations; `known` are values already evaluated (today's, say).
///
/// # Errors
/// The first error of `evaluate` (a cancelled simulation).
pub fn search<E>(
    range: Range,
    probability: f64,
    trajectories: usize,
    budget: usize,
    known: Vec<(f64, Hits)>,
    evaluate: impl FnMut(f64) -> Result<Hits, E>,
) -> Result<Found, E> {
    let points = known.into_iter().map(|(x, hits)| Point { u: x, x, hits }).collect();
    let mut s = Searcher {
        range,
        thresholds: Thresholds::new(trajectories.max(1), probability),
        sign: 1.0,
        budget,
        evaluations: 0,
        converged: true,
        points,
        evaluate,
    };
    s.points.sort_by(|a, b| a.u.total_cmp(&b.u));
    match s.run() {
        Ok(found) => Ok(found),
        Err(Stop::NonMonotone) => Ok(s.finish(Status::NonMonotone, s.direction())),
        Err(Stop::Failed(e)) => Err(e),
    }
}

impl<E, F: FnMut(f64) -> Result<Hits, E>> Searcher<F> {
    fn run(&mut self) -> Result<Found, Stop<E>> {
        let (low, high) = (self.range.low, self.range.high);
        self.at(low)?;
        self.at(high)?;
        let count = |s: &Self, x: f64| s.points.iter().find(|p| p.x == x).map_or(0, |p| p.hits.count());
        let (at_low, at_high) = (count(self, low), count(self, high));
        let direction = match at_high.cmp(&at_low) {
            std::cmp::Ordering::Greater => Direction::Helps,
            std::cmp::Ordering::Less => Direction::Hurts,
            std::cmp::Ordering::Equal => Direction::None,
        };
        if direction == Direction::Hurts {
            self.sign = -1.0;
            for p in &mut self.points {
                p.u = -p.x;
            }
            self.points.sort_by(|a, b| a.u.total_cmp(&b.u));
        }
        self.check_all(direction)?;
        let (worst, best) = (at_low.min(at_high), at_low.max(at_high));
        let asked = self.thresholds.asked;
        let status = if direction == Direction::None && worst >= asked {
            Status::WholeRange
        } else if direction == Direction::None && worst > 0 {
            Status::NoEffect
        } else if best < asked {
            Status::OutOfReach
        } else if worst >= asked {
            Status::WholeRange
        } else {
            Status::Solved
        };
        if status == Status::Solved {
            let t = self.thresholds;
            // The value is the first at or above the asked threshold; the interval runs from
            // the last value below the lower one to the first above the upper one.
            for (threshold, side) in [(t.asked, Side::Above), (t.lower, Side::Below), (t.upper, Side::Above)] {
                self.locate(threshold, side)?;
            }
        } else {
            // Look inside the range before saying that nothing there reaches it.
            for fraction in [0.5, 0.25, 0.75] {
                let x = self.range.snap(low + (high - low) * fraction);
                self.at(x)?;
                self.check_all(direction)?;
            }
        }
        Ok(self.finish(status, direction))
    }

    fn direction(&self) -> Direction {
        let count = |x: f64| self.points.iter().find(|p| p.x == x).map(|p| p.hits.count());
        match (count(self.range.low), count(self.range.high)) {
            (Some(l), Some(h)) if h > l => Direction::Helps,
            (Some(l), Some(h)) if h < l => Direction::Hurts,
            _ => Direction::None,
        }
    }

    /// Evaluates `x` unless it was already, or the budget is spent (then `converged` is
    /// cleared); says whether a value was added.
    fn at(&mut self, x: f64) -> Result<bool, Stop<E>> {
        if self.points.iter().any(|p| p.x == x) {
            return Ok(false);
        }
        if self.evaluations >= self.budget {
            self.converged = false;
            return Ok(false);
        }
        self.evaluations += 1;
        let hits = (self.evaluate)(x).map_err(Stop::Failed)?;
        let u = self.sign * x;
        let i = self.points.partition_point(|p| p.u < u);
        self.points.insert(i, Point { u, x, hits });
        Ok(true)
    }

    /// Every neighbouring pair must agree with the direction: no significant drop (or,
    /// without a direction, no significant difference at all).
    fn check_all(&self, direction: Direction) -> Result<(), Stop<E>> {
        for pair in self.points.windows(2) {
            let (a, b) = (&pair[0].hits, &pair[1].hits);
            let against = if direction == Direction::None { true } else { a.count() > b.count() };
            if against && a.differs(b) {
                return Err(Stop::NonMonotone);
            }
        }
        Ok(())
    }

    /// The bracket of a threshold: indices of the last value below it and the first at or
    /// above it (`None` for an end the range does not bracket).
    fn bracket(&self, threshold: usize) -> (Option<usize>, Option<usize>) {
        match self.points.iter().position(|p| p.hits.count() >= threshold) {
            Some(0) => (None, Some(0)),
            Some(j) => (Some(j - 1), Some(j)),
            None => (self.points.len().checked_sub(1), None),
        }
    }

    /// Refines the bracket of one threshold until the value on its `side` is within the
    /// tolerance of it, or the budget is spent.
    fn locate(&mut self, threshold: usize, side: Side) -> Result<(), Stop<E>> {
        let mut widths: Vec<f64> = Vec::new();
        loop {
            let (Some(a), Some(b)) = self.bracket(threshold) else { return Ok(()) };
            let (pa, pb) = (&self.points[a], &self.points[b]);
            let off = match side {
                Side::Below => threshold - pa.hits.count(),
                Side::Above => pb.hits.count() + 1 - threshold,
            };
            if off <= self.thresholds.tolerance {
                return Ok(());
            }
            let width = pb.u - pa.u;
            let bisect = widths.len() >= 2 && width > 0.5 * widths[widths.len() - 2];
            widths.push(width);
            let Some(x) = self.propose(a, b, threshold, side, bisect) else { return Ok(()) };
            if !self.at(x)? {
                return Ok(());
            }
            self.check_all(Direction::Helps)?;
        }
    }

    /// The next value to evaluate inside the bracket (a, b), or `None` when no value of
    /// the grid lies strictly inside it.
    fn propose(&self, a: usize, b: usize, threshold: usize, side: Side, bisect: bool) -> Option<f64> {
        let (pa, pb) = (&self.points[a], &self.points[b]);
        let width = pb.u - pa.u;
        let u = if bisect {
            pa.u + 0.5 * width
        } else {
            let (ca, cb) = (pa.hits.count() as f64, pb.hits.count() as f64);
            // Aim half the tolerance past the threshold, on the side wanted.
            let boundary = threshold as f64 - 0.5;
            let half = 0.5 * self.thresholds.tolerance as f64;
            let aim = match side {
                Side::Below => boundary - half,
                Side::Above => boundary + half,
            };
            let aim = aim.clamp(ca + 0.5, cb - 0.5);
            let z = |c: f64| standard_normal_quantile((c + 0.5) / (self.thresholds.n as f64 + 1.0));
            let t = (z(aim) - z(ca)) / (z(cb) - z(ca));
            let t = if t.is_finite() { t.clamp(0.01, 0.99) } else { 0.5 };
            pa.u + t * width
        };
        let inside = |x: f64| {
            let u = self.sign * x;
            u > pa.u && u < pb.u
        };
        let x = self.range.snap(self.sign * u);
        if inside(x) {
            return Some(x);
        }
        // Rounding landed on an end: take the grid value next to it, if any is inside.
        let step = 10f64.powi(self.range.grid_exponent());
        [x + step, x - step].into_iter().map(|x| self.range.snap(x)).find(|&x| inside(x))
    }

    fn finish(&self, status: Status, direction: Direction) -> Found {
        let mut points: Vec<(f64, Hits)> = self.points.iter().map(|p| (p.x, p.hits.clone())).collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let t = self.thresholds;
        let (mut value, mut interval, mut clipped) = (None, None, [false; 2]);
        match status {
            Status::Solved => {
                value = self.bracket(t.asked).1.map(|b| self.points[b].x);
                let (lower, _) = self.bracket(t.lower);
                let (_, upper) = self.bracket(t.upper);
                let first = self.points.first().map_or(0.0, |p| p.x);
                let last = self.points.last().map_or(0.0, |p| p.x);
                let lo = lower.map_or(first, |i| self.points[i].x);
                let hi = upper.map_or(last, |i| self.points[i].x);
                let ends = [(lo, lower.is_none()), (hi, upper.is_none())];
                let [(a, ca), (b, cb)] = if self.sign > 0.0 { ends } else { [ends[1], ends[0]] };
                interval = Some([a, b]);
                clipped = [ca, cb];
            }
            Status::WholeRange => {
                value = Some(if direction == Direction::Hurts { self.range.high } else { self.range.low });
            }
            _ => {}
        }
        Found {
            status,
            direction,
            points,
            value,
            interval,
            interval_clipped: clipped,
            evaluations: self.evaluations,
            converged: self.converged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trajectory i reaches the target once the lever passes its own threshold θᵢ (or, for
    /// a hurting lever, stays below it): the step function common random numbers give.
    struct Synthetic {
        thresholds: Vec<f64>,
        hurts: bool,
    }

    impl Synthetic {
        /// n thresholds at the quantiles of a normal(centre, spread).
        fn normal(n: usize, centre: f64, spread: f64, hurts: bool) -> Self {
            let thresholds =
                (0..n).map(|i| centre + spread * standard_normal_quantile((i as f64 + 0.5) / n as f64)).collect();
            Self { thresholds, hurts }
        }

        fn hits(&self, x: f64) -> Hits {
            Hits::new(self.thresholds.iter().map(|&t| if self.hurts { x <= t } else { x >= t }))
        }

        fn solve(&self, range: Range, q: f64) -> Found {
            let result: Result<Found, ()> =
                search(range, q, self.thresholds.len(), 15, Vec::new(), |x| Ok(self.hits(x)));
            result.unwrap()
        }

        /// The exact ends of the set of lever values where P̂ lies within q ± margin, and
        /// the smallest (largest, hurting) value where P̂ ≥ q: the k-th smallest (largest)
        /// threshold is where the count reaches k.
        fn exact(&self, q: f64) -> (f64, f64, f64) {
            let t = Thresholds::new(self.thresholds.len(), q);
            let mut sorted = self.thresholds.clone();
            sorted.sort_by(f64::total_cmp);
            if self.hurts {
                sorted.reverse();
                (sorted[t.upper - 1], sorted[t.lower - 1], sorted[t.asked - 1])
            } else {
                (sorted[t.lower - 1], sorted[t.upper - 1], sorted[t.asked - 1])
            }
        }
    }

    fn range(low: f64, high: f64) -> Range {
        Range { low, high, integer: false }
    }

    #[test]
    fn crossings_are_found_within_fifteen_evaluations_and_contain_the_exact_ones() {
        // Centred, near an end, steep, flat, for levers that help and that hurt.
        let cases = [
            (3.0, 0.7, range(0.5, 10.0), 0.8),
            (9.0, 0.4, range(0.0, 10.0), 0.8),
            (1.0, 0.01, range(0.0, 10.0), 0.5),
            (6.0, 3.0, range(0.0, 20.0), 0.9),
            (0.2, 0.03, range(0.01, 0.4), 0.8),
            (50.0, 10.0, range(0.0, 1000.0), 0.95),
        ];
        for (centre, spread, range, q) in cases {
            for hurts in [false, true] {
                let model = Synthetic::normal(10_000, centre, spread, hurts);
                let found = model.solve(range, q);
                let what = format!("centre {centre} spread {spread} hurts {hurts}: {found:?}");
                assert_eq!(found.status, Status::Solved, "{what}");
                assert_eq!(found.direction, if hurts { Direction::Hurts } else { Direction::Helps });
                assert!(found.evaluations <= 15 && found.converged, "{} evaluations: {what}", found.evaluations);
                let (low, high, value) = model.exact(q);
                let [a, b] = found.interval.unwrap();
                assert!(a <= low && high <= b, "interval [{a}, {b}] vs exact [{low}, {high}]: {what}");
                let v = found.value.unwrap();
                let reaches = model.hits(v).count() >= Thresholds::new(10_000, q).asked;
                assert!(reaches, "P at the value reaches q: {what}");
                // The value is within an eighth of the interval of the exact crossing.
                assert!((v - value).abs() <= 0.125 * (b - a) + 1e-9, "value {v} vs exact {value}: {what}");
            }
        }
    }

    #[test]
    fn integer_levers_are_solved_on_whole_numbers() {
        let model = Synthetic::normal(4_000, 37.3, 6.0, false);
        let found = model.solve(Range { low: 0.0, high: 200.0, integer: true }, 0.8);
        assert_eq!(found.status, Status::Solved);
        assert!(found.points.iter().all(|(x, _)| x.fract() == 0.0), "{:?}", found.points);
        let value = found.value.unwrap();
        let asked = Thresholds::new(4_000, 0.8).asked;
        assert!(model.hits(value).count() >= asked && model.hits(value - 1.0).count() < asked);
        assert!(found.evaluations <= 15);
    }

    #[test]
    fn ends_decide_reach_and_effect() {
        let model = Synthetic::normal(2_000, 3.0, 0.5, false);
        let out = model.solve(range(0.0, 2.0), 0.8);
        assert_eq!((out.status, out.direction, out.value), (Status::OutOfReach, Direction::Helps, None));
        assert_eq!(out.points.len(), 5, "both ends and three values inside");
        let whole = model.solve(range(5.0, 9.0), 0.8);
        assert_eq!((whole.status, whole.value), (Status::WholeRange, Some(5.0)));
        let hurting = Synthetic::normal(2_000, 3.0, 0.5, true).solve(range(0.0, 2.0), 0.8);
        assert_eq!(
            (hurting.status, hurting.direction, hurting.value),
            (Status::WholeRange, Direction::Hurts, Some(2.0))
        );
        let flat = Synthetic { thresholds: vec![0.0; 1_000], hurts: false }.solve(range(1.0, 2.0), 0.5);
        assert_eq!((flat.status, flat.direction), (Status::WholeRange, Direction::None));
        let half =
            Synthetic { thresholds: (0..1_000).map(|i| if i % 2 == 0 { 0.0 } else { 99.0 }).collect(), hurts: false };
        let idle = half.solve(range(1.0, 2.0), 0.8);
        assert_eq!((idle.status, idle.direction, idle.evaluations), (Status::NoEffect, Direction::None, 5));
        // Nobody reaches it at either end: out of reach, whether or not the lever moves it.
        let never = Synthetic { thresholds: vec![99.0; 1_000], hurts: false }.solve(range(1.0, 2.0), 0.5);
        assert_eq!((never.status, never.direction, never.evaluations), (Status::OutOfReach, Direction::None, 5));
    }

    #[test]
    fn a_response_that_rises_and_falls_is_reported() {
        // Reached only between 4 and 6: both ends see nothing, the middle sees everything.
        let hump = |x: f64| Hits::new((0..1_000).map(|_| (4.0..=6.0).contains(&x)));
        let found: Result<Found, ()> = search(range(0.0, 10.0), 0.8, 1_000, 15, Vec::new(), |x| Ok(hump(x)));
        let found = found.unwrap();
        assert_eq!((found.status, found.value, found.interval), (Status::NonMonotone, None, None));
        // Rising, then falling inside a range whose ends differ.
        let peak = |x: f64| Hits::new((0..1_000).map(|i| f64::from(i) < 1_000.0 * (1.0 - (x - 7.0).abs() / 7.0)));
        let found: Result<Found, ()> = search(range(0.0, 10.0), 0.99, 1_000, 15, Vec::new(), |x| Ok(peak(x)));
        assert_eq!(found.unwrap().status, Status::NonMonotone);
    }

    #[test]
    fn known_values_are_used_and_errors_stop_the_search() {
        let model = Synthetic::normal(2_000, 3.0, 0.5, false);
        let known = vec![(3.0, model.hits(3.0))];
        let found: Result<Found, ()> = search(range(0.0, 10.0), 0.5, 2_000, 15, known, |x| Ok(model.hits(x)));
        let found = found.unwrap();
        assert!(found.points.iter().any(|(x, _)| *x == 3.0));
        let mut calls = 0;
        let failed = search(range(0.0, 10.0), 0.5, 2_000, 15, Vec::new(), |x| {
            calls += 1;
            if calls == 3 { Err("cancelled") } else { Ok(model.hits(x)) }
        });
        assert_eq!(failed, Err("cancelled"));
    }

    #[test]
    fn a_spent_budget_is_reported_as_not_converged() {
        let model = Synthetic::normal(10_000, 3.0, 0.7, false);
        let found: Result<Found, ()> = search(range(0.0, 10.0), 0.8, 10_000, 4, Vec::new(), |x| Ok(model.hits(x)));
        let found = found.unwrap();
        assert_eq!((found.status, found.evaluations, found.converged), (Status::Solved, 4, false));
        let [a, b] = found.interval.unwrap();
        let (low, high, _) = model.exact(0.8);
        assert!(a <= low && high <= b, "still an honest (wider) interval");
    }
}
