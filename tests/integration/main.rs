//! The integration tests of sidecast, one binary (one link, one run). Every test that starts
//! the `sidecast` binary does it through [`common::sidecast`]; [`app`] calls each command's
//! library function without the binary.
//!
//! - The model against closed forms (docs/model.md), fixed seeds, tolerances of several
//!   standard errors: [`model`], [`costs`], [`history`], [`portfolio`], [`joint`],
//!   [`reproducibility`], [`solve_interval`] (solve's interval against the exact answer),
//!   [`calibrate`] (the posterior against the exact Beta posterior, and the command).
//! - Each command as a user meets it: [`run`], [`actuals`] (`run --actuals`), [`whatif`]
//!   (`compare`, `sweep`, `sensitivity`), [`solve`], [`fit`] (`fit retention`), [`init`],
//!   [`check`], [`schema`], [`completions`] (a real bash, zsh, fish and elvish), [`man`],
//!   [`flags`] (`--help`, `--version`, `--color`, clap's refusals).
//! - Each command as a library: [`app`] (the same bytes the binary writes).
//! - Bad input and output that cannot be lost: [`bad_input`], [`corpus`] (the files of
//!   tests/corpus/ and bad flags), [`messages`], [`flag_messages`] (flags' refusals naming
//!   their source), [`names`] (control characters, colliding series keys), [`outputs`]
//!   (closed pipes, FIFOs, Ctrl-C), [`special_files`] (every output path onto FIFOs,
//!   devices, symlinks), [`stopping`] (one signal stops anything; bounded fits),
//!   [`fuzz`] and [`fuzz_cli`] (mutated scenarios and flags never panic).
//! - Your own files: [`imports`] (`sidecast import`, spreadsheet histories, `init --from`).
//! - What a reader sees: [`charts`], [`charts_inputs`], [`charts_money`], [`chart_texts`]
//!   (every command's figures: no colliding text), [`report_html`] (in headless Chromium),
//!   [`terminal`], [`snapshots`] (insta).
//! - The pages to touch: [`serve`] (`sidecast serve`'s HTTP API), [`explore`]
//!   (`run --explore`), [`browser`] (both pages driven in Chromium over [`cdp`]).
//! - The code itself: [`architecture`] (the module arrows, no circles) and [`layout`] (the
//!   README's layout map and every module doc name files that exist).

mod actuals;
mod app;
mod architecture;
mod bad_input;
mod browser;
mod calibrate;
mod calibrate_exact;
mod calibrate_sbc;
mod cdp;
mod chart_texts;
mod charts;
mod charts_inputs;
mod charts_money;
mod check;
mod common;
mod completions;
mod corpus;
mod costs;
mod exact_grid;
mod explore;
mod fit;
mod flag_messages;
mod flags;
mod fuzz;
mod fuzz_cli;
mod history;
mod imports;
mod init;
mod joint;
mod layout;
mod man;
mod messages;
mod model;
mod names;
mod outputs;
mod portfolio;
mod readme;
mod report_html;
mod reproducibility;
mod run;
mod schema;
mod serve;
mod snapshots;
mod solve;
mod solve_interval;
mod special_files;
mod stopping;
mod terminal;
mod whatif;
