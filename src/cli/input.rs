//! What the user gave on the command line, as the library takes it: the input files it
//! names (histories, cohort CSVs: at most 10 MB and UTF-8, like scenario files, with the path
//! in every error), and the command line itself as a page shows it to reproduce a result.

use std::path::Path;

use crate::app::Error;
use crate::scenario::read_capped;

/// The text of an input file.
///
/// # Errors
/// [`Error::Read`] (bad input) naming the path: missing, unreadable, too large, not text.
pub fn read_input(path: &Path) -> Result<String, Error> {
    read_capped(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

/// The command line as the user could type it again: `sidecast` and the arguments, quoted
/// for a POSIX shell, with absolute paths shortened to their file names (a shared page
/// must not reveal where files live).
pub fn reproduce_command() -> String {
    let words: Vec<String> = std::env::args().skip(1).map(|a| quote(&without_directories(&a))).collect();
    if words.is_empty() { "sidecast".to_string() } else { format!("sidecast {}", words.join(" ")) }
}

fn without_directories(arg: &str) -> String {
    let (prefix, value) = match arg.split_once('=') {
        Some((flag, value)) if flag.starts_with("--") => (format!("{flag}="), value),
        _ => (String::new(), arg),
    };
    let path = Path::new(value);
    let shortened = if path.is_absolute() || value.starts_with('~') {
        path.file_name().map_or(value.to_string(), |n| n.to_string_lossy().into_owned())
    } else {
        value.to_string()
    };
    format!("{prefix}{shortened}")
}

fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./=:,+-@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_quoted_for_a_shell_and_keep_no_directories() {
        assert_eq!(quote("scenarios/reseller.toml"), "scenarios/reseller.toml");
        assert_eq!(quote("reseller.churn={ beta = [2, 18] }"), "'reseller.churn={ beta = [2, 18] }'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(without_directories("/home/me/private/history.csv"), "history.csv");
        assert_eq!(without_directories("--actuals=/home/me/h.csv"), "--actuals=h.csv");
        assert_eq!(without_directories("scenarios/reseller.toml"), "scenarios/reseller.toml");
        assert_eq!(without_directories("reseller.churn=0.05"), "reseller.churn=0.05");
    }
}
