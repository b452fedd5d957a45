//! A small Chrome DevTools Protocol client for the browser tests: Debian's `chromium`
//! (installed by `.ci/run`), started headless and offline with a fresh profile, driven over
//! its DevTools websocket with a client written here (a handshake, masked text frames out,
//! plain frames in). Chosen over the `headless_chrome` crate for the build: that crate
//! brings a websocket library, its own protocol types and their code generation into every
//! test build, where this is two hundred lines over `std::net` and `serde_json`, which the
//! tests already have.
//!
//! Every console message, uncaught exception, log entry and request the page makes is kept,
//! so a test can assert that none is an error and that nothing left the machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The flags that work on this machine: headless, no sandbox (a container), no GPU, no
/// network of Chromium's own (no QUIC, no background requests, no updates, no sync).
pub const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
];

/// Chromium on PATH; `None` on a developer machine without one (with a message); in CI
/// (`CI=true`) a missing Chromium fails the test.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but no chromium on PATH: .ci/run installs it");
        eprintln!("SKIPPED browser test: no chromium on PATH (apt-get install -y chromium)");
    }
    found
}

/// A headless Chromium with a fresh profile, killed when dropped.
pub struct Browser {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium, or `None` when there is none (see [`chromium`]).
    pub fn launch() -> Option<Self> {
        let binary = chromium()?;
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(binary)
            .args(FLAGS)
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Chromium says where its DevTools listen on stderr; the rest of stderr is drained
        // by a thread so that it never blocks on a full pipe.
        let (send, receive) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://127.0.0.1:") {
                    let rest = &line[at + "ws://127.0.0.1:".len()..];
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = send.send(port.parse::<u16>().unwrap_or(0));
                }
            }
        });
        let port = receive.recv_timeout(Duration::from_secs(60)).expect("Chromium did not open its DevTools port");
        Some(Self { child, port, _profile: profile })
    }

    /// The first tab, as a [`Page`] with its console, log, runtime and network watched.
    pub fn page(&self) -> Page {
        let list = http_get(self.port, "/json/list");
        let targets: Vec<Value> = serde_json::from_str(&list).unwrap();
        let tab = targets.iter().find(|t| t["type"] == "page").expect("a tab");
        let url = tab["webSocketDebuggerUrl"].as_str().unwrap();
        let path = &url[url.find("/devtools").unwrap()..];
        let mut page = Page { socket: WebSocket::connect(self.port, path), next: 0, events: Vec::new() };
        for domain in ["Page", "Runtime", "Log", "Network"] {
            page.call(&format!("{domain}.enable"), json!({}));
        }
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab.
pub struct Page {
    socket: WebSocket,
    next: u64,
    /// Every event received, in order.
    pub events: Vec<Value>,
}

impl Page {
    /// Calls a method and returns its result; events that arrive meanwhile are kept.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.socket.send(&json!({ "id": id, "method": method, "params": params }).to_string());
        loop {
            let message: Value = serde_json::from_str(&self.socket.receive()).unwrap();
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    /// Opens a page and waits until it has loaded.
    pub fn open(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for("document.readyState === 'complete'", Duration::from_secs(60));
    }

    /// The value of a JavaScript expression (promises awaited).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }));
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true.
    pub fn wait_for(&mut self, expression: &str, timeout: Duration) {
        let start = Instant::now();
        while self.eval(&format!("!!({expression})")) != Value::Bool(true) {
            assert!(start.elapsed() < timeout, "waited {timeout:?} for {expression}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses and releases a key, as a keyboard would.
    pub fn press(&mut self, key: &str) {
        let code = match key {
            "ArrowRight" => 39,
            "ArrowLeft" => 37,
            "ArrowUp" => 38,
            "ArrowDown" => 40,
            "Tab" => 9,
            "Enter" => 13,
            other => panic!("no key code for {other}"),
        };
        for kind in ["rawKeyDown", "keyUp"] {
            let event = json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code });
            self.call("Input.dispatchKeyEvent", event);
        }
    }

    /// Lays the page out at a width (a phone's when `mobile`).
    pub fn resize(&mut self, width: u32, height: u32, mobile: bool) {
        let metrics = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile });
        self.call("Emulation.setDeviceMetricsOverride", metrics);
    }

    /// A PNG of the viewport, written to `path`.
    pub fn screenshot(&mut self, path: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        std::fs::write(path, base64(shot["data"].as_str().unwrap())).unwrap();
    }

    /// Console errors and warnings, uncaught exceptions, and error log entries (a resource
    /// that failed to load, a blocked request), as text.
    pub fn errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        for event in &self.events {
            let p = &event["params"];
            match event["method"].as_str() {
                Some("Runtime.exceptionThrown") => out.push(format!("exception: {}", p["exceptionDetails"])),
                Some("Runtime.consoleAPICalled")
                    if ["error", "warning", "assert"].contains(&p["type"].as_str().unwrap_or("")) =>
                {
                    out.push(format!("console {}: {}", p["type"], p["args"]));
                }
                Some("Log.entryAdded")
                    if ["error", "warning"].contains(&p["entry"]["level"].as_str().unwrap_or("")) =>
                {
                    out.push(format!("log: {}", p["entry"]));
                }
                _ => {}
            }
        }
        out
    }

    /// Every URL the page asked for.
    pub fn requests(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .map(|e| e["params"]["request"]["url"].as_str().unwrap_or("").to_string())
            .collect()
    }
}

