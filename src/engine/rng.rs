//! Random streams: every draw in a run is derived from (seed, trajectory, purpose, index)
//! with named, portable generators (Xoshiro256++ seeded through SplitMix64 for long streams,
//! SplitMix64 itself for an entity's few draws at arrival and at upgrades), so results do
//! not depend on thread scheduling, and two variants run with the same seed share their
//! randomness entity by entity (common random numbers, docs/model.md §7.3-7.5).

use std::convert::Infallible;

use rand::{SeedableRng, TryRng};
use rand_xoshiro::SplitMix64;

use crate::random::{INDEX_SALT, PURPOSE_SALT, mix, splitmix64};

/// The generator of every long stream (parameters, a piece's peak, an entity's monthly
/// draws): Xoshiro256++, output for output `rand_xoshiro::Xoshiro256PlusPlus` seeded with
/// `seed_from_u64` (a test holds them equal). Its own type because the crate builds a state
/// only from bytes, which `seeded` writes as four words and the crate reads back with wider
/// loads: the processor cannot forward those from the stores and waits for them, once per
/// customer and once per piece of content (a fifth of a run with a peak drawn per piece;
/// docs/performance.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamRng {
    s: [u64; 4],
}

impl TryRng for StreamRng {
    type Error = Infallible;

    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        // The upper half, as the crate does: the lowest bits are the weaker ones.
        self.try_next_u64().map(|x| (x >> 32) as u32)
    }

    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let s = &mut self.s;
        let out = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        Ok(out)
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), Infallible> {
        // Eight bytes a word, little-endian, the last word cut short.
        for chunk in dest.chunks_mut(8) {
            let word = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(())
    }
}

/// What a stream is for; part of the stream's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// A scenario parameter drawn once per trajectory (index: hash of its dotted key).
    Parameter = 1,
    /// Number of new reseller customers in a month (index: month).
    ResellerArrivals = 2,
    /// A reseller customer (index: [`entity_id`]): see [`EntityStreams`].
    Customer = 3,
    /// Number of referred signups in a month (index: month).
    AffiliateSignups = 5,
    /// A referred subscriber (index: [`subscriber_id`]): see [`EntityStreams`].
    Subscriber = 6,
    /// Number of signups a programme gets from content in a month (index: programme and
    /// month, as for [`Purpose::AffiliateSignups`]).
    ContentSignups = 7,
    /// A piece of content's peak signup rate (index: [`piece_id`]).
    Piece = 8,
}

/// One more than the largest [`Purpose`]: the size of a trajectory's table of keys.
const PURPOSES: usize = Purpose::Piece as usize + 1;

/// FNV-1a hash of a parameter key: stable across releases and platforms.
pub fn key_hash(key: &str) -> u64 {
    key.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3))
}

/// The identity of an entity arriving in `month` as the `n`-th of that month (month 0 is
/// the initial base): stable across variants as long as the entity exists in both.
pub fn entity_id(month: usize, n: u32) -> u64 {
    ((month as u64) << 32) | u64::from(n)
}

/// The index of a programme's monthly signup draw: the first programme's is the month
/// alone, so a single-programme scenario keeps its draws.
pub fn programme_month(programme: usize, month: usize) -> u64 {
    ((programme as u64) << 32) | month as u64
}

/// The identity of a referred subscriber: the `n`-th of `month` (0 = the initial base) of
/// programme `programme`, from the programme's own signups or (`content`) from content.
/// The first programme's own signups have [`entity_id`]'s identities.
pub fn subscriber_id(programme: usize, content: bool, month: usize, n: u32) -> u64 {
    ((programme as u64) << 48) | (u64::from(content) << 47) | entity_id(month, n)
}

/// The identity of the `n`-th piece of content published in 0-based simulated month
/// `month` (negative: before the start; `existing` pieces have their own identities).
pub fn piece_id(month: i64, existing: bool, n: u32) -> u64 {
    ((month as u64) << 33) ^ (u64::from(existing) << 32) ^ u64::from(n)
}

/// The streams of one trajectory.
#[derive(Debug, Clone, Copy)]
pub struct Streams {
    /// The key of each purpose (indexed by its number), mixed once per trajectory.
    keys: [u64; PURPOSES],
}

impl Streams {
    pub fn new(seed: u64, trajectory: u64) -> Self {
        let key = mix(splitmix64(seed), trajectory, INDEX_SALT);
        Self { keys: std::array::from_fn(|p| mix(key, p as u64, PURPOSE_SALT)) }
    }

    fn derive(&self, purpose: Purpose, index: u64) -> u64 {
        mix(self.keys[purpose as usize], index, 1)
    }

    /// A generator for one purpose and index.
    pub fn rng(&self, purpose: Purpose, index: u64) -> StreamRng {
        seeded(self.derive(purpose, index))
    }

