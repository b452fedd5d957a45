//! Progress on stderr for long runs (indicatif), hidden when stderr is not a terminal or with
//! `--quiet`, and Ctrl-C or SIGTERM turned into a clean cancellation of every phase.
//!
//! The engine reports progress once per block of trajectories, never per trajectory, so the
//! bar costs nothing measurable (see docs/performance.md). Cancellation is checked before
//! each block; a cancelled run returns an error before anything is written.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::app::{Cancelled, Control, Monitor};

/// The CLI's [`Monitor`]: a progress bar per simulation (unless quiet) and Ctrl-C.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub quiet: bool,
}

impl Monitor for Progress {
    fn watch<T>(
        &self,
        label: &str,
        trajectories: usize,
        work: impl FnOnce(&Control<'_>) -> Result<T, Cancelled>,
    ) -> Result<T, Cancelled> {
        with_progress(trajectories, self.quiet, label, work)
    }
}

/// A progress bar for `total` trajectories; hidden when `quiet` or stderr is not a terminal.
pub fn bar(total: usize, quiet: bool, what: &str) -> ProgressBar {
    let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    let style = ProgressStyle::with_template("{msg} {wide_bar} {human_pos}/{human_len} trajectories · {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(crate::text::escape_control(what).into_owned());
    // Runs shorter than about a second never show it.
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// How long a phase has, after the first signal, to notice the flag and stop by itself.
const GRACE: Duration = Duration::from_secs(1);

/// The flag raised by Ctrl-C or SIGTERM (and SIGHUP), installed on first use: every phase
/// checks it (the engine per block of trajectories, writers before each file) and stops
/// with nothing written. A phase that cannot check it (a FIFO opened with no writer at the
/// other end, a long fit) is not waited for: `GRACE` after the first signal the process
/// removes the temporary files and folders still alive and exits with status 130, unless
/// an output folder is being put in place (a few renames), which is let finish first. A
/// second signal does the same at once.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let handler_flag = Arc::clone(&flag);
        // Without a handler, a signal still stops the process (possibly leaving a
        // temporary file, which is why the handler is installed before any work).
        let _ = ctrlc::set_handler(move || {
            if handler_flag.swap(true, Ordering::SeqCst) {
                stop_now();
            }
            std::thread::spawn(|| {
                let signalled = std::time::Instant::now();
                while signalled.elapsed() < GRACE || crate::export::committing() {
                    std::thread::sleep(Duration::from_millis(20));
                }
                stop_now();
            });
        });
        flag
    })
    .clone()
}

/// Removes every temporary file and exits with status 130, saying so.
fn stop_now() -> ! {
    crate::export::remove_temporaries();
    let message = crate::app::Error::Interrupted.render(false);
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{message}\n").as_bytes());
    std::process::exit(130)
}

/// Whether Ctrl-C or SIGTERM has been received.
pub fn interrupted() -> bool {
    interrupt_flag().load(Ordering::Relaxed)
}

/// Runs `work` with a progress bar for about `total` trajectories (shown after a second
/// unless `quiet`; it grows if the work runs more) and Ctrl-C cancellation.
///
/// # Errors
/// [`Cancelled`] when the run was stopped by Ctrl-C (nothing has been written at that point).
pub fn with_progress<T>(
    total: usize,
    quiet: bool,
    what: &str,
    work: impl FnOnce(&Control<'_>) -> Result<T, Cancelled>,
) -> Result<T, Cancelled> {
    let bar = bar(total, true, what);
    let shown = AtomicBool::new(quiet);
    let tick = |done: usize| {
        bar.inc(done as u64);
        if bar.length().is_some_and(|length| bar.position() > length) {
            bar.set_length(bar.position());
        }
        if bar.elapsed() > Duration::from_secs(1) && !shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    };
    let interrupted = interrupt_flag();
    let control = Control { progress: Some(&tick), cancel: Some(&interrupted), pins: &[] };
    let result = work(&control);
    bar.finish_and_clear();
    result
}
