//! Shell completion scripts for bash, zsh, fish and elvish, written from one reading of the
//! clap definitions ([`levels`]): for every command, its flags and what each flag's value
//! takes, its subcommands, and what its positional arguments take. What an argument takes
//! ([`Values`]) comes from the definition itself: its possible values (metric names, chart
//! formats, shells, man pages), else its value hint (files for a scenario or a CSV, folders
//! for `--out`), else nothing (a number, a key, free text: no guesses, no file names).
//!
//! clap_complete's own scripts list flags where bash expects the scenario file, offer file
//! names for numbers and complete no values at all in elvish, so these four are generated
//! here; PowerShell's stays clap_complete's. Each script finds the command being typed the
//! same way: the words after `sidecast` that name a subcommand of the command so far, with
//! the value of every flag that takes one skipped (`--color never run` is `run`).

use std::fmt::Write as _;

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
    fn positions(&self) -> Vec<(String, &Values, &str)> {
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
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The bash script: `_sidecast` reads `COMP_WORDS` and `COMP_CWORD` and fills `COMPREPLY`.
pub fn bash(levels: &[Level]) -> String {
    let mut s = String::from(
        "# bash completion for sidecast, generated by `sidecast completions bash` from the definitions\n\
         # behind --help. Install: sidecast completions bash > ~/.local/share/bash-completion/completions/sidecast\n\n",
    );
    let cases = |s: &mut String, name: &str, doc: &str, subject: &str, rows: Vec<(String, String)>| {
        let _ = writeln!(s, "# {doc}\n{name}() {{\n    case \"{subject}\" in");
        for (key, value) in rows {
            let _ = writeln!(s, "        {}) echo {} ;;", key, sh_quote(&value));
        }
        s.push_str("    esac\n}\n\n");
    };
    let key = |l: &Level| sh_quote(&l.key());
    cases(
        &mut s,
        "_sidecast_subcommands",
        "The subcommands of a command (\"\" for sidecast itself, \"fit\" for sidecast fit).",
        "$1",
        levels
            .iter()
            .filter(|l| !l.subcommands.is_empty())
            .map(|l| (key(l), l.subcommands.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(" ")))
            .collect(),
    );
    cases(
        &mut s,
        "_sidecast_flags",
        "The flags of a command.",
        "$1",
        levels
            .iter()
            .map(|l| (key(l), l.flags.iter().flat_map(Flag::spellings).collect::<Vec<_>>().join(" ")))
            .collect(),
    );
    cases(
        &mut s,
        "_sidecast_value",
        "What the value of flag $2 of command $1 takes; nothing printed for a switch.",
        "$1 $2",
        levels
            .iter()
            .flat_map(|l| {
                l.flags.iter().filter_map(move |f| {
                    let takes = f.takes.as_ref()?;
                    let keys: Vec<String> =
                        f.spellings().iter().map(|sp| sh_quote(&format!("{} {sp}", l.key()))).collect();
                    Some((keys.join("|"), bash_values(takes)))
                })
            })
            .collect(),
    );
    cases(
        &mut s,
        "_sidecast_positional",
        "What positional argument $2 (from 0) of command $1 takes; nothing printed when it has none.",
        "$1 $2",
        levels
            .iter()
            .flat_map(|l| {
                l.positions().into_iter().map(move |(at, v, _)| {
                    // `N+` (a repeated last one): N and every index after it.
                    let pattern = match at.strip_suffix('+') {
                        Some(n) => {
                            format!("{}|{}*", sh_quote(&format!("{} {n}", l.key())), sh_quote(&format!("{} ", l.key())))
                        }
                        None => sh_quote(&format!("{} {at}", l.key())),
                    };
                    (pattern, bash_values(v))
                })
            })
            .collect(),
    );
    s.push_str(BASH_BODY);
    s
}

fn bash_values(values: &Values) -> String {
    match values {
        Values::Nothing => "nothing".into(),
        Values::Files => "files".into(),
        Values::Folders => "folders".into(),
        Values::Words(words) => format!("words:{}", words.join(" ")),
    }
}

const BASH_BODY: &str = r#"# Offers $1 (files, folders, words:WORD... or nothing) for the word $2.
_sidecast_offer() {
    local IFS=$'\n'
    case "$1" in
        files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$2")) ;;
        folders) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$2")) ;;
        words:*) IFS=$' \n'; COMPREPLY=($(compgen -W "${1#words:}" -- "$2")) ;;
        *) COMPREPLY=() ;;
    esac
}