    /// A single uniform draw in [0, 1) for one purpose and index (no generator state).
    pub fn uniform(&self, purpose: Purpose, index: u64) -> f64 {
        (self.derive(purpose, index) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// The streams of one customer or subscriber.
    pub fn entity(&self, purpose: Purpose, id: u64) -> EntityStreams {
        EntityStreams { key: self.derive(purpose, id) }
    }
}

/// The three streams of one customer or subscriber, derived from its one key, so that what
/// it draws for one purpose never shifts what it draws for another: a variant that upgrades
/// a customer earlier still gives it the same spend noise.
#[derive(Debug, Clone, Copy)]
pub struct EntityStreams {
    key: u64,
}

impl EntityStreams {
    /// Draws made once, at arrival (churn threshold, tier, spend, own churn rate): a few
    /// values, so a SplitMix64 stream that costs nothing to seed.
    pub fn traits(&self) -> SplitMix64 {
        SplitMix64::seed_from_u64(self.key)
    }

    /// One draw per upgrade: the threshold of the next upgrade (see `EventClock`).
    pub fn upgrades(&self) -> SplitMix64 {
        SplitMix64::seed_from_u64(self.key ^ 0x5851_F42D_4C95_7F2D)
    }

    /// The monthly draws (spend noise): a Xoshiro256++ stream.
    pub fn life(&self) -> StreamRng {
        seeded(self.key ^ 0x2545_F491_4F6C_DD1D)
    }
}

/// The stream of `seed`: the state `Xoshiro256PlusPlus::seed_from_u64(seed)` has, the first
/// four outputs of SplitMix64 from `seed`. (Those are never all zero, four distinct inputs
/// of a bijection, so the crate's fallback for an all-zero state never applies.)
fn seeded(seed: u64) -> StreamRng {
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
    let word = |i: u64| splitmix64(seed.wrapping_add(GAMMA.wrapping_mul(i)));
    StreamRng { s: [word(0), word(1), word(2), word(3)] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn golden_values_pin_the_generator() {
        // If these change, every published result changes: say so in the changelog.
        let entity = Streams::new(2026, 0).entity(Purpose::Customer, entity_id(0, 0));
        assert_eq!(entity.life().next_u64(), 0xFE06_8877_1076_2B9C);
        assert_eq!(entity.traits().next_u64(), 0x4C00_807A_C673_EB5A);
        assert_eq!(entity.upgrades().next_u64(), 0x29D5_5B68_CECD_B609);
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
        // FNV-1a of the key: a parameter's stream is identified by it in every release.
        assert_eq!(key_hash("reseller.churn"), 0x3C8F_30A1_DF49_1797);
        assert_eq!(key_hash(""), 0xCBF2_9CE4_8422_2325, "the FNV offset basis");
        assert_ne!(key_hash("reseller.churn"), key_hash("reseller.arrivals"));
    }

    #[test]
    fn every_purpose_has_a_key() {
        let all = [
            Purpose::Parameter,
            Purpose::ResellerArrivals,
            Purpose::Customer,
            Purpose::AffiliateSignups,
            Purpose::Subscriber,
            Purpose::ContentSignups,
            Purpose::Piece,
        ];
        assert!(all.iter().all(|&p| (p as usize) < PURPOSES));
    }

    #[test]
    fn the_stream_generator_is_the_crates_xoshiro256_plus_plus() {
        // Every kind of output, interleaved, against `rand_xoshiro`'s generator seeded
        // from the same u64: the published numbers rest on these streams.
        use rand_xoshiro::Xoshiro256PlusPlus;
        let mut splitmix = SplitMix64::seed_from_u64(3);
        let seeds =
            [0, 1, 42, u64::MAX, 0x2545_F491_4F6C_DD1D].into_iter().chain((0..200).map(|_| splitmix.next_u64()));
        for seed in seeds {
            let (mut ours, mut theirs) = (seeded(seed), Xoshiro256PlusPlus::seed_from_u64(seed));
            for step in 0..64 {
                assert_eq!(ours.next_u64(), theirs.next_u64(), "seed {seed}, step {step}");
                assert_eq!(ours.next_u32(), theirs.next_u32(), "seed {seed}, step {step}");
                let (mut a, mut b) = ([0u8; 13], [0u8; 13]);
                ours.fill_bytes(&mut a[..step % 14]);
                theirs.fill_bytes(&mut b[..step % 14]);
                assert_eq!(a, b, "seed {seed}, step {step}");
            }
        }
        // The reference implementation's first outputs for the state (1, 2, 3, 4)
        // (xoshiro.di.unimi.it/xoshiro256plusplus.c).
        let mut reference = StreamRng { s: [1, 2, 3, 4] };
        let first = [reference.next_u64(), reference.next_u64(), reference.next_u64()];
        assert_eq!(first, [41_943_041, 58_720_359, 3_588_806_011_781_223]);
    }

    #[test]
    fn streams_differ_by_trajectory_purpose_and_index() {
        let s = Streams::new(1, 0);
        let values = [
            s.uniform(Purpose::ResellerArrivals, 1),
            s.uniform(Purpose::ResellerArrivals, 2),
            s.uniform(Purpose::AffiliateSignups, 1),
            Streams::new(1, 1).uniform(Purpose::ResellerArrivals, 1),
            Streams::new(2, 0).uniform(Purpose::ResellerArrivals, 1),
        ];
        for (i, a) in values.iter().enumerate() {
            assert!((0.0..1.0).contains(a));
            for b in &values[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
