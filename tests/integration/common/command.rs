//! The one way the integration tests start the `sidecast` binary (the idea of ripgrep's
//! `TestCommand`): [`sidecast()`] gives a command in the repository's root with no colour
//! variables inherited, arguments are added as on a `Command`, and a run ends in one of a
//! few verbs that say what the test expects: [`Sidecast::stdout`] (success, its output),
//! [`Sidecast::refused`] (status 2, its message), [`Sidecast::code`] (any status),
//! [`Sidecast::output`] (whatever happened). On a failed expectation the panic shows the
//! command line, the status and both streams. [`Sidecast::through`] runs the binary under
//! a shell line (a `ulimit`, a redirection, a process substitution) and
//! [`Sidecast::command`] hands over a `std::process::Command` for pipes and signals.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary cargo built for these tests.
const BINARY: &str = env!("CARGO_BIN_EXE_sidecast");

/// Variables that change what the binary prints; a test that wants one sets it.
const CLEARED: [&str; 5] = ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "RAYON_NUM_THREADS", "COLUMNS"];

/// A `sidecast` command line being built.
#[derive(Debug, Clone)]
pub struct Sidecast {
    args: Vec<OsString>,
    env: Vec<(OsString, Option<OsString>)>,
    dir: PathBuf,
    stdin: Option<Vec<u8>>,
    shell: Option<String>,
}

/// `sidecast` with no arguments, run in the repository's root (where `scenarios/` is).
pub fn sidecast() -> Sidecast {
    Sidecast {
        args: Vec::new(),
        env: CLEARED.iter().map(|k| (OsString::from(k), None)).collect(),
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        stdin: None,
        shell: None,
    }
}

impl Sidecast {
    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&mut self, args: I) -> &mut Self {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.env.push((key.as_ref().to_owned(), Some(value.as_ref().to_owned())));
        self
    }

    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        self.env.push((key.as_ref().to_owned(), None));
        self
    }

    /// Runs in `dir` instead of the repository's root.
    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.dir = dir.as_ref().to_path_buf();
        self
    }

    /// Gives the binary these bytes on stdin (by default it gets none: `/dev/null`).
    pub fn stdin(&mut self, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin = Some(bytes.into());
        self
    }

    /// Runs the binary through `bash -c LINE`, where `"$0"` is the binary and `"$@"` the
    /// arguments: `ulimit -v 4000000 && exec "$0" "$@"`, `"$0" "$@" --json >(cat > x)`.
    pub fn through(&mut self, line: &str) -> &mut Self {
        self.shell = Some(line.to_string());
        self
    }

    /// The command line as a test failure shows it.
    pub fn line(&self) -> String {
        let words: Vec<String> = self.args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        format!("sidecast {}", words.join(" "))
    }

    /// The configured `std::process::Command`, for a test that spawns it itself (pipes,
    /// signals); stdin is `/dev/null` unless bytes were given.
    pub fn command(&self) -> Command {
        let mut command = match &self.shell {
            None => Command::new(BINARY),
            Some(line) => {
                let mut c = Command::new("bash");
                c.arg("-c").arg(line).arg(BINARY);
                c
            }
        };
        command.args(&self.args).current_dir(&self.dir).stdin(Stdio::null());
        for (key, value) in &self.env {
            match value {
                Some(v) => command.env(key, v),
                None => command.env_remove(key),
            };
        }
        command
    }

    /// Runs it and returns what happened, whatever the exit status.
    pub fn output(&self) -> Output {
        let mut command = self.command();
        let Some(bytes) = &self.stdin else {
            return command.output().unwrap_or_else(|e| panic!("cannot start `{}`: {e}", self.line()));
        };
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot start `{}`: {e}", self.line()));
        let mut input = child.stdin.take().expect("stdin is piped");
        let bytes = bytes.clone();
        // Written from a thread so a binary that prints before reading cannot deadlock.
        let writer = std::thread::spawn(move || std::io::Write::write_all(&mut input, &bytes));
        let output = child.wait_with_output().unwrap_or_else(|e| panic!("`{}` did not end: {e}", self.line()));
        let _ = writer.join();
        output
    }

    /// Runs it, expecting exit status `code`; returns what it printed.
    pub fn code(&self, code: i32) -> Output {
        let output = self.output();
        if output.status.code() != Some(code) {
            panic!("`{}`: expected exit status {code}\n{}", self.line(), describe(&output));
        }
        output
    }

    /// Runs it, expecting success; returns its stdout as text.
    pub fn stdout(&self) -> String {
        text(&self.code(0).stdout)
    }

    /// Runs it, expecting success; returns its stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        let output = self.code(0);
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("`{}`: stdout is not JSON ({e})\n{}", self.line(), describe(&output)))
    }

    /// Runs it, expecting the refusal of bad input (exit status 2, nothing on stdout, no
    /// panic); returns the message.
    pub fn refused(&self) -> String {
        let output = self.code(2);
        let stderr = text(&output.stderr);
        assert!(!stderr.contains("panicked"), "`{}` panicked:\n{stderr}", self.line());
        assert!(output.stdout.is_empty(), "`{}` refused but printed:\n{}", self.line(), describe(&output));
        stderr
    }
}

/// Bytes as text, lossily (a test compares words).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The status and both streams, for a failure message.
pub fn describe(output: &Output) -> String {
    format!(
        "status: {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    )
}
