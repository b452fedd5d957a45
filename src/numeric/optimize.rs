//! A small, dependency-free Nelder–Mead minimiser for low-dimensional, smooth objectives.
//!
//! The retention fits have two parameters (sBG α and β on the log scale), so a simplex
//! method is simple, robust and fast enough (well under a millisecond per fit). The
//! objective may return `f64::INFINITY` (or NaN, treated as infinity) outside its domain,
//! which is how callers impose box bounds: the simplex never moves onto such points.

/// Stopping rules for [`nelder_mead`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerances {
    /// Stop when the objective values across the simplex differ by at most this much.
    pub value: f64,
    /// ... and every vertex is within this distance (per coordinate) of the best one.
    pub point: f64,
    /// Give up after this many iterations (the best point so far is still returned).
    pub max_iterations: usize,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances { value: 1e-12, point: 1e-10, max_iterations: 10_000 }
    }
}

/// The best point found by [`nelder_mead`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimum<const N: usize> {
    pub point: [f64; N],
    pub value: f64,
    pub iterations: usize,
    /// False when `max_iterations` was reached before the tolerances were met.
    pub converged: bool,
}

/// Minimises `objective` from `start` with an initial simplex of edge `step` along each axis,
/// using the standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½).
///
/// Never panics; a start outside the objective's domain (infinite value) simply yields a
/// non-finite `value`, which callers should check.
pub fn nelder_mead<const N: usize>(
    objective: impl Fn(&[f64; N]) -> f64,
    start: [f64; N],
    step: f64,
    tolerances: &Tolerances,
) -> Minimum<N> {
    let f = |x: &[f64; N]| {
        let v = objective(x);
        if v.is_nan() { f64::INFINITY } else { v }
    };
    let mut simplex: Vec<([f64; N], f64)> = (0..=N)
        .map(|i| {
            let mut x = start;
            if i > 0 {
                x[i - 1] += step;
            }
            (x, f(&x))
        })
        .collect();
    for iteration in 0..tolerances.max_iterations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        if has_converged(&simplex, tolerances) {
            return finish(&simplex, iteration, true);
        }
        let centroid = centroid(&simplex[..N]);
        let (worst, worst_value) = simplex[N];
        let reflected = along(&centroid, &worst, -1.0);
        let reflected_value = f(&reflected);
        if reflected_value < simplex[0].1 {
            let expanded = along(&centroid, &worst, -2.0);
            let expanded_value = f(&expanded);
            simplex[N] = if expanded_value < reflected_value {
                (expanded, expanded_value)
            } else {
                (reflected, reflected_value)
            };
        } else if reflected_value < simplex[N - 1].1 {
            simplex[N] = (reflected, reflected_value);
        } else {
            // Contract towards the better of the reflected and the worst point.
            let (t, bound) = if reflected_value < worst_value { (-0.5, reflected_value) } else { (0.5, worst_value) };
            let contracted = along(&centroid, &worst, t);
            let contracted_value = f(&contracted);
            if contracted_value < bound {
                simplex[N] = (contracted, contracted_value);
            } else {
                let best = simplex[0].0;
                for vertex in simplex.iter_mut().skip(1) {
                    vertex.0 = along(&best, &vertex.0, 0.5);
                    vertex.1 = f(&vertex.0);
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    finish(&simplex, tolerances.max_iterations, false)
}

fn has_converged<const N: usize>(simplex: &[([f64; N], f64)], tolerances: &Tolerances) -> bool {
    let (best, best_value) = simplex[0];
    simplex.iter().skip(1).all(|(x, v)| {
        (v - best_value).abs() <= tolerances.value
            && x.iter().zip(&best).all(|(a, b)| (a - b).abs() <= tolerances.point)
    })
}

fn centroid<const N: usize>(vertices: &[([f64; N], f64)]) -> [f64; N] {
    let mut c = [0.0; N];
    for (x, _) in vertices {
        for (ci, xi) in c.iter_mut().zip(x) {
            *ci += xi / vertices.len() as f64;
        }
    }
    c
}

/// The point `from + t · (to − from)`.
fn along<const N: usize>(from: &[f64; N], to: &[f64; N], t: f64) -> [f64; N] {
    let mut x = *from;
    for (xi, (a, b)) in x.iter_mut().zip(from.iter().zip(to)) {
        *xi = a + t * (b - a);
    }
    x
}

fn finish<const N: usize>(simplex: &[([f64; N], f64)], iterations: usize, converged: bool) -> Minimum<N> {
    Minimum { point: simplex[0].0, value: simplex[0].1, iterations, converged }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_the_rosenbrock_function() {
        let rosenbrock = |x: &[f64; 2]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = nelder_mead(rosenbrock, [-1.2, 1.0], 0.5, &Tolerances::default());
        assert!(m.converged);
        assert!((m.point[0] - 1.0).abs() < 1e-6 && (m.point[1] - 1.0).abs() < 1e-6, "{m:?}");
    }

    #[test]
    fn respects_an_infinite_wall() {
        // Minimum of (x-3)^2 constrained to x <= 2 via +inf outside.
        let walled = |x: &[f64; 1]| {
            if x[0] > 2.0 { f64::INFINITY } else { (x[0] - 3.0).powi(2) }
        };
        let m = nelder_mead(walled, [0.0], 1.0, &Tolerances::default());
        assert!((m.point[0] - 2.0).abs() < 1e-6, "{m:?}");
    }

    #[test]
    fn treats_nan_as_infinity() {
        let f = |x: &[f64; 1]| {
            if x[0] < 0.0 { f64::NAN } else { (x[0] - 1.0).powi(2) }
        };
        let m = nelder_mead(f, [0.5], 0.25, &Tolerances::default());
        assert!((m.point[0] - 1.0).abs() < 1e-6 && m.value.is_finite());
    }
}
