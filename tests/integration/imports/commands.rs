//! The commands as a user meets them: `sidecast import` writes its folder and prints what it
//! read, left out and assumed; a file it cannot read is refused with exit status 2, every
//! problem named (file, row, column, what to do) and nothing written; `init --from` drafts two
//! scenarios that `check` accepts and `run --actuals` and `calibrate` use with the imported
//! history.

use std::path::Path;
use std::process::{Command, Output};

use super::business::{Affiliate, Reseller};
use super::fixtures::{self, Ledger, StripeVersion};

fn sidecast(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sidecast")).args(args).current_dir(dir).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `content` as `file` in `dir`, imports it as `source` (with `extra` flags) into
/// `dir/in`, which must succeed, and gives what the import printed.
fn import_file(dir: &Path, source: &str, file: &str, content: &str, extra: &[&str]) -> String {
    std::fs::write(dir.join(file), content).unwrap();
    let args: Vec<&str> = ["import", source, file, "--out", "in"].into_iter().chain(extra.iter().copied()).collect();
    let out = sidecast(&args, dir);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    stdout
}

#[test]
fn import_then_init_from_then_run_with_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let business = Reseller::simulate(31, 8, 2.0, 0.1, 0.05);
    std::fs::write(dir.path().join("payments.csv"), fixtures::stripe_payments(&business, 9, StripeVersion::Old))
        .unwrap();
    // The business's first customer arrives in its month `first` (0 = Jan 2026).
    let first = (0..8).find(|&m| business.customers.iter().any(|c| c.active(m))).unwrap();
    let months = format!("Months 1-{}: 2026-{:02} to 2026-08", 8 - first, first + 1);
    let month_1 = ["Jan", "Feb", "Mar"][first];
    let out = sidecast(&["import", "stripe", "payments.csv", "--tier-column", "tier"], dir.path());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    for needle in [
        "(Stripe payments export)",
        "left out, failed charges",
        &months,
        "right-censoring",
        "Wrote output/import-stripe: history.csv, cohorts.csv, customers.csv, import.json",
        "Next: sidecast init --from output/import-stripe",
    ] {
        assert!(stdout.contains(needle), "{needle} in\n{stdout}");
    }
    let folder = dir.path().join("output/import-stripe");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("import.json")).unwrap()).unwrap();
    assert_eq!(json["source"], "stripe");
    assert!(json["assumptions"].as_array().unwrap().iter().any(|a| a["topic"] == "time zone"));

    let out = sidecast(&["init", "--from", "output/import-stripe", "-o", "my.toml"], dir.path());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "Next: sidecast calibrate my-calibrate.toml --actuals output/import-stripe/history.csv --project my.toml"
        ),
        "{stdout}"
    );
    for file in ["my.toml", "my-calibrate.toml"] {
        let out = sidecast(&["check", file], dir.path());
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(&format!("{month_1} 2026 is month 1")), "{}", text(&out.stdout));
    }
    // A second init does not overwrite without --force.
    let again = sidecast(&["init", "--from", "output/import-stripe", "-o", "my.toml"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists; use --force"), "{}", text(&again.stderr));
    // The history runs against the calibration twin, dates mapped through its first_month.
    let run = sidecast(
        &[
            "run",
            "my-calibrate.toml",
            "-n",
            "200",
            "-q",
            "--charts",
            "none",
            "--actuals",
            "output/import-stripe/history.csv",
            "--out",
            "run",
        ],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    // The twin's first_month is the data's: the file's month numbers and its dates agree.
    assert!(!text(&run.stderr).contains("months from the `date` column"), "{}", text(&run.stderr));
}

#[test]
fn a_file_that_cannot_be_read_is_refused_with_every_problem_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "id,Created (UTC),Amount,Currency,Status,Customer ID\n\
               ch_1,2026-01-03 10:00,19.99,usd,Paid,cus_1\n\
               ch_2,yesterday,19.99,usd,Paid,cus_2\n\
               ch_3,2026-01-05 10:00,12x,usd,Paid,cus_3\n";
    std::fs::write(dir.path().join("bad.csv"), bad).unwrap();
    let cents = "id,Created (UTC),Amount,Currency,Status,Customer ID\nch_1,2026-01-03 10:00,1999,usd,Paid,cus_1\nch_2,2026-02-03 10:00,4999,usd,Paid,cus_1\n";
    std::fs::write(dir.path().join("cents.csv"), cents).unwrap();
    // Cents with a cheap plan and a refund column of zeros: the zeros say nothing about
    // the unit (their median, with the amounts', was 999 and let the file through as $).
    let refunds = "id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID\n\
                   ch_1,2026-01-03 10:00,999,0,usd,Paid,cus_1\nch_2,2026-01-04 10:00,4900,0,usd,Paid,cus_2\n\
                   ch_3,2026-02-03 10:00,999,0,usd,Paid,cus_1\nch_4,2026-02-04 10:00,4900,0,usd,Paid,cus_2\n\
                   ch_5,2026-02-05 10:00,4900,0,usd,Paid,cus_3\n";
    std::fs::write(dir.path().join("refunds.csv"), refunds).unwrap();
    // A paid charge and a commission without an amount: refused, not read as $0 ("fully
    // refunded") or dropped without a word.
    let blank = "id,Created (UTC),Amount,Currency,Status,Customer ID\nch_1,2026-01-03 10:00,19.99,usd,Paid,cus_1\n\
                 ch_2,2026-01-04 10:00,,usd,Paid,cus_2\n";
    std::fs::write(dir.path().join("blank.csv"), blank).unwrap();
    let mixed = "id,Created (UTC),Amount,Currency,Status,Customer ID\nch_1,2026-01-03 10:00,19.99,usd,Paid,cus_1\n\
                 ch_2,2026-01-04 10:00,18.50,eur,Paid,cus_2\n";
    std::fs::write(dir.path().join("mixed.csv"), mixed).unwrap();
    let failed = "id,Created (UTC),Amount,Currency,Status,Customer ID\nch_1,2026-01-03 10:00,19.99,usd,Failed,cus_1\n";
    // A negative refund added to the charge: 100.00 with -50.00 refunded counted $150.
    let negative = "id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID\n\
                    ch_1,2026-01-03 10:00,100.00,-50.00,usd,Paid,cus_1\n";
    std::fs::write(dir.path().join("negative.csv"), negative).unwrap();
    std::fs::write(dir.path().join("failed.csv"), failed).unwrap();
    std::fs::write(dir.path().join("blank-ledger.csv"), "date,referral,amount,status\n2026-01-03,a@x.com,,approved\n")
        .unwrap();
    let ledger = "date,referral,amount,status\n2026-01-03,a@x.com,3.00,maybe\n";
    std::fs::write(dir.path().join("ledger.csv"), ledger).unwrap();
    let business = Affiliate::simulate(3, 4, 2.0, 0.1);
    std::fs::write(dir.path().join("dub.csv"), fixtures::ledger(&business, Ledger::Dub)).unwrap();
    let cases: [(&[&str], &[&str]); 12] = [
        (
            &["import", "stripe", "negative.csv"],
            &["negative.csv line 2, column `Amount Refunded`: `-50.00` is negative; a refund is 0 or more"],
        ),
        (
            &["import", "stripe", "bad.csv"],
            &[
                "2 problems",
                "bad.csv line 3, column `Created (UTC)`: `yesterday` is not a date",
                "bad.csv line 4, column `Amount`: `12x` is not an amount",
            ],
        ),
        (&["import", "stripe", "cents.csv"], &["cents.csv: the amounts look like cents", "--units minor"]),
        (&["import", "stripe", "refunds.csv"], &["refunds.csv: the amounts look like cents", "not zero is 4900"]),
        (
            &["import", "stripe", "failed.csv"],
            &[
                "failed.csv: no charge counts: every row was left out: failed charges (Status Failed): 1 (failed.csv line 2)",
            ],
        ),
        (
            &["import", "stripe", "mixed.csv"],
            &["mixed.csv: the export mixes currencies (EUR (1 charge), USD (1 charge))"],
        ),
        (&["import", "stripe", "blank.csv"], &["blank.csv line 3, column `Amount`: no amount: every row needs one"]),
        (
            &["import", "commissions", "blank-ledger.csv"],
            &["blank-ledger.csv line 2, column `amount`: no amount: every row needs one"],
        ),
        (
            &["import", "commissions", "ledger.csv"],
            &["ledger.csv line 2, column `status`: `maybe` is not a commission status", "earned: pending"],
        ),
        (
            &["import", "paypal", "bad.csv"],
            &["bad.csv: not a PayPal activity download: no column for `date`", "--column date=HEADER"],
        ),
        (
            &["import", "commissions", "dub.csv", "--column", "referral=Client"],
            &["--column referral=Client: the file has no column `Client`", "its columns: Date, Customer"],
        ),
        (&["import", "paypal", "missing.csv"], &["cannot read missing.csv"]),
    ];
    for (args, needles) in cases {
        let out = sidecast(args, dir.path());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        for needle in needles {
            assert!(stderr.contains(needle), "{args:?}: {needle} in\n{stderr}");
        }
        assert!(!dir.path().join("output").exists(), "{args:?} wrote its folder");
    }
    // With --units minor the same file reads: 19.99 and 49.99.
    let out = sidecast(&["import", "stripe", "cents.csv", "--units", "minor", "--out", "cents"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let history = std::fs::read_to_string(dir.path().join("cents/history.csv")).unwrap();
    assert!(history.contains("1,2026-01,19.99,1,1,0,0\n2,2026-02,49.99,1,0,0,0\n"), "{history}");
}

#[test]
fn a_paypal_folder_has_no_customers_to_draft_from() {
    let dir = tempfile::tempdir().unwrap();
    let business = Affiliate::simulate(5, 6, 3.0, 0.1);
    std::fs::write(dir.path().join("Download.CSV"), fixtures::paypal(&business, fixtures::Locale::Us).0).unwrap();
    let out = sidecast(&["import", "paypal", "Download.CSV", "--payer", "AI Platform"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("senders whose name contains `AI Platform`"), "{}", text(&out.stdout));
    let out = sidecast(&["init", "--from", "output/import-paypal", "-o", "x.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("holds payouts only"), "{}", text(&out.stderr));
    assert!(!dir.path().join("x.toml").exists());
}

#[test]
fn lines_are_the_files_whatever_its_line_endings_blank_lines_and_comments() {
    // Excel and PayPal write CRLF. The failed charges are on lines 4 and 6 (after a blank
    // line), the history's bad cells on lines 4 and 5 (after a comment): the csv crate alone
    // said lines 2-3 and 3-4.
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID\n\
                  ch_1,2026-01-03 10:00:00,100.00,0.00,usd,Paid,cus_A\n\
                  \n\
                  ch_2,2026-01-04 10:00:00,100.00,0.00,usd,Failed,cus_A\n\
                  ch_3,2026-02-05 10:00:00,100.00,0.00,usd,Paid,cus_A\n\
                  ch_4,2026-02-06 10:00:00,100.00,0.00,usd,Failed,cus_A\n";
    let history = "month,revenue,customers\n1,640,3\n# a note\nFeb,x,4\n3,700,-1\n";
    for ending in ["\n", "\r\n"] {
        std::fs::write(dir.path().join("payments.csv"), export.replace('\n', ending)).unwrap();
        let out = sidecast(&["import", "stripe", "payments.csv", "--out", "imported"], dir.path());
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        assert!(stdout.contains("failed charges (Status Failed): 2 (payments.csv lines 4, 6)"), "{ending:?}: {stdout}");

        std::fs::write(dir.path().join("history.csv"), history.replace('\n', ending)).unwrap();
        let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/reseller.toml");
        let scenario = scenario.to_str().unwrap();
        let out = sidecast(&["run", scenario, "--actuals", "history.csv", "-n", "100", "--charts", "none"], dir.path());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        for needle in ["line 4", "line 5"] {
            assert!(stderr.contains(needle), "{ending:?}: {needle} missing from {stderr}");
        }
        assert!(!stderr.contains("line 3"), "{ending:?}: {stderr}");
    }
}

#[test]
fn an_annual_subscriber_keeps_the_history_adding_up_for_calibrate() {
    // A monthly customer and one on an annual plan (charged once, subscription running):
    // the annual one is a customer every month, not charged and not churned, so the history
    // `calibrate` reads adds up (it refused it: "month 2 has 1 customers, but 2 entered it").
    let dir = tempfile::tempdir().unwrap();
    let payments = "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID\n\
                    ch_a1,2026-01-05 10:00,100.00,0.00,usd,Paid,cus_A\n\
                    ch_b1,2026-01-06 10:00,1000.00,0.00,usd,Paid,cus_B\n\
                    ch_a2,2026-02-05 10:00,100.00,0.00,usd,Paid,cus_A\n\
                    ch_a3,2026-03-05 10:00,100.00,0.00,usd,Paid,cus_A\n";
    let subscriptions = "id,Customer ID,Status,Created (UTC),Canceled At (UTC),Ended At (UTC),Amount,Interval\n\
                         sub_a,cus_A,active,2026-01-05 10:00,,,100.00,month\n\
                         sub_b,cus_B,active,2026-01-06 10:00,,,1000.00,year\n";
    std::fs::write(dir.path().join("subscriptions.csv"), subscriptions).unwrap();
    import_file(dir.path(), "stripe", "payments.csv", payments, &["--subscriptions", "subscriptions.csv"]);
    let history = std::fs::read_to_string(dir.path().join("in/history.csv")).unwrap();
    let rows: Vec<&str> = history.lines().collect();
    assert_eq!(rows[0], "month,date,revenue,customers,new_customers,churned,reactivated", "{history}");
    assert_eq!(&rows[1..], ["1,2026-01,1100.00,2,2,0,0", "2,2026-02,100.00,2,0,0,0", "3,2026-03,100.00,2,0,0,0"]);
    let out = sidecast(&["init", "--from", "in", "-o", "a.toml"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = sidecast(
        &[
            "calibrate",
            "a-calibrate.toml",
            "--actuals",
            "in/history.csv",
            "--particles",
            "200",
            "-n",
            "200",
            "--charts",
            "none",
            "-q",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_ledgers_comebacks_and_reversals_add_up() {
    // r2 earns in January and February (paid, then reversed in April), nothing in March,
    // again in April: a comeback, which the history counts as a new subscriber so that
    // subscribers = last month's - cancelled + new (calibrate refused it: "month 4 has 3
    // subscribers, more than month 3's 2 plus 0 new"); its total earned is net of the
    // reversal (it was 60).
    let dir = tempfile::tempdir().unwrap();
    let ledger = "date,referral,amount,status,paid_at,reversed_at\n\
                  2026-01-05,r1,10.00,paid,2026-02-15,\n\
                  2026-01-20,r2,20.00,paid,2026-02-15,\n\
                  2026-02-05,r1,10.00,paid,2026-03-15,\n\
                  2026-02-20,r2,20.00,reversed,2026-03-15,2026-04-02\n\
                  2026-03-05,r1,10.00,paid,2026-04-15,\n\
                  2026-04-05,r1,10.00,due,,\n\
                  2026-04-09,r2,20.00,pending,,\n";
    let stdout = import_file(dir.path(), "commissions", "ledger.csv", ledger, &[]);
    assert!(stdout.contains("comebacks: once a referral earned again"), "{stdout}");
    let history = std::fs::read_to_string(dir.path().join("in/history.csv")).unwrap();
    let rows: Vec<&str> = history.lines().collect();
    assert_eq!(rows[0], "month,date,commission,commission_paid,subscribers,new_subscribers,cancelled");
    // Commission: Jan 30; Feb 30; Mar 10; Apr 30 less the 20 reversed.
    assert_eq!(
        &rows[1..],
        [
            "1,2026-01,30.00,0.00,2,2,0",
            "2,2026-02,30.00,30.00,2,0,1",
            "3,2026-03,10.00,30.00,1,0,0",
            "4,2026-04,10.00,10.00,2,1,0"
        ]
    );
    let referrals = std::fs::read_to_string(dir.path().join("in/referrals.csv")).unwrap();
    let r2 = referrals.lines().find(|l| l.starts_with("r2,")).unwrap();
    assert!(r2.ends_with(",reactivated,20.00,20.00,40.00"), "{referrals}");
    let earned: f64 = referrals.lines().skip(1).map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap()).sum();
    assert!((earned - 80.0).abs() < 1e-9, "the referrals' totals add up to the history's commission: {referrals}");
}

#[test]
fn a_guest_checkout_is_revenue_and_no_customer() {
    // A paid charge with no Customer ID and no email counts in revenue (it was left out as
    // "charges with no customer"), and in no customer's activity.
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created (UTC),Amount,Currency,Status,Customer ID\n\
                  ch_1,2026-01-03 10:00,100.00,usd,Paid,cus_1\n\
                  ch_2,2026-01-04 10:00,50.00,usd,Paid,\n\
                  ch_3,2026-02-04 10:00,100.00,usd,Paid,cus_1\n";
    let stdout = import_file(dir.path(), "stripe", "payments.csv", export, &[]);
    assert!(stdout.contains("guests: 1 paid charge with no customer"), "{stdout}");
    let history = std::fs::read_to_string(dir.path().join("in/history.csv")).unwrap();
    assert_eq!(history.lines().skip(1).collect::<Vec<_>>(), ["1,2026-01,150.00,1,1,0,0", "2,2026-02,100.00,1,0,0,0"]);
}

#[test]
fn a_paypal_download_says_its_currency() {
    // Amounts in euros are taken as they are; the import says which currency they are in.
    let dir = tempfile::tempdir().unwrap();
    let download = "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"Balance Impact\"\n\
                    \"31.01.2026\",\"10:00:00\",\"CET\",\"Rewardful Inc.\",\"Mass Pay Payment\",\"Completed\",\"EUR\",\"1.250,00\",\"-25,30\",\"1.224,70\",\"Credit\"\n";
    let stdout = import_file(dir.path(), "paypal", "paypal.csv", download, &[]);
    assert!(stdout.contains("currency: every payout is in EUR"), "{stdout}");
}

/// The history's data rows.
fn history_rows(dir: &Path) -> Vec<String> {
    let history = std::fs::read_to_string(dir.join("in/history.csv")).unwrap();
    history.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn overlapping_exports_count_each_charge_once_in_its_latest_state_in_either_order() {
    // March's export has ch_3 paid; a later one has it refunded, in part or in full. The
    // later state counts whichever file comes first (the second file's refund was dropped as
    // a repeat, and the order of the files changed revenue).
    let early = "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID\n\
                 ch_1,2026-01-05 10:00,100.00,0.00,usd,Paid,cus_A\n\
                 ch_2,2026-02-05 10:00,100.00,0.00,usd,Paid,cus_A\n\
                 ch_3,2026-03-05 10:00,100.00,0.00,usd,Paid,cus_A\n";
    let refunded = |amount: &str, status: &str| {
        format!(
            "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID\n\
             ch_3,2026-03-05 10:00,100.00,{amount},usd,{status},cus_A\n\
             ch_4,2026-04-05 10:00,100.00,0.00,usd,Paid,cus_B\n"
        )
    };
    for (later, march) in [
        (refunded("30.00", "Paid"), "3,2026-03,70.00,1,0,1,0"),
        (refunded("100.00", "Refunded"), "3,2026-03,0.00,0,0,0,0"),
    ] {
        let mut seen = Vec::new();
        for order in [["early.csv", "later.csv"], ["later.csv", "early.csv"]] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("early.csv"), early).unwrap();
            std::fs::write(dir.path().join("later.csv"), &later).unwrap();
            let out = sidecast(&["import", "stripe", order[0], order[1], "--out", "in"], dir.path());
            let stdout = text(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
            assert!(stdout.contains("each counts once, in its latest state"), "{stdout}");
            let rows = history_rows(dir.path());
            assert_eq!(rows[2], march, "{order:?}: {rows:?}");
            seen.push(rows);
        }
        assert_eq!(seen[0], seen[1], "the order of the files changes nothing");
    }
}

#[test]
fn a_refund_without_its_converted_column_is_converted_at_its_charges_rate() {
    // `Converted Amount` without `Converted Amount Refunded`: every refund was ignored.
    // €100 → $110 with €40 refunded is $66; ¥10,000 → $65 fully refunded does not count.
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created date (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Currency,Status,Customer ID\n\
                  ch_1,2026-01-05 10:00,100.00,40.00,eur,110.00,usd,Paid,cus_A\n\
                  ch_2,2026-01-06 10:00,10000,10000,jpy,65.00,usd,Refunded,cus_B\n\
                  ch_3,2026-01-07 10:00,50.00,0.00,usd,50.00,usd,Paid,cus_C\n";
    let stdout = import_file(dir.path(), "stripe", "payments.csv", export, &[]);
    assert!(stdout.contains("each refund is converted at its charge's rate"), "{stdout}");
    assert_eq!(history_rows(dir.path()), ["1,2026-01,116.00,2,2,0,0"]);
}

#[test]
fn a_failed_charge_after_the_last_paid_one_churns_no_one() {
    // A declined attempt five minutes into March made March the export's last month, with
    // both customers churned in February and "0 active today" for init --from.
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID\n\
                  ch_1,2026-01-05 10:00,100.00,0.00,usd,Paid,cus_A\n\
                  ch_2,2026-01-06 10:00,100.00,0.00,usd,Paid,cus_B\n\
                  ch_3,2026-02-05 10:00,100.00,0.00,usd,Paid,cus_A\n\
                  ch_4,2026-02-06 10:00,100.00,0.00,usd,Paid,cus_B\n\
                  ch_5,2026-03-01 00:05,100.00,0.00,usd,Failed,cus_C\n";
    import_file(dir.path(), "stripe", "payments.csv", export, &[]);
    assert_eq!(history_rows(dir.path()), ["1,2026-01,200.00,2,2,0,0", "2,2026-02,200.00,2,0,0,0"]);
    // So does a charge in another currency than --currency's.
    let export =
        export.replace("ch_5,2026-03-01 00:05,100.00,0.00,usd,Failed", "ch_5,2026-03-01 00:05,100.00,0.00,eur,Paid");
    import_file(dir.path(), "stripe", "payments.csv", &export, &["--currency", "usd"]);
    assert_eq!(history_rows(dir.path()), ["1,2026-01,200.00,2,2,0,0", "2,2026-02,200.00,2,0,0,0"]);
}

#[test]
fn a_guests_email_is_one_customer_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created date (UTC),Amount,Currency,Status,Customer ID,Customer Email\n\
                  ch_1,2026-01-05 10:00,100.00,usd,Paid,,Pat@Example.com\n\
                  ch_2,2026-02-05 10:00,100.00,usd,Paid,,pat@example.com\n";
    let stdout = import_file(dir.path(), "stripe", "payments.csv", export, &[]);
    assert!(stdout.contains("belong to the customer of their email (in any case)"), "{stdout}");
    assert_eq!(history_rows(dir.path()), ["1,2026-01,100.00,1,1,0,0", "2,2026-02,100.00,1,0,0,0"]);
    // A guest checkout, then the same person with an account: one customer (it was two, one
    // of them churned in January).
    let export = "id,Created date (UTC),Amount,Currency,Status,Customer ID,Customer Email\n\
                  ch_1,2026-01-05 10:00,100.00,usd,Paid,,pat@example.com\n\
                  ch_2,2026-02-05 10:00,100.00,usd,Paid,cus_9,Pat@Example.com\n\
                  ch_3,2026-03-05 10:00,100.00,usd,Paid,cus_9,pat@example.com\n";
    let stdout = import_file(dir.path(), "stripe", "payments.csv", export, &[]);
    assert!(
        stdout.contains("1 paid charge with no Customer ID carries the email of a customer who has one"),
        "{stdout}"
    );
    assert_eq!(
        history_rows(dir.path()),
        ["1,2026-01,100.00,1,1,0,0", "2,2026-02,100.00,1,0,0,0", "3,2026-03,100.00,1,0,0,0"]
    );
}

#[test]
fn rows_out_of_line_with_the_header_and_a_column_twice_are_refused_with_their_lines() {
    // An unquoted `1,234.00` shifted the row (its charge was left out as "status `usd`"), a
    // short row was "no status", and a second `Amount` column was read as the first.
    let dir = tempfile::tempdir().unwrap();
    let ragged = "id,Created (UTC),Amount,Currency,Status,Customer ID\n\
                  ch_1,2026-01-05 10:00,100.00,usd,Paid,cus_A\n\
                  ch_2,2026-01-06 10:00,1,234.00,usd,Paid,cus_B\n\
                  ch_3,2026-01-07 10:00,50.00\n\
                  ch_4,2026-01-08 10:00,50.00,usd,Paid,cus_C,,\n";
    std::fs::write(dir.path().join("ragged.csv"), ragged).unwrap();
    let out = sidecast(&["import", "stripe", "ragged.csv", "--out", "in"], dir.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "ragged.csv line 3: 7 cells but the header has 6 columns (`1,234.00` looks like one number split"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("ragged.csv line 4: 3 cells but the header has 6 columns"), "{stderr}");
    assert!(!stderr.contains("line 5"), "empty cells past the header's end are fine: {stderr}");
    let twice = "id,Created (UTC),Amount,Currency,Status,Customer ID,Amount\n\
                 ch_1,2026-01-05 10:00,100.00,usd,Paid,cus_A,999.00\n";
    std::fs::write(dir.path().join("twice.csv"), twice).unwrap();
    let out = sidecast(&["import", "stripe", "twice.csv", "--out", "in"], dir.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("columns 3 (`Amount`) and 7 (`Amount`) are both `amount`"), "{stderr}");
    assert!(!dir.path().join("in").exists(), "nothing is written");
}

#[test]
fn a_reversal_after_the_last_commission_leaves_the_referral_counts_blank() {
    // A clawback dated in April, after March's last commission, made April the ledger's last
    // month: both referrals of March cancelled and April with 0 subscribers.
    let dir = tempfile::tempdir().unwrap();
    let ledger = "id,created_at,customer_email,amount,currency,state,paid_at,voided_at\n\
                  c1,2026-01-10,r1@x.com,30.00,USD,paid,2026-02-15,\n\
                  c2,2026-02-10,r1@x.com,30.00,USD,paid,2026-03-15,\n\
                  c3,2026-03-10,r1@x.com,30.00,USD,due,,\n\
                  c4,2026-03-12,r3@x.com,50.00,USD,pending,,\n\
                  c5,2026-01-25,r4@x.com,40.00,USD,voided,2026-02-15,2026-04-02\n";
    let stdout = import_file(dir.path(), "commissions", "ledger.csv", ledger, &[]);
    assert!(stdout.contains("later month (Apr 2026) has only payments or reversals"), "{stdout}");
    let rows = history_rows(dir.path());
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[2].ends_with(",2,1,0"), "March: r1 and r3 active, none cancelled: {rows:?}");
    assert!(rows[3].starts_with("4,2026-04,-40.00,") && rows[3].ends_with(",,,"), "{rows:?}");
}

#[test]
fn mixed_currencies_suggest_keeping_the_most_used() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = "id,created_at,customer_email,amount,currency,state\n\
                  c1,2026-01-10,r1@x.com,30.00,USD,due\n\
                  c2,2026-01-11,r2@x.com,30.00,EUR,due\n\
                  c3,2026-01-12,r3@x.com,30.00,USD,due\n";
    std::fs::write(dir.path().join("ledger.csv"), ledger).unwrap();
    let out = sidecast(&["import", "commissions", "ledger.csv", "--out", "in"], dir.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("(USD (2 commissions), EUR (1 commission)): keep one with --currency USD"), "{stderr}");
}

#[test]
fn a_time_with_an_offset_counts_in_its_utc_month_and_points_are_not_commission() {
    // `2026-01-31T20:30:00-05:00` is 1 February in UTC: it counted in January.
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created date (UTC),Amount,Currency,Status,Customer ID\n\
                  ch_1,2026-01-10T10:00:00-05:00,100.00,usd,Paid,cus_A\n\
                  ch_2,2026-01-31T20:30:00-05:00,250.00,usd,Paid,cus_B\n\
                  ch_3,2026-02-10T10:00:00Z,100.00,usd,Paid,cus_A\n\
                  ch_4,2026-02-11T10:00:00Z,-5.00,usd,Paid,cus_A\n";
    let stdout = import_file(dir.path(), "stripe", "payments.csv", export, &[]);
    assert_eq!(history_rows(dir.path()), ["1,2026-01,100.00,1,1,0,0", "2,2026-02,350.00,2,1,0,0"]);
    assert!(stdout.contains("charges with an amount of 0 or less (to the cent): 1"), "not 'fully refunded': {stdout}");
    // FirstPromoter's non-cash rewards: 100 points were counted as $100.
    let ledger = "ID,Created at,Lead email,Amount,Status,Unit\n\
                  101,2026-01-05 10:00:00 UTC,r1@x.com,$20.00,approved,cash\n\
                  105,2026-01-07 10:00:00 UTC,r4@x.com,100,approved,points\n";
    let stdout = import_file(dir.path(), "commissions", "fp.csv", ledger, &[]);
    assert!(stdout.contains("rewards that are not cash (Unit points): 1"), "{stdout}");
    assert!(history_rows(dir.path())[0].starts_with("1,2026-01,20.00,"), "{:?}", history_rows(dir.path()));
}

#[test]
fn a_date_only_the_other_order_reads_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created date (UTC),Amount,Currency,Status,Customer ID\n\
                  ch_1,01/31/2026 10:00,100.00,usd,Paid,cus_A\n\
                  ch_2,28/02/2026 10:00,100.00,usd,Paid,cus_A\n";
    std::fs::write(dir.path().join("p.csv"), export).unwrap();
    let out = sidecast(&["import", "stripe", "p.csv", "--out", "in"], dir.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("and month-first (`01/31/2026 10:00`)"), "{stderr}");
    assert!(!stderr.contains("is not a date; dates look like"), "it contradicted itself: {stderr}");
}

#[test]
fn a_misspelt_column_field_is_refused_with_the_fields_there_are() {
    // `--column amout=Amount` was ignored without a word.
    let dir = tempfile::tempdir().unwrap();
    for (source, field, expected) in [
        ("stripe", "amout", "`amout` is not a field of a Stripe export (did you mean `amount`?)"),
        ("commissions", "refferal", "`refferal` is not a field of a commission ledger (did you mean `referral`?)"),
        ("paypal", "gros", "`gros` is not a field of a PayPal activity download (did you mean `gross`?)"),
    ] {
        std::fs::write(dir.path().join("x.csv"), "a,b\n1,2\n").unwrap();
        let mapping = format!("{field}=a");
        let out = sidecast(&["import", source, "x.csv", "--column", &mapping, "--out", "in"], dir.path());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected) && stderr.contains("the fields: date, "), "{stderr}");
    }
}

#[test]
fn tiers_whose_names_clean_to_one_key_stay_apart_in_the_draft() {
    // "A B", "a b" and "a_b" (three tiers, three spend levels) became one `a_b` tier.
    let dir = tempfile::tempdir().unwrap();
    let export = "id,Created (UTC),Amount,Currency,Status,Customer ID,tier (metadata)\n\
                  ch_1,2026-01-03 10:00,50.00,usd,Paid,cus_1,a b\n\
                  ch_2,2026-01-04 10:00,500.00,usd,Paid,cus_2,a_b\n\
                  ch_3,2026-01-05 10:00,5000.00,usd,Paid,cus_3,A B\n\
                  ch_4,2026-02-03 10:00,50.00,usd,Paid,cus_1,a b\n";
    import_file(dir.path(), "stripe", "tiers.csv", export, &["--tier-column", "tier"]);
    let out = sidecast(&["init", "--from", "in", "-o", "draft.toml"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let draft = std::fs::read_to_string(dir.path().join("draft.toml")).unwrap();
    for header in [
        "[reseller.tiers.a_b]\n",
        "[reseller.tiers.a_b_2]   # `a b` in the export",
        "[reseller.tiers.a_b_3]   # `A B` in the export",
    ] {
        assert!(draft.contains(header), "{header} in\n{draft}");
    }
    let check = sidecast(&["check", "draft.toml"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}
