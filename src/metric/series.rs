//! The key of one series of a report: a whole-business metric or one of a named part's.

use std::fmt;

use serde::{Serialize, Serializer};

use super::{Metric, Unit};

/// The key of one series of a report: a metric over the whole business
/// (`active_customers`), or of one tier or plan (`active_customers.starter`,
/// `subscribers.pro`). Serialised as that dotted text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SeriesKey {
    metric: Metric,
    part: Option<String>,
}

impl SeriesKey {
    /// The metric of one named part (a tier or a plan).
    pub fn part(metric: Metric, name: &str) -> Self {
        Self { metric, part: Some(name.to_string()) }
    }

    pub fn metric(&self) -> Metric {
        self.metric
    }

    /// The tier or plan, for a per-part series.
    pub fn part_name(&self) -> Option<&str> {
        self.part.as_deref()
    }

    /// Reads `gross_profit`, `active_customers.starter` or `subscribers.pro`: a metric key,
    /// or a metric of one part (whether the scenario has that series, a tier, plan or
    /// programme of that name, is for the scenario to say). `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(metric) = Metric::from_key(text) {
            return Some(metric.into());
        }
        let (metric, part) = text.split_once('.')?;
        let metric = Metric::from_key(metric)?;
        (!part.is_empty()).then(|| Self::part(metric, part))
    }

    /// A label for tables and charts: "Active customers", "Active customers (starter)".
    pub fn label(&self) -> String {
        match &self.part {
            Some(part) => format!("{} ({part})", self.metric.label()),
            None => self.metric.label().to_string(),
        }
    }

    /// The label inside a sentence: "active customers (Starter)"; a tier or plan keeps its
    /// own spelling.
    pub fn lower_label(&self) -> String {
        match &self.part {
            Some(part) => format!("{} ({part})", self.metric.label().to_lowercase()),
            None => self.metric.label().to_lowercase(),
        }
    }

    pub fn unit(&self) -> Unit {
        self.metric.unit()
    }
}

impl From<Metric> for SeriesKey {
    fn from(metric: Metric) -> Self {
        Self { metric, part: None }
    }
}

impl fmt::Display for SeriesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.part {
            Some(part) => write!(f, "{}.{part}", self.metric.key()),
            None => f.write_str(self.metric.key()),
        }
    }
}

impl Serialize for SeriesKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
