//! `sidecast serve SCENARIO`: the scenario as a local web page (the `serve` module), its
//! address printed, a browser opened with `--open`, stopped cleanly by Ctrl-C.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::output::{note, print};
use super::progress::{allow_stop_within, interrupt_flag};
use crate::app::Error;
use crate::serve::{Options, Server};

/// The port asked for when none is given.
pub const DEFAULT_PORT: u16 = 8024;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The scenario file (TOML).
    #[arg(value_hint = ValueHint::FilePath)]
    pub scenario: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The interface to listen on: 127.0.0.1 unless you need another (anyone who can reach
    /// it can then use the page).
    #[arg(long, value_name = "H", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
}

pub fn run(args: &ServeArgs) -> Result<(), Error> {
    let server = Server::bind(&Options { scenario: args.scenario.clone(), host: args.host, port: args.port })?;
    if !args.host.is_loopback() {
        note(&format!(
            "warning: serving on {}: anyone who can reach this machine there can use the page and run simulations \
             on it (saving stays with this machine); use --host 127.0.0.1 to keep it to yourself",
            args.host
        ));
    }
    let url = server.url();
    print(&format!("Serving {} at {url} (Ctrl-C stops)", args.scenario.display()))?;
    if args.open
        && let Err(e) = open(&url)
    {
        note(&format!("note: could not open a browser ({e}); open {url} yourself"));
    }
    // Ctrl-C cancels the run in flight and answers the waiting ones: let that finish.
    allow_stop_within(std::time::Duration::from_secs(10));
    server.run(&interrupt_flag())?;
    note("Stopped.");
    Ok(())
}

/// Opens `url` in the default browser, without waiting for it.
fn open(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(url).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().map(drop)
}
