//! The one way sidecast mixes seeds: SplitMix64's output function ([`splitmix64`]) and one
//! step that folds a part of a stream's identity into its key ([`mix`]). The engine's
//! per-trajectory streams, the calibration's streams and the prior draws are all derived
//! by folding (seed, what the stream is for, which one) with these two, so every draw
//! depends only on its identity, never on threads or on the order of work.

/// The salt of an index part (a trajectory, a generation, a proposal).
pub const INDEX_SALT: u64 = 0xD6E8_FEB8_6659_FD93;
/// The salt of a purpose part (what a stream is for).
pub const PURPOSE_SALT: u64 = 0xA076_1D64_78BD_642F;

/// SplitMix64's output function: a strong 64-bit mixer.
pub const fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `key` with `part` folded in, `part` scaled by an odd `salt` that says what kind of part
/// it is ([`INDEX_SALT`], [`PURPOSE_SALT`], or 1 for a part already mixed).
pub const fn mix(key: u64, part: u64, salt: u64) -> u64 {
    splitmix64(key ^ part.wrapping_mul(salt))
}

/// The key of a stream named by `seed` and `parts` (each an index): the seed mixed, then
/// each part folded in order.
pub fn derive(seed: u64, parts: &[u64]) -> u64 {
    parts.iter().fold(splitmix64(seed), |key, &part| mix(key, part, INDEX_SALT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_values_pin_the_mixer() {
        // If these change, every published result changes: say so in the changelog.
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
        assert_eq!(mix(splitmix64(2026), 3, INDEX_SALT), splitmix64(splitmix64(2026) ^ 3u64.wrapping_mul(INDEX_SALT)));
        assert_eq!(derive(7, &[1, 2]), mix(mix(splitmix64(7), 1, INDEX_SALT), 2, INDEX_SALT));
        assert_ne!(derive(7, &[1, 2]), derive(7, &[2, 1]), "the order of the parts matters");
    }
}
