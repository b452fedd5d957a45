//! Progress on stderr for long runs (indicatif), hidden when stderr is not a terminal or with
//! `--quiet`, and Ctrl-C turned into a clean cancellation of the engine.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar for `total` trajectories; hidden when `quiet` or stderr is not a terminal.
pub fn bar(total: usize, quiet: bool, what: &str) -> ProgressBar {
    let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    let style = ProgressStyle::with_template("{msg} {wide_bar} {human_pos}/{human_len} trajectories · {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_string());
    // Runs shorter than about a second never show it.
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// A flag raised by Ctrl-C; installing the handler twice is harmless.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let handler_flag = Arc::clone(&flag);
        // Without a handler, Ctrl-C still stops the process before anything is written.
        let _ = ctrlc::set_handler(move || handler_flag.store(true, Ordering::Relaxed));
        flag
    })
    .clone()
}
