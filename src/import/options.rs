//! What an import takes and gives: the exports ([`Input`]), their kind ([`Source`]), what the
//! command line says about them ([`Options`], with tiers by amount, [`TierBand`]), and the
//! files and summary an import produces ([`Imported`]).

use super::summary::Summary;
use crate::text::calendar::DateOrder;

/// A file's name (for messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub text: String,
}

/// The files' names, for a message about all of them.
pub fn names(inputs: &[Input]) -> String {
    inputs.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")
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
