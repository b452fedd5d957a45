//! Joint parameter uncertainty (docs/model.md §12): parameter sets, whose columns replace
//! the scenario's values for their keys (unless the command line set the key), checked
//! against each key's range; and `[[correlations]]` between uncertain parameters, whose
//! matrix must be positive definite.

use toml::Spanned;

use super::{Domain, Validator, span};
use crate::distribution::Param;
use crate::scenario::model::Scenario;
use crate::scenario::model::joint::{Copula, ParameterSets, SetsError, cholesky, pearson_of_spearman, read_sets};
use crate::scenario::read::raw::RawCorrelation;
use crate::text::did_you_mean;
use crate::text::number::short;

/// A parameter-sets file as the scenario names it, and its text (or why it cannot be read).
#[derive(Debug, Clone)]
pub struct SetsInput {
    pub name: toml::Spanned<String>,
    pub text: Result<String, String>,
}

impl Validator {
    /// Reads the parameter sets, if the scenario names some.
    pub(super) fn load_sets(&mut self, input: Option<SetsInput>) {
        let Some(SetsInput { name, text }) = input else { return };
        let at = span(&name);
        let sets = text.map_err(|e| (vec![e], None)).and_then(|t| {
            read_sets(&t, name.get_ref()).map_err(|(errors, good)| {
                let said = |e: SetsError| {
                    let line = e.line.map_or_else(String::new, |l| format!(" line {l}"));
                    format!("{}{line}: {}", name.get_ref(), e.message)
                };
                (errors.into_iter().map(said).collect(), good)
            })
        });
        match sets {
            Ok(sets) => {
                let used = vec![false; sets.keys.len()];
                self.sets = Some((sets, used, at));
            }
            Err((messages, good)) => {
                // The good rows' values are checked against their keys too: every problem
                // at once (the scenario is refused anyway).
                if let Some(good) = good {
                    let used = vec![false; good.keys.len()];
                    self.sets = Some((good, used, at.clone()));
                }
                for message in messages {
                    self.problem(
                        "parameter_sets",
                        at.clone(),
                        message,
                        "a CSV with a header of dotted keys (reseller.churn,reseller.arrivals) and one row of numbers \
                         per set",
                    );
                }
            }
        }
    }

    /// The parameter drawn from the sets' column for `key`, if there is one (and the command
    /// line did not set the key).
    pub(super) fn set_column(&mut self, key: &str, domain: Domain) -> Option<Param> {
        let (sets, used, at) = self.sets.as_mut()?;
        let column = sets.keys.iter().position(|k| k == key)?;
        used[column] = true;
        // `--set reseller.churn.ci90=[..]` sets the key as much as `--set reseller.churn=..`.
        if self.pinned.iter().any(|p| p == key || p.strip_prefix(key).is_some_and(|rest| rest.starts_with('.'))) {
            return None;
        }
        let values = sets.column(column);
        let (file, at) = (sets.file.clone(), at.clone());
        if let Some((row, v)) = values.iter().enumerate().find(|(_, v)| !domain.contains(**v)) {
            let line = sets.lines.get(row).copied().unwrap_or(row as u64 + 2);
            self.problem(
                "parameter_sets",
                at,
                format!("{file}: column `{key}` holds {} on line {line}", short(*v)),
                &format!("the values of `{key}` must be {}", domain.rule()),
            );
            return None;
        }
        Param::joint(key, column, &values, domain.bounds()).ok()
    }

    /// A column of the sets for `key` is a problem: `why` it cannot be drawn jointly.
    pub(super) fn refuse_set_column(&mut self, key: &str, why: &str) {
        let Some((sets, used, at)) = self.sets.as_mut() else { return };
        let Some(column) = sets.keys.iter().position(|k| k == key) else { return };
        used[column] = true;
        let (message, at) = (format!("{}: column `{key}` cannot be a parameter set's: {why}", sets.file), at.clone());
        self.problem(
            "parameter_sets",
            at,
            message,
            "remove the column; parameter sets hold numbers drawn once per trajectory",
        );
    }

    /// The sets, once every parameter has been seen: a column that names no parameter is a
    /// problem.
    pub(super) fn finish_sets(&mut self) -> Option<ParameterSets> {
        let (sets, used, at) = self.sets.take()?;
        for (key, _) in sets.keys.iter().zip(&used).filter(|(_, used)| !**used) {
            self.problem(
                "parameter_sets",
                at.clone(),
                format!(
                    "{}: column `{key}` names no number of the scenario{}",
                    sets.file,
                    did_you_mean(key, self.keys.iter().map(String::as_str))
                ),
                "columns are dotted keys of the scenario's numbers, as in --set (reseller.churn, affiliate.signups)",
            );
        }
        Some(sets)
    }

