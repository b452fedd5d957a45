//! The affiliate stream's month (docs/model.md §4 and §11): the content's signup rate, then
//! each programme's signups, commission and payouts; totals over programmes and each
//! programme's own numbers, for the records.

use crate::scenario::Affiliate;

use super::content::ContentState;
use super::programme::{ProgrammeMonth, ProgrammeState};
use super::resolve::DrawnAffiliate;
use super::rng::Streams;

/// What the affiliate stream did in one month, summed over its programmes.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AffiliateMonth {
    pub billed: u32,
    pub signups: u32,
    pub earned: f64,
    /// Cash that arrived from payouts.
    pub paid: f64,
    /// Pieces of content published this month.
    pub pieces: u32,
}

/// The programmes and the content within one trajectory.
#[derive(Debug, Default)]
pub struct AffiliateState {
    pub programmes: Vec<ProgrammeState>,
    content: ContentState,
    /// Each programme's numbers of the last month, in programme order.
    pub months: Vec<ProgrammeMonth>,
}

impl AffiliateState {
    /// Starts every programme from its initial subscribers and draws the content's pieces.
    pub fn reset(
        &mut self,
        d: &DrawnAffiliate,
        s: &Affiliate,
        (start_month, horizon): (u32, usize),
        streams: &Streams,
    ) {
        self.programmes.resize_with(d.programmes.len(), ProgrammeState::default);
        self.months.clear();
        self.months.resize(d.programmes.len(), ProgrammeMonth::default());
        for (i, ((state, drawn), p)) in self.programmes.iter_mut().zip(&d.programmes).zip(&s.programmes).enumerate() {
            state.reset(i, drawn, (&p.initial_subscribers, &p.initial_tenure, p.initial_balance), streams);
        }
        if let Some(content) = &s.content {
            self.content.reset(content, start_month, horizon, streams);
        }
    }

    /// Runs month `month` (1-based) of every programme.
    pub fn step(&mut self, month: usize, d: &DrawnAffiliate, s: &Affiliate, streams: &Streams) -> AffiliateMonth {
        let (rate, pieces) = s
            .content
            .as_ref()
            .map_or((0.0, 0), |_| (self.content.rate(month - 1), self.content.published_in(month - 1)));
        let mut total = AffiliateMonth { pieces, ..AffiliateMonth::default() };
        for ((state, drawn), out) in self.programmes.iter_mut().zip(&d.programmes).zip(&mut self.months) {
            *out = state.step(month, drawn, rate, streams);
            total.billed += out.billed;
            total.signups += out.signups;
            total.earned += out.earned;
            total.paid += out.paid;
        }
        total
    }

    /// Month end of every programme.
    pub fn end_month(&mut self, d: &DrawnAffiliate) {
        for (state, drawn) in self.programmes.iter_mut().zip(&d.programmes) {
            state.end_month(drawn);
        }
    }

    /// Subscribers per plan, programme after programme.
    pub fn per_plan(&self) -> impl Iterator<Item = u32> + '_ {
        self.programmes.iter().flat_map(|p| p.per_plan.iter().copied())
    }
}
