//! HTTP/1.1 as the page needs it, with every size bounded: a request's head (request line
//! and headers) of at most [`MAX_HEAD`] bytes and [`MAX_HEADERS`] headers, a body of at
//! most [`MAX_BODY`] bytes announced by `Content-Length` (no chunked bodies), one request a
//! connection, answered with `Connection: close`. Anything else is answered with the
//! status that says why (400, 413, 414, 431, 501) and never read further.

use std::io::{BufRead, BufReader, Read, Take, Write};
use std::net::SocketAddr;

/// Most bytes of a request line and its headers.
pub const MAX_HEAD: usize = 16 * 1024;
/// Longest request target (path and query).
pub const MAX_TARGET: usize = 8 * 1024;
/// Most headers.
pub const MAX_HEADERS: usize = 64;
/// Largest body (a save: a file name and the changed values).
pub const MAX_BODY: usize = 64 * 1024;

/// A request as read from the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The path and query, as sent (`/api/run?set=reseller.churn%3D0.15`).
    pub target: String,
    /// Header names in lower case, values trimmed.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub peer: Option<SocketAddr>,
}

impl Request {
    /// A request made here (tests, benchmarks): no headers, no peer.
    pub fn new(method: &str, target: &str, body: &[u8]) -> Self {
        Self { method: method.into(), target: target.into(), headers: Vec::new(), body: body.to_vec(), peer: None }
    }

    /// The value of a header, by its lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }

    /// The query, without the `?`.
    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }
}

