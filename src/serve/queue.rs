//! The page's work queue: runs wait here for the one worker that simulates (each run
//! already uses every core), and the queue is bounded.
//!
//! The policy: at most [`MAX_WAITING`] runs wait; one more is refused at once with 503 and
//! `Retry-After`. A run from a page carries the page's id: it supersedes that page's
//! earlier runs, those still waiting (answered 409 at once) and the one running (its cancel
//! flag is raised, the engine stops at its next block and it is answered 409), so a slider
//! dragged across ten values costs about one run, and the last value always wins. Runs
//! without an id (`/api/run` from a script) are never superseded. Stopping answers every
//! waiting run with 503 and cancels the running one.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use super::http::Response;

/// Most runs waiting behind the running one.
pub const MAX_WAITING: usize = 4;

/// What a run answers with.
pub type Reply = Box<dyn FnOnce(Response) + Send>;

/// One run to make and where its answer goes.
pub struct Job<T> {
    /// What to run.
    pub work: T,
    /// The page it came from, if any: a newer run from the same page supersedes it.
    pub client: Option<String>,
    /// Raised to stop it (superseded, or the server stopping).
    pub cancel: Arc<AtomicBool>,
    pub reply: Reply,
}

impl<T> Job<T> {
    pub fn new(work: T, client: Option<String>, reply: Reply) -> Self {
        Self { work, client, cancel: Arc::new(AtomicBool::new(false)), reply }
    }
}

struct Running {
    client: Option<String>,
    cancel: Arc<AtomicBool>,
}

struct State<T> {
    waiting: VecDeque<Job<T>>,
    running: Option<Running>,
    stopped: bool,
}

/// The bounded queue of runs.
pub struct Queue<T> {
    state: Mutex<State<T>>,
    wake: Condvar,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Self {
            state: Mutex::new(State { waiting: VecDeque::new(), running: None, stopped: false }),
            wake: Condvar::new(),
        }
    }
}

/// The answer to a run that a newer one from the same page replaced.
pub fn superseded() -> Response {
    Response::text(409, "superseded by a newer change from the same page")
}

/// The answer to a run refused or cut short because the server is stopping.
pub fn stopping() -> Response {
    Response::text(503, "error: the server is stopping")
}

impl<T> Queue<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A panic elsewhere must not take the queue down with it.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Queues a run, superseding its page's earlier ones.
    ///
    /// # Errors
    /// The job back with the answer to give it: 503 when the server is stopping or
    /// [`MAX_WAITING`] runs are waiting already.
    pub fn submit(&self, job: Job<T>) -> Result<(), Box<(Job<T>, Response)>> {
        let mut replaced = Vec::new();
        {
            let mut state = self.lock();
            if state.stopped {
                return Err(Box::new((job, stopping())));
            }
            if let Some(client) = &job.client {
                let (same, others): (VecDeque<_>, VecDeque<_>) =
                    state.waiting.drain(..).partition(|j| j.client.as_ref() == Some(client));
                state.waiting = others;
                replaced.extend(same);
                if let Some(running) = state.running.as_ref().filter(|r| r.client.as_ref() == Some(client)) {
                    running.cancel.store(true, Ordering::SeqCst);
                }
            }
            if state.waiting.len() >= MAX_WAITING {
                drop(state);
                replaced.into_iter().for_each(|j| (j.reply)(superseded()));
                let busy = Response::text(503, "error: busy with other runs; try again in a moment")
                    .with_header("Retry-After", "1");
                return Err(Box::new((job, busy)));
            }
            state.waiting.push_back(job);
        }
        self.wake.notify_one();
        replaced.into_iter().for_each(|j| (j.reply)(superseded()));
        Ok(())
    }

    /// The next run, once there is one; `None` once the queue has stopped.
    pub fn next(&self) -> Option<Job<T>> {
        let mut state = self.lock();
        loop {
            if state.stopped {
                return None;
            }
            if let Some(job) = state.waiting.pop_front() {
                state.running = Some(Running { client: job.client.clone(), cancel: Arc::clone(&job.cancel) });
                return Some(job);
            }
            state = self.wake.wait(state).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// The running run is answered.
    pub fn finished(&self) {
        self.lock().running = None;
    }

    /// Whether the queue has stopped (a cancelled run was cut short by the stop).
    pub fn stopped(&self) -> bool {
        self.lock().stopped
    }

    /// Stops: cancels the running run and answers every waiting one with 503.
    pub fn stop(&self) {
        let waiting: Vec<Job<T>> = {
            let mut state = self.lock();
            state.stopped = true;
            if let Some(running) = &state.running {
                running.cancel.store(true, Ordering::SeqCst);
            }
            state.waiting.drain(..).collect()
        };
        self.wake.notify_all();
        waiting.into_iter().for_each(|j| (j.reply)(stopping()));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::{Receiver, channel};

    use super::*;

    fn job(n: u32, client: Option<&str>) -> (Job<u32>, Receiver<u16>) {
        let (send, receive) = channel();
        let reply: Reply = Box::new(move |r: Response| {
            let _ = send.send(r.status);
        });
        (Job::new(n, client.map(String::from), reply), receive)
    }

    #[test]
    fn a_page_s_newer_run_supersedes_its_older_ones_and_the_queue_is_bounded() {
        let queue = Queue::default();
        let (a, a_answer) = job(1, Some("page"));
        queue.submit(a).map_err(|_| ()).unwrap();
        let running = queue.next().unwrap();
        assert_eq!(running.work, 1);
        let (b, b_answer) = job(2, Some("page"));
        queue.submit(b).map_err(|_| ()).unwrap();
        assert!(running.cancel.load(Ordering::SeqCst), "the running run of the same page is cancelled");
        let (c, _) = job(3, Some("page"));
        queue.submit(c).map_err(|_| ()).unwrap();
        assert_eq!(b_answer.try_recv(), Ok(409), "a waiting run of the same page is answered at once");
        assert!(a_answer.try_recv().is_err(), "the running run is answered by its worker");
        // Runs without a page are never superseded; past MAX_WAITING they are refused.
        let mut answers = Vec::new();
        for n in 0..MAX_WAITING {
            let (j, answer) = job(10 + n as u32, None);
            answers.push(answer);
            match queue.submit(j) {
                Ok(()) => {}
                Err(refused) => assert_eq!((n, refused.1.status), (MAX_WAITING - 1, 503)),
            }
        }
        queue.finished();
        assert_eq!(queue.next().unwrap().work, 3, "the last change of the page runs next");
        queue.stop();
        assert!(queue.next().is_none());
        assert_eq!(answers[0].try_recv(), Ok(503), "waiting runs are answered when the server stops");
        let (late, _) = job(99, None);
        assert_eq!(queue.submit(late).err().map(|r| r.1.status), Some(503));
    }
}
