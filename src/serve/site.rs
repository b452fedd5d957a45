//! What each address of the page does ([`Site`]): `GET /` the page, `GET /api/run` the
//! `summary.json` of `run --set ...`, byte for byte, `GET /api/view` what the page redraws
//! (the view, that summary and the paired difference from the file's own run, with the
//! time the run took), `POST /api/save` a copy of the scenario with the page's values.
//! Runs are answered through the work queue ([`Route::Run`]); everything else at once.
//!
//! Every request is input: unknown paths are 404, other methods 405 with `Allow`, a
//! request for another host 421 (a page elsewhere cannot reach this one through its own
//! domain name), a bad value 400 with the message `run` prints for it.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

use serde::Deserialize;

use super::http::{Request, Response};
use super::params::run_params;
use super::save::write_copy;
use crate::app::live::{Series, Source, check_file_name, difference, fields, redraw, saved_text};
use crate::app::{Error, Kind, Limits, Monitor};

/// Longest run a request may start: a page must stay responsive, and a script cannot make
/// the machine work for an hour.
pub const MAX_RUN_SECONDS: f64 = 30.0;

/// The kind of run a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// `summary.json` as `run --json -` prints it.
    Summary,
    /// What the page redraws.
    View,
}

/// How a request is answered.
#[derive(Debug)]
pub enum Route {
    /// At once.
    Now(Response),
    /// After a run: queued.
    Run { work: Work, sets: Vec<String>, client: Option<String> },
}

/// The page's state: the scenario as read at start, the page, and the file's own run of
/// the lead metric once made (every difference pairs with it).
#[derive(Debug)]
pub struct Site {
    source: Source,
    page: Vec<u8>,
    limits: Limits,
    /// The `Host` values answered (`None`: any, when serving another interface).
    hosts: Option<Vec<String>>,
    baseline: Mutex<Option<Series>>,
}

impl Site {
    /// The site of a scenario, after checking that it loads.
    ///
    /// # Errors
    /// [`Error::Scenario`] with every problem of the file.
    pub fn new(source: Source) -> Result<Self, Error> {
        let fields = fields(&source.scenario(&[])?, source.text());
        let page = super::page::page(&source, &fields).into_bytes();
        let limits = Limits { max_seconds: MAX_RUN_SECONDS, ..Limits::default() };
        Ok(Self { source, page, limits, hosts: None, baseline: Mutex::new(None) })
    }

    /// Answers only requests whose `Host` is one of these (`127.0.0.1:8024`, ...).
    pub fn only_for(mut self, hosts: Vec<String>) -> Self {
        self.hosts = Some(hosts);
        self
    }

    /// Everything at once, a run included: what the server does in two steps
    /// ([`Site::route`], then [`Site::run`] in the worker). Tests and benchmarks use it.
    pub fn respond(&self, request: &Request, monitor: &impl Monitor) -> Response {
        match self.route(request) {
            Route::Now(response) => response,
            Route::Run { work, sets, .. } => self.run(work, &sets, monitor),
        }
    }

    /// What to do with a request.
    pub fn route(&self, request: &Request) -> Route {
        if let Some(hosts) = &self.hosts
            && !request.header("host").is_some_and(|h| hosts.iter().any(|a| a.eq_ignore_ascii_case(h)))
        {
            let first = hosts.first().map_or("", String::as_str);
            return Route::Now(Response::text(421, &format!("error: this server answers to http://{first}/ only")));
        }
        let method = request.method.as_str();
        let allowed = match request.path() {
            "/" | "/index.html" => "GET",
            "/api/run" | "/api/view" => "GET",
            "/api/save" => "POST",
            "/favicon.ico" => return Route::Now(Response::new(204, "text/plain; charset=utf-8", Vec::new())),
            _ => return Route::Now(Response::text(404, "error: no such page; the page is at /")),
        };
        let page = matches!(request.path(), "/" | "/index.html");
        if page && method == "HEAD" {
            return Route::Now(self.page_response().head());
        }
        if method != allowed {
            let (allowed, words) = if page { ("GET, HEAD", "GET or HEAD") } else { (allowed, allowed) };
            let message = format!("error: {} takes {words} only", request.path());
            return Route::Now(Response::text(405, &message).with_header("Allow", allowed));
        }
        match request.path() {
            "/api/run" | "/api/view" => {
                let view = request.path() == "/api/view";
                match run_params(request.query(), view) {
                    Ok(p) => Route::Run {
                        work: if view { Work::View } else { Work::Summary },
                        sets: p.sets,
                        client: p.client,
                    },
                    Err(message) => Route::Now(Response::text(400, &message)),
                }
            }
            "/api/save" => Route::Now(self.save(request)),
            _ => Route::Now(self.page_response()),
        }
    }

    /// The page.
    fn page_response(&self) -> Response {
        Response::new(200, "text/html; charset=utf-8", self.page.clone()).with_header("Content-Security-Policy", CSP)
    }

