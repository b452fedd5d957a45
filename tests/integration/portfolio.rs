//! The creator's portfolio (docs/model.md §11): the content rate formula, programmes that
//! add up to the totals exactly, bounty and recurring commission against their closed
//! forms, payout delay, today's single-programme form unchanged, the bad forms refused, and
//! the shipped examples able to have produced the users' own history (§9).

use sidecast::engine::{Layout, ProgrammeRow};
use sidecast::metric::Stored;

use crate::common::sidecast;
use crate::common::{assert_within, outcomes, replaced, run, scenario};

/// Content only, each piece exactly 10 signups a month at its peak, ramp 2, half-life 3,
/// published [1, 0, 2] then none; a $1 bounty and no renewals, so commission = signups.
const CONTENT: &str = r#"
name = "content"
horizon_months = 8
trajectories = 20000
seed = 4
[affiliate.content]
pieces_per_month = [1, 0, 2, 0]
signups_per_piece = 10
ramp_months = 2
half_life_months = 3
[affiliate.commission]
bounty = 1
[affiliate.plans.pro]
price = 20
"#;

/// A piece's rate at age a per unit of peak (docs/model.md §11.2).
fn shape(age: i32) -> f64 {
    if age < 2 { f64::from(age + 1) / 2.0 } else { (-f64::from(age - 1) / 3.0).exp2() }
}

#[test]
fn content_sends_signups_at_the_rate_of_its_pieces_ages() {
    let report = run(CONTENT);
    let earned = report.series("commission_earned").unwrap();
    for t in 0..8 {
        let expected = 10.0 * (shape(t) + if t >= 2 { 2.0 * shape(t - 2) } else { 0.0 });
        let (mean, se) = (earned.mean[t as usize].unwrap(), earned.std_error[t as usize].unwrap());
        assert_within(&format!("signups in month {}", t + 1), mean, expected, se, 4.0);
    }
}

#[test]
fn a_list_that_ends_before_the_first_simulated_month_has_published_through_it() {
    // docs/model.md §11: `[2, 3]` from calendar month 6 means 2 pieces in month 1 and 3 in
    // each of months 2-5 already exist, and 3 a month are published from month 6 on. Peak
    // 1.5, ramp 2, half-life 3; a $1 bounty, so commission = signups. In calendar month c,
    // month p's pieces have age a = c − p and send 1.5·(a + 1)/2 while a < 2, then
    // 1.5·2^(−(a − 1)/3).
    let late = replaced(
        &replaced(
            &replaced(CONTENT, "pieces_per_month = [1, 0, 2, 0]", "pieces_per_month = [2, 3]"),
            "signups_per_piece = 10",
            "signups_per_piece = 1.5",
        ),
        "horizon_months = 8",
        "horizon_months = 4\nstart_month = 6",
    );
    let report = run(&late);
    let earned = report.series("commission_earned").unwrap();
    let rate = |calendar: i32| -> f64 {
        let pieces = |p: i32| if p == 1 { 2.0 } else { 3.0 };
        (1..=calendar).map(|p| 1.5 * pieces(p) * shape(calendar - p)).sum()
    };
    // By hand for the first simulated month: 1.5 · (2·2^(−4/3) + 3·(2^(−1) + 2^(−2/3) +
    // 2^(−1/3) + 1) + 3·1/2) = 16.60 signups.
    assert!((rate(6) - 16.597).abs() < 1e-3, "{}", rate(6));
    for (t, calendar) in (6..10).enumerate() {
        let (mean, se) = (earned.mean[t].unwrap(), earned.std_error[t].unwrap());
        assert_within(&format!("signups in month {calendar}"), mean, rate(calendar), se, 4.0);
    }
}

