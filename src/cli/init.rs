//! `sidecast init`: write a first scenario that runs as it is. On a terminal (stdin and
//! stderr both TTYs, and no `--yes`) it asks a few questions ([`super::prompt`]) whose
//! defaults are the flags' values, else the users' own numbers; with no terminal it takes
//! the flags alone, and with no flags it writes the reseller's own numbers. It never
//! overwrites a file without `--force`, and the text is validated as `run` would before
//! it is written.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::output::{self, print};
use super::prompt;
use crate::app::Error;
use crate::app::init::{init, summary};
use crate::export::Destination;
use crate::scenario::keys::{MAX_HORIZON, MAX_START_MONTH};
use crate::scenario::write::template::decisions;
use crate::scenario::write::template::parse::{self, Counts};
use crate::scenario::write::template::{Given, PlanAnswer, Rate, TierAnswer};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Draft the scenario from an import's folder (`sidecast import ...`): writes FILE, the
    /// projection from today, and FILE-calibrate.toml, the same priors from month 1 for
    /// `calibrate` with the folder's history.csv.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath,
          conflicts_with_all = ["reseller", "affiliate", "tier", "customers", "arrivals", "churn", "plan", "subscribers",
                                "signups", "subscriber_churn", "first_order", "recurring", "payout_threshold", "hours", "goal",
                                "months", "start_month", "name"])]
    pub from: Option<PathBuf>,
    /// Where to write the scenario (`-` = stdout).
    #[arg(short, long, value_name = "FILE", default_value = "scenario.toml", value_hint = ValueHint::FilePath)]
    pub output: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Ask nothing, even on a terminal: flags and defaults only.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Include the reseller stream (the default when no stream is named).
    #[arg(long)]
    pub reseller: bool,
    /// Include the affiliate stream.
    #[arg(long)]
    pub affiliate: bool,
    /// The scenario's name, shown in tables and charts.
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Months to simulate (1-600).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_HORIZON))]
    pub months: Option<u32>,
    /// The number of the first simulated month (1 = next month; 7 continues six months of history).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_START_MONTH))]
    pub start_month: Option<u32>,
    /// A tier, NAME=MARKUP,MINIMUM[,SPEND] (repeatable), e.g. `starter=15%,50,120` [default:
    /// starter=15%,50,120 growth=20%,200,400 studio=25%,500,1000].
    // The doc is the flag's help, written for a terminal: `[,SPEND]` is not a link.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[arg(long, value_name = "TIER", value_parser = parse::tier, help_heading = "Reseller")]
    pub tier: Vec<TierAnswer>,
    /// Customers today: a total (split like 8:3:1 over the default tiers, evenly over
    /// yours) or by tier, `starter=8,growth=3` [default: 12].
    #[arg(long, value_name = "N", value_parser = parse::counts, help_heading = "Reseller")]
    pub customers: Option<Counts>,
    /// New customers a month, on average [default: 1].
    #[arg(long, value_name = "N", value_parser = parse::per_month, help_heading = "Reseller")]
    pub arrivals: Option<f64>,
    /// Monthly churn: `0.1`, `10%`, or a range `5%..15%` (a 90% interval) [default: 10%].
    /// With both streams it is the customers'; --subscriber-churn sets the subscribers'.
    #[arg(long, value_name = "RATE", value_parser = Rate::parse)]
    pub churn: Option<Rate>,
    /// A plan referred subscribers buy, NAME=PRICE (repeatable) [default: pro=19.99 scale=149.99].
    #[arg(long, value_name = "PLAN", value_parser = parse::plan, help_heading = "Affiliate")]
    pub plan: Vec<PlanAnswer>,
    /// Referred subscribers today: a total (split like 40:6 over the default plans, evenly
    /// over yours) or by plan, `pro=40,scale=6` [default: 46].
    #[arg(long, value_name = "N", value_parser = parse::counts, help_heading = "Affiliate")]
    pub subscribers: Option<Counts>,
    /// New referred signups a month, on average [default: 10].
    #[arg(long, value_name = "N", value_parser = parse::per_month, help_heading = "Affiliate")]
    pub signups: Option<f64>,
    /// Subscribers' monthly churn, as --churn [default: --churn, else 10%].
    #[arg(long, value_name = "RATE", value_parser = Rate::parse, help_heading = "Affiliate")]
    pub subscriber_churn: Option<Rate>,
    /// Commission on a new subscriber's first payment [default: 15%].
    #[arg(long, value_name = "RATE", value_parser = parse::fraction, help_heading = "Affiliate")]
    pub first_order: Option<f64>,
    /// Commission on every renewal [default: 8%].
    #[arg(long, value_name = "RATE", value_parser = parse::fraction, help_heading = "Affiliate")]
    pub recurring: Option<f64>,
    /// The balance at which the programme pays out, dollars [default: 50].
    #[arg(long, value_name = "AMOUNT", value_parser = parse::money, help_heading = "Affiliate")]
    pub payout_threshold: Option<f64>,
    /// Hours a month you spend on it, all streams [default: 4, 8 with both].
    #[arg(long, value_name = "H", value_parser = parse::hours)]
    pub hours: Option<f64>,
    /// A monthly net profit whose chance 12 months in the run reports; 0 for none [default:
    /// 700 with the reseller, else 400].
    #[arg(long, value_name = "AMOUNT", value_parser = parse::goal)]
    pub goal: Option<f64>,
}

impl InitArgs {
    /// The flags' values, as the template takes them.
    fn given(&self) -> Given {
        Given {
            reseller: self.reseller,
            affiliate: self.affiliate,
            name: self.name.clone(),
            months: self.months,
            start_month: self.start_month,
            tiers: self.tier.clone(),
            customers: self.customers.clone(),
            arrivals: self.arrivals,
            churn: self.churn,
            plans: self.plan.clone(),
            subscribers: self.subscribers.clone(),
            signups: self.signups,
            subscriber_churn: self.subscriber_churn,
            first_order: self.first_order,
            recurring: self.recurring,
            payout_threshold: self.payout_threshold,
            hours: self.hours,
            goal: self.goal,
        }
    }
}

pub fn run(args: &InitArgs) -> Result<(), Error> {
    if let Some(folder) = &args.from {
        return super::init_from::run(folder, &args.output, args.force);
    }
    let destination = output::destination(&args.output, args.force)?;
    let interactive = !args.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let given = args.given();
    let (reseller, affiliate) = if interactive && !given.wants_reseller() && !given.wants_affiliate() {
        prompt::streams()?
    } else {
        (given.wants_reseller() || !given.wants_affiliate(), given.wants_affiliate())
    };
    let mut answers = given.answers(reseller, affiliate).map_err(Error::Usage)?;
    if interactive {
        prompt::refine(&mut answers)?;
    }
    let text = init(&answers)?;
    output::write(&destination, text.as_bytes())?;
    if destination != Destination::Stdout {
        let shown = args.output.display();
        print(&format!("Wrote {shown}: {}.", summary(&answers)))?;
        print("It assumes (each is a key in the file; edit it to change):")?;
        for decision in decisions(&answers) {
            print(&format!("  - {decision}"))?;
        }
        print(&format!(
            "Next: `sidecast check {shown}` lists every value it assumes; `sidecast run {shown}` runs it."
        ))?;
    }
    Ok(())
}