    /// Makes a run and answers with its JSON, or with what `run` would say about it.
    pub fn run(&self, work: Work, sets: &[String], monitor: &impl Monitor) -> Response {
        let started = Instant::now();
        let result = redraw(&self.source, sets, self.limits, monitor);
        let redrawn = match result {
            Ok(r) => r,
            Err(e) => return failure(&e),
        };
        if work == Work::Summary {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            return Response::json(200, redrawn.summary).with_header("Server-Timing", format!("run;dur={ms:.1}"));
        }
        let baseline = match self.baseline(sets, redrawn.series.as_ref(), monitor) {
            Ok(b) => b,
            Err(e) => return failure(&e),
        };
        let paired = baseline.as_ref().zip(redrawn.series.as_ref()).and_then(|(b, v)| difference(b, v));
        let unpaired = match (&paired, sets.is_empty()) {
            (None, false) => json(&unpaired(baseline.as_ref(), redrawn.series.as_ref())),
            _ => "null".to_string(),
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut body = String::with_capacity(redrawn.summary.len() + 16 * 1024);
        let _ = write!(
            body,
            "{{\"view\":{},\"difference\":{},\"unpaired\":{unpaired},\"server_ms\":{ms:.1},\"summary\":",
            json(&redrawn.view),
            paired.as_ref().map_or_else(|| "null".to_string(), json),
        );
        let mut bytes = body.into_bytes();
        bytes.extend_from_slice(&redrawn.summary);
        bytes.push(b'}');
        Response::json(200, bytes).with_header("Server-Timing", format!("run;dur={ms:.1}"))
    }

    /// The file's own run of the lead metric: this one when it has no `sets`, else made
    /// once and kept.
    fn baseline(
        &self,
        sets: &[String],
        series: Option<&Series>,
        monitor: &impl Monitor,
    ) -> Result<Option<Series>, Error> {
        let mut kept = self.baseline.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.is_none() {
            *kept =
                if sets.is_empty() { series.cloned() } else { redraw(&self.source, &[], self.limits, monitor)?.series };
        }
        Ok(kept.clone())
    }

    /// `POST /api/save`: `{"name": "x.toml", "sets": [...], "overwrite": false}`.
    fn save(&self, request: &Request) -> Response {
        if let Some(peer) = request.peer
            && !peer.ip().is_loopback()
        {
            return Response::text(403, "error: only this machine may save files");
        }
        if !request.header("content-type").is_some_and(|t| t.starts_with("application/json")) {
            return Response::text(415, "error: send the save as application/json");
        }
        if let (Some(origin), Some(hosts)) = (request.header("origin"), &self.hosts)
            && !hosts.iter().any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")))
        {
            return Response::text(403, "error: a save must come from the page itself");
        }
        let save = match serde_json::from_slice::<Save>(&request.body) {
            Ok(save) => save,
            // serde's words name the key and what it wanted ("unknown field `extra`").
            Err(e) => {
                let message = format!(
                    "error: {e}; a save is {{\"name\": \"FILE.toml\", \"sets\": [\"KEY=VALUE\", ...], \"overwrite\": false}}"
                );
                return Response::text(400, &message);
            }
        };
        let text = check_file_name(&save.name, self.source.origin())
            .and_then(|()| saved_text(&self.source, &save.sets, &save.name));
        let text = match text {
            Ok(text) => text,
            Err(e) => return failure(&e),
        };
        let path = self.source.folder().join(&save.name);
        match write_copy(&path, text.as_bytes(), save.overwrite) {
            Ok(()) => {
                let body = serde_json::json!({ "path": path.display().to_string() }).to_string();
                Response::json(201, body.into_bytes())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let message = format!("{} exists already; overwrite it?", path.display());
                let body = serde_json::json!({ "exists": true, "message": message }).to_string();
                Response::json(409, body.into_bytes())
            }
            Err(e) => Response::text(500, &format!("error: cannot write {}: {e}", path.display())),
        }
    }
}

/// A save as the page sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Save {
    name: String,
    sets: Vec<String>,
    #[serde(default)]
    overwrite: bool,
}

/// The page's own content security policy: nothing from anywhere but this server.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; \
                   img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The answer to a failed run: bad input as `run` prints it (400), a cancelled run 409
/// (superseded), anything else 500.
fn failure(error: &Error) -> Response {
    let status = match error.kind() {
        Kind::BadInput => 400,
        Kind::Interrupted => 409,
        Kind::Failure | Kind::ClosedPipe => 500,
    };
    if status == 409 {
        return super::queue::superseded();
    }
    Response::text(status, &error.render(false))
}

/// JSON of the small values a view carries (never failing for these types).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// Why a run with changes is not paired with the file's own, in words for the page.
fn unpaired(baseline: Option<&Series>, variant: Option<&Series>) -> String {
    match (baseline, variant) {
        (Some(b), Some(v)) if b.metric != v.metric => format!(
            "Not paired with the file's own run: with your changes the lead is {}, and the file's own run leads with {} (without costs the lead is gross profit), so their futures are not the same amount.",
            v.metric.label().to_lowercase(),
            b.metric.label().to_lowercase()
        ),
        (Some(b), Some(v)) if b.seed != v.seed => {
            "Not paired with the file's own run: the seed differs, so the futures are not the same luck.".to_string()
        }
        (Some(_), Some(_)) => {
            "Not paired with the file's own run: the number of trajectories or months differs.".to_string()
        }
        _ => "Not paired with the file's own run: a run this large keeps no trajectories to pair.".to_string(),
    }
}