_sidecast() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="" command="" word what i skip=0 position=0
    (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
    # bash makes the `=` of `--flag=value` a word of its own.
    if [[ "$cur" == "=" ]]; then
        cur=""
    elif [[ "$prev" == "=" ]] && (( COMP_CWORD > 1 )); then
        prev="${COMP_WORDS[COMP_CWORD-2]}"
    fi
    # The command being typed (the words naming subcommands, flags' values skipped) and how
    # many positional arguments it has before the cursor.
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${COMP_WORDS[i]}"
        if [[ "$word" == "=" ]]; then
            skip=1
        elif (( skip )); then
            skip=0
        elif [[ "$word" == -* ]]; then
            [[ -n "$(_sidecast_value "$command" "$word")" ]] && skip=1
        elif [[ " $(_sidecast_subcommands "$command") " == *" $word "* ]]; then
            command="${command:+$command }$word"
            position=0
        else
            position=$((position + 1))
        fi
    done
    if [[ "$prev" == -* ]] && what="$(_sidecast_value "$command" "$prev")" && [[ -n "$what" ]]; then
        _sidecast_offer "$what" "$cur"
    elif [[ "$cur" == -* ]]; then
        _sidecast_offer "words:$(_sidecast_flags "$command")" "$cur"
    elif what="$(_sidecast_subcommands "$command")" && [[ -n "$what" ]]; then
        _sidecast_offer "words:$what" "$cur"
    elif what="$(_sidecast_positional "$command" "$position")" && [[ -n "$what" ]]; then
        _sidecast_offer "$what" "$cur"
    else
        _sidecast_offer "words:$(_sidecast_flags "$command")" "$cur"
    fi
}

complete -F _sidecast sidecast
"#;

/// zsh's quoting of a description inside `[...]` or a message after `:`.
fn zsh_text(text: &str) -> String {
    text.replace('\\', r"\\").replace('[', r"\[").replace(']', r"\]").replace(':', r"\:")
}

/// The zsh action completing `values`.
fn zsh_action(values: &Values) -> String {
    match values {
        Values::Nothing => " ".into(),
        Values::Files => "_files".into(),
        Values::Folders => "_files -/".into(),
        Values::Words(words) => format!("({})", words.join(" ")),
    }
}

/// The zsh script: one function per command, each one `_arguments` call; a command with
/// subcommands hands the rest of the line to the chosen one's function.
pub fn zsh(levels: &[Level]) -> String {
    let mut s = String::from(
        "#compdef sidecast\n# zsh completion for sidecast, generated by `sidecast completions zsh` from the definitions\n\
         # behind --help. Install: sidecast completions zsh > ~/.zfunc/_sidecast (fpath+=~/.zfunc before compinit).\n\n",
    );
    for level in levels {
        let name = zsh_function(&level.path);
        let _ = writeln!(s, "{name}() {{");
        let mut specs: Vec<String> = level.flags.iter().map(zsh_flag).collect();
        if level.subcommands.is_empty() {
            for (at, values, what) in level.positions() {
                // A repeated last one is `*:` with one colon: options stay offered after the
                // files (`*::` would end them).
                let star = if at.ends_with('+') { "*" } else { "" };
                specs.push(sh_quote(&format!("{star}:{}:{}", zsh_text(what), zsh_action(values))));
            }
            let _ = writeln!(s, "    _arguments -s -S \\\n        {}", specs.join(" \\\n        "));
        } else {
            s.push_str("    local context curcontext=\"$curcontext\" state line\n");
            specs.push(sh_quote(&format!(":command:{}", zsh_function_commands(&level.path))));
            specs.push(sh_quote("*:: :->rest"));
            let _ = writeln!(s, "    _arguments -s -S -C \\\n        {} && return", specs.join(" \\\n        "));
            s.push_str("    case $line[1] in\n");
            for (sub, _) in &level.subcommands {
                let mut path = level.path.clone();
                path.push(sub.clone());
                let _ = writeln!(s, "        {}) {} ;;", sh_quote(sub), zsh_function(&path));
            }
            s.push_str("    esac\n");
        }
        s.push_str("}\n\n");
        if !level.subcommands.is_empty() {
            let _ = writeln!(s, "{}() {{\n    local commands; commands=(", zsh_function_commands(&level.path));
            for (sub, help) in &level.subcommands {
                let _ = writeln!(s, "        {}", sh_quote(&format!("{}:{}", sub, help.replace(':', r"\:"))));
            }
            s.push_str("    )\n    _describe -t commands command commands\n}\n\n");
        }
    }
    s.push_str("if [ \"$funcstack[1]\" = \"_sidecast\" ]; then\n    _sidecast \"$@\"\nelse\n    compdef _sidecast sidecast\nfi\n");
    s
}

