//! A scenario number: fixed, or drawn once per trajectory from a distribution and clamped
//! into the parameter's valid range. Fields are private: a [`Param`] is built through
//! [`Param::fixed`] or [`Param::uncertain`] and read through [`Param::view`].

use rand::Rng;
use thiserror::Error;

use super::Distribution;

/// Why numbers cannot make a parameter.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParamError {
    #[error("a parameter must be a finite number (got {0})")]
    NotFinite(f64),
    #[error("the valid range [{0}, {1}] is empty or not a range")]
    Bounds(f64, f64),
}

/// A number of the scenario: fixed, or drawn per trajectory.
///
/// `key` is the dotted scenario key; the draw for trajectory `i` comes from a random stream
/// derived from (seed, i, key), so parameters never share randomness with each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Param(Kind);

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Fixed(f64),
    /// Drawn per trajectory: from `distribution`, or, with a `column`, from that column of
    /// the scenario's parameter sets (one row per trajectory, shared by every column).
    Uncertain {
        key: String,
        distribution: Distribution,
        bounds: (f64, f64),
        column: Option<usize>,
    },
}

/// What a parameter is, to read (matching on it cannot build an invalid parameter).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamView<'a> {
    Fixed(f64),
    /// Drawn per trajectory; draws are clamped into `bounds` (low ≤ high). With a `column`,
    /// the values come from that column of the parameter sets (`distribution` is their
    /// empirical distribution).
    Uncertain {
        key: &'a str,
        distribution: &'a Distribution,
        bounds: (f64, f64),
        column: Option<usize>,
    },
}

impl Param {
    /// Zero, the default of most optional numbers.
    pub const ZERO: Param = Param(Kind::Fixed(0.0));

    /// A fixed value.
    ///
    /// # Errors
    /// [`ParamError::NotFinite`] for NaN or an infinity.
    pub fn fixed(value: f64) -> Result<Self, ParamError> {
        if value.is_finite() { Ok(Self(Kind::Fixed(value))) } else { Err(ParamError::NotFinite(value)) }
    }

    /// A value drawn per trajectory from `distribution`, clamped into `bounds`.
    ///
    /// # Errors
    /// [`ParamError::Bounds`] when `bounds` is not a range (low above high, or NaN).
    pub fn uncertain(key: &str, distribution: Distribution, bounds: (f64, f64)) -> Result<Self, ParamError> {
        let (low, high) = bounds;
        if low <= high {
            Ok(Self(Kind::Uncertain { key: key.to_string(), distribution, bounds, column: None }))
        } else {
            Err(ParamError::Bounds(low, high))
        }
    }

    /// A value drawn jointly with others: column `column` of the parameter sets, whose
    /// `values` (every row's) make its distribution.
    ///
    /// # Errors
    /// [`ParamError::NotFinite`] for no values or a non-finite one, [`ParamError::Bounds`]
    /// as for [`Param::uncertain`].
    pub fn joint(key: &str, column: usize, values: &[f64], bounds: (f64, f64)) -> Result<Self, ParamError> {
        let distribution = Distribution::empirical(values).map_err(|_| ParamError::NotFinite(f64::NAN))?;
        let mut param = Self::uncertain(key, distribution, bounds)?;
        if let Kind::Uncertain { column: c, .. } = &mut param.0 {
            *c = Some(column);
        }
        Ok(param)
    }

    pub fn view(&self) -> ParamView<'_> {
        match &self.0 {
            Kind::Fixed(v) => ParamView::Fixed(*v),
            Kind::Uncertain { key, distribution, bounds, column } => {
                ParamView::Uncertain { key, distribution, bounds: *bounds, column: *column }
            }
        }
    }

    /// The dotted key of an uncertain parameter.
    pub fn key(&self) -> Option<&str> {
        match &self.0 {
            Kind::Fixed(_) => None,
            Kind::Uncertain { key, .. } => Some(key),
        }
    }

    /// One draw of an uncertain parameter (the fixed value otherwise), within its range.
    pub fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match &self.0 {
            Kind::Fixed(v) => *v,
            Kind::Uncertain { distribution, bounds, .. } => distribution.sample(rng).clamp(bounds.0, bounds.1),
        }
    }

    /// The value below which a fraction `p` of draws falls, within the range (the fixed
    /// value for a fixed parameter).
    pub fn quantile(&self, p: f64) -> f64 {
        match &self.0 {
            Kind::Fixed(v) => *v,
            Kind::Uncertain { distribution, bounds, .. } => distribution.quantile(p).clamp(bounds.0, bounds.1),
        }
    }

    /// The fixed value, or the distribution's mean.
    pub fn central(&self) -> f64 {
        match &self.0 {
            Kind::Fixed(v) => *v,
            Kind::Uncertain { distribution, .. } => distribution.mean(),
        }
    }

    /// The column of the parameter sets it is drawn from, if it is.
    pub fn column(&self) -> Option<usize> {
        match &self.0 {
            Kind::Uncertain { column, .. } => *column,
            Kind::Fixed(_) => None,
        }
    }

    /// Whether this parameter varies between trajectories.
    pub fn is_uncertain(&self) -> bool {
        matches!(self.0, Kind::Uncertain { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_refuse_what_could_not_be_drawn() {
        assert!(Param::fixed(f64::NAN).is_err());
        assert!(Param::fixed(f64::INFINITY).is_err());
        assert_eq!(Param::fixed(0.25).unwrap().view(), ParamView::Fixed(0.25));
        let beta = Distribution::beta(2.0, 18.0).unwrap();
        assert!(Param::uncertain("reseller.churn", beta.clone(), (1.0, 0.0)).is_err());
        assert!(Param::uncertain("reseller.churn", beta.clone(), (f64::NAN, 1.0)).is_err());
        let p = Param::uncertain("reseller.churn", beta, (0.0, 1.0)).unwrap();
        assert_eq!(p.key(), Some("reseller.churn"));
        assert!(p.is_uncertain());
        let q = p.quantile(0.9);
        assert!(q > 0.1 && q < 0.3, "{q}");
    }

    #[test]
    fn draws_stay_within_the_range() {
        use rand::SeedableRng;
        let normal = Distribution::normal(0.1, 0.5).unwrap();
        let p = Param::uncertain("x", normal, (0.0, 1.0)).unwrap();
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(1);
        assert!((0..1000).map(|_| p.draw(&mut rng)).all(|v| (0.0..=1.0).contains(&v)));
    }
}
