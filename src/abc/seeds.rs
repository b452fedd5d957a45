//! Random streams of a calibration: every draw is derived from (seed, purpose, generation,
//! proposal, replicate) by SplitMix64 mixing, and drawn from a named, portable generator
//! (Xoshiro256++), so a run gives the same numbers whatever the number of threads.
//!
//! A proposal's index counts the proposals of its generation, so the `k`-th proposal of a
//! generation is the same particle, with the same simulations, however the proposals are
//! split into rounds: the round size decides only how many proposals are evaluated after
//! the generation already has its particles.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::random::{INDEX_SALT, PURPOSE_SALT, mix, splitmix64};

/// The generator of every stream in a calibration.
pub type CalibrationRng = Xoshiro256PlusPlus;

/// What a stream is for; part of its identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
enum Purpose {
    /// A proposal: its parent particle and its perturbation (or its prior draw).
    Proposal = 1,
    /// The seed handed to the simulator for one replicate of one proposal.
    Simulation = 2,
    /// Resampling joint parameter sets from the posterior.
    ParameterSets = 3,
    /// Seeds of the posterior predictive simulations.
    Predictive = 4,
}

/// Folds the parts of a stream's identity into one key.
fn derive(seed: u64, purpose: Purpose, parts: &[u64]) -> u64 {
    let start = mix(splitmix64(seed), purpose as u64, PURPOSE_SALT);
    parts.iter().fold(start, |key, &part| mix(key, part, INDEX_SALT))
}

/// The streams of one calibration run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seeds {
    seed: u64,
}

impl Seeds {
    pub(crate) fn new(seed: u64) -> Self {
        Self { seed }
    }

    /// The generator of proposal `index` in `generation`.
    pub(crate) fn proposal(&self, generation: usize, index: u64) -> CalibrationRng {
        CalibrationRng::seed_from_u64(derive(self.seed, Purpose::Proposal, &[generation as u64, index]))
    }

    /// The simulator's seed for `replicate` of proposal `index` in `generation`.
    pub(crate) fn simulation(&self, generation: usize, index: u64, replicate: usize) -> u64 {
        derive(self.seed, Purpose::Simulation, &[generation as u64, index, replicate as u64])
    }

    /// The generator that resamples joint parameter sets.
    pub(crate) fn parameter_sets(&self) -> CalibrationRng {
        CalibrationRng::seed_from_u64(derive(self.seed, Purpose::ParameterSets, &[]))
    }

    /// The simulator's seed for posterior predictive simulation `index`.
    pub(crate) fn predictive(&self, index: u64) -> u64 {
        derive(self.seed, Purpose::Predictive, &[index])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn golden_values_pin_the_streams() {
        // If these change, every calibration changes: say so in the changelog.
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
        let streams = Seeds::new(2026);
        assert_eq!(streams.simulation(1, 2, 0), streams.simulation(1, 2, 0));
        let golden = [streams.proposal(0, 0).next_u64(), streams.simulation(3, 7, 1), streams.predictive(5)];
        assert_eq!(golden, GOLDEN);
    }

    const GOLDEN: [u64; 3] = [0x3D5A_FD43_158B_8B25, 0x0842_2B2B_5D0A_4A6A, 0x885E_01E7_1C94_5DBE];

    #[test]
    fn streams_differ_by_every_part_of_their_identity() {
        let s = Seeds::new(1);
        let values = [
            s.simulation(1, 2, 0),
            s.simulation(1, 2, 1),
            s.simulation(1, 3, 0),
            s.simulation(2, 2, 0),
            Seeds::new(2).simulation(1, 2, 0),
            s.predictive(2),
            s.proposal(1, 2).next_u64(),
            s.parameter_sets().next_u64(),
        ];
        for (i, a) in values.iter().enumerate() {
            assert!(values[i + 1..].iter().all(|b| a != b), "{i}");
        }
    }
}