fn zsh_function(path: &[String]) -> String {
    path.iter().fold(String::from("_sidecast"), |f, w| format!("{f}__{}", w.replace('-', "_")))
}

fn zsh_function_commands(path: &[String]) -> String {
    format!("{}_commands", zsh_function(path))
}

/// One `_arguments` spec: `'(-n --trajectories)'{-n+,--trajectories=}'[help]:N: '`.
fn zsh_flag(flag: &Flag) -> String {
    let forms: Vec<String> = flag
        .short
        .map(|c| format!("-{c}{}", if flag.takes.is_some() { "+" } else { "" }))
        .into_iter()
        .chain(flag.long.iter().map(|l| format!("--{l}{}", if flag.takes.is_some() { "=" } else { "" })))
        .collect();
    let value = match &flag.takes {
        Some(values) => format!(":{}:{}", zsh_text(&flag.value_name), zsh_action(values)),
        None => String::new(),
    };
    let tail = sh_quote(&format!("[{}]{value}", zsh_text(&flag.help)));
    let exclusive =
        if flag.repeatable { "'*'".to_string() } else { sh_quote(&format!("({})", flag.spellings().join(" "))) };
    match forms.as_slice() {
        [one] => format!("{exclusive}{}{tail}", sh_quote(one)),
        _ => format!("{exclusive}{{{}}}{tail}", forms.join(",")),
    }
}

/// `text` in single quotes for fish.
fn fish_quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', r"\\").replace('\'', r"\'"))
}

/// The fish script: `__sidecast_command` finds the command being typed; every completion
/// is conditioned on it.
pub fn fish(levels: &[Level]) -> String {
    let mut s = String::from(
        "# fish completion for sidecast, generated by `sidecast completions fish` from the definitions\n\
         # behind --help. Install: sidecast completions fish > ~/.config/fish/completions/sidecast.fish\n\n",
    );
    let switch = |s: &mut String, name: &str, doc: &str, rows: Vec<(String, Vec<String>)>| {
        let _ = writeln!(s, "# {doc}\nfunction {name}\n    switch \"$argv[1]\"");
        for (key, words) in rows {
            let quoted: Vec<String> = words.iter().map(|w| fish_quote(w)).collect();
            let _ = writeln!(s, "        case {}\n            printf '%s\\n' {}", fish_quote(&key), quoted.join(" "));
        }
        s.push_str("    end\nend\n\n");
    };
    switch(
        &mut s,
        "__sidecast_subcommands",
        "The subcommands of a command (\"\" for sidecast itself).",
        levels
            .iter()
            .filter(|l| !l.subcommands.is_empty())
            .map(|l| (l.key(), l.subcommands.iter().map(|(n, _)| n.clone()).collect()))
            .collect(),
    );
    switch(
        &mut s,
        "__sidecast_valued",
        "The flags of a command that take a value.",
        levels
            .iter()
            .map(|l| (l.key(), l.flags.iter().filter(|f| f.takes.is_some()).flat_map(Flag::spellings).collect()))
            .filter(|(_, flags): &(String, Vec<String>)| !flags.is_empty())
            .collect(),
    );
    s.push_str(FISH_BODY);
    for level in levels {
        let condition = fish_quote(&format!("__sidecast_at {}", fish_quote(&level.key())));
        for (sub, help) in &level.subcommands {
            let _ = writeln!(s, "complete -c sidecast -n {condition} -a {} -d {}", fish_quote(sub), fish_quote(help));
        }
        if level.subcommands.is_empty() {
            for (at, values, _) in level.positions() {
                let condition = fish_quote(&format!("__sidecast_at {} {at}", fish_quote(&level.key())));
                let values = if *values == Values::Files { "-F".to_string() } else { fish_values(values) };
                let _ = writeln!(s, "complete -c sidecast -n {condition} {values}");
            }
        }
        for flag in &level.flags {
            let mut line = format!("complete -c sidecast -n {condition}");
            if let Some(c) = flag.short {
                let _ = write!(line, " -s {c}");
            }
            if let Some(l) = &flag.long {
                let _ = write!(line, " -l {l}");
            }
            if let Some(values) = &flag.takes {
                let _ = write!(line, " -r {}", fish_values(values));
            }
            let _ = writeln!(s, "{line} -d {}", fish_quote(&flag.help));
        }
    }
    s
}

