//! From an export back to the parameters that made it: a business with known arrivals and
//! churn, written as a Stripe export, imported, drafted by `init --from` and calibrated
//! against its own history. Each known value must lie within its posterior's 90% interval,
//! and within the drafted prior's (the prior is centred on the data and wide enough that the
//! truth is no surprise to it).

use statrs::distribution::{Beta, ContinuousCDF};

use sidecast::abc::Settings;
use sidecast::actuals::History;
use sidecast::analysis::inference::calibrate::Setup;
use sidecast::engine::Unmonitored;
use sidecast::import::draft::{Folder, draft};
use sidecast::import::{Options, Source, import};

use super::business::Reseller;
use super::fixtures::{self, StripeVersion};
use super::round_trips::{file, input};

const ARRIVALS: f64 = 3.0;
const CHURN: f64 = 0.1;

#[test]
fn init_from_and_calibrate_recover_the_business_parameters() {
    let business = Reseller::simulate(101, 12, ARRIVALS, CHURN, 0.0);
    let export = fixtures::stripe_payments(&business, 3, StripeVersion::Old);
    let imported = import(Source::Stripe, &[input("payments.csv", export)], &Options::default()).unwrap();
    let folder = Folder {
        name: "output/import-stripe".into(),
        import_json: file(&imported, "import.json").to_string(),
        history: file(&imported, "history.csv").to_string(),
        people: file(&imported, "customers.csv").to_string(),
    };
    let drafted = draft(&folder, "my.toml", "my-calibrate.toml").unwrap();
    let projection =
        sidecast::scenario::parse(&drafted.projection, "my.toml").unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert_eq!(
        (projection.start_month(), projection.first_month().map(|m| m.to_string())),
        (13, Some("2026-01".to_string()))
    );
    let scenario = sidecast::scenario::parse(&drafted.calibration, "my-calibrate.toml")
        .unwrap_or_else(|e| panic!("{}", e.render(false)));

    // The drafted churn prior puts the truth well inside it.
    let churn_prior = drafted.calibration.lines().find(|l| l.starts_with("churn = { beta = [")).unwrap();
    let numbers: Vec<f64> = churn_prior["churn = { beta = [".len()..]
        .split(']')
        .next()
        .unwrap()
        .split(',')
        .map(|v| v.trim().parse().unwrap())
        .collect();
    let beta = Beta::new(numbers[0], numbers[1]).unwrap();
    assert!((0.05..0.95).contains(&beta.cdf(CHURN)), "the prior {churn_prior} against the truth {CHURN}");

    let history = History::parse_csv(&folder.history, "history.csv").unwrap();
    let setup = Setup::new(&scenario, &history, "my-calibrate.toml").unwrap();
    let settings = Settings { seed: 7, particles: 400, ..Settings::default() };
    let calibration = setup.calibrate(&settings, &Unmonitored).unwrap().unwrap();
    for (key, truth) in [("reseller.arrivals", ARRIVALS), ("reseller.churn", CHURN)] {
        let p = calibration.parameters.iter().find(|p| p.key == key).unwrap_or_else(|| panic!("{key} calibrated"));
        let (low, high) = (p.posterior.p5, p.posterior.p95);
        assert!(
            low <= truth && truth <= high,
            "{key}: the truth {truth} outside the posterior's 90% interval {low}-{high}"
        );
        assert!(p.width_ratio.unwrap_or(1.0) < 1.0, "{key}: the history narrows the prior ({:?})", p.width_ratio);
    }
}
