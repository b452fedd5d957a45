//! What every chart kind shares: the errors of drawing ([`ChartError`]), the headline text
//! ([`Titles`]) and percentile bands as charts take them ([`BandValues`], [`MonthlyBands`]).

/// Everything that can go wrong while drawing or writing a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The embedded font could not be registered with plotters.
    #[error("cannot register the embedded font {name}: the font data is invalid")]
    Font {
        /// Which font file failed.
        name: &'static str,
    },
    /// The chart's input cannot be drawn (no data, too many series, bad options...).
    #[error("cannot draw chart: {0}")]
    InvalidInput(String),
    /// plotters reported an error while drawing or encoding.
    #[error("drawing failed: {0}")]
    Draw(String),
    /// Reading or writing a file failed.
    #[error("cannot write chart {path}: {source}")]
    Io {
        /// The file or directory involved.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl ChartError {
    /// Wraps any plotters drawing error.
    pub(crate) fn draw<E: std::fmt::Display>(error: E) -> Self {
        ChartError::Draw(error.to_string())
    }
}

/// Headline text shared by every chart kind.
///
/// Charts are pasted into posts one by one, so the title is the chart's message ("Net
/// profit levels off near $570 a month") and the subtitle says, in words, what is drawn and
/// from what. A long title shrinks, then wraps; the subtitle wraps: neither is ever cut.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Titles {
    /// Bold headline: the message, e.g. "Net profit levels off near $570 a month".
    pub title: String,
    /// Lines under the title: what is drawn, from which scenario, how many futures.
    pub subtitle: Option<String>,
    /// A quiet line at the bottom, e.g. "sidecast · reseller.toml". Anything in it that
    /// looks like a file path is shown by its file name only (`/home/me/s/reseller.toml`
    /// → `reseller.toml`), so published images never reveal where files live.
    pub caption: Option<String>,
}

impl Titles {
    /// Titles with only a headline.
    pub fn new(title: impl Into<String>) -> Self {
        Titles { title: title.into(), ..Titles::default() }
    }
}

/// Percentile summary of one metric at one point (a month, a sweep value).
///
/// `None` marks an undefined value (e.g. the hourly rate with zero hours): such points are
/// skipped, never drawn as NaN.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BandValues {
    /// 5th percentile.
    pub p5: Option<f64>,
    /// 25th percentile.
    pub p25: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 75th percentile.
    pub p75: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
    /// Mean across trajectories.
    pub mean: Option<f64>,
}

/// Where a chart's months sit in the calendar and where "today" is, for every chart whose x
/// axis is months: with a calendar the axis reads "Jul 2026" (docs/model.md §14), without
/// one "month 7"; today, when known, is marked and labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The date of month 1 (the scenario's `first_month`), when the scenario gives it.
    pub calendar: Option<super::Calendar>,
    /// The last month that is past: the history's last month, or the month before the
    /// projection starts. Marked "today" on the axis.
    pub today: Option<u32>,
}

impl Timeline {
    /// A month as a reader names it: "Jul 2026", or "month 7" without a calendar.
    pub fn month(&self, month: u32) -> String {
        match self.calendar {
            Some(calendar) => calendar.label(month),
            None => format!("month {month}"),
        }
    }
}

/// Month-by-month percentile bands of one metric: `months[0]` is `first_month`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthlyBands {
    /// The month number of the first entry (1 for a projection from zero).
    pub first_month: u32,
    /// One entry per month, consecutive.
    pub months: Vec<BandValues>,
}

impl MonthlyBands {
    /// Month number and values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &BandValues)> {
        (self.first_month..).zip(self.months.iter())
    }

    /// The last month covered, if any.
    pub fn last_month(&self) -> Option<u32> {
        let len = u32::try_from(self.months.len()).ok()?;
        (len > 0).then(|| self.first_month + len - 1)
    }
}