/// Two programmes fed by the same content (70/30) plus the first's own signups.
const PORTFOLIO: &str = r#"
name = "portfolio"
horizon_months = 12
trajectories = 20000
seed = 6
[affiliate.content]
pieces_per_month = 2
signups_per_piece = 3
ramp_months = 1
[affiliate.programmes.recurring]
share = 0.7
signups = 4
payout_threshold = 50
commission = { first_order = 0.15, recurring = 0.08 }
[affiliate.programmes.recurring.plans.pro]
price = 20
churn = 0.1
[affiliate.programmes.bounty]
share = 0.3
payout_threshold = 100
payout_delay_months = 2
commission = { bounty = 25 }
[affiliate.programmes.bounty.plans.basic]
price = 10
churn = 0.2
"#;

#[test]
fn programmes_add_up_to_the_totals_exactly() {
    let s = scenario(&replaced(PORTFOLIO, "trajectories = 20000", "trajectories = 300"));
    let o = outcomes(&s);
    for (total, part) in [
        (Stored::Subscribers, ProgrammeRow::Subscribers),
        (Stored::CommissionEarned, ProgrammeRow::CommissionEarned),
        (Stored::CommissionPaid, ProgrammeRow::CommissionPaid),
    ] {
        for m in 0..12 {
            let whole = o.column(Layout::row(total), m);
            let (a, b) = (o.column(o.layout.programme_row(0, part), m), o.column(o.layout.programme_row(1, part), m));
            for ((w, x), y) in whole.iter().zip(&a).zip(&b) {
                assert_eq!(*w, x + y, "{total:?} month {}", m + 1);
            }
        }
    }
}

#[test]
fn bounty_and_recurring_commission_match_their_closed_forms() {
    let report = run(PORTFOLIO);
    // Content: 2 pieces a month at 3 signups each from their first month (ramp 1):
    // 6·t signups a month by month t. The bounty programme gets 30% of them, $25 each.
    let bounty = report.series("commission_earned.bounty").unwrap();
    let recurring = report.series("commission_earned.recurring").unwrap();
    let s: f64 = 0.9;
    for t in [1usize, 3, 6, 12] {
        let content = 6.0 * t as f64;
        let i = t - 1;
        assert_within(
            &format!("bounty, month {t}"),
            bounty.mean[i].unwrap(),
            25.0 * 0.3 * content,
            bounty.std_error[i].unwrap(),
            4.0,
        );
        // Recurring: signups λ_k = 4 + 0.7·6·k in month k; month t earns 15% of $20 on
        // month t's signups and 8% of $20 on the survivors of every earlier month.
        let lambda = |k: usize| 4.0 + 0.7 * 6.0 * k as f64;
        let renewals: f64 = (1..t).map(|k| lambda(k) * s.powi((t - k) as i32)).sum();
        let expected = 20.0 * (0.15 * lambda(t) + 0.08 * renewals);
        assert_within(
            &format!("recurring, month {t}"),
            recurring.mean[i].unwrap(),
            expected,
            recurring.std_error[i].unwrap(),
            4.0,
        );
    }
}

#[test]
fn a_payout_delay_moves_the_cash_by_exactly_its_months() {
    let on_time = outcomes(&scenario(&replaced(
        &replaced(PORTFOLIO, "payout_delay_months = 2", "payout_delay_months = 0"),
        "trajectories = 20000",
        "trajectories = 200",
    )));
    let delayed = outcomes(&scenario(&replaced(PORTFOLIO, "trajectories = 20000", "trajectories = 200")));
    let paid = |o: &sidecast::engine::Outcomes, m| o.column(o.layout.programme_row(1, ProgrammeRow::CommissionPaid), m);
    let earned =
        |o: &sidecast::engine::Outcomes, m| o.column(o.layout.programme_row(1, ProgrammeRow::CommissionEarned), m);
    for m in 0..12 {
        assert_eq!(earned(&on_time, m), earned(&delayed, m), "accrual does not move");
        if m + 2 < 12 {
            assert_eq!(paid(&on_time, m), paid(&delayed, m + 2), "cash two months later");
        }
    }
    assert!(paid(&delayed, 0).iter().chain(&paid(&delayed, 1)).all(|v| *v == 0.0));
}

