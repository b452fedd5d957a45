//! The users' own exports in (docs/model.md §15): a Stripe payments export (and its
//! subscriptions export), an affiliate commission ledger (a plain one, or Rewardful's,
//! FirstPromoter's, Dub's, Impact's or PartnerStack's), a PayPal activity download. Each is
//! recognised by its header, whatever the version calls its columns, and turned into the files
//! the rest of sidecast reads: `history.csv` (as `run --actuals` and `calibrate --actuals`
//! read it), `cohorts.csv` (as `fit retention --cohorts` reads it), one row per customer or
//! referral, and `import.json`, the [`Summary`] of what was read, left out and assumed.
//!
//! Pure: texts and options in, file texts and a summary out ([`import`]); reading and writing
//! files is the caller's. A scenario drafted from an import's folder is [`draft`]'s.

pub mod activity;
pub mod draft;
pub mod error;
pub mod ledger;
pub mod ledger_fields;
pub mod paypal;
pub mod people;
pub mod stripe;
pub mod stripe_subscriptions;
pub mod summary;
pub mod table;
pub mod values;
pub mod write;

pub use error::{ImportError, Problem};
pub use summary::Summary;

use crate::text::calendar::DateOrder;

/// A file's name (for messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub text: String,
}

/// What kind of export is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Stripe,
    Commissions,
    Paypal,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Stripe, Source::Commissions, Source::Paypal];

    pub fn name(self) -> &'static str {
        match self {
            Source::Stripe => "stripe",
            Source::Commissions => "commissions",
            Source::Paypal => "paypal",
        }
    }
}

/// Whether an export's amounts are in major units (19.99) or minor units (1999 cents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    Major,
    Minor,
}

/// A tier by its customers' monthly amount: `starter=..100` (below 100), `growth=100..500`,
/// `studio=500..` (500 and up).
#[derive(Debug, Clone, PartialEq)]
pub struct TierBand {
    pub name: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl TierBand {
    /// Parses `NAME=LOW..HIGH` with either end open.
    ///
    /// # Errors
    /// What is wrong and the form expected.
    pub fn parse(text: &str) -> Result<TierBand, String> {
        let form = "expected NAME=LOW..HIGH with either end open, e.g. starter=..100, growth=100..500, studio=500..";
        let (name, range) = text.split_once('=').ok_or_else(|| format!("`{text}`: {form}"))?;
        let (low, high) = range.split_once("..").ok_or_else(|| format!("`{text}`: {form}"))?;
        let bound = |s: &str| -> Result<Option<f64>, String> {
            let s = s.trim().trim_start_matches('$');
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(Some)
                .ok_or_else(|| format!("`{s}` in `{text}` is not an amount; {form}"))
        };
        let (low, high) = (bound(low)?, bound(high)?);
        let name = name.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return Err(format!("`{name}` is not a tier name (letters, digits, `_` and `-`); {form}"));
        }
        if let (Some(l), Some(h)) = (low, high)
            && l >= h
        {
            return Err(format!("`{text}`: the band's low end must be below its high end"));
        }
        Ok(TierBand { name: name.to_string(), low, high })
    }

    pub fn contains(&self, amount: f64) -> bool {
        self.low.is_none_or(|l| amount >= l) && self.high.is_none_or(|h| amount < h)
    }

    pub fn describe(&self) -> String {
        let end = |v: Option<f64>| v.map_or_else(String::new, crate::text::number::short);
        format!("{} {}..{}", self.name, end(self.low), end(self.high))
    }
}

/// What the command line says about the exports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Stripe's subscriptions export, whose end dates decide churn.
    pub subscriptions: Option<Input>,
    /// A metadata column holding each customer's tier (`tier` finds `tier (metadata)`).
    pub tier_column: Option<String>,
    /// Tiers by monthly amount.
    pub tiers: Vec<TierBand>,
    /// `--column FIELD=HEADER`.
    pub columns: Vec<(String, String)>,
    pub decimal_comma: bool,
    pub date_order: Option<DateOrder>,
    pub units: Option<Units>,
    /// Keep only amounts in this currency (others are left out, and said).
    pub currency: Option<String>,
    /// PayPal: count only payments from a sender whose name contains this.
    pub payer: Option<String>,
}

/// What an import gives: the files to write (name, text), and its summary.
#[derive(Debug, Clone)]
pub struct Imported {
    pub files: Vec<(String, String)>,
    pub summary: Summary,
}

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
