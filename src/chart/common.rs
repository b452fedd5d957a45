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
/// Charts of one run appear side by side in a post, so the title names what the chart
/// shows ("Gross profit per month") and the subtitle carries the scenario, trajectories
/// and seed. A long title shrinks, then wraps to two lines; title and subtitle are cut
/// with "…" after two lines each, so the header never pushes into the plot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Titles {
    /// Bold headline: what is shown, e.g. "Gross profit per month".
    pub title: String,
    /// Up to two lines under the title: the scenario name, trajectories, seed.
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
