//! Each page's EXAMPLES: a few commands a reader can type from the repository's folder,
//! each with what it does.

/// A few commands a reader can type, from the repository's folder.
pub(super) fn examples(page: Option<&str>) -> Vec<(&'static str, &'static str)> {
    match page {
        None => vec![
            ("sidecast init -o my.toml", "Write a first scenario (a few questions on a terminal)."),
            ("sidecast check my.toml", "Every value it assumes, with its unit, without simulating."),
            ("sidecast run my.toml", "The summary table, then charts and data in output/my/."),
            ("sidecast man --out ~/.local/share/man/man1", "Install every page: then man sidecast-run."),
        ],
        Some("run") => vec![
            ("sidecast run scenarios/reseller.toml", "10,000 futures: the table, then output/reseller/."),
            (
                "sidecast run scenarios/reseller.toml --set reseller.churn=0.05 -n 50000",
                "Another churn, more trajectories.",
            ),
            (
                "sidecast run scenarios/reseller.toml --json - --charts none | jq .metrics.net_profit.p50",
                "The JSON alone, to a pipe.",
            ),
            (
                "sidecast run scenarios/reseller-backtest.toml --actuals scenarios/history.csv",
                "Your months against the bands.",
            ),
        ],
        Some("compare") => vec![
            (
                "sidecast compare scenarios/reseller.toml --vary reseller.churn=0.05,0.10,0.15",
                "Three churns, the same random numbers.",
            ),
            (
                "sidecast compare scenarios/reseller.toml scenarios/side-hustle.toml",
                "Two files, the first the baseline.",
            ),
        ],
        Some("sweep") => vec![
            (
                "sidecast sweep scenarios/reseller.toml --vary reseller.arrivals=0.5..3:11",
                "A band chart against arrivals.",
            ),
            (
                "sidecast sweep scenarios/reseller.toml --vary reseller.arrivals=0.5..3:6 --vary reseller.churn=0.05..0.2:4",
                "A heatmap of two parameters.",
            ),
        ],
        Some("sensitivity") => {
            vec![("sidecast sensitivity scenarios/side-hustle.toml", "The uncertain inputs ranked (tornado chart).")]
        }
        Some("solve") => vec![(
            "sidecast solve scenarios/reseller.toml --target \"net_profit >= 1500 in 24\" --vary reseller.arrivals=0.5..6",
            "The arrival rate that reaches the target with 80% probability.",
        )],
        Some("calibrate") => vec![(
            "sidecast calibrate scenarios/reseller-calibrate.toml --actuals scenarios/history.csv --project scenarios/reseller.toml",
            "Fit the uncertain parameters to six months of history; project from calibrated.toml.",
        )],
        Some("fit" | "fit-retention") => vec![
            (
                "sidecast fit retention --counts 12,11,8",
                "Churn models for a cohort of 12 customers, and a TOML snippet.",
            ),
            ("sidecast fit retention --cohorts scenarios/cohorts.csv", "Several cohorts from a file."),
        ],
        Some("import") => vec![
            (
                "sidecast import stripe payments.csv --subscriptions subscriptions.csv",
                "Your Stripe exports into a history and cohorts.",
            ),
            ("sidecast import commissions ledger.csv", "A commission ledger into your affiliate history."),
        ],
        Some("init") => vec![
            ("sidecast init -o my.toml", "A few questions; Enter keeps each default."),
            ("sidecast init --reseller --customers 12 --churn 5%..15% -o my.toml", "From flags, without questions."),
        ],
        Some("serve") => vec![
            ("sidecast serve scenarios/reseller.toml --open", "The live page on 127.0.0.1, opened in your browser."),
            ("sidecast serve my.toml --port 8080", "On a port of your choice; Ctrl-C stops it."),
        ],
        Some("check") => {
            vec![("sidecast check scenarios/reseller.toml --set reseller.churn=0.12", "Every value, default or given.")]
        }
        Some("schema") => {
            vec![("sidecast schema -o scenario.schema.json", "The schema for an editor's #:schema line.")]
        }
        Some("completions") => vec![(
            "sidecast completions bash > ~/.local/share/bash-completion/completions/sidecast",
            "Completions for bash (zsh, fish, elvish and powershell alike).",
        )],
        Some("man") => vec![
            (
                "sidecast man --out ~/.local/share/man/man1",
                "Every page into a folder man reads: then man sidecast-run.",
            ),
            ("sidecast man run | man -l -", "One page, read at once."),
        ],
        Some(_) => Vec::new(),
    }
}