    /// The copula of the scenario's `[[correlations]]`, if any.
    pub(super) fn copula(&mut self, scenario: &Scenario, raw: Vec<RawCorrelation>) -> Option<Copula> {
        if raw.is_empty() {
            return None;
        }
        let uncertain = scenario.uncertain_parameters();
        let mut keys: Vec<String> = Vec::new();
        let mut pairs = Vec::new();
        for (i, c) in raw.iter().enumerate() {
            let key = format!("correlations[{i}]");
            let Some((a, b)) = self.pair(&key, &c.between, &uncertain) else { continue };
            let rank = *c.rank.get_ref();
            if !(rank.is_finite() && rank.abs() < 1.0) {
                let message = if rank.abs() == 1.0 {
                    format!("{rank} would make one parameter a function of the other")
                } else {
                    format!("{} is not a rank correlation", short(rank))
                };
                self.problem(
                    &format!("{key}.rank"),
                    span(&c.rank),
                    message,
                    "use a number between -1 and 1, such as 0.5 or -0.3",
                );
                continue;
            }
            let index = |k: &str, keys: &mut Vec<String>| {
                keys.iter().position(|x| x == k).unwrap_or_else(|| {
                    keys.push(k.to_string());
                    keys.len() - 1
                })
            };
            let (x, y) = (index(&a, &mut keys), index(&b, &mut keys));
            if pairs.iter().any(|&(p, q, _)| (p, q) == (x, y) || (p, q) == (y, x)) {
                self.problem(
                    &key,
                    span(&c.between),
                    format!("`{a}` and `{b}` are correlated twice"),
                    "give each pair once",
                );
                continue;
            }
            pairs.push((x, y, rank));
        }
        if keys.is_empty() {
            return None;
        }
        let mut matrix = vec![vec![0.0; keys.len()]; keys.len()];
        for (i, row) in matrix.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        for &(x, y, rank) in &pairs {
            let r = pearson_of_spearman(rank);
            (matrix[x][y], matrix[y][x]) = (r, r);
        }
        let Some(cholesky) = cholesky(&matrix) else {
            self.problem(
                "correlations",
                raw.first().and_then(|c| span(&c.between)),
                format!(
                    "these correlations cannot hold together (between {}): the matrix is not positive definite",
                    keys.join(", ")
                ),
                "weaken some of them: e.g. A strongly with B and B with C cannot go with A strongly against C",
            );
            return None;
        };
        let pairs = pairs.into_iter().map(|(x, y, rank)| (keys[x].clone(), keys[y].clone(), rank)).collect();
        Some(Copula { keys, cholesky, pairs })
    }

    /// The two keys of one correlation, each an uncertain parameter not already drawn from
    /// parameter sets.
    fn pair(
        &mut self,
        key: &str,
        between: &Spanned<Vec<Spanned<String>>>,
        uncertain: &[&Param],
    ) -> Option<(String, String)> {
        let [a, b] = between.get_ref().as_slice() else {
            self.problem(
                &format!("{key}.between"),
                span(between),
                "needs two keys".into(),
                "write between = [\"reseller.churn\", \"reseller.arrivals\"]",
            );
            return None;
        };
        if a.get_ref() == b.get_ref() {
            self.problem(
                &format!("{key}.between"),
                span(between),
                "correlates a parameter with itself".into(),
                "name two different parameters",
            );
            return None;
        }
        let mut ok = true;
        for k in [a, b] {
            let param = uncertain.iter().find(|p| p.key() == Some(k.get_ref().as_str()));
            let message = match param {
                None => format!(
                    "`{}` is not an uncertain parameter of the scenario{}",
                    k.get_ref(),
                    did_you_mean(k.get_ref(), uncertain.iter().filter_map(|p| p.key()))
                ),
                Some(p) if p.column().is_some() => {
                    format!("`{}` is already drawn jointly from the parameter sets", k.get_ref())
                }
                Some(_) => continue,
            };
            self.problems.push(
                crate::scenario::error::Problem::new(format!("{key}.between"), span(k), message)
                    .help("correlations join parameters given as distributions")
                    .involving([k.get_ref().clone()]),
            );
            ok = false;
        }
        ok.then(|| (a.get_ref().clone(), b.get_ref().clone()))
    }
}
