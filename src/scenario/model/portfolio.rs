//! The validated affiliate stream (docs/model.md §4 and §11): one or several programmes,
//! each with its plans, commission terms, payout threshold and delay, and the content that
//! sends them signups.

use crate::distribution::Param;

use super::lifetime::{Churn, Upgrade};

#[derive(Debug, Clone)]
pub struct Plan {
    pub name: String,
    pub price: Param,
    pub premium: bool,
    pub churn: Churn,
    pub upgrade: Option<Upgrade>,
}

#[derive(Debug, Clone)]
pub struct Commission {
    pub first_order: Param,
    pub recurring: Param,
    pub premium: Param,
    /// Fixed amount per new signup (one-time bounty programmes).
    pub bounty: Param,
    /// Renewals earn commission only for this many months after the first order.
    pub recurring_months: Option<u32>,
}

/// One affiliate programme: its plans, commission terms, payout and signups.
#[derive(Debug, Clone)]
pub struct Programme {
    /// The programme's name (`[affiliate.programmes.NAME]`), or "affiliate" in the
    /// single-programme form.
    pub name: String,
    /// Its share of the content's signups (1 in the single-programme form).
    pub share: Param,
    /// Its own signups a month (Poisson mean), besides the content's.
    pub signups: Param,
    pub signups_growth: Param,
    /// Plan weights of new signups, summing to 1.
    pub plan_mix: Vec<f64>,
    pub plans: Vec<Plan>,
    pub payout_threshold: Param,
    /// Months between a payout and the cash arriving (Net-30 is 1).
    pub payout_delay_months: u32,
    pub commission: Commission,
    /// Referred subscribers per plan at the start, billed in the first month as renewals.
    pub initial_subscribers: Vec<u32>,
    /// Bills each initial subscriber of a plan has already had (docs/model.md §9.3).
    pub initial_tenure: Vec<u32>,
    /// Commission already accrued but not yet paid out at the start.
    pub initial_balance: f64,
}

impl Programme {
    fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Param)) {
        for p in [&self.share, &self.signups, &self.signups_growth, &self.payout_threshold] {
            f(p);
        }
        let c = &self.commission;
        for p in [&c.first_order, &c.recurring, &c.premium, &c.bounty] {
            f(p);
        }
        for plan in &self.plans {
            f(&plan.price);
            plan.churn.visit(f);
            if let Some(u) = &plan.upgrade {
                f(&u.probability);
            }
        }
    }
}

/// Pieces published a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PiecesPerMonth {
    /// The same number in every simulated month.
    Every(u32),
    /// By calendar month from month 1 (entries before the first simulated month are pieces
    /// that already exist at the start); after the list its last entry continues (end the
    /// list with 0 to stop publishing).
    ByMonth(Vec<u32>),
}

/// Content that keeps earning (docs/model.md §11.2): each piece's signup rate ramps up to
/// its peak over `ramp_months`, then halves every `half_life_months` (never, if evergreen).
#[derive(Debug, Clone)]
pub struct Content {
    pub pieces_per_month: PiecesPerMonth,
    /// A piece's signups a month at its peak: fixed, or drawn per piece (most pieces do not
    /// rank, a few do). Not a per-trajectory parameter.
    pub signups_per_piece: Param,
    pub ramp_months: u32,
    pub half_life_months: Option<f64>,
    /// Effort in the month a piece is published.
    pub hours_per_piece: Param,
    /// Pieces published before the first simulated month (besides a by-month list's) and
    /// their age in it.
    pub existing_pieces: u32,
    pub existing_age_months: u32,
}

impl Content {
    /// Pieces published in a calendar month.
    pub fn pieces_in(&self, calendar: u32, start_month: u32) -> u32 {
        match &self.pieces_per_month {
            PiecesPerMonth::Every(n) if calendar >= start_month => *n,
            PiecesPerMonth::Every(_) => 0,
            PiecesPerMonth::ByMonth(list) => {
                list.get(calendar as usize - 1).or_else(|| list.last()).copied().unwrap_or(0)
            }
        }
    }

    /// A piece's signup rate at age `a` (0 in the month it is published) per unit of peak.
    pub fn shape(&self, age: u32) -> f64 {
        let ramp = self.ramp_months.max(1);
        if age < ramp {
            f64::from(age + 1) / f64::from(ramp)
        } else {
            self.half_life_months.map_or(1.0, |h| (-f64::from(age - ramp + 1) / h).exp2())
        }
    }
}

/// The affiliate stream: one or several programmes, and the content that sends them signups.
#[derive(Debug, Clone)]
pub struct Affiliate {
    /// One in the single-programme form; one per `[affiliate.programmes.NAME]` otherwise.
    pub programmes: Vec<Programme>,
    /// Whether the programmes are named (the programmes form): each then has its own
    /// metrics (`commission_earned.NAME`, ...).
    pub named: bool,
    pub content: Option<Content>,
}

impl Affiliate {
    /// Every plan of every programme, with its programme.
    pub fn plans(&self) -> impl Iterator<Item = (&Programme, &Plan)> {
        self.programmes.iter().flat_map(|p| p.plans.iter().map(move |plan| (p, plan)))
    }

    /// The part of a plan's series keys (`subscribers.PART`): the plan's name, or with named
    /// programmes `PROGRAMME.PLAN` (a programme's own series are `METRIC.PROGRAMME`).
    pub fn plan_part(&self, programme: &Programme, plan: &Plan) -> String {
        if self.named { format!("{}.{}", programme.name, plan.name) } else { plan.name.clone() }
    }

    pub(super) fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Param)) {
        for p in &self.programmes {
            p.visit(f);
        }
        if let Some(c) = &self.content {
            f(&c.hours_per_piece);
        }
    }
}
