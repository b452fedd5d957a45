//! The little dense linear algebra calibration needs, on row-major `n × n` matrices in
//! `Vec<f64>`: a Cholesky factor, triangular solves and a lower-triangular product. The
//! dimension is the number of parameters or summaries (a few to a few dozen).

/// The lower-triangular `L` with `L Lᵀ = a`; `None` unless `a` is symmetric positive
/// definite to working precision.
pub(crate) fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    if a.len() != n * n {
        return None;
    }
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let dot: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            let value = a[i * n + j] - dot;
            if i == j {
                if !(value > 0.0 && value.is_finite()) {
                    return None;
                }
                l[i * n + i] = value.sqrt();
            } else {
                l[i * n + j] = value / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// `L x` for lower-triangular `L`.
pub(crate) fn lower_times(l: &[f64], x: &[f64]) -> Vec<f64> {
    let n = x.len();
    (0..n).map(|i| (0..=i).map(|k| l[i * n + k] * x[k]).sum()).collect()
}

/// Solves `L y = b` for lower-triangular `L`.
pub(crate) fn solve_lower(l: &[f64], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut y = vec![0.0; n];
    for i in 0..n {
        let dot: f64 = (0..i).map(|k| l[i * n + k] * y[k]).sum();
        y[i] = (b[i] - dot) / l[i * n + i];
    }
    y
}

/// Solves `L Lᵀ x = b` given the Cholesky factor `L`.
pub(crate) fn solve_cholesky(l: &[f64], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let y = solve_lower(l, b);
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let dot: f64 = (i + 1..n).map(|k| l[k * n + i] * x[k]).sum();
        x[i] = (y[i] - dot) / l[i * n + i];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factor_and_solve_a_known_matrix() {
        let a = [4.0, 2.0, 0.4, 2.0, 2.0, 0.5, 0.4, 0.5, 3.0];
        let l = cholesky(&a, 3).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let product: f64 = (0..3).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
                assert!((product - a[i * 3 + j]).abs() < 1e-12);
            }
        }
        let x = solve_cholesky(&l, &[1.0, 2.0, 3.0]);
        for i in 0..3 {
            let ax: f64 = (0..3).map(|k| a[i * 3 + k] * x[k]).sum();
            assert!((ax - [1.0, 2.0, 3.0][i]).abs() < 1e-12);
        }
        let z = [0.3, -1.0, 2.0];
        let back = solve_lower(&l, &lower_times(&l, &z));
        assert!(back.iter().zip(z).all(|(a, b)| (a - b).abs() < 1e-12));
    }

    #[test]
    fn singular_and_malformed_matrices_have_no_factor() {
        assert_eq!(cholesky(&[1.0, 1.0, 1.0, 1.0], 2), None);
        assert_eq!(cholesky(&[0.0], 1), None);
        assert_eq!(cholesky(&[f64::NAN], 1), None);
        assert_eq!(cholesky(&[1.0, 0.0], 2), None);
    }
}