#[test]
fn one_named_programme_gives_the_single_form_numbers() {
    // Uncertain parameters draw from streams named by their keys, which the programmes form
    // renames; entities and content draw the same in both forms.
    let single = &replaced(include_str!("../../scenarios/affiliate.toml"), "churn = { beta = [2, 18] }", "churn = 0.1");
    let named = replaced(
        &replaced(
            &replaced(single, "[affiliate]\n", "[affiliate.programmes.only]\n"),
            "[affiliate.commission]",
            "[affiliate.programmes.only.commission]",
        ),
        "[affiliate.plans.pro]",
        "[affiliate.programmes.only.plans.pro]",
    );
    let named = replaced(&named, "[affiliate.plans.scale]", "[affiliate.programmes.only.plans.scale]")
        .replace("plan_mix = {", "share = 1.0\nplan_mix = {");
    let few = |t: &str| replaced(t, "trajectories = 10000", "trajectories = 500");
    let (a, b) = (outcomes(&scenario(&few(single))), outcomes(&scenario(&few(&named))));
    assert!(b.stored(Stored::CommissionEarned, 5).iter().any(|v| *v > 0.0));
    for stored in [Stored::Subscribers, Stored::CommissionEarned, Stored::CommissionPaid, Stored::NetProfit] {
        for m in [0, 5, 23] {
            assert_eq!(a.stored(stored, m), b.stored(stored, m), "{stored:?} month {}", m + 1);
        }
    }
}

#[test]
fn bad_portfolios_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "mixed",
            PORTFOLIO.replace("[affiliate.content]", "[affiliate]\nsignups = 2\n[affiliate.content]"),
            "mixes a single programme's keys",
        ),
        ("shares", PORTFOLIO.replace("share = 0.3", "share = 0.5"), "add up to 1.200"),
        ("no share", PORTFOLIO.replace("share = 0.7\n", "").replace("share = 0.3\n", ""), "no programme has a share"),
        ("no peak", CONTENT.replace("signups_per_piece = 10\n", ""), "signups_per_piece"),
        ("pieces", CONTENT.replace("[1, 0, 2, 0]", "[1, -2]"), "not a number of pieces"),
        ("half-life", CONTENT.replace("half_life_months = 3", "half_life_months = 0"), "half_life_months"),
        ("delay", PORTFOLIO.replace("payout_delay_months = 2", "payout_delay_months = 99"), "payout_delay_months"),
        (
            "plans",
            PORTFOLIO.replace("[affiliate.programmes.bounty.plans.basic]\nprice = 10\nchurn = 0.2\n", ""),
            "affiliate.programmes.bounty.plans",
        ),
    ];
    for (name, text, needle) in cases {
        assert_ne!(text, PORTFOLIO, "{name}: the replacement must change the scenario");
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, &text).unwrap();
        let output = sidecast().arg("run").arg(&path).arg("--out").arg(dir.path().join("out")).output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(needle), "{name}: {stderr}");
    }
}

/// Every actual of a history within the simulated p10-p90 of its month (docs/model.md §9).
fn backtest_within_p10_p90(scenario: &str, history: &str) {
    let dir = tempfile::tempdir().unwrap();
    let json = sidecast()
        .args(["run", scenario, "--actuals", history, "--charts", "none", "--json", "-", "--out"])
        .arg(dir.path())
        .json();
    let points = json["actuals"]["backtest"].as_array().unwrap();
    assert!(!points.is_empty());
    for p in points {
        let rank = p["percentile_rank"].as_f64().unwrap();
        assert!((0.1..=0.9).contains(&rank), "{scenario}: {} in month {} at rank {rank}", p["metric"], p["month"]);
    }
}

#[test]
fn the_shipped_examples_could_have_produced_the_users_history() {
    backtest_within_p10_p90("scenarios/reseller-backtest.toml", "scenarios/history.csv");
    backtest_within_p10_p90("scenarios/affiliate.toml", "scenarios/creator-history.csv");
}
