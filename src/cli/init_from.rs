//! `sidecast init --from DIR`: reads an import's folder, drafts the two scenarios
//! ([`crate::app::init::init_from`]), and writes them (never over a file without `--force`).

use std::path::{Path, PathBuf};

use super::input::read_input;
use super::output::{self, destination, print};
use crate::app::Error;
use crate::app::init::init_from;
use crate::import::draft::Folder;

/// The calibration twin of `my.toml`: `my-calibrate.toml` beside it.
fn twin(path: &Path) -> PathBuf {
    let stem = path.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}-calibrate.toml"))
}

pub fn run(folder: &Path, output: &Path, force: bool) -> Result<(), Error> {
    if output.as_os_str() == "-" {
        return Err(Error::Usage("--from writes two files: name the projection with -o FILE, not -".into()));
    }
    let calibration = twin(output);
    let (to_projection, to_calibration) = (destination(output, force)?, destination(&calibration, force)?);
    let file = |name: &str| folder.join(name);
    let people = ["customers.csv", "referrals.csv"].iter().map(|n| file(n)).find(|p| p.exists());
    let texts = Folder {
        name: folder.display().to_string(),
        import_json: read_input(&file("import.json"))?,
        history: read_input(&file("history.csv"))?,
        people: people.as_deref().map(read_input).transpose()?.unwrap_or_default(),
    };
    let (shown, shown_calibration) = (output.display().to_string(), calibration.display().to_string());
    let drafted = init_from(&texts, &shown, &shown_calibration)?;
    output::write(&to_projection, drafted.projection.as_bytes())?;
    output::write(&to_calibration, drafted.calibration.as_bytes())?;
    print(&format!("Wrote {shown} (the projection from today) and {shown_calibration} (from month 1, to calibrate):"))?;
    for line in &drafted.lines {
        print(&format!("  {line}"))?;
    }
    print(&format!(
        "Next: sidecast calibrate {shown_calibration} --actuals {}/history.csv --project {shown}",
        folder.display()
    ))
}
