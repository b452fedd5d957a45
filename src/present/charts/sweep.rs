//! The chart of `sidecast sweep`: the output's median and bands against one parameter, or
//! a heatmap of its median (or of a target's probability) over two.

use super::{Figure, caption, chart_unit, subtitle};
use crate::text::Unit;
use crate::chart::{BandValues, HeatmapChart, SweepChart, SweepPoint, Titles};
use crate::scenario::keys::unit_of;
use crate::report::sweep::{PointSummary, SweepReport, SweptParameter};
use crate::text::number::{thousands, value};

/// "Churn", "Arrivals per month".
fn axis_name(parameter: &SweptParameter) -> String {
    let words = &parameter.name;
    let mut chars = words.chars();
    let name = chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
    if unit_of(&parameter.key) == Unit::PerMonth { format!("{name} per month") } else { name }
}

/// The band chart (`sweep`, one parameter) or the heatmap (`heatmap`, two), if any;
/// `scenario` is the swept scenario's name.
pub fn sweep_chart(report: &SweepReport, scenario: &str, source: &str) -> Option<(String, Figure)> {
    let metric = &report.metric;
    let output = format!("{} in month {}", metric.label(), report.month);
    let titles = |title: String| Titles {
        title,
        subtitle: Some(subtitle(
            Some(scenario),
            &format!(
                "{} trajectories at each point, seed {}, the same random numbers at every point",
                thousands(report.trajectories as u64),
                report.seed
            ),
        )),
        caption: Some(caption("sidecast sweep", source)),
    };
    match report.parameters.as_slice() {
        [x] => {
            let chart = SweepChart {
                titles: titles(format!("{output} by {}", x.name)),
                parameter: axis_name(x),
                parameter_unit: unit_of(&x.key),
                metric: output,
                unit: chart_unit(metric.metric()),
                points: report.points.iter().map(sweep_point).collect(),
            };
            Some(("sweep".to_string(), Figure::Sweep(chart)))
        }
        [x, y] => {
            let (what, unit, cells) = match report.target {
                Some(t) => (
                    format!("P({} ≥ {})", output.to_lowercase(), value(Some(t), metric.unit())),
                    crate::chart::Unit::Percent,
                    report.grid(|p| p.prob_target.map(|p| p.probability)),
                ),
                None => {
                    (format!("Median {}", output.to_lowercase()), chart_unit(metric.metric()), report.grid(|p| p.p50))
                }
            };
            let chart = HeatmapChart {
                titles: titles(format!("{what} by {} and {}", x.name, y.name)),
                x_parameter: axis_name(x),
                x_unit: unit_of(&x.key),
                x_values: x.values.clone(),
                y_parameter: axis_name(y),
                y_unit: unit_of(&y.key),
                y_values: y.values.clone(),
                metric: what,
                unit,
                cells,
            };
            Some(("heatmap".to_string(), Figure::Heatmap(chart)))
        }
        _ => None,
    }
}

fn sweep_point(p: &PointSummary) -> SweepPoint {
    SweepPoint {
        parameter: p.parameters.first().copied().unwrap_or(f64::NAN),
        values: BandValues { p5: p.p5, p25: p.p25, p50: p.p50, p75: p.p75, p95: p.p95, mean: p.mean },
    }
}