/// `GET path` on the DevTools port.
fn http_get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    // DevTools keeps the connection open: read the head, then the body's announced length.
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    String::from_utf8(body).unwrap()
}

/// A websocket client: enough of RFC 6455 for DevTools.
struct WebSocket {
    stream: TcpStream,
}

impl WebSocket {
    fn connect(port: u16, path: &str) -> Self {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: c2lkZWNhc3QtdGVzdHMtMQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        assert!(head.starts_with(b"HTTP/1.1 101"), "{}", String::from_utf8_lossy(&head));
        Self { stream }
    }

    /// One masked text frame (a client must mask; the key needs no secrecy here).
    fn send(&mut self, text: &str) {
        let payload = text.as_bytes();
        let mut frame = vec![0x81];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65_536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        let mask = [0x5a, 0x17, 0xc3, 0x8e];
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.write_all(&frame).unwrap();
    }

    /// The next whole text message (fragments joined; pings answered).
    fn receive(&mut self) -> String {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.stream.read_exact(&mut head).unwrap();
            let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0f);
            let length = match head[1] & 0x7f {
                126 => {
                    let mut n = [0u8; 2];
                    self.stream.read_exact(&mut n).unwrap();
                    u64::from(u16::from_be_bytes(n))
                }
                127 => {
                    let mut n = [0u8; 8];
                    self.stream.read_exact(&mut n).unwrap();
                    u64::from_be_bytes(n)
                }
                n => u64::from(n),
            };
            let mut payload = vec![0; length as usize];
            self.stream.read_exact(&mut payload).unwrap();
            match opcode {
                0x9 => {
                    let mut pong = vec![0x8a, 0x80 | payload.len() as u8, 0, 0, 0, 0];
                    pong.extend_from_slice(&payload);
                    self.stream.write_all(&pong).unwrap();
                }
                0x8 => panic!("Chromium closed the DevTools connection"),
                _ => {
                    message.extend_from_slice(&payload);
                    if fin {
                        return String::from_utf8(message).unwrap();
                    }
                }
            }
        }
    }
}

/// Standard base64 to bytes (screenshots).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let clean: Vec<u8> = text.bytes().filter(|&c| c != b'=' && !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &c)| n | (u32::from(value(c)) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGVsbG8h"), b"hello!");
    assert_eq!(base64("aA=="), b"h");
}
