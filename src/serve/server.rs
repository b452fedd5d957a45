//! The server: a listener on 127.0.0.1 (another interface only when asked), a fixed pool
//! of [`CONNECTION_THREADS`] threads reading requests (at most [`MAX_CONNECTIONS`]
//! connections wait for one; more are answered 503 at once), and one worker that makes the
//! runs from the bounded queue ([`super::queue`]). It stops when the caller's flag is
//! raised (the command line's Ctrl-C): the accept loop ends, the running run is cancelled,
//! waiting ones are answered 503, and every thread is joined before [`Server::run`]
//! returns.

use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TrySendError, sync_channel};
use std::time::Duration;

use super::http::{Response, read_request};
use super::queue::{Job, Queue, Reply, stopping};
use super::site::{Route, Site, Work};
use crate::app::live::Source;
use crate::app::{Cancelled, Control, Error, Monitor};

/// Threads reading requests.
pub const CONNECTION_THREADS: usize = 8;
/// Connections accepted and waiting for a reading thread.
pub const MAX_CONNECTIONS: usize = 32;
/// How long a connection may take to send its request, or to take its answer.
const SOCKET_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the accept loop looks at the stop flag.
const POLL: Duration = Duration::from_millis(20);

/// Where to serve which scenario.
#[derive(Debug, Clone)]
pub struct Options {
    pub scenario: PathBuf,
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// A server bound to its address, not yet answering.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    address: SocketAddr,
    site: Site,
}

impl Server {
    /// Reads the scenario, checks that it loads and binds the address.
    ///
    /// # Errors
    /// [`Error::Scenario`] for the file; [`Error::Usage`] when the address cannot be bound
    /// (a port in use, an address this machine does not have).
    pub fn bind(options: &Options) -> Result<Self, Error> {
        let site = Site::new(Source::read(&options.scenario)?)?;
        let requested = SocketAddr::new(options.host, options.port);
        let listener = TcpListener::bind(requested).map_err(|e| {
            let hint = if e.kind() == ErrorKind::AddrInUse {
                "; another program uses it: pick another with --port N (0 picks a free one)"
            } else {
                ""
            };
            Error::Usage(format!("cannot listen on {requested}: {e}{hint}"))
        })?;
        let address = listener.local_addr().map_err(|e| Error::Usage(format!("cannot listen on {requested}: {e}")))?;
        let site = if address.ip().is_loopback() { site.only_for(host_names(address)) } else { site };
        Ok(Self { listener, address, site })
    }

