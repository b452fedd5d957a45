//! One reading of the clap definitions for the completion scripts: every command
//! ([`Level`]) with its flags ([`Flag`]), subcommands and positionals, and what each
//! argument takes ([`Values`]); and the POSIX quoting bash and zsh share.

use clap::{Arg, ValueHint};

/// What an argument's values are, as completion offers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Values {
    /// Nothing to offer: a number, a key, free text.
    Nothing,
    /// File names (and folders to descend into).
    Files,
    /// Folder names.
    Folders,
    /// One of these words.
    Words(Vec<String>),
}

/// A flag of one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub long: Option<String>,
    pub short: Option<char>,
    /// The first line of its help.
    pub help: String,
    /// The value's name (`DIR`, `N`), for zsh's messages.
    pub value_name: String,
    /// What its value takes; `None` for a switch.
    pub takes: Option<Values>,
    /// Whether it may be given more than once.
    pub repeatable: bool,
}

impl Flag {
    /// Its spellings: `-n` and `--trajectories`.
    pub fn spellings(&self) -> Vec<String> {
        self.short.map(|s| format!("-{s}")).into_iter().chain(self.long.iter().map(|l| format!("--{l}"))).collect()
    }
}

/// One command: `sidecast` itself, `sidecast run`, `sidecast fit retention`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// The words after `sidecast` that name it (none for the program).
    pub path: Vec<String>,
    pub flags: Vec<Flag>,
    /// Its subcommands with the first line of their help.
    pub subcommands: Vec<(String, String)>,
    /// What its positional arguments take, in order, with their names.
    pub positionals: Vec<(Values, String)>,
    /// Whether the last one may be repeated (`compare A.toml B.toml`).
    pub many: bool,
}

impl Level {
    /// Its path as one string, the key the scripts use: `""`, `"run"`, `"fit retention"`.
    pub fn key(&self) -> String {
        self.path.join(" ")
    }

    /// What the positional argument at `index` (from 0) takes, if it has one there.
    pub fn positional(&self, index: usize) -> Option<&Values> {
        let repeated = if self.many { self.positionals.last() } else { None };
        self.positionals.get(index).or(repeated).map(|(v, _)| v)
    }

    /// Its positionals with how the scripts address them: `0`, `1`, ..., and for one that
    /// repeats, `N+` from its own index on.
    pub(super) fn positions(&self) -> Vec<(String, &Values, &str)> {
        let last = self.positionals.len().saturating_sub(1);
        self.positionals
            .iter()
            .enumerate()
            .map(|(i, (v, name))| {
                (if self.many && i == last { format!("{i}+") } else { i.to_string() }, v, name.as_str())
            })
            .collect()
    }
}

/// Every command of the program `root`, the program first, each followed by its
/// subcommands (clap's `help` included: `sidecast help run`).
pub fn levels(root: &clap::Command) -> Vec<Level> {
    let mut root = root.clone();
    root.build();
    let mut out = Vec::new();
    walk(&root, &mut Vec::new(), &mut out);
    out
}

fn walk(command: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Level>) {
    let visible = |a: &&Arg| !a.is_hide_set();
    let flags = command
        .get_arguments()
        .filter(visible)
        .filter(|a| !a.is_positional())
        .map(|a| Flag {
            long: a.get_long().map(str::to_string),
            short: a.get_short(),
            help: first_line(a.get_help().map(ToString::to_string)),
            value_name: a.get_value_names().and_then(|n| n.first()).map_or_else(|| "VALUE".into(), ToString::to_string),
            takes: a.get_action().takes_values().then(|| values(a)),
            repeatable: matches!(a.get_action(), clap::ArgAction::Append | clap::ArgAction::Count),
        })
        .collect();
    let arguments: Vec<&Arg> = command.get_positionals().filter(visible).collect();
    let positionals = arguments
        .iter()
        .map(|a| {
            let name =
                a.get_value_names().and_then(|n| n.first()).map_or_else(|| a.get_id().to_string(), ToString::to_string);
            (values(a), name.to_lowercase())
        })
        .collect();
    let many = arguments.last().is_some_and(|a| a.get_num_args().is_some_and(|n| n.max_values() > 1));
    let subcommands: Vec<(String, String)> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| (s.get_name().to_string(), first_line(s.get_about().map(ToString::to_string))))
        .collect();
    out.push(Level { path: path.clone(), flags, subcommands, positionals, many });
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        path.push(sub.get_name().to_string());
        walk(sub, path, out);
        path.pop();
    }
}

/// What an argument that takes a value takes.
fn values(arg: &Arg) -> Values {
    let words: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if !words.is_empty() {
        return Values::Words(words);
    }
    match arg.get_value_hint() {
        ValueHint::FilePath | ValueHint::AnyPath | ValueHint::ExecutablePath => Values::Files,
        ValueHint::DirPath => Values::Folders,
        _ => Values::Nothing,
    }
}

/// The first line of a help text, without its final full stop.
fn first_line(help: Option<String>) -> String {
    let help = help.unwrap_or_default();
    let line = help.lines().next().unwrap_or_default().trim();
    line.strip_suffix('.').unwrap_or(line).to_string()
}

/// `text` in single quotes for a POSIX shell (bash, zsh).
pub(super) fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
