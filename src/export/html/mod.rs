//! `report.html`: one self-contained page per command that draws charts, for sharing a
//! result whole (by email, as one file): the charts inline as SVG, the tables, the
//! targets, the assumptions, how to read the bands, the method and the command that
//! reproduces it. It needs no network, no other file, no font and no script (but for the
//! explorable of `run --explore`, `explore.rs`, whose scripts are inline); it reads on a
//! 390 px phone and on a desktop, and prints cleanly. The layout is `page.rs`; one file
//! per command builds its page from that command's report, reading numbers only from it
//! (presentation never recomputes statistics).

mod calibrate;
mod common;
mod compact;
mod compare;
mod explore;
mod page;
mod retention;
mod run;
mod solve;
mod whatif;

pub use calibrate::{Projections, calibrate_page};
pub use common::PageContext;
pub use compare::{VariantAssumptions, compare_page};
pub use explore::{
    CONTENT_SECURITY_POLICY, DRAW_SCRIPT, EXPLORE_STYLE, Explorable, PAGE_STYLE, explore_page, legend, script_safe,
};
pub use page::{Block, Cell, InlineFigure, Page, Section, Table, escape, svg_element};
pub use retention::retention_page;
pub use run::run_page;
pub use solve::solve_page;
pub use whatif::{sensitivity_page, sweep_page};

#[cfg(test)]
mod tests;
