//! `sidecast serve` from outside, as the binary runs: its API answers what `run --set`
//! answers (the JSON byte for byte, the refusal word for word), every bad request gets a
//! clear 400-class answer and nothing else, "save" writes a new file only where and when
//! asked, and Ctrl-C stops it cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::sidecast;

/// A running `sidecast serve`, stopped with SIGINT when dropped.
pub struct Served {
    pub child: Child,
    pub address: String,
    pub stderr: Option<std::process::ChildStderr>,
}

impl Served {
    /// `sidecast serve SCENARIO --port 0 ARGS...`, once it has said where it listens.
    pub fn start(scenario: &Path, args: &[&str]) -> Self {
        let mut child = sidecast()
            .command()
            .arg("serve")
            .arg(scenario)
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let start = line.find("http://").unwrap_or_else(|| panic!("no address in {line:?}")) + "http://".len();
        let address = line[start..].split('/').next().unwrap().to_string();
        let stderr = child.stderr.take();
        Self { child, address, stderr }
    }

    /// Sends raw bytes and returns the status and the body.
    pub fn raw(&self, request: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
        let _ = stream.write_all(request);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer).into_owned();
        let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    pub fn get(&self, target: &str) -> (u16, String) {
        self.raw(format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.address).as_bytes())
    }

    pub fn post(&self, target: &str, body: &str) -> (u16, String) {
        let head = format!(
            "POST {target} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.address,
            body.len()
        );
        self.raw(format!("{head}{body}").as_bytes())
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit; returns the status and stderr.
    pub fn interrupt(mut self) -> (Option<i32>, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "the server did not stop within 30 s of Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stderr = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = e.read_to_string(&mut stderr);
        }
        (status.code(), stderr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `sidecast run SCENARIO --json - --charts none` with `sets`: (status, stdout, stderr).
pub fn run_json(scenario: &Path, sets: &[&str]) -> (i32, Vec<u8>, String) {
    let out = tempfile::tempdir().unwrap();
    let mut command = sidecast();
    command.arg("run").arg(scenario).args(["--json", "-", "--charts", "none", "-q", "--out"]).arg(out.path());
    for set in sets {
        command.args(["--set", set]);
    }
    let output = command.output();
    (output.status.code().unwrap_or(-1), output.stdout, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// `set=KEY%3DVALUE&...`
pub fn query(sets: &[&str]) -> String {
    sets.iter().map(|s| format!("set={}", s.replace('=', "%3D").replace(' ', "%20"))).collect::<Vec<_>>().join("&")
}

#[test]
fn the_api_answers_with_run_s_json_byte_for_byte() {
    let scenario = Path::new("scenarios/reseller.toml");
    let served = Served::start(scenario, &[]);
    for sets in [vec!["reseller.churn=0.15"], vec!["reseller.churn=0.05", "reseller.arrivals=2", "trajectories=3000"]] {
        let (status, body) = served.get(&format!("/api/run?{}", query(&sets)));
        assert_eq!(status, 200, "{body}");
        let (code, expected, stderr) = run_json(scenario, &sets);
        assert_eq!(code, 0, "{stderr}");
        assert!(body.as_bytes() == expected.as_slice(), "{sets:?}: the page's summary.json differs from run's");
    }
    // The file's own values: no set at all.
    let (status, body) = served.get("/api/run");
    assert_eq!((status, body.as_bytes()), (200, run_json(scenario, &[]).1.as_slice()));
}

#[test]
fn bad_requests_get_clear_answers_and_run_s_own_messages() {
    let scenario = Path::new("scenarios/reseller.toml");
    let served = Served::start(scenario, &[]);
    // A bad value or key: 400 with what `run --set` prints (without colour), word for word.
    for sets in
        [vec!["reseller.churn=2"], vec!["reseller.chrun=0.1"], vec!["reseller.churn"], vec!["x=1", "reseller.churn=-1"]]
    {
        let (status, body) = served.get(&format!("/api/run?{}", query(&sets)));
        let (code, _, stderr) = run_json(scenario, &sets);
        assert_eq!((status, code), (400, 2), "{sets:?}: {body}");
        assert_eq!(body.trim_end(), stderr.trim_end(), "{sets:?}");
    }
    let host = format!("Host: {}\r\n", served.address);
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (format!("GET /api/run?sets=a HTTP/1.1\r\n{host}\r\n").into_bytes(), 400, "unknown parameter `sets`"),
        (format!("GET /api/run?set=%zz HTTP/1.1\r\n{host}\r\n").into_bytes(), 400, "two hex digits"),
        (format!("POST /api/run HTTP/1.1\r\n{host}Content-Length: 0\r\n\r\n").into_bytes(), 405, "takes GET only"),
        (format!("DELETE / HTTP/1.1\r\n{host}\r\n").into_bytes(), 405, "takes GET or HEAD only"),
        // HEAD wherever the page is (it was 405): the page's headers, no body.
        (format!("HEAD / HTTP/1.1\r\n{host}\r\n").into_bytes(), 200, ""),
        (format!("GET /api/save HTTP/1.1\r\n{host}\r\n").into_bytes(), 405, "takes POST only"),
        (format!("GET /../../etc/passwd HTTP/1.1\r\n{host}\r\n").into_bytes(), 404, "no such page"),
        (format!("GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\n{host}\r\n").into_bytes(), 404, "no such page"),
        (format!("GET /scenarios/reseller.toml HTTP/1.1\r\n{host}\r\n").into_bytes(), 404, "no such page"),
        (b"GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n".to_vec(), 421, "answers to http://127.0.0.1:"),
        (format!("GET /{} HTTP/1.1\r\n{host}\r\n", "a".repeat(9000)).into_bytes(), 414, "longer than"),
        (format!("GET / HTTP/1.1\r\n{host}X: {}\r\n\r\n", "a".repeat(20_000)).into_bytes(), 431, "head is longer"),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(), 400, "not text"),
        (b"HELLO\r\n\r\n".to_vec(), 400, "request line"),
        (
            format!(
                "POST /api/save HTTP/1.1\r\n{host}Content-Type: application/json\r\nContent-Length: 999999\r\n\r\n"
            )
            .into_bytes(),
            413,
            "larger than",
        ),
    ];
    for (request, status, words) in cases {
        let (got, body) = served.raw(&request);
        assert_eq!(got, status, "{}: {body}", String::from_utf8_lossy(&request[..request.len().min(60)]));
        assert!(body.contains(words), "{status}: {body}");
        if request.starts_with(b"HEAD") {
            assert!(body.is_empty(), "a HEAD answer has no body: {body}");
        }
    }
    // The server is still there after all of that.
    assert_eq!(served.get("/").0, 200);
}

#[test]
fn save_writes_a_new_file_next_to_the_scenario_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("reseller.toml");
    std::fs::copy("scenarios/reseller.toml", &scenario).unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    let served = Served::start(&scenario, &[]);
    served.get("/api/run?set=reseller.churn%3D0.15&set=trajectories%3D200");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before.len(), "a run writes nothing");
    let save = |name: &str, overwrite: bool| {
        let body = serde_json::json!({ "name": name, "sets": ["reseller.churn=0.15"], "overwrite": overwrite });
        served.post("/api/save", &body.to_string())
    };
    let (status, body) = save("reseller-churn-15.toml", false);
    assert_eq!(status, 201, "{body}");
    let saved = dir.path().join("reseller-churn-15.toml");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("# Saved by `sidecast serve` from reseller.toml")
            && text.contains("reseller.churn = 0.15 (was 0.1)")
    );
    // The saved file runs to the numbers of `run --set` (all but the file's name).
    let strip = |json: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(json).unwrap();
        v.as_object_mut().unwrap().remove("source");
        v
    };
    assert_eq!(strip(&run_json(&saved, &[]).1), strip(&run_json(&scenario, &["reseller.churn=0.15"]).1));
    // Never over a file without asking; then only when told to.
    std::fs::write(&saved, "mine").unwrap();
    let (status, body) = save("reseller-churn-15.toml", false);
    assert!(status == 409 && body.contains("exists already; overwrite it?"), "{status} {body}");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), "mine");
    assert_eq!(save("reseller-churn-15.toml", true).0, 201);
    assert!(std::fs::read_to_string(&saved).unwrap().contains("churn = 0.15"));
    for (name, words) in [
        ("reseller.toml", "that is the scenario itself"),
        ("../escape.toml", "letters, digits"),
        ("/tmp/escape.toml", "letters, digits"),
        ("notes.txt", "end it with .toml"),
    ] {
        let (status, body) = save(name, true);
        assert!(status == 400 && body.contains(words), "{name}: {status} {body}");
    }
    let (status, body) = served.post("/api/save", "{\"name\": \"x.toml\", \"sets\": [\"reseller.churn=2\"]}");
    assert!(status == 400 && body.contains("2 is out of range"), "an invalid value is never saved: {body}");
    let (status, _) = served.post("/api/save", "not json");
    assert_eq!(status, 400);
    // A malformed save names its key (every one got the same sentence).
    for (body, words) in [
        ("{\"name\": 5, \"sets\": []}", "expected a string"),
        ("{\"name\": \"x.toml\", \"sets\": [], \"extra\": 1}", "unknown field `extra`"),
        ("{\"name\": \"x.toml\", \"sets\": [], \"overwrite\": \"yes\"}", "expected a boolean"),
        ("{\"name\": \"x.toml\"}", "missing field `sets`"),
    ] {
        let (status, answer) = served.post("/api/save", body);
        assert!(status == 400 && answer.contains(words) && answer.contains("a save is {"), "{body}: {answer}");
    }
    assert!(!dir.path().parent().unwrap().join("escape.toml").exists());
}

#[test]
fn ctrl_c_stops_the_server_cleanly_even_in_the_middle_of_a_run() {
    let served = Served::start(Path::new("scenarios/reseller.toml"), &[]);
    let address = served.address.clone();
    // A long run in flight when Ctrl-C comes: it is cancelled and answered.
    let long = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&address).unwrap();
        write!(stream, "GET /api/run?set=trajectories%3D400000 HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    });
    std::thread::sleep(Duration::from_millis(1500));
    let (code, stderr) = served.interrupt();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("Stopped."), "{stderr}");
    let answer = long.join().unwrap();
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 503"), "{answer}");
}

#[test]
fn another_interface_only_when_asked_and_with_a_warning() {
    let served = Served::start(Path::new("scenarios/reseller.toml"), &["--host", "0.0.0.0"]);
    let (status, _) = served.get("/");
    assert_eq!(status, 200);
    let (_, stderr) = served.interrupt();
    assert!(stderr.contains("warning: serving on 0.0.0.0: anyone who can reach this machine"), "{stderr}");
    // A port in use is refused before anything else, naming the way out.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = sidecast().args(["serve", "scenarios/reseller.toml", "--port", &port]).output();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("cannot listen on 127.0.0.1:") && message.contains("--port"), "{message}");
}
