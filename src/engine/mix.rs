//! A mix of choices (tiers, plans) drawn with one uniform: the weights' running sums and
//! the choice a draw falls on.

/// The running sums of `weights`, the last one infinite.
pub fn cumulative(weights: &[f64]) -> Vec<f64> {
    let mut total = 0.0;
    let mut out: Vec<f64> = weights
        .iter()
        .map(|w| {
            total += w;
            total
        })
        .collect();
    if let Some(last) = out.last_mut() {
        *last = f64::INFINITY; // rounding can never push a draw past the last choice
    }
    out
}

/// The index chosen by a uniform draw `u` from a cumulative mix.
pub fn pick(cumulative: &[f64], u: f64) -> usize {
    cumulative.iter().position(|&c| u < c).unwrap_or(0)
}