fn fish_values(values: &Values) -> String {
    match values {
        Values::Nothing => "-f".into(),
        Values::Files => "-F".into(),
        Values::Folders => "-f -a '(__fish_complete_directories (commandline -ct))'".into(),
        Values::Words(words) => format!("-f -a {}", fish_quote(&words.join(" "))),
    }
}

const FISH_BODY: &str = r#"# How many positional arguments the command being typed has before the cursor, then the
# command itself ("", "run", "fit retention"), one a line.
function __sidecast_state
    set -l words (commandline -opc)
    set -e words[1]
    set -l command ''
    set -l position 0
    set -l skip 0
    for word in $words
        if test $skip -eq 1
            set skip 0
        else if string match -q -- '-*' $word
            if not string match -q -- '*=*' $word; and contains -- $word (__sidecast_valued "$command")
                set skip 1
            end
        else if contains -- $word (__sidecast_subcommands "$command")
            set command (string trim -- "$command $word")
            set position 0
        else
            set position (math $position + 1)
        end
    end
    echo $position
    echo $command
end

# Whether the command being typed is $argv[1] and, when $argv[2] is given, the cursor is at
# that positional argument (N, or N+ for N and after).
function __sidecast_at
    set -l state (__sidecast_state)
    test "$state[2]" = "$argv[1]"; or return 1
    set -q argv[2]; or return 0
    if string match -q -- '*+' $argv[2]
        test $state[1] -ge (string trim -r -c + -- $argv[2])
    else
        test $state[1] -eq $argv[2]
    end
end

# No file names unless an argument takes them.
complete -c sidecast -f

"#;

/// `text` in single quotes for elvish.
fn elvish_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn elvish_values(values: &Values) -> String {
    match values {
        Values::Nothing => "nothing".into(),
        Values::Files => "files".into(),
        Values::Folders => "folders".into(),
        Values::Words(words) => {
            format!("[{}]", words.iter().map(|w| elvish_quote(w)).collect::<Vec<_>>().join(" "))
        }
    }
}

/// The elvish script: an argument completer that finds the command being typed and offers
/// what the flag before the cursor, or the command, takes.
pub fn elvish(levels: &[Level]) -> String {
    let map = |rows: Vec<(String, String)>| -> String {
        if rows.is_empty() {
            return "[&]".into();
        }
        let rows: Vec<String> = rows.into_iter().map(|(k, v)| format!("        &{}={v}", elvish_quote(&k))).collect();
        format!("[\n{}\n    ]", rows.join("\n"))
    };
    let words = |w: Vec<String>| format!("[{}]", w.iter().map(|w| elvish_quote(w)).collect::<Vec<_>>().join(" "));
    let subcommands = map(levels
        .iter()
        .filter(|l| !l.subcommands.is_empty())
        .map(|l| (l.key(), words(l.subcommands.iter().map(|(n, _)| n.clone()).collect())))
        .collect());
    let flags =
        map(levels.iter().map(|l| (l.key(), words(l.flags.iter().flat_map(Flag::spellings).collect()))).collect());
    let values = map(levels
        .iter()
        .flat_map(|l| {
            l.flags.iter().filter_map(move |f| f.takes.as_ref().map(|t| (f, t))).flat_map(move |(f, t)| {
                f.spellings().into_iter().map(move |sp| (format!("{} {sp}", l.key()), elvish_values(t)))
            })
        })
        .collect());
    let positional = map(levels
        .iter()
        .flat_map(|l| l.positions().into_iter().map(move |(at, v, _)| (format!("{} {at}", l.key()), elvish_values(v))))
        .collect());
    format!(
        "# elvish completion for sidecast, generated by `sidecast completions elvish` from the definitions\n\
         # behind --help. Install: sidecast completions elvish >> ~/.config/elvish/rc.elv\n\n\
         use path\n\
         use str\n\n\
         set edit:completion:arg-completer[sidecast] = {{|@words|\n    \
         var subcommands = {subcommands}\n    \
         var flags = {flags}\n    \
         var values = {values}\n    \
         var positional = {positional}\n{ELVISH_BODY}}}\n"
    )
}

