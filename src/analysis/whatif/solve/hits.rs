//! Which trajectories reach the target at one lever value, as a bitset in trajectory
//! order: counted, and compared trajectory by trajectory between two lever values (the
//! pairing common random numbers make possible).

/// Which trajectories reached the target at one lever value.
#[derive(Clone, PartialEq, Eq)]
pub struct Hits {
    words: Vec<u64>,
    len: usize,
    count: usize,
}

impl Hits {
    /// From one flag per trajectory, in trajectory order.
    pub fn new(flags: impl IntoIterator<Item = bool>) -> Self {
        let (mut words, mut len, mut count) = (Vec::new(), 0, 0);
        for flag in flags {
            if len % 64 == 0 {
                words.push(0);
            }
            if flag {
                if let Some(word) = words.last_mut() {
                    *word |= 1 << (len % 64);
                }
                count += 1;
            }
            len += 1;
        }
        Self { words, len, count }
    }

    /// Trajectories that reached the target.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Trajectories in all.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Trajectories that reached it in one set and not in the other.
    pub fn discordant(&self, other: &Hits) -> usize {
        self.words.iter().zip(&other.words).map(|(a, b)| (a ^ b).count_ones() as usize).sum()
    }

    /// Whether the two counts differ by more than chance allows, paired by trajectory.
    pub fn differs(&self, other: &Hits) -> bool {
        let d = self.count.abs_diff(other.count) as f64;
        d > 0.0 && d * d > 4.0 * self.discordant(other) as f64
    }
}

impl std::fmt::Debug for Hits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Hits({} of {})", self.count, self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_count_and_pair() {
        let a = Hits::new((0..130).map(|i| i % 3 == 0));
        let b = Hits::new((0..130).map(|i| i % 3 == 0 || i == 1 || i == 127));
        assert_eq!((a.count(), a.len(), b.count()), (44, 130, 46));
        assert_eq!(a.discordant(&b), 2);
        assert!(!a.differs(&b), "2 of 2 discordant: within chance");
        let c = Hits::new((0..130).map(|i| i < 100));
        let d = Hits::new((0..130).map(|i| i < 90));
        assert!(c.differs(&d), "10 of 10 discordant: not chance");
    }
}
