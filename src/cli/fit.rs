//! `sidecast fit retention`: fit the shifted-beta-geometric and constant-churn models to a
//! cohort's survival, print both fits with their uncertainty and a TOML snippet, write the
//! JSON and the survival chart.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};

use super::BadInput;
use super::args::{ChartArgs, write_charts};
use crate::analysis::retention::{
    CohortSet, FitOptions, RetentionModel, RetentionReport, fit_retention, parse_cohort_csv,
};
use crate::chart::{SurvivalChart, SurvivalCurve, Titles};
use crate::export::{self, Destination};
use crate::report::format::percent;

#[derive(Debug, Subcommand)]
pub enum FitCommand {
    /// Fit churn models to a cohort's survival: counts, percentages or a CSV of cohorts.
    Retention(RetentionArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("data").required(true).args(["counts", "survival", "cohorts"]))]
pub struct RetentionArgs {
    /// Customers still active at each age: `12,11,8` = 12 started, 11 renewed, 8 reached a third month.
    #[arg(long, value_delimiter = ',', value_name = "N,N,...")]
    pub counts: Vec<u64>,
    /// Survival in percent at each age, starting at 100: `100,86.9,74.3`.
    #[arg(long, value_delimiter = ',', value_name = "P,P,...")]
    pub survival: Vec<f64>,
    /// Cohort size behind `--survival` [default: 1000, an assumption the report states].
    #[arg(long, value_name = "N", requires = "survival")]
    pub cohort_size: Option<f64>,
    /// A CSV of cohorts: start month, then customers active at each age (ragged rows allowed).
    #[arg(long, value_name = "FILE")]
    pub cohorts: Option<PathBuf>,
    /// Months to project survival for.
    #[arg(long, default_value_t = 24, value_name = "N")]
    pub months: usize,
    /// Write the fit as JSON here (`-` = stdout, which then gets no text report).
    #[arg(long, value_name = "PATH")]
    pub json: Option<String>,
    /// Output folder for the chart [default: output/fit-retention/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub chart: ChartArgs,
}

pub fn run(command: &FitCommand) -> anyhow::Result<()> {
    match command {
        FitCommand::Retention(args) => retention(args),
    }
}

fn cohorts(args: &RetentionArgs) -> anyhow::Result<(CohortSet, String)> {
    if let Some(path) = &args.cohorts {
        let text =
            std::fs::read_to_string(path).map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
        let name = path.display().to_string();
        let set = parse_cohort_csv(&text, &name).map_err(|e| BadInput(e.to_string()))?;
        return Ok((set, name));
    }
    if !args.counts.is_empty() {
        let set = CohortSet::from_counts(&args.counts).map_err(|e| BadInput(format!("--counts: {e}")))?;
        let joined: Vec<String> = args.counts.iter().map(ToString::to_string).collect();
        return Ok((set, format!("counts {}", joined.join(", "))));
    }
    let set = CohortSet::from_survival_percent(&args.survival, args.cohort_size)
        .map_err(|e| BadInput(format!("--survival: {e}")))?;
    Ok((set, "survival percentages".to_string()))
}

fn retention(args: &RetentionArgs) -> anyhow::Result<()> {
    if args.months == 0 {
        return Err(BadInput("--months must be at least 1".into()).into());
    }
    let (data, source) = cohorts(args)?;
    let folder = args.out.clone().unwrap_or_else(|| PathBuf::from("output/fit-retention"));
    export::create_folder(&folder)?;
    let report = fit_retention(&data, &FitOptions { projection_months: args.months, ..FitOptions::default() });
    let json = export::json::to_json(&report).context("cannot encode the fit as JSON")?;
    export::write(&Destination::File(folder.join("fit.json")), &json)?;
    let chart = [("survival".to_string(), survival_chart(&report, &source))];
    let images = write_charts(&chart, &folder, &args.chart)?;
    let destination = args.json.as_deref().map(Destination::parse);
    if let Some(d) = &destination {
        export::write(d, &json)?;
    }
    if destination != Some(Destination::Stdout) {
        println!("{}", render(&report));
        println!(
            "Wrote {} ({})",
            folder.display(),
            ["fit.json".to_string()].iter().chain(&images).cloned().collect::<Vec<_>>().join(", ")
        );
    }
    Ok(())
}

