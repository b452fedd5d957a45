//! The titles every chart of a run shares: the subtitle (scenario, what is drawn, how many
//! futures, the seed), the caption, and the run's timeline (its calendar and today).

use super::figure::caption;
use super::history::today;
use super::words::futures;
use crate::chart::{Calendar, Timeline, Titles};
use crate::report::RunReport;

/// The months and dates of a run's charts: today is the month before the projection.
pub fn timeline(report: &RunReport, calendar: Option<Calendar>) -> Timeline {
    Timeline { calendar, today: report.months.first().copied().and_then(today) }
}

/// The subtitle of a run's chart: the scenario, what is drawn, a note, then the futures
/// (unless what is drawn names them) and the seed.
pub fn run_subtitle(report: &RunReport, drawn: &str, note: Option<String>) -> String {
    let mut parts = vec![report.scenario.clone(), drawn.to_string()];
    parts.extend(note);
    let how_many = futures(report.trajectories);
    if drawn.contains(&how_many) {
        parts.push(format!("seed {}", report.seed));
    } else {
        parts.push(format!("{how_many}, seed {}", report.seed));
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join(" · ")
}

/// The titles of a run's chart other than a fan's.
pub fn run_titles(report: &RunReport, title: String, drawn: &str) -> Titles {
    Titles {
        title,
        subtitle: Some(run_subtitle(report, drawn, None)),
        caption: Some(caption("sidecast", &report.source)),
    }
}
