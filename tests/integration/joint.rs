//! Joint parameter uncertainty (docs/model.md §12): parameter sets drawn a row per
//! trajectory (reproducible, shared by variants, overridden by `--set`), rank correlations
//! by a Gaussian copula (ρ as declared, marginals unchanged), and every bad form refused.

use std::path::{Path, PathBuf};

use sidecast::analysis::whatif::sensitivity::drawn_values;
use sidecast::scenario::{LoadContext, Override, Scenario, load, parse_in};

use crate::common::sidecast;
use crate::common::{assert_within, outcomes, replaced};

/// A folder of its own for one test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sidecast-joint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The scenario `text` read from `dir`, where its parameter sets are.
fn in_folder(dir: &Path, text: &str) -> Result<Scenario, String> {
    let context = LoadContext { folder: dir.to_path_buf(), ..LoadContext::default() };
    parse_in(text, "test.toml", &[], &context).map_err(|e| e.render(false))
}

/// A $1 bounty per signup and nothing else: month 1's commission is Poisson(signups) ×
/// bounty, so its mean is the mean over rows of signups × bounty.
const BOUNTY: &str = r#"
name = "sets"
horizon_months = 2
trajectories = 40000
seed = 11
parameter_sets = "sets.csv"
[affiliate]
signups = 5
[affiliate.commission]
bounty = 5
[affiliate.plans.pro]
price = 20
"#;

const SETS: &str = "affiliate.signups,affiliate.commission.bounty\n1,10\n10,1\n4,4\n";

fn bounty_scenario(name: &str) -> (PathBuf, Scenario) {
    let dir = folder(name);
    std::fs::write(dir.join("sets.csv"), SETS).unwrap();
    let scenario = in_folder(&dir, BOUNTY).unwrap();
    (dir, scenario)
}

fn param<'a>(scenario: &'a Scenario, key: &str) -> &'a sidecast::distribution::Param {
    scenario.uncertain_parameters().into_iter().find(|p| p.key() == Some(key)).unwrap_or_else(|| panic!("{key}"))
}

#[test]
fn each_trajectory_takes_one_whole_row_each_row_equally_often() {
    let (_dir, scenario) = bounty_scenario("rows");
    let n = 30000;
    let signups = drawn_values(&scenario, param(&scenario, "affiliate.signups"), n);
    let bounty = drawn_values(&scenario, param(&scenario, "affiliate.commission.bounty"), n);
    let rows = [(1.0, 10.0), (10.0, 1.0), (4.0, 4.0)];
    let mut counts = [0usize; 3];
    for (s, b) in signups.iter().zip(&bounty) {
        let row = rows.iter().position(|&r| r == (*s, *b)).unwrap_or_else(|| panic!("({s}, {b}) is no row"));
        counts[row] += 1;
    }
    // Each row with probability 1/3: binomial standard error sqrt(n · 1/3 · 2/3).
    let se = (n as f64 * 2.0 / 9.0).sqrt();
    for (row, &count) in counts.iter().enumerate() {
        assert_within(&format!("trajectories on row {row}"), count as f64, n as f64 / 3.0, se, 4.0);
    }
}

#[test]
fn the_rows_values_reach_the_engine_together() {
    let (_dir, scenario) = bounty_scenario("engine");
    let report = sidecast::summarize::summarize(
        &scenario,
        "test.toml",
        &outcomes(&scenario),
        &sidecast::stats::Percentile::DEFAULT,
    );
    let earned = report.series("commission_earned").unwrap();
    // Jointly: (1·10 + 10·1 + 4·4) / 3 = 12. Drawn independently it would be 5 · 5 = 25.
    let (mean, se) = (earned.mean[0].unwrap(), earned.std_error[0].unwrap());
    assert_within("month 1 commission", mean, 12.0, se, 4.0);
}

#[test]
fn rows_are_reproducible_and_shared_by_variants() {
    let (dir, scenario) = bounty_scenario("crn");
    let key = "affiliate.signups";
    let first = drawn_values(&scenario, param(&scenario, key), 500);
    let again = drawn_values(&in_folder(&dir, BOUNTY).unwrap(), param(&scenario, key), 500);
    assert_eq!(first, again);
    // A variant that changes another number keeps every trajectory on its row.
    let variant = in_folder(&dir, &replaced(BOUNTY, "price = 20", "price = 30")).unwrap();
    assert_eq!(drawn_values(&variant, param(&variant, key), 500), first);
    let reseeded = in_folder(&dir, &replaced(BOUNTY, "seed = 11", "seed = 12")).unwrap();
    assert_ne!(drawn_values(&reseeded, param(&reseeded, key), 500), first);
}