fn survival_chart(report: &RetentionReport, source: &str) -> SurvivalChart {
    let observed = report.survival.iter().filter_map(|p| Some((p.age as u32, p.observed?))).collect();
    let curve = |label: String, pick: fn(&crate::analysis::retention::report::SurvivalPoint) -> f64| SurvivalCurve {
        label,
        points: report.survival.iter().map(|p| (p.age as u32, pick(p))).collect(),
        interval: Vec::new(),
    };
    let sbg_label = if report.sbg.at_boundary {
        "sBG fit (at its search bound)".to_string()
    } else {
        format!("sBG fit (α {:.3}, β {:.3})", report.sbg.alpha, report.sbg.beta)
    };
    let [churn_lo, churn_hi] = report.constant.churn_ci90;
    let mut constant = curve(format!("constant churn {}", percent(report.constant.churn)), |p| p.constant);
    // The interval of (1 - c)^age for c at the ends of the reported 90% interval.
    constant.interval = report
        .survival
        .iter()
        .map(|p| (p.age as u32, (1.0 - churn_hi).powi(p.age as i32), (1.0 - churn_lo).powi(p.age as i32)))
        .collect();
    let note = report.sbg.at_boundary.then(|| {
        format!(
            "The sBG fit hit its search bound: {} customers cannot tell it from constant churn, which could be {} to {} a month.",
            report.data.customers,
            percent(churn_lo),
            percent(churn_hi)
        )
    });
    SurvivalChart {
        titles: Titles {
            title: "Customer retention: observed and fitted".into(),
            subtitle: Some(format!(
                "{} · dashed = projection beyond the data{}",
                match report.data.assumed_cohort_size {
                    Some(size) => format!("percentages, read as a cohort of {size} customers"),
                    None => format!("{} customers", report.data.customers),
                },
                if report.small_sample { " · small sample: treat the fit as a rough guide" } else { "" }
            )),
            caption: Some(format!("sidecast fit retention · {source}")),
        },
        observed,
        curves: vec![curve(sbg_label, |p| p.sbg), constant],
        note,
        interval_label: Some("90% interval of constant churn".into()),
    }
}

/// The text report.
pub fn render(r: &RetentionReport) -> String {
    let churn_line = |v: &[crate::analysis::retention::report::MonthChurn]| {
        v.iter().map(|c| format!("month {}: {}", c.month, percent(c.churn))).collect::<Vec<_>>().join(", ")
    };
    let b = &r.sbg.bootstrap;
    let preferred = match r.comparison.preferred {
        RetentionModel::Sbg => "shifted-beta-geometric (customers differ; retention improves with tenure)",
        RetentionModel::Constant => "constant churn (no evidence that customers differ)",
    };
    let survival: Vec<String> = r
        .survival
        .iter()
        .filter(|p| [3, 6, 12, 24].contains(&p.age))
        .map(|p| format!("month {}: {} (sBG) / {} (constant)", p.age, percent(p.sbg), percent(p.constant)))
        .collect();
    format!(
        "Retention fit: {} cohort(s), {} customers, ages 0-{}{}\n\n\
         Shifted-beta-geometric: α = {:.4}, β = {:.4}{} (90% bootstrap intervals α [{:.3}, {:.3}], β [{:.3}, {:.3}])\n  \
         log-likelihood {:.3}; implied churn {}\n\
         Constant churn: {} a month (90% interval {} – {})\n  \
         log-likelihood {:.3}; implied churn {}\n\n\
         The data support: {preferred}\n  likelihood ratio {:.2}, p = {:.3}; AIC {:.2} (sBG) vs {:.2} (constant)\n\n\
         Projected survival: {}\n\n\
         Paste into your scenario:\n{}\n",
        r.data.cohorts,
        r.data.customers,
        r.data.max_age,
        if r.small_sample { " (a small sample)" } else { "" },
        r.sbg.alpha,
        r.sbg.beta,
        if r.sbg.at_boundary { " (at the search bound)" } else { "" },
        b.alpha_ci90[0],
        b.alpha_ci90[1],
        b.beta_ci90[0],
        b.beta_ci90[1],
        r.sbg.log_likelihood,
        churn_line(&r.sbg.implied_churn),
        percent(r.constant.churn),
        percent(r.constant.churn_ci90[0]),
        percent(r.constant.churn_ci90[1]),
        r.constant.log_likelihood,
        churn_line(&r.constant.implied_churn),
        r.comparison.likelihood_ratio,
        r.comparison.p_value,
        r.comparison.aic_sbg,
        r.comparison.aic_constant,
        survival.join("; "),
        r.toml_snippet.trim_end()
    )
}
