//! The rows of a Stripe payments export after reading, across its files: a charge in
//! several files (exports that overlap) counted once in its latest state, and a guest's
//! charges joined to the customer who paid with the same email (see [`super::stripe`]).

use std::collections::{BTreeSet, HashMap};

use super::people::Event;
use super::summary::{Assumptions, Ignore, count};

/// A counted charge before the export's currencies are checked.
#[derive(Clone)]
pub(super) struct Charge {
    pub event: Event,
    /// The charge's email, in lower case (empty without one).
    pub email: String,
    /// Whether the customer is the email (no Customer ID).
    pub guest: bool,
    pub currency: String,
    pub file: String,
    pub line: u64,
}

/// One row, read.
pub(super) enum Read {
    Counted(Charge),
    /// Why the row does not count.
    Ignored(String),
    /// A problem was recorded.
    Bad,
}

/// A row read, with its charge's `id` (when it has one) and how far along the charge is:
/// its refunded cents, then 1 once it no longer counts (for a charge in several files).
pub(super) struct ReadRow {
    pub read: Read,
    pub id: Option<String>,
    pub state: (i64, u8),
}

/// The charges that count, each once, from every row of every file (`(file, line, row)`):
/// the left-out rows noted in `ignore`.
pub(super) fn counted_once(
    all: &[(String, u64, ReadRow)],
    ignore: &mut Ignore,
    assumptions: &mut Assumptions,
) -> Vec<Charge> {
    // A charge in several files (exports that overlap) counts once, in its latest state: a
    // charge's refunds only grow, so the row with the most refunded (then the one that no
    // longer counts) is the later one, whatever the order of the files.
    let mut latest_state: HashMap<&str, usize> = HashMap::new();
    for (i, (_, _, r)) in all.iter().enumerate() {
        if let Some(id) = r.id.as_deref() {
            let best = latest_state.entry(id).or_insert(i);
            if all[*best].2.state < r.state {
                *best = i;
            }
        }
    }
    let keep: Vec<Option<usize>> = all.iter().map(|(_, _, r)| r.id.as_deref().map(|id| latest_state[id])).collect();
    let mut changed = BTreeSet::new();
    let mut charges = Vec::new();
    for (i, (file, line, r)) in all.iter().enumerate() {
        if let Some(best) = keep[i].filter(|&b| b != i) {
            let (best_file, best_line, best_row) = &all[best];
            if best_row.state != r.state {
                changed.insert(best);
            }
            ignore.add(
                &format!("repeated charges (the same `id` is in {best_file} line {best_line}, which counts)"),
                file,
                *line,
            );
            continue;
        }
        match &r.read {
            Read::Counted(charge) => charges.push(charge.clone()),
            Read::Ignored(reason) => ignore.add(reason, file, *line),
            Read::Bad => {}
        }
    }
    if !changed.is_empty() {
        assumptions.add(
            "repeated charges",
            format!(
                "{} in several files with different refunds or statuses: each counts once, in its latest state (the most refunded)",
                count(changed.len(), "charge is")
            ),
        );
    }
    charges
}

/// A guest who also paid with a Customer ID (checkout before an account) is that customer:
/// the first Customer ID seen with the email.
pub(super) fn join_guests(charges: &mut [Charge], assumptions: &mut Assumptions) {
    let mut known: HashMap<String, String> = HashMap::new();
    for c in charges.iter().filter(|c: &&Charge| !c.guest && !c.email.is_empty()) {
        known.entry(c.email.clone()).or_insert_with(|| c.event.person.clone());
    }
    let mut joined = 0;
    for c in charges.iter_mut().filter(|c| c.guest) {
        if let Some(id) = known.get(&c.event.person) {
            c.event.person = id.clone();
            joined += 1;
        }
    }
    if joined > 0 {
        assumptions.add(
            "guests with an account",
            format!(
                "{} with no Customer ID {} the email of a customer who has one: counted as that customer",
                count(joined, "paid charge"),
                if joined == 1 { "carries" } else { "carry" }
            ),
        );
    }
}