#[test]
fn set_on_the_command_line_wins_over_a_column() {
    let (dir, _) = bounty_scenario("set");
    let path = dir.join("scenario.toml");
    std::fs::write(&path, BOUNTY).unwrap();
    let overrides = ["affiliate.signups=7".parse::<Override>().unwrap()];
    let scenario = load(&path, &overrides).unwrap();
    assert_eq!(scenario.affiliate().unwrap().programmes[0].signups.central(), 7.0);
    assert!(!scenario.affiliate().unwrap().programmes[0].signups.is_uncertain());
    // The other column still comes from the rows.
    let bounty = drawn_values(&scenario, param(&scenario, "affiliate.commission.bounty"), 300);
    assert!(bounty.iter().all(|b| [10.0, 1.0, 4.0].contains(b)));
    assert!(bounty.contains(&10.0) && bounty.contains(&1.0));
}

/// Spearman's rank correlation (no ties in continuous draws).
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let ranks = |v: &[f64]| {
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        let mut rank = vec![0.0; v.len()];
        order.iter().enumerate().for_each(|(r, &i)| rank[i] = r as f64);
        rank
    };
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    let mean = (n - 1.0) / 2.0;
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mean) * (b - mean)).sum();
    let var: f64 = rx.iter().map(|a| (a - mean).powi(2)).sum();
    cov / var
}

const CORRELATED: &str = r#"
name = "correlated"
horizon_months = 3
trajectories = 1000
seed = 5
[reseller]
initial_customers = { a = 10 }
arrivals = { ci90 = [1, 4] }
churn = { beta = [2, 18] }
[reseller.tiers.a]
markup = { ci90 = [0.1, 0.3] }
minimum = 0
spend = 100
[[correlations]]
between = ["reseller.churn", "reseller.arrivals"]
rank = -0.6
[[correlations]]
between = ["reseller.churn", "reseller.tiers.a.markup"]
rank = 0.3
"#;

#[test]
fn correlated_parameters_have_the_declared_rank_correlation_and_their_own_marginals() {
    let scenario = in_folder(Path::new("."), CORRELATED).unwrap();
    let n = 100_000;
    let draws = |key: &str| drawn_values(&scenario, param(&scenario, key), n);
    let (churn, arrivals, markup) =
        (draws("reseller.churn"), draws("reseller.arrivals"), draws("reseller.tiers.a.markup"));
    // The standard error of Spearman's ρ is about (1 − ρ²)/√n; four of them (0.008 at
    // ρ = −0.6) tell 2·sin(πρ/6) from using ρ itself as the normals' correlation (0.018).
    for (what, x, y, rho) in [
        ("churn~arrivals", &churn, &arrivals, -0.6),
        ("churn~markup", &churn, &markup, 0.3),
        ("arrivals~markup", &arrivals, &markup, 0.0),
    ] {
        let (got, tolerance) = (spearman(x, y), 4.0 * (1.0 - rho * rho) / (n as f64).sqrt());
        assert!((got - rho).abs() < tolerance, "{what}: rank correlation {got:.4}, declared {rho}");
    }
    // Zero correlation declared between arrivals and markup, but both correlate with churn:
    // the copula keeps the declared zero (the Cholesky factor of R, not a chain).
    // Each marginal as declared: the share of draws below its own p-quantile is p.
    for key in ["reseller.churn", "reseller.arrivals", "reseller.tiers.a.markup"] {
        let p = param(&scenario, key);
        let values = draws(key);
        for q in [0.05, 0.25, 0.5, 0.75, 0.95] {
            let below = values.iter().filter(|v| **v <= p.quantile(q)).count() as f64 / n as f64;
            let se = (q * (1.0 - q) / n as f64).sqrt();
            assert_within(&format!("{key} below its {q} quantile"), below, q, se, 4.0);
        }
    }
}

#[test]
fn without_joint_sections_the_draws_are_todays() {
    let independent = replaced(
        CORRELATED,
        "[[correlations]]\nbetween = [\"reseller.churn\", \"reseller.arrivals\"]\nrank = -0.6\n[[correlations]]\nbetween = [\"reseller.churn\", \"reseller.tiers.a.markup\"]\nrank = 0.3\n",
        "",
    );
    let scenario = in_folder(Path::new("."), &independent).unwrap();
    let churn = drawn_values(&scenario, param(&scenario, "reseller.churn"), 20000);
    let arrivals = drawn_values(&scenario, param(&scenario, "reseller.arrivals"), 20000);
    assert!(spearman(&churn, &arrivals).abs() < 0.028);
}

/// The first problem's text for `text` read from a folder holding `sets`.
fn refused(name: &str, text: &str, sets: Option<&str>) -> String {
    let dir = folder(name);
    if let Some(sets) = sets {
        std::fs::write(dir.join("sets.csv"), sets).unwrap();
    }
    in_folder(&dir, text).expect_err("the scenario should be refused")
}

