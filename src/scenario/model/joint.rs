//! Joint parameter uncertainty (docs/model.md §12): parameter sets read from a CSV (one
//! column per dotted key, one row per joint draw; each trajectory uses one row) and rank
//! correlations imposed by a Gaussian copula (Pearson 2·sin(πρ/6) between standard normals,
//! each mapped through Φ and its parameter's own inverse CDF, so every marginal stays as
//! declared).

/// The rows of a parameter-sets CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterSets {
    /// The file, as the scenario names it.
    pub file: String,
    /// The dotted key of each column.
    pub keys: Vec<String>,
    /// One row per joint draw, a value per column.
    pub rows: Vec<Vec<f64>>,
    /// The file's line of each row (for messages).
    pub lines: Vec<u64>,
}

impl ParameterSets {
    /// Every row's value of one column.
    pub fn column(&self, column: usize) -> Vec<f64> {
        self.rows.iter().filter_map(|r| r.get(column).copied()).collect()
    }
}

/// Correlated uncertain parameters: their keys and the lower-triangular Cholesky factor of
/// the standard normals' (Pearson) correlation matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Copula {
    pub keys: Vec<String>,
    pub cholesky: Vec<Vec<f64>>,
    /// The correlations as the scenario gives them: two keys and Spearman's ρ.
    pub pairs: Vec<(String, String, f64)>,
}

/// The joint draws of a scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Joint {
    pub sets: Option<ParameterSets>,
    pub copula: Option<Copula>,
}

/// Pearson's correlation between the copula's normals for a Spearman rank correlation ρ.
pub fn pearson_of_spearman(rank: f64) -> f64 {
    2.0 * (std::f64::consts::PI * rank / 6.0).sin()
}

/// The lower-triangular L with L·Lᵀ = `matrix`, or `None` when the matrix is not positive
/// definite.
pub fn cholesky(matrix: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = matrix.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = matrix[i][i] - sum;
                if d.is_nan() || d <= 1e-12 {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (matrix[i][j] - sum) / l[j][j];
            }
        }
    }
    Some(l)
}

/// Why a parameter-sets CSV cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetsError {
    /// 1-based line, where there is one.
    pub line: Option<u64>,
    pub message: String,
}

/// Reads parameter sets from CSV text: a header of dotted keys, then rows of numbers.
///
/// # Errors
/// Every [`SetsError`] at once: no header, no rows or a repeated column (alone), else each
/// row that is not valid CSV or has too few or too many cells, and each cell that is not a
/// finite number (with its line and column), with the sets of the good rows (so their
/// values can be checked too).
pub fn read_sets(text: &str, file: &str) -> Result<ParameterSets, (Vec<SetsError>, Option<ParameterSets>)> {
    let mut records = crate::text::csv::records(text);
    let error = |line: Option<u64>, message: String| SetsError { line, message };
    let header = match records.next() {
        Some((_, Ok(h))) => h,
        Some((line, Err(e))) => return Err((vec![error(Some(line), format!("not valid CSV: {e}"))], None)),
        None => {
            return Err((
                vec![error(None, "is empty; give a header of dotted keys, then one row per set".into())],
                None,
            ));
        }
    };
    let keys: Vec<String> = header.iter().map(str::to_string).collect();
    if let Some((i, k)) = keys.iter().enumerate().find(|(i, k)| k.is_empty() || keys[..*i].contains(k)) {
        return Err((vec![error(Some(1), format!("column {} `{k}` is empty or repeated", i + 1))], None));
    }
    let (mut rows, mut lines, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for (line, record) in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(error(Some(line), format!("not valid CSV: {e}")));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != keys.len() {
            let message = format!("{} cells, but the header has {} columns", record.len(), keys.len());
            errors.push(error(Some(line), message));
            continue;
        }
        let mut row = Vec::with_capacity(keys.len());
        for (cell, key) in record.iter().zip(&keys) {
            match cell.parse::<f64>() {
                Ok(v) if v.is_finite() => row.push(v),
                _ => errors.push(error(Some(line), format!("column `{key}`: `{cell}` is not a number"))),
            }
        }
        if row.len() == keys.len() {
            rows.push(row);
            lines.push(line);
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err((vec![error(None, "has no rows: give one row of values per parameter set".into())], None));
    }
    let sets = ParameterSets { file: file.to_string(), keys, rows, lines };
    match errors.is_empty() {
        true => Ok(sets),
        false => Err((errors, (!sets.rows.is_empty()).then_some(sets))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_of_a_correlation_matrix_and_of_an_impossible_one() {
        let m = vec![vec![1.0, 0.5], vec![0.5, 1.0]];
        let l = cholesky(&m).unwrap();
        assert!((l[1][0] - 0.5).abs() < 1e-12 && (l[1][1] - 0.75f64.sqrt()).abs() < 1e-12);
        // A and B strongly alike, B and C too, A and C strongly opposite: impossible.
        let bad = vec![vec![1.0, 0.9, -0.9], vec![0.9, 1.0, 0.9], vec![-0.9, 0.9, 1.0]];
        assert_eq!(cholesky(&bad), None);
        assert!((pearson_of_spearman(1.0) - 1.0).abs() < 1e-12);
        assert!((pearson_of_spearman(-0.5) + 0.5176).abs() < 1e-4);
    }

    #[test]
    fn sets_are_read_with_their_lines() {
        let sets = read_sets("reseller.churn,reseller.arrivals\n0.1,1\n0.2,2\n", "s.csv").unwrap();
        assert_eq!(sets.keys, ["reseller.churn", "reseller.arrivals"]);
        assert_eq!(sets.column(1), [1.0, 2.0]);
        let cases = [
            ("", "is empty"),
            ("a,a\n1,2\n", "repeated"),
            ("a\n", "has no rows"),
            ("a,b\n1\n", "1 cells"),
            ("a,b\n1,x\n", "`x` is not a number"),
            ("a\nnan\n", "`nan` is not a number"),
        ];
        for (text, needle) in cases {
            let (e, _) = read_sets(text, "s.csv").unwrap_err();
            assert!(e[0].message.contains(needle), "{text:?}: {}", e[0].message);
        }
        assert_eq!(read_sets("a,b\n1,x\n", "s").unwrap_err().0[0].line, Some(2));
        // Every bad row and cell at once, in file order (the first one hid the rest).
        let (all, good) = read_sets("a,b\n0.1,1\nnan,2\n0.1\n\"0,1\",x\n1,2\n", "s").unwrap_err();
        // The good rows are kept, so their values can be checked against the keys too.
        assert_eq!(good.map(|g| g.rows), Some(vec![vec![0.1, 1.0], vec![1.0, 2.0]]));
        let found: Vec<(Option<u64>, &str)> = all.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(3), "column `a`: `nan` is not a number"),
                (Some(4), "1 cells, but the header has 2 columns"),
                (Some(5), "column `a`: `0,1` is not a number"),
                (Some(5), "column `b`: `x` is not a number"),
            ]
        );
    }
}