const ELVISH_BODY: &str = r#"    # Offers what something takes (files, folders, nothing or a list of words) for $seed.
    fn offer {|what seed|
        if (eq $what files) {
            put $seed*[nomatch-ok] | each {|f| if (path:is-dir $f) { put $f/ } else { put $f } }
        } elif (eq $what folders) {
            put $seed*[nomatch-ok][type:dir] | each {|f| put $f/ }
        } elif (eq (kind-of $what) list) {
            all $what
        }
    }
    # The command being typed (the words naming subcommands, flags' values skipped) and how
    # many positional arguments it has before the cursor.
    var command = ''
    var position = (num 0)
    var skip = $false
    for word $words[1..-1] {
        if $skip {
            set skip = $false
        } elif (str:has-prefix $word -) {
            set skip = (has-key $values $command' '$word)
        } elif (and (has-key $subcommands $command) (has-value $subcommands[$command] $word)) {
            set command = (str:trim-space $command' '$word)
            set position = (num 0)
        } else {
            set position = (+ $position 1)
        }
    }
    # The positional at the cursor: its own entry, else a repeated last one's (`N+`).
    var at = ''
    if (has-key $positional $command' '(to-string $position)) {
        set at = $command' '(to-string $position)
    } else {
        for key [(keys $positional)] {
            if (and (str:has-prefix $key $command' ') (str:has-suffix $key +)) {
                var from = (str:trim-suffix (str:trim-prefix $key $command' ') +)
                if (and (not (str:contains $from ' ')) (>= $position $from)) {
                    set at = $key
                }
            }
        }
    }
    var seed = $words[-1]
    var prev = (if (> (count $words) 2) { put $words[-2] } else { put '' })
    if (has-key $values $command' '$prev) {
        offer $values[$command' '$prev] $seed
    } elif (str:has-prefix $seed -) {
        all $flags[$command]
    } elif (has-key $subcommands $command) {
        all $subcommands[$command]
    } elif (not-eq $at '') {
        offer $positional[$at] $seed
    } else {
        all $flags[$command]
    }
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    fn level<'a>(levels: &'a [Level], key: &str) -> &'a Level {
        levels.iter().find(|l| l.key() == key).unwrap_or_else(|| panic!("no command {key:?}"))
    }

    fn takes(level: &Level, long: &str) -> Option<Values> {
        level
            .flags
            .iter()
            .find(|f| f.long.as_deref() == Some(long))
            .unwrap_or_else(|| panic!("no --{long}"))
            .takes
            .clone()
    }

    #[test]
    fn every_argument_takes_what_it_means() {
        let levels = levels(&Cli::command());
        let run = level(&levels, "run");
        assert_eq!(run.positionals, [(Values::Files, "scenario".to_string())]);
        assert_eq!(takes(run, "out"), Some(Values::Folders));
        assert_eq!(takes(run, "actuals"), Some(Values::Files));
        for number in ["trajectories", "seed", "months", "threads", "paths", "precision", "scale", "size", "set"] {
            assert_eq!(takes(run, number), Some(Values::Nothing), "--{number}");
        }
        assert_eq!(takes(run, "quiet"), None, "a switch");
        assert!(matches!(takes(run, "charts"), Some(Values::Words(w)) if w == ["none", "png", "svg", "both"]));
        assert!(matches!(takes(run, "color"), Some(Values::Words(_))), "the global flag on every command");
        let sweep = level(&levels, "sweep");
        assert!(
            matches!(takes(sweep, "metric"), Some(Values::Words(w)) if w.contains(&"cumulative_net_profit".into()))
        );
        let compare = level(&levels, "compare");
        assert!(compare.many && compare.positional(5) == Some(&Values::Files));
        let Some(Values::Words(pages)) = level(&levels, "man").positional(0) else { panic!("man takes pages") };
        assert!(pages.contains(&"fit-retention".into()) && pages.contains(&"run".into()));
        assert_eq!(takes(level(&levels, "man"), "out"), Some(Values::Folders));
        assert!(level(&levels, "fit").subcommands.iter().any(|(n, _)| n == "retention"));
        assert_eq!(takes(level(&levels, "fit retention"), "cohorts"), Some(Values::Files));
        assert_eq!(level(&levels, "init").positional(0), None);
        let import = level(&levels, "import");
        assert!(matches!(import.positional(0), Some(Values::Words(w)) if w.contains(&"stripe".into())));
        assert_eq!((import.positional(1), import.positional(4)), (Some(&Values::Files), Some(&Values::Files)));
    }

    #[test]
    fn zsh_keeps_offering_flags_after_the_files() {
        let script = zsh(&levels(&Cli::command()));
        let compare = script.split("_sidecast__compare() {").nth(1).and_then(|s| s.split("\n}\n").next()).unwrap();
        assert!(compare.contains("'*:scenario:_files'"), "{compare}");
        assert!(!compare.contains("'*::"), "{compare}");
        assert!(compare.contains("'--metric='") && compare.contains(":METRIC:(active_customers "), "{compare}");
    }
}