#[test]
fn bad_parameter_sets_are_refused_with_the_file_the_column_and_the_line() {
    let cases: [(&str, Option<&str>, &[&str]); 8] = [
        ("missing", None, &["parameter_sets", "cannot read", "sets.csv"]),
        ("empty", Some(""), &["sets.csv", "is empty"]),
        ("no-rows", Some("affiliate.signups\n"), &["has no rows"]),
        ("unknown", Some("affiliate.signup\n3\n"), &["column `affiliate.signup` names no number", "affiliate.signups"]),
        ("text", Some("affiliate.signups\n3\nmany\n"), &["line 3", "`many` is not a number"]),
        (
            "domain",
            Some("affiliate.signups\n3\n-2\n"),
            &["column `affiliate.signups` holds -2 on line 3", "must be a number from 0 to 1e9"],
        ),
        ("short", Some("affiliate.signups,affiliate.commission.bounty\n3\n"), &["1 cells", "2 columns"]),
        ("repeated", Some("affiliate.signups,affiliate.signups\n3,3\n"), &["repeated"]),
    ];
    for (name, sets, needles) in cases {
        let message = refused(name, BOUNTY, sets);
        for needle in needles {
            assert!(message.contains(needle), "{name}: `{needle}` not in\n{message}");
        }
    }
}

#[test]
fn content_drawn_per_piece_cannot_be_a_column() {
    let text = r#"
name = "c"
parameter_sets = "sets.csv"
[affiliate.content]
pieces_per_month = 1
signups_per_piece = 2
[affiliate.commission]
bounty = 1
[affiliate.plans.pro]
price = 20
"#;
    let message = refused("piece", text, Some("affiliate.content.signups_per_piece\n3\n"));
    assert!(message.contains("drawn afresh for each piece"), "{message}");
}

#[test]
fn impossible_or_malformed_correlations_are_refused() {
    let base = replaced(
        CORRELATED,
        "rank = 0.3\n",
        "rank = 0.3\n[[correlations]]\nbetween = [\"reseller.arrivals\", \"reseller.tiers.a.markup\"]\nrank = 0.95\n",
    );
    let message = refused("pd", &replaced(&base, "rank = -0.6", "rank = -0.95"), None);
    assert!(message.contains("cannot hold together") && message.contains("positive definite"), "{message}");
    let cases = [
        (replaced(CORRELATED, "rank = -0.6", "rank = 1.5"), "1.5 is not a rank correlation"),
        (replaced(CORRELATED, "rank = -0.6", "rank = 1"), "a function of the other"),
        (replaced(CORRELATED, "\"reseller.churn\", \"reseller.arrivals\"", "\"reseller.churn\""), "needs two keys"),
        (
            replaced(CORRELATED, "\"reseller.churn\", \"reseller.arrivals\"", "\"reseller.churn\", \"reseller.churn\""),
            "itself",
        ),
        (
            replaced(
                CORRELATED,
                "\"reseller.churn\", \"reseller.arrivals\"",
                "\"reseller.churn\", \"reseller.arival\"",
            ),
            "did you mean",
        ),
        (
            replaced(
                CORRELATED,
                "\"reseller.churn\", \"reseller.arrivals\"",
                "\"reseller.churn\", \"reseller.tiers.a.minimum\"",
            ),
            "not an uncertain parameter",
        ),
        (
            replaced(
                CORRELATED,
                "\"reseller.churn\", \"reseller.tiers.a.markup\"",
                "\"reseller.arrivals\", \"reseller.churn\"",
            ),
            "correlated twice",
        ),
        (replaced(CORRELATED, "rank = -0.6", "rank = -0.6\nsign = 1"), "sign"),
    ];
    for (text, needle) in cases {
        let message = refused("corr", &text, None);
        assert!(message.contains(needle), "`{needle}` not in\n{message}");
    }
}

#[test]
fn a_correlated_parameter_cannot_also_be_a_column() {
    let text = replaced(CORRELATED, "seed = 5", "seed = 5\nparameter_sets = \"sets.csv\"");
    let message = refused("both", &text, Some("reseller.arrivals\n2\n3\n"));
    assert!(message.contains("already drawn jointly from the parameter sets"), "{message}");
}

#[test]
fn the_command_line_refuses_bad_sets_with_status_2_and_runs_good_ones() {
    let dir = folder("cli");
    let path = dir.join("scenario.toml");
    std::fs::write(&path, BOUNTY).unwrap();
    std::fs::write(dir.join("sets.csv"), "affiliate.signups\n3\nx\n").unwrap();
    let out = dir.join("out");
    let stderr = sidecast()
        .args(["run", path.to_str().unwrap(), "-q", "--charts", "none", "--out", out.to_str().unwrap()])
        .refused();
    assert!(stderr.contains("sets.csv line 3") && stderr.contains("`x` is not a number"), "{stderr}");
    assert!(!out.exists(), "nothing is written for a refused scenario");
    std::fs::write(dir.join("sets.csv"), SETS).unwrap();
    sidecast()
        .args(["run", path.to_str().unwrap(), "-q", "-n", "2000", "--charts", "none", "--out", out.to_str().unwrap()])
        .stdout();
    let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(summary.contains("Drawn together from 3 parameter sets in sets.csv"), "{summary}");
}
