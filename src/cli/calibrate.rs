//! `sidecast calibrate`: the scenario's uncertain parameters fitted to the user's history
//! (the exact posterior where the history's likelihood can be computed, ABC-SMC otherwise;
//! docs/calibration.md). Writes `calibrate.json`, `posterior.csv` (the joint
//! parameter sets), `calibrated.toml` (the scenario, or `--project`'s, drawing from them),
//! a prior-against-posterior chart per parameter, the history over the posterior
//! predictive bands and `report.html`. Everything is checked before the calibration runs,
//! and nothing is written until it has finished.

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::args::{ChartArgs, OutputArgs, SimulationArgs, parse_count};
use super::fit::cohort_csv;
use super::input::reproduce_command;
use super::output::{self, Outputs, print};
use super::progress::Progress;
use super::run::read_history;
use crate::app::Error;
use crate::app::calibrate::{CalibrateInput, CohortInput, ScenarioFile, prepare};
use crate::app::fit::cohorts;
use crate::present::terminal::calibrate::render;

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The scenario whose distributions are the priors (TOML); its months must cover the history's.
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    /// Your past months as CSV (`month` or `date`, and any of revenue, cogs, gross_profit,
    /// hours, customers, commission, ...; a spreadsheet's or `sidecast import`'s history.csv).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub actuals: PathBuf,
    /// The history's numbers use decimal commas (1.180,50), whatever its separator.
    #[arg(long)]
    pub decimal_comma: bool,
    /// The scenario `calibrated.toml` is made from, e.g. the one that projects from today
    /// [default: SCENARIO].
    #[arg(long, value_name = "SCENARIO", value_hint = ValueHint::FilePath)]
    pub project: Option<PathBuf>,
    /// Particles per generation (more: a smoother posterior, proportionally slower).
    #[arg(long, value_name = "N", default_value_t = 1000,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(100..=100_000))]
    pub particles: usize,
    /// The most simulated histories the calibration may run.
    #[arg(long, value_name = "N", default_value_t = 2_000_000,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1_000..=100_000_000))]
    pub max_simulations: usize,
    #[command(flatten)]
    pub cohorts: CohortArgs,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub chart: ChartArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Cohort facts as evidence beside the history, in the forms `fit retention` reads.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("cohort_facts").multiple(false).args(["counts", "survival", "cohorts"]))]
pub struct CohortArgs {
    /// Cohort facts too: customers still active at each age, `12,11,8` = 12 started, 11
    /// renewed, 8 reached a third month.
    #[arg(long, value_delimiter = ',', value_name = "N,N,...", value_parser = parse_count)]
    pub counts: Vec<u64>,
    /// Cohort facts as survival in percent at each age, starting at 100: `100,86.9,74.3`.
    #[arg(long, value_delimiter = ',', value_name = "P,P,...")]
    pub survival: Vec<f64>,
    /// Cohort size behind `--survival` [default: 1000, an assumption the report states].
    #[arg(long, value_name = "N", requires = "survival")]
    pub cohort_size: Option<f64>,
    /// Cohort facts from a CSV of cohorts: start month, then customers active at each age.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub cohorts: Option<PathBuf>,
    /// The churn the cohort facts measure, e.g. `affiliate.plans.pro.churn` [default: the
    /// reseller's, or the only plan's].
    #[arg(long, value_name = "KEY")]
    pub cohort_churn: Option<String>,
}

impl CohortArgs {
    fn input(&self) -> Result<Option<CohortInput>, Error> {
        let given = cohorts(&self.counts, (&self.survival, self.cohort_size), cohort_csv(self.cohorts.as_deref())?)?;
        if given.is_none() && self.cohort_churn.is_some() {
            return Err(Error::Usage(
                "--cohort-churn names the churn of cohort facts: give them with --counts, --survival or --cohorts"
                    .to_string(),
            ));
        }
        Ok(given.map(|(cohorts, source)| CohortInput { cohorts, source, churn_key: self.cohort_churn.clone() }))
    }
}

pub fn run(args: &CalibrateArgs) -> Result<(), Error> {
    args.simulation.configure_threads()?;
    let charts = args.chart.validated()?;
    let overrides = args.simulation.overrides()?;
    let levels = args.simulation.levels()?;
    // Each file read once (a pipe or `<(...)` can be read only once).
    let file = ScenarioFile::read(&args.scenario)?;
    let scenario = file.load(&overrides)?;
    let history = read_history(&args.actuals, &scenario, args.decimal_comma)?;
    let project = match args.project.as_deref() {
        Some(path) if path != args.scenario => ScenarioFile::read(path)?,
        _ => file.clone(),
    };
    let input = CalibrateInput {
        scenario,
        file,
        overrides,
        project: (project.load(&[])?, project),
        history,
        cohorts: args.cohorts.input()?,
        particles: args.particles,
        max_simulations: args.max_simulations,
        levels,
        charts,
        limits: args.simulation.limits(),
        command: reproduce_command(),
    };
    let prepared = prepare(&input)?;
    let folder = args.output.folder("calibrate", &args.scenario);
    let mut outputs = Outputs::prepare(&folder, args.output.json.as_deref())?;
    prepared.notes.iter().for_each(|n| output::note(&format!("note: {n}")));

    let result = prepared.run(&Progress { quiet: args.simulation.quiet })?;
    outputs.deliver(&result.delivery)?;
    let to_stdout = outputs.json_to_stdout();
    let files = outputs.commit()?;
    if !to_stdout {
        print(&render(&result.report))?;
        print(&format!("Wrote {} ({})", folder.display(), files.join(", ")))?;
        print(&format!("Project from the posterior: sidecast run {}", folder.join("calibrated.toml").display()))?;
    }
    Ok(())
}