    /// The page's address, `http://127.0.0.1:8024/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// The address bound (the port chosen, when 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Answers requests until `stop` is raised, then stops cleanly.
    ///
    /// # Errors
    /// [`Error::Usage`] when the listener cannot be polled.
    pub fn run(self, stop: &AtomicBool) -> Result<(), Error> {
        self.listener.set_nonblocking(true).map_err(|e| Error::Usage(format!("cannot listen: {e}")))?;
        let queue: Queue<(Work, Vec<String>)> = Queue::default();
        let (connections, incoming) = sync_channel::<(TcpStream, SocketAddr)>(MAX_CONNECTIONS);
        let incoming = Mutex::new(incoming);
        std::thread::scope(|scope| {
            for _ in 0..CONNECTION_THREADS {
                scope.spawn(|| read_connections(&incoming, &self.site, &queue));
            }
            scope.spawn(|| work(&queue, &self.site));
            while !stop.load(Ordering::Relaxed) {
                match self.listener.accept() {
                    Ok((stream, peer)) => {
                        if let Err(TrySendError::Full((mut stream, _))) = connections.try_send((stream, peer)) {
                            let _ = stream.set_write_timeout(Some(SOCKET_TIMEOUT));
                            let busy = Response::text(503, "error: too many connections; try again in a moment");
                            busy.with_header("Retry-After", "1").send(&mut stream);
                        }
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::Interrupted => {
                        std::thread::sleep(POLL);
                    }
                    // A connection reset before it was accepted, too many open files: wait and go on.
                    Err(_) => std::thread::sleep(POLL),
                }
            }
            queue.stop();
            drop(connections);
        });
        Ok(())
    }
}

/// The `Host` values a loopback server answers: its address, and `localhost` at its port.
fn host_names(address: SocketAddr) -> Vec<String> {
    let port = address.port();
    vec![address.to_string(), format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")]
}

/// A reading thread: takes connections until the channel closes.
fn read_connections(
    incoming: &Mutex<Receiver<(TcpStream, SocketAddr)>>,
    site: &Site,
    queue: &Queue<(Work, Vec<String>)>,
) {
    loop {
        let next = incoming.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
        let Ok((stream, peer)) = next else { return };
        answer(stream, peer, site, queue);
    }
}

/// Reads one request and answers it, at once or through the queue.
fn answer(mut stream: TcpStream, peer: SocketAddr, site: &Site, queue: &Queue<(Work, Vec<String>)>) {
    // Accepted sockets may inherit the listener's non-blocking mode on some systems.
    if stream.set_nonblocking(false).is_err()
        || stream.set_read_timeout(Some(SOCKET_TIMEOUT)).is_err()
        || stream.set_write_timeout(Some(SOCKET_TIMEOUT)).is_err()
    {
        return;
    }
    let request = match read_request(&mut stream, Some(peer)) {
        Ok(request) => request,
        Err(Some(response)) => return response.send(&mut stream),
        Err(None) => return,
    };
    match site.route(&request) {
        Route::Now(response) => response.send(&mut stream),
        Route::Run { work, sets, client } => {
            let reply: Reply = Box::new(move |response: Response| response.send(&mut stream));
            if let Err(refused) = queue.submit(Job::new((work, sets), client, reply)) {
                let (job, response) = *refused;
                (job.reply)(response);
            }
        }
    }
}

/// The worker: makes each run in turn, each cancelled through its own flag.
fn work(queue: &Queue<(Work, Vec<String>)>, site: &Site) {
    while let Some(job) = queue.next() {
        let (kind, sets) = &job.work;
        let mut response = site.run(*kind, sets, &Cancellable(&job.cancel));
        if response.status == 409 && queue.stopped() {
            response = stopping();
        }
        (job.reply)(response);
        queue.finished();
    }
}

/// The worker's [`Monitor`]: no progress, cancelled through the job's flag.
struct Cancellable<'a>(&'a AtomicBool);

impl Monitor for Cancellable<'_> {
    fn watch<T>(
        &self,
        _label: &str,
        _trajectories: usize,
        work: impl FnOnce(&Control<'_>) -> Result<T, Cancelled>,
    ) -> Result<T, Cancelled> {
        work(&Control { progress: None, cancel: Some(self.0), pins: &[] })
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::Ipv4Addr;
    use std::sync::Arc;

    use super::*;

    fn get(address: SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn the_server_answers_on_loopback_and_stops_when_asked() {
        let options = Options { scenario: "scenarios/reseller.toml".into(), host: Ipv4Addr::LOCALHOST.into(), port: 0 };
        let server = Server::bind(&options).unwrap();
        let address = server.address();
        assert!(server.url().starts_with("http://127.0.0.1:") && address.port() != 0);
        let stop = Arc::new(AtomicBool::new(false));
        let running = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || server.run(&stop))
        };
        let host = format!("Host: {address}\r\n");
        let page = get(address, &format!("GET / HTTP/1.1\r\n{host}\r\n"));
        assert!(page.starts_with("HTTP/1.1 200 OK") && page.contains("<!DOCTYPE html>"), "{page}");
        let elsewhere = get(address, "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        assert!(elsewhere.starts_with("HTTP/1.1 421"), "another host name is refused: {elsewhere}");
        let bad = get(address, &format!("GET /api/run?set=reseller.churn%3D2 HTTP/1.1\r\n{host}\r\n"));
        assert!(bad.starts_with("HTTP/1.1 400") && bad.contains("2 is out of range"), "{bad}");
        // No address reaches a file: a file named in a value was read and echoed line by line.
        let passwd = "GET /api/run?set=parameter_sets%3D%22%2Fetc%2Fpasswd%22 HTTP/1.1";
        let file = get(address, &format!("{passwd}\r\n{host}\r\n"));
        assert!(file.starts_with("HTTP/1.1 400") && file.contains("cannot name a file"), "{file}");
        assert!(!file.contains("root:"), "{file}");
        stop.store(true, Ordering::SeqCst);
        running.join().unwrap().unwrap();
        assert!(TcpStream::connect(address).is_err(), "the port is closed once stopped");
    }
}
