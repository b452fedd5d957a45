//! The simulator interface: one simulated history's summaries for a parameter set and a
//! seed. Any `Fn(&[f64], u64) -> Vec<Option<f64>> + Sync` closure is a simulator.
//!
//! The summaries are laid out like the observed history (say, one entry per column and
//! month); an entry may be `None` where the history has no value. A simulation whose
//! vector has the wrong length, or lacks a finite value where the history has one (NaN,
//! infinity, `None`), is rejected: it never becomes a particle.

/// A model calibration can run.
pub trait Simulator: Sync {
    /// The summaries of one simulated history with `parameters` (in the order the
    /// parameters were given) and randomness derived from `seed` alone.
    fn simulate(&self, parameters: &[f64], seed: u64) -> Vec<Option<f64>>;
}

impl<F> Simulator for F
where
    F: Fn(&[f64], u64) -> Vec<Option<f64>> + Sync,
{
    fn simulate(&self, parameters: &[f64], seed: u64) -> Vec<Option<f64>> {
        self(parameters, seed)
    }
}
