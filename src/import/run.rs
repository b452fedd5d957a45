//! [`import`]: the exports of one source into the import's files, after the options are
//! checked against each other and against the source.

use super::error::{ImportError, Problem};
use super::options::{Imported, Input, Options, Source};
use super::{ledger, paypal, stripe};

/// Reads `inputs` (one or more exports of `source`) into the import's files.
///
/// # Errors
/// Every problem found, each naming the file, the line and column where there is one, and
/// what to do; nothing is produced when there is any.
pub fn import(source: Source, inputs: &[Input], options: &Options) -> Result<Imported, ImportError> {
    check_options(source, options)?;
    let mut imported = match source {
        Source::Stripe => stripe::import(inputs, options)?,
        Source::Commissions => ledger::import(inputs, options)?,
        Source::Paypal => paypal::import(inputs, options)?,
    };
    let names: Vec<String> = imported.files.iter().map(|(n, _)| n.clone()).chain(["import.json".to_string()]).collect();
    imported.summary.outputs = names;
    let json = serde_json::to_string_pretty(&imported.summary)
        .map_err(|e| ImportError::one(Problem::option(e.to_string())))?;
    imported.files.push(("import.json".to_string(), json + "\n"));
    Ok(imported)
}

fn check_options(source: Source, options: &Options) -> Result<(), ImportError> {
    let mut problems = Vec::new();
    let only = |flag: &str, for_source: Source| {
        Problem::option(format!("{flag} is for `sidecast import {}`, not `{}`", for_source.name(), source.name()))
    };
    if options.subscriptions.is_some() && source != Source::Stripe {
        problems.push(only("--subscriptions", Source::Stripe));
    }
    if (options.tier_column.is_some() || !options.tiers.is_empty()) && source != Source::Stripe {
        problems.push(only("--tier and --tier-column", Source::Stripe));
    }
    if options.payer.is_some() && source != Source::Paypal {
        problems.push(only("--payer", Source::Paypal));
    }
    if options.tier_column.is_some() && !options.tiers.is_empty() {
        problems.push(Problem::option("give --tier-column or --tier bands, not both".into()));
    }
    let mut bands = options.tiers.clone();
    bands.sort_by(|a, b| a.low.unwrap_or(f64::NEG_INFINITY).total_cmp(&b.low.unwrap_or(f64::NEG_INFINITY)));
    for pair in bands.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.high.is_none_or(|h| b.low.is_none_or(|l| l < h)) {
            problems.push(Problem::option(format!(
                "--tier {} and --tier {} overlap; bands must not share amounts",
                a.describe(),
                b.describe()
            )));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(ImportError { problems }) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::options::TierBand;

    #[test]
    fn tier_bands_parse_and_overlaps_are_refused() {
        let band = TierBand::parse("starter=..100").unwrap();
        assert!(band.contains(99.99) && !band.contains(100.0));
        let growth = TierBand::parse("growth=100..500").unwrap();
        assert!(growth.contains(100.0) && !growth.contains(500.0));
        assert!(TierBand::parse("studio=500..").unwrap().contains(1e6));
        for bad in ["starter", "starter=100", "=..5", "a=5..1", "a=x..5", "a b=1..2"] {
            assert!(TierBand::parse(bad).is_err(), "{bad}");
        }
        let options = Options { tiers: vec![growth, TierBand::parse("big=400..").unwrap()], ..Options::default() };
        let message = check_options(Source::Stripe, &options).unwrap_err().to_string();
        assert!(message.contains("--tier growth 100..500 and --tier big 400.. overlap"), "{message}");
        let message = check_options(Source::Paypal, &options).unwrap_err().to_string();
        assert!(message.contains("--tier and --tier-column is for `sidecast import stripe`"), "{message}");
    }
}

#[cfg(test)]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever an export holds, importing it gives files or problems, never a panic.
        #[test]
        fn any_export_imports_or_is_refused(
            source in prop::sample::select(Source::ALL.to_vec()),
            header in prop::sample::select(vec![
                "id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID",
                "date,referral,amount,status,paid_at,reversed_at,plan",
                "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net",
            ]),
            rows in prop::collection::vec("[0-9a-zA-Z ,.;$€%/:\\-\"]{0,60}", 0..15),
        ) {
            let input = Input { name: "x.csv".into(), text: format!("{header}\n{}", rows.join("\n")) };
            let _ = import(source, &[input], &Options::default());
        }
    }
}
