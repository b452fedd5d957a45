//! `report.html` of `sidecast fit retention`: both fits with their uncertainty, which the
//! data support, projected survival, the TOML snippet, the chart and the command.

use super::common::{PageContext, charts, range, reproduce, unbroken};
use super::page::{Block, Cell, Page, Section, Table};
use crate::present::charts::file_names;
use crate::report::retention::{RetentionModel, RetentionReport};
use crate::text::number::percent;

/// The page of a retention fit to the data described by `source`.
pub fn retention_page(r: &RetentionReport, source: &str, context: &PageContext) -> Page {
    let lede = format!(
        "{} cohort(s), {} customers, ages 0–{} ({}){}.",
        r.data.cohorts,
        r.data.customers,
        r.data.max_age,
        file_names(source),
        if r.small_sample { "; a small sample: treat the fit as a rough guide" } else { "" }
    );
    let b = &r.sbg.bootstrap;
    let fits = fits_table(r);
    let preferred = match r.comparison.preferred {
        RetentionModel::Sbg => "the shifted-beta-geometric model: customers differ, and retention improves with tenure",
        RetentionModel::Constant => "constant churn: no evidence that customers differ",
    };
    let verdict = format!(
        "The data support {preferred} (likelihood ratio {:.2}, p = {:.3}).",
        r.comparison.likelihood_ratio, r.comparison.p_value
    );
    let survival = survival_table(r);
    let mut sections = vec![
        Section::new("Fits", fits_blocks(r, fits, verdict)),
        Section::new("Projected survival", vec![Block::Table(survival)]),
        Section::new("Paste into your scenario", vec![Block::Code(r.toml_snippet.trim_end().to_string())]),
    ];
    sections.extend(charts(&context.figures));
    sections.push(Section::new(
        "Method",
        vec![Block::List(vec![
            "Both models are fitted by maximum likelihood to the customers still active at each age, pooled over the \
             cohorts."
                .into(),
            format!(
                "The sBG intervals come from a parametric bootstrap of {} replicates (seed {}); the constant churn's \
                 from its Beta posterior under a uniform prior.",
                b.replicates, b.seed
            ),
            "The model is described in docs/model.md of sidecast's repository.".into(),
        ])],
    ));
    sections.push(reproduce(&context.command));
    Page { title: "Customer retention fit".into(), lede: vec![lede], sections }
}

/// The two models side by side, one row per quantity (narrow enough for a phone).
fn fits_table(r: &RetentionReport) -> Table {
    let b = &r.sbg.bootstrap;
    let [lo, hi] = r.constant.churn_ci90;
    let mut rows = vec![vec![
        Cell::new("Parameters"),
        Cell::with_range(
            format!("α\u{a0}{:.4}, β\u{a0}{:.4}", r.sbg.alpha, r.sbg.beta),
            format!(
                "α {}, β {}",
                range(&format!("{:.3}", b.alpha_ci90[0]), &format!("{:.3}", b.alpha_ci90[1])),
                range(&format!("{:.3}", b.beta_ci90[0]), &format!("{:.3}", b.beta_ci90[1]))
            ),
        ),
        Cell::with_range(
            unbroken(&format!("{} a month", percent(r.constant.churn))),
            range(&percent(lo), &percent(hi)),
        ),
    ]];
    for (s, c) in r.sbg.implied_churn.iter().zip(&r.constant.implied_churn) {
        rows.push(vec![
            Cell::new(unbroken(&format!("Churn in month {}", s.month))),
            Cell::new(percent(s.churn)),
            Cell::new(percent(c.churn)),
        ]);
    }
    rows.push(vec![
        Cell::new("Log-likelihood"),
        Cell::new(format!("{:.3}", r.sbg.log_likelihood)),
        Cell::new(format!("{:.3}", r.constant.log_likelihood)),
    ]);
    rows.push(vec![
        Cell::new("AIC"),
        Cell::new(format!("{:.2}", r.comparison.aic_sbg)),
        Cell::new(format!("{:.2}", r.comparison.aic_constant)),
    ]);
    Table { header: vec!["Fit (90% interval)".into(), "Shifted-beta-geometric".into(), "Constant churn".into()], rows }
}

fn fits_blocks(r: &RetentionReport, fits: Table, verdict: String) -> Vec<Block> {
    let mut blocks = vec![Block::Table(fits), Block::Paragraph(verdict)];
    if r.sbg.at_boundary {
        blocks.push(Block::Paragraph(format!(
            "The sBG fit hit its search bound: {} customers cannot tell it from constant churn, so its α and β mean \
             little; constant churn could be {} to {} a month.",
            r.data.customers,
            percent(r.constant.churn_ci90[0]),
            percent(r.constant.churn_ci90[1])
        )));
    }
    blocks
}

fn survival_table(r: &RetentionReport) -> Table {
    let rows = r
        .survival
        .iter()
        .filter(|p| [3, 6, 12, 24].contains(&p.age))
        .map(|p| {
            vec![
                Cell::new(unbroken(&format!("Month {}", p.age))),
                Cell::new(p.observed.map_or_else(|| "–".to_string(), percent)),
                Cell::new(percent(p.sbg)),
                Cell::with_range(
                    percent(p.constant),
                    format!("{} – {}", percent(p.constant_ci90[0]), percent(p.constant_ci90[1])),
                ),
            ]
        })
        .collect();
    Table { header: vec!["Age".into(), "Observed".into(), "sBG".into(), "Constant churn (90%)".into()], rows }
}