/// A response to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// The answer to a HEAD request: the headers a GET gets, its length, no body.
    pub head_only: bool,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Self {
        Self { status, content_type, headers: Vec::new(), body, head_only: false }
    }

    /// The same answer to a HEAD request.
    #[must_use]
    pub fn head(mut self) -> Self {
        self.head_only = true;
        self
    }

    /// Plain text (a message for the page to show, as the command line would print it).
    pub fn text(status: u16, message: &str) -> Self {
        let mut body = message.as_bytes().to_vec();
        if !body.ends_with(b"\n") {
            body.push(b'\n');
        }
        Self::new(status, "text/plain; charset=utf-8", body)
    }

    pub fn json(status: u16, body: Vec<u8>) -> Self {
        Self::new(status, "application/json", body)
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// The response as bytes on the wire.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            // Values are made here, never from a request, but a line break would still split them.
            head.push_str(&format!("{name}: {}\r\n", value.replace(['\r', '\n'], " ")));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        if !self.head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }

    /// Writes the response; a client that has gone away is no error of ours.
    pub fn send(&self, stream: &mut impl Write) {
        let _ = stream.write_all(&self.to_bytes()).and_then(|()| stream.flush());
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Reads one request, reading at most [`MAX_HEAD`] bytes of head and the body it announces
/// (at most [`MAX_BODY`]).
///
/// # Errors
/// The response that says what is wrong (`None` when the connection closed or timed out
/// before a whole request arrived: there is no one to answer).
pub fn read_request(stream: impl Read, peer: Option<SocketAddr>) -> Result<Request, Option<Response>> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD as u64));
    let mut line = String::new();
    let request_line = read_line(&mut reader, &mut line)?;
    let mut words = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (words.next(), words.next(), words.next(), words.next())
    else {
        return Err(Some(Response::text(400, "error: a request line is METHOD TARGET HTTP/1.1")));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Some(Response::text(400, "error: only HTTP/1.0 and HTTP/1.1 are spoken here")));
    }
    if target.len() > MAX_TARGET {
        return Err(Some(Response::text(414, &format!("error: the address is longer than {MAX_TARGET} bytes"))));
    }
    if !target.starts_with('/') {
        return Err(Some(Response::text(400, "error: the target must be a path starting with /")));
    }
    let (method, target) = (method.to_string(), target.to_string());
    let mut headers = Vec::new();
    loop {
        let header = read_line(&mut reader, &mut line)?;
        if header.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADERS {
            return Err(Some(Response::text(431, &format!("error: more than {MAX_HEADERS} headers"))));
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(Some(Response::text(400, "error: a header line without a colon")));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let mut request = Request { method, target, headers, body: Vec::new(), peer };
    if request.header("transfer-encoding").is_some() {
        return Err(Some(Response::text(501, "error: send the body with a Content-Length, not chunked")));
    }
    // Without a length a request has no body (RFC 9112, 6.3).
    let length = match request.header("content-length") {
        None => 0,
        Some(text) => text.parse::<usize>().map_err(|_| Some(Response::text(400, "error: a bad Content-Length")))?,
    };
    if length > MAX_BODY {
        return Err(Some(Response::text(413, &format!("error: the body is larger than {MAX_BODY} bytes"))));
    }
    // The head's limit must not cut the body short: read it from what is left, past the limit.
    let buffered = reader.buffer().to_vec();
    let mut rest = reader.into_inner().into_inner();
    request.body = buffered;
    request.body.truncate(length);
    let missing = length - request.body.len();
    let mut tail = vec![0; missing];
    rest.read_exact(&mut tail).map_err(|_| None)?;
    request.body.extend_from_slice(&tail);
    Ok(request)
}

/// One line of the head, without its line ending.
fn read_line<R: Read>(reader: &mut BufReader<Take<R>>, line: &mut String) -> Result<String, Option<Response>> {
    line.clear();
    let mut bytes = Vec::new();
    let n = reader.read_until(b'\n', &mut bytes).map_err(|_| None)?;
    if n == 0 {
        return Err(None);
    }
    if !bytes.ends_with(b"\n") {
        // Cut short by the head's limit, or by the client (which has then sent no request,
        // a TLS hello say: answered all the same, it may be listening).
        if reader.get_ref().limit() > 0 {
            return Err(Some(Response::text(
                400,
                "error: the request ended inside its head (is this https? the page is http)",
            )));
        }
        return Err(Some(Response::text(431, &format!("error: the request's head is longer than {MAX_HEAD} bytes"))));
    }
    let text =
        String::from_utf8(bytes).map_err(|_| Some(Response::text(400, "error: the request's head is not text")))?;
    line.push_str(text.trim_end_matches(['\r', '\n']));
    Ok(line.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Request, Option<Response>> {
        read_request(bytes, None)
    }

    #[test]
    fn requests_are_read_within_their_bounds() {
        let r = read(b"GET /api/run?set=a%3D1 HTTP/1.1\r\nHost: 127.0.0.1:8024\r\n\r\n").unwrap();
        assert_eq!((r.method.as_str(), r.path(), r.query()), ("GET", "/api/run", "set=a%3D1"));
        assert_eq!(r.header("host"), Some("127.0.0.1:8024"));
        let r = read(b"POST /api/save HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello, and more").unwrap();
        assert_eq!(r.body, b"hello");
        let status = |bytes: &[u8]| read(bytes).unwrap_err().map(|r| r.status);
        assert_eq!(status(b"GET / HTTP/1.1\r\n"), None, "closed before the head ended");
        assert_eq!(status(b""), None);
        assert_eq!(status(b"GARBAGE\r\n\r\n"), Some(400));
        // A line the client ended without its end (a TLS hello to the http page) is not a
        // head too long for the limit.
        let hello = read(b"\x16\x03\x01\x00\xa5\x01\x00\x00").unwrap_err().unwrap();
        assert_eq!(hello.status, 400);
        assert!(String::from_utf8_lossy(&hello.body).contains("ended inside its head"));
        assert_eq!(status(b"GET x HTTP/1.1\r\n\r\n"), Some(400));
        assert_eq!(read(b"POST /api/save HTTP/1.1\r\n\r\n").unwrap().body, b"", "no length, no body");
        assert_eq!(status(b"POST /api/save HTTP/1.1\r\nContent-Length: 999999\r\n\r\n"), Some(413));
        assert_eq!(status(b"POST /api/save HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), Some(501));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_TARGET));
        assert_eq!(status(long.as_bytes()), Some(414));
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(status(huge.as_bytes()), Some(431));
        let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: 1\r\n")).collect();
        assert_eq!(status(format!("GET / HTTP/1.1\r\n{many}\r\n").as_bytes()), Some(431));
        assert_eq!(status(b"GET / HTTP/1.1\r\n\xff\xfe\r\n\r\n"), Some(400));
    }

    #[test]
    fn responses_close_the_connection_and_say_their_length() {
        let bytes = Response::text(400, "error: bad").with_header("Allow", "GET").to_bytes();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{text}");
        assert!(text.contains("Content-Length: 11\r\n") && text.contains("Connection: close\r\n"), "{text}");
        assert!(text.contains("Allow: GET\r\n") && text.ends_with("\r\n\r\nerror: bad\n"), "{text}");
    }
}
