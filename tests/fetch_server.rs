//! A real HTTP/1.1 server on 127.0.0.1 for the fetch tests: one thread per connection, replies
//! chosen by a function of the path, every request counted, the most requests in flight at
//! once recorded. It stops when dropped, and by itself after two minutes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The longest a test server lives.
const LIFETIME: Duration = Duration::from_secs(120);

/// One reply.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Waited before the response starts.
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body)
    }

    pub fn redirect(status: u16, to: &str) -> Reply {
        let mut r = Reply::new(status, "text/html", "<title>Moved</title>");
        r.headers.push(("Location".to_owned(), to.to_owned()));
        r
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Routes = dyn Fn(&str, usize) -> Reply + Send + Sync;

struct Shared {
    routes: Box<Routes>,
    hits: Mutex<HashMap<String, usize>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    stop: AtomicBool,
    /// Notified when the server stops, so delayed replies end at once.
    stopped: (Mutex<bool>, Condvar),
}

/// A running server.
pub struct TestServer {
    port: u16,
    shared: Arc<Shared>,
}

impl TestServer {
    /// Starts a server whose replies `routes` gives, from the path and how many times that
    /// path was asked for before (0 the first time).
    pub fn start(routes: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let port = listener.local_addr().expect("local address").port();
        let shared = Arc::new(Shared {
            routes: Box::new(routes),
            hits: Mutex::new(HashMap::new()),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            stopped: (Mutex::new(false), Condvar::new()),
        });
        let accept = Arc::clone(&shared);
        thread::spawn(move || {
            let started = Instant::now();
            for stream in listener.incoming() {
                if accept.stop.load(Ordering::Relaxed) || started.elapsed() > LIFETIME {
                    break;
                }
                if let Ok(stream) = stream {
                    let shared = Arc::clone(&accept);
                    thread::spawn(move || serve(stream, &shared));
                }
            }
        });
        TestServer { port, shared }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How many requests for `path` arrived.
    pub fn hits(&self, path: &str) -> usize {
        let hits = self.shared.hits.lock().expect("hits");
        hits.get(path).copied().unwrap_or(0)
    }

    /// The most requests that were being answered at once.
    pub fn max_in_flight(&self) -> usize {
        self.shared.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        let (lock, condvar) = &self.shared.stopped;
        *lock.lock().expect("stopped") = true;
        condvar.notify_all();
        // Wakes the accept loop, which then sees the stop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let before = {
        let mut hits = shared.hits.lock().expect("hits");
        let n = hits.entry(path.clone()).or_insert(0);
        *n += 1;
        *n - 1
    };
    let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let reply = (shared.routes)(&path, before);
    if !reply.delay.is_zero() {
        let (lock, condvar) = &shared.stopped;
        let stopped = lock.lock().expect("stopped");
        let _ = condvar
            .wait_timeout_while(stopped, reply.delay, |stopped| !*stopped)
            .expect("wait");
    }
    // Counted out before the reply is written: once the client has the whole reply it may
    // start its next request at once, and that one must not be counted beside this one.
    shared.in_flight.fetch_sub(1, Ordering::SeqCst);
    let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.body.len()
    ));
    let mut stream = stream;
    // The client may hang up once it has what it wants; that is not an error here.
    if stream.write_all(head.as_bytes()).is_ok() {
        for chunk in reply.body.chunks(64 * 1024) {
            if stream.write_all(chunk).is_err() {
                break;
            }
        }
    }
}
