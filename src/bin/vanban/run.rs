//! Reading a batch on every core while writing results in input order.
//!
//! Workers take the next index from a shared counter (a work queue with no queue to fill), run
//! the job and send the result to the calling thread, which writes results as soon as all earlier
//! ones are written. Workers do not run more than [`WINDOW_PER_THREAD`] × threads items ahead of the
//! writer, so one slow early file cannot make the finished ones after it pile up in memory.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

/// How many items per thread may be finished ahead of the writer.
const WINDOW_PER_THREAD: usize = 8;

/// Run `job(i)` for every `i < count` on `threads` threads and hand the results to `sink` in
/// order of `i`. `sink` returns `false` to stop early (the output is gone).
pub fn ordered<T: Send>(
    count: usize,
    threads: usize,
    job: impl Fn(usize) -> T + Sync,
    mut sink: impl FnMut(T) -> bool,
) {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let written = (Mutex::new(0usize), Condvar::new());
    let window = threads.max(1) * WINDOW_PER_THREAD;
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, count.max(1)) {
            let tx = tx.clone();
            let (next, stop, written, job) = (&next, &stop, &written, &job);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        break;
                    }
                    let mut done = written.0.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *done + window && !stop.load(Ordering::Relaxed) {
                        done = written.1.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    if stop.load(Ordering::Relaxed) || tx.send((i, job(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                want += 1;
                *written.0.lock().unwrap_or_else(|e| e.into_inner()) = want;
                written.1.notify_all();
                if !sink(result) {
                    stop.store(true, Ordering::Relaxed);
                    written.1.notify_all();
                    return;
                }
            }
        }
    });
}

/// The number of worker threads: `--threads`, else `VANBAN_THREADS`, else the core count.
pub fn thread_count(flag: Option<usize>) -> Result<usize, String> {
    if let Some(n) = flag {
        return Ok(n);
    }
    match std::env::var("VANBAN_THREADS") {
        Ok(v) => super::args::threads(&v).map_err(|e| format!("VANBAN_THREADS: {e}")),
        Err(_) => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// A one-line progress report on stderr, shown only on a terminal and only once a batch has run
/// for [`Progress::DELAY`], redrawn at most every [`Progress::EVERY`].
pub struct Progress {
    enabled: bool,
    total: usize,
    done: usize,
    bytes: u64,
    start: Instant,
    last: Option<Instant>,
}

impl Progress {
    /// A batch that runs shorter than this shows no progress at all.
    const DELAY: Duration = Duration::from_millis(300);
    /// Redraw interval.
    const EVERY: Duration = Duration::from_millis(100);

    pub fn new(total: usize, quiet: bool) -> Progress {
        let enabled = !quiet && total > 1 && std::io::stderr().is_terminal();
        Progress {
            enabled,
            total,
            done: 0,
            bytes: 0,
            start: Instant::now(),
            last: None,
        }
    }

    /// Count one finished item of `bytes` input bytes and redraw if due.
    pub fn tick(&mut self, bytes: usize) {
        self.done += 1;
        self.bytes += bytes as u64;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let elapsed = now - self.start;
        if elapsed < Self::DELAY || self.last.is_some_and(|t| now - t < Self::EVERY) {
            return;
        }
        self.last = Some(now);
        let mb = self.bytes as f64 / 1e6;
        let _ = write!(
            std::io::stderr(),
            "\r\x1b[2Kvanban: {}/{} files, {mb:.1} MB, {:.1} MB/s",
            self.done,
            self.total,
            mb / elapsed.as_secs_f64()
        );
    }

    /// Erase the progress line (before a message, and at the end).
    pub fn clear(&mut self) {
        if self.last.take().is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
