//! `sidecast import SOURCE FILE...`: the user's exports into `history.csv`, `cohorts.csv`,
//! `customers.csv` or `referrals.csv` and `import.json` ([`crate::app::import`]), staged in
//! the output folder like every command's files: nothing is written when any row is refused.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum, ValueHint};

use super::input::read_input;
use super::output::{Outputs, print};
use crate::app::Error;
use crate::import::{Input, Options, Source, TierBand, Units};
use crate::text::calendar::DateOrder;

/// The kind of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourceArg {
    /// Stripe's payments export (Dashboard → Payments → Export).
    Stripe,
    /// A commission ledger: a plain one, or Rewardful's, FirstPromoter's, Dub's, Impact's, PartnerStack's.
    Commissions,
    /// PayPal's activity download.
    Paypal,
}

/// Whether amounts are in major units or cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitsArg {
    /// 19.99 is $19.99.
    Major,
    /// 1999 is $19.99 (cents).
    Minor,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the files are.
    #[arg(value_enum)]
    pub source: SourceArg,
    /// The export(s): one or several files of that kind.
    #[arg(required = true, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,
    /// Output folder [default: output/import-SOURCE/].
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Stripe's subscriptions export: its end dates decide who has churned.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub subscriptions: Option<PathBuf>,
    /// The metadata column holding each customer's tier (`tier` finds `tier (metadata)`).
    #[arg(long, value_name = "KEY")]
    pub tier_column: Option<String>,
    /// A tier by monthly amount, NAME=LOW..HIGH with either end open (repeatable): `--tier
    /// starter=..100 --tier growth=100..500 --tier studio=500..`.
    #[arg(long = "tier", value_name = "NAME=LOW..HIGH", value_parser = TierBand::parse)]
    pub tiers: Vec<TierBand>,
    /// Read a field from a column the importer does not recognise, FIELD=HEADER (repeatable):
    /// `--column date=Created --column referral="Customer email"`.
    #[arg(long = "column", value_name = "FIELD=HEADER", value_parser = parse_column)]
    pub columns: Vec<(String, String)>,
    /// Amounts use decimal commas (1.180,50), whatever the separator.
    #[arg(long)]
    pub decimal_comma: bool,
    /// Dates such as 03/04/2026 are day first (3 April).
    #[arg(long, conflicts_with = "month_first")]
    pub day_first: bool,
    /// Dates such as 03/04/2026 are month first (March 4).
    #[arg(long)]
    pub month_first: bool,
    /// Whether amounts are in major units or cents (only asked when they look like cents).
    #[arg(long, value_enum, value_name = "UNITS")]
    pub units: Option<UnitsArg>,
    /// Keep only amounts in this currency (the others are left out, and counted).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// PayPal: count only payments from senders whose name contains this.
    #[arg(long, value_name = "NAME")]
    pub payer: Option<String>,
}

/// `FIELD=HEADER`.
fn parse_column(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((field, header)) if !field.trim().is_empty() && !header.trim().is_empty() => {
            Ok((field.trim().to_lowercase(), header.trim().to_string()))
        }
        _ => Err(format!("`{text}`: expected FIELD=HEADER, e.g. date=Created")),
    }
}

fn read(path: &Path) -> Result<Input, Error> {
    Ok(Input { name: path.display().to_string(), text: read_input(path)? })
}

pub fn run(args: &ImportArgs) -> Result<(), Error> {
    let source = match args.source {
        SourceArg::Stripe => Source::Stripe,
        SourceArg::Commissions => Source::Commissions,
        SourceArg::Paypal => Source::Paypal,
    };
    let folder = args.out.clone().unwrap_or_else(|| PathBuf::from("output").join(format!("import-{}", source.name())));
    let mut outputs = Outputs::prepare(&folder, None)?;
    let inputs = args.files.iter().map(|p| read(p)).collect::<Result<Vec<_>, _>>()?;
    let options = Options {
        subscriptions: args.subscriptions.as_deref().map(read).transpose()?,
        tier_column: args.tier_column.clone(),
        tiers: args.tiers.clone(),
        columns: args.columns.clone(),
        decimal_comma: args.decimal_comma,
        date_order: match (args.day_first, args.month_first) {
            (true, _) => Some(DateOrder::DayFirst),
            (_, true) => Some(DateOrder::MonthFirst),
            _ => None,
        },
        units: args.units.map(|u| match u {
            UnitsArg::Major => Units::Major,
            UnitsArg::Minor => Units::Minor,
        }),
        currency: args.currency.clone(),
        payer: args.payer.clone(),
    };
    let (summary, delivery) = crate::app::import::import(source, &inputs, &options)?;
    outputs.deliver(&delivery)?;
    outputs.commit()?;
    print(&summary.render(&folder.display().to_string()))
}
