//! The integration tests of sidecast, one binary: statistical behaviour against the closed
//! forms of docs/model.md ([`model`]), reproducibility ([`reproducibility`]), and the command
//! line's outputs, messages and exit codes ([`cli`], [`bad_input`]).

mod architecture;
mod bad_input;
mod browser;
mod calibrate;
mod cdp;
mod chart_texts;
mod charts;
mod charts_inputs;
mod charts_money;
mod cli;
mod common;
mod corpus;
mod costs;
mod explore;
mod fit_actuals;
mod fuzz;
mod history;
mod imports;
mod joint;
mod messages;
mod model;
mod newcomer;
mod newcomer_meta;
mod outputs;
mod portfolio;
mod report_html;
mod reproducibility;
mod serve;
mod snapshots;
mod solve;
mod solve_cli;
mod terminal;
mod whatif;
