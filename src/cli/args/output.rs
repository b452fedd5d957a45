//! Where commands write: a run's default folder, the what-if commands' `--out` and
//! `--json`.

use std::path::{Path, PathBuf};

use clap::{Args, ValueHint};

/// `output/<scenario file stem>/`.
pub fn default_output_folder(scenario: &Path) -> PathBuf {
    let stem = scenario.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from("output").join(stem)
}

/// Where the what-if commands write: the output folder and an optional extra JSON copy.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output folder [default: output/<command>-<scenario file name>/].
    // The doc is the flag's help, written for a terminal: its `<...>` is not HTML.
    #[allow(rustdoc::invalid_html_tags)]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Also write the command's JSON here (`-` = stdout, which then gets no tables).
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub json: Option<String>,
}

impl OutputArgs {
    /// `--out`, or `output/<command>-<scenario file stem>/`.
    pub fn folder(&self, command: &str, scenario: &Path) -> PathBuf {
        self.out.clone().unwrap_or_else(|| {
            let stem = scenario.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
            PathBuf::from("output").join(format!("{command}-{stem}"))
        })
    }
}
