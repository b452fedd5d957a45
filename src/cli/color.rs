//! `--color auto|always|never`: one choice for every styled output (error messages, the
//! prompts of `init`, clap's own help and errors). `auto` leaves it to the terminal and
//! the NO_COLOR / CLICOLOR / CLICOLOR_FORCE conventions (anstream); `always` and `never`
//! override them.
//!
//! Messages are always rendered styled and written through anstream, whose streams strip
//! the styles when the choice (or the terminal) says not to colour. clap's own errors are
//! printed before the parsed flag exists, so [`from_args`] reads the
//! flag from the raw arguments first (the last `--color` wins, as clap would take it).

use std::ffi::OsString;

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    // No doc comments on the variants: clap then lists them on one line in every --help.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Makes the choice the process's: anstream's streams, console's (the prompts).
    pub fn apply(self) {
        anstream::ColorChoice::write_global(match self {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        });
        if self != ColorChoice::Auto {
            dialoguer::console::set_colors_enabled(self == ColorChoice::Always);
            dialoguer::console::set_colors_enabled_stderr(self == ColorChoice::Always);
        }
    }

    /// clap's setting for its own help and errors.
    pub fn clap(self) -> clap::ColorChoice {
        match self {
            ColorChoice::Auto => clap::ColorChoice::Auto,
            ColorChoice::Always => clap::ColorChoice::Always,
            ColorChoice::Never => clap::ColorChoice::Never,
        }
    }
}

/// The `--color` of raw arguments (`--color never`, `--color=never`), before `--`;
/// `Auto` when absent or not a valid choice (clap then reports it).
pub fn from_args(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            "--" => break,
            "--color" => args.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--color=").map(str::to_string),
        };
        if let Some(v) = value.and_then(|v| <ColorChoice as clap::ValueEnum>::from_str(&v, true).ok()) {
            choice = v;
        }
    }
    choice
}

/// An error message with its `error:` labels in bold red (as clap and rustc show them),
/// for `anstream::eprintln!`, which strips every style when the choice is not to colour;
/// lines already styled (a scenario problem's rustc-style rendering) are left alone.
pub fn styled_error(text: &str) -> String {
    let red = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Red.into()));
    let lines: Vec<String> = text
        .lines()
        .map(|line| match line.strip_prefix("error:") {
            Some(rest) => format!("{red}error:{red:#}{rest}"),
            None => line.to_string(),
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(args: &[&str]) -> ColorChoice {
        from_args(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn the_raw_flag_is_read_as_clap_would_read_it() {
        assert_eq!(choice(&["sidecast", "run", "s.toml"]), ColorChoice::Auto);
        assert_eq!(choice(&["sidecast", "--color", "never", "run"]), ColorChoice::Never);
        assert_eq!(choice(&["sidecast", "run", "--color=always"]), ColorChoice::Always);
        assert_eq!(choice(&["sidecast", "run", "--color=never", "--color", "always"]), ColorChoice::Always);
        assert_eq!(choice(&["sidecast", "run", "--color", "purple"]), ColorChoice::Auto, "clap reports it");
        assert_eq!(choice(&["sidecast", "run", "--", "--color=never"]), ColorChoice::Auto, "after -- it is a value");
    }

    #[test]
    fn only_unstyled_error_labels_get_colour() {
        let text = styled_error("error: cannot read x\n  caused by: gone");
        assert!(text.starts_with("\u{1b}[") && text.contains("error:") && text.ends_with("  caused by: gone"));
        assert_eq!(styled_error("\u{1b}[1merror\u{1b}[0m: x"), "\u{1b}[1merror\u{1b}[0m: x");
    }
}
