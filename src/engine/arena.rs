//! The memory of a run's stored values: one allocation per kind of value, and for a large
//! run an anonymous mapping of its own, so that the kernel can be asked to fault it in ahead
//! of the writes (a few megabytes a call, spread over the workers, instead of a fault per
//! 4 KiB page in the middle of the simulation). The mapping keeps small pages: see
//! [`fault_ahead`]. Small blocks (the one-trajectory runs of calibration, a streaming
//! worker's block) are a plain `Vec`.

use bytemuck::Pod;
#[cfg(target_os = "linux")]
use memmap2::Advice;
use memmap2::MmapMut;
use rayon::prelude::*;

/// Below this many bytes, a block's values are a plain `Vec`.
const MAPPED_MIN: usize = 8 << 20;
/// Bytes faulted in per call of [`Arena::prefault`].
const PREFAULT_STEP: usize = 8 << 20;

/// `len` values of type `T`, zero until written.
#[derive(Debug)]
pub(super) enum Arena<T> {
    Heap(Vec<T>),
    /// `ahead`: the kernel faults it in on request, its first step already done.
    Mapped {
        map: MmapMut,
        len: usize,
        ahead: bool,
    },
}

/// Whether the kernel faults memory in on request (Linux 5.14 and later); if so, the first
/// step is faulted in now. The mapping is kept in small pages: on the measuring machine (a
/// virtual machine) 365 MB of huge pages took 1.2 s of kernel time to fault in when the
/// system had been idle for a few seconds, as a user's run finds it, and 0.04 s right after
/// another run had freed them; small pages took 0.12 s either way (docs/performance.md).
#[cfg(target_os = "linux")]
fn fault_ahead(map: &MmapMut) -> bool {
    let _ = map.advise(Advice::NoHugePage);
    map.advise_range(Advice::PopulateWrite, 0, PREFAULT_STEP.min(map.len())).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn fault_ahead(_: &MmapMut) -> bool {
    false
}

/// Faults in `len` bytes from `offset` (a failure only leaves them to the first write).
#[cfg(target_os = "linux")]
fn populate(map: &MmapMut, offset: usize, len: usize) {
    let _ = map.advise_range(Advice::PopulateWrite, offset, len);
}

#[cfg(not(target_os = "linux"))]
fn populate(_: &MmapMut, _: usize, _: usize) {}

impl<T: Pod> Arena<T> {
    /// Room for `len` values: mapped when large, on the heap otherwise (or when mapping fails).
    pub(super) fn zeroed(len: usize) -> Self {
        let bytes = len * size_of::<T>();
        if bytes >= MAPPED_MIN
            && let Ok(map) = MmapMut::map_anon(bytes)
            && bytemuck::try_cast_slice::<u8, T>(&map[..]).is_ok()
        {
            let ahead = fault_ahead(&map);
            return Arena::Mapped { map, len, ahead };
        }
        Arena::Heap(vec![T::zeroed(); len])
    }

    /// Faults the memory in now, in steps spread over the worker threads, where the kernel
    /// can be asked to (otherwise the engine's first writes fault it in, page by page).
    pub(super) fn prefault(&self) {
        if let Arena::Mapped { map, ahead: true, .. } = self {
            let bytes = map.len();
            (PREFAULT_STEP..bytes).into_par_iter().step_by(PREFAULT_STEP).for_each(|offset| {
                populate(map, offset, PREFAULT_STEP.min(bytes - offset));
            });
        }
    }

    pub(super) fn as_slice(&self) -> &[T] {
        match self {
            Arena::Heap(values) => values,
            Arena::Mapped { map, len, .. } => {
                bytemuck::try_cast_slice(&map[..len * size_of::<T>()]).unwrap_or_default()
            }
        }
    }

    pub(super) fn as_mut_slice(&mut self) -> &mut [T] {
        match self {
            Arena::Heap(values) => values,
            Arena::Mapped { map, len, .. } => {
                bytemuck::try_cast_slice_mut(&mut map[..*len * size_of::<T>()]).unwrap_or_default()
            }
        }
    }
}

impl<T: Pod> Clone for Arena<T> {
    fn clone(&self) -> Self {
        let mut copy = Arena::zeroed(self.as_slice().len());
        copy.as_mut_slice().copy_from_slice(self.as_slice());
        copy
    }
}

impl<T: Pod + PartialEq> PartialEq for Arena<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_arena_is_mapped_and_reads_back_what_was_written() {
        let len = (MAPPED_MIN / 8) * 3 + 5;
        let mut arena = Arena::<f64>::zeroed(len);
        assert!(matches!(arena, Arena::Mapped { .. }), "{} MB is mapped", (len * 8) >> 20);
        arena.prefault();
        assert!(arena.as_slice().iter().all(|v| *v == 0.0) && arena.as_slice().len() == len);
        arena.as_mut_slice().iter_mut().enumerate().for_each(|(i, v)| *v = i as f64);
        assert_eq!(arena.as_slice()[len - 1], (len - 1) as f64);
        assert_eq!(arena.clone(), arena);
        let small = Arena::<u32>::zeroed(1000);
        assert!(matches!(small, Arena::Heap(_)) && small.as_slice() == [0; 1000]);
    }

    /// The kernel's account of the mapping that holds `address` (`/proc/self/smaps`): its
    /// `AnonHugePages` and `Rss` in kB.
    #[cfg(target_os = "linux")]
    fn smaps_of(address: usize) -> Option<(u64, u64)> {
        let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
        let mut lines = smaps.lines();
        while let Some(line) = lines.next() {
            let range = line.split_whitespace().next()?;
            let Some((from, to)) = range.split_once('-') else { continue };
            let (Ok(from), Ok(to)) = (usize::from_str_radix(from, 16), usize::from_str_radix(to, 16)) else {
                continue;
            };
            if !(from..to).contains(&address) {
                continue;
            }
            let field = |name: &str, text: &[&str]| {
                text.iter().find_map(|l| l.strip_prefix(name)?.trim().strip_suffix("kB")?.trim().parse().ok())
            };
            // Its fields follow, one `Name: value` a line, until the next mapping's range.
            let fields: Vec<&str> =
                lines.by_ref().take_while(|l| l.split_whitespace().next().is_some_and(|w| w.ends_with(':'))).collect();
            return Some((field("AnonHugePages:", &fields)?, field("Rss:", &fields)?));
        }
        None
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_large_arena_is_faulted_in_ahead_in_small_pages() {
        // Huge pages cost about ten times as much kernel time to fault in when the system
        // has been idle for a few seconds (docs/performance.md): the mapping keeps small
        // pages, and `prefault` has them all resident before the engine writes.
        let len = (64 << 20) / 8;
        let arena = Arena::<f64>::zeroed(len);
        let Arena::Mapped { ahead, .. } = &arena else { panic!("64 MB is mapped") };
        let ahead = *ahead;
        arena.prefault();
        let (huge, rss) = smaps_of(arena.as_slice().as_ptr() as usize).expect("the mapping is in smaps");
        assert_eq!(huge, 0, "no huge pages");
        if ahead {
            assert!(rss >= 64 << 10, "all 64 MB resident before any write: {rss} kB");
        }
    }
}
