//! A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: the browser reads
//! NUL-terminated JSON commands on file descriptor 3 and writes replies and events on 4. No
//! WebSocket, no driver to install, nothing but the system's Chromium and serde_json.

use std::io::{BufRead, BufReader, PipeReader, PipeWriter, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};

/// The browser the tests use: `$COLTIVA_CHROMIUM`, else Debian's `/usr/bin/chromium`, else a
/// `chromium`, `chromium-browser` or `google-chrome` on the PATH.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("COLTIVA_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.exists() {
        return Some(fixed.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

pub struct Browser {
    child: Child,
    to_browser: PipeWriter,
    from_browser: BufReader<PipeReader>,
    next_id: u64,
    /// Events read while waiting for a reply, for `wait_event`.
    events: Vec<Value>,
    done: Arc<AtomicBool>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts a headless browser with a fresh profile and nothing that reaches the network on
    /// its own. A watchdog kills it after `limit`, so a hung browser fails the test instead of
    /// hanging it.
    pub fn launch(executable: &Path, limit: Duration) -> Browser {
        let profile = tempfile::tempdir().expect("a temporary profile folder");
        let (commands_read, commands_write) = std::io::pipe().expect("a pipe");
        let (replies_read, replies_write) = std::io::pipe().expect("a pipe");
        let (child_in, child_out) = (commands_read.as_raw_fd(), replies_write.as_raw_fd());
        let mut cmd = Command::new(executable);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: between fork and exec only async-signal-safe calls (fcntl, dup2). The pipe ends
        // are first moved above 10 so that placing one on 3 cannot overwrite the other.
        unsafe {
            cmd.pre_exec(move || {
                use std::os::fd::{BorrowedFd, FromRawFd, OwnedFd};
                // SAFETY: both pipe ends stay open in the parent until after the spawn.
                let (from, to) = (
                    BorrowedFd::borrow_raw(child_in),
                    BorrowedFd::borrow_raw(child_out),
                );
                let a = rustix::io::fcntl_dupfd_cloexec(from, 10)?;
                let b = rustix::io::fcntl_dupfd_cloexec(to, 10)?;
                // Descriptors 3 and 4 are the child's from here on: never closed by us
                // (`forget`), inherited by the browser across exec (dup2 clears CLOEXEC).
                let mut three = std::mem::ManuallyDrop::new(OwnedFd::from_raw_fd(3));
                let mut four = std::mem::ManuallyDrop::new(OwnedFd::from_raw_fd(4));
                rustix::io::dup2(&a, &mut three)?;
                rustix::io::dup2(&b, &mut four)?;
                Ok(())
            });
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", executable.display()));
        // The child holds its own copies; ours must close so that EOF is seen if it dies.
        drop(commands_read);
        drop(replies_write);
        let done = Arc::new(AtomicBool::new(false));
        let pid = rustix::process::Pid::from_child(&child);
        let watch = Arc::clone(&done);
        std::thread::spawn(move || {
            let step = Duration::from_millis(200);
            let mut waited = Duration::ZERO;
            while waited < limit {
                if watch.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(step);
                waited += step;
            }
            if !watch.load(Ordering::Relaxed) {
                // kill(2) on the browser we started; at worst the pid is already gone.
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
            }
        });
        Browser {
            child,
            to_browser: commands_write,
            from_browser: BufReader::new(replies_read),
            next_id: 0,
            events: Vec::new(),
            done,
            _profile: profile,
        }
    }

    fn read_message(&mut self) -> Value {
        let mut buf = Vec::new();
        let n = self
            .from_browser
            .read_until(0, &mut buf)
            .expect("reading from the browser");
        assert!(
            n > 0,
            "the browser closed its DevTools pipe (it crashed or was killed by the time limit)"
        );
        if buf.last() == Some(&0) {
            buf.pop();
        }
        serde_json::from_slice(&buf).expect("the browser speaks JSON")
    }

    /// Sends a command (to a page when `session` is given) and returns its result.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&message).expect("JSON");
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .expect("writing to the browser");
        loop {
            let reply = self.read_message();
            if reply.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(error) = reply.get("error") {
                    panic!("{method} failed: {error}");
                }
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Waits for an event of `session` named `method` (read before or after this call).
    pub fn wait_event(&mut self, session: &str, method: &str) -> Value {
        let matches = |e: &Value| {
            e.get("method").and_then(Value::as_str) == Some(method)
                && e.get("sessionId").and_then(Value::as_str) == Some(session)
        };
        if let Some(i) = self.events.iter().position(matches) {
            return self.events.remove(i);
        }
        loop {
            let e = self.read_message();
            if matches(&e) {
                return e;
            }
            self.events.push(e);
        }
    }

    /// Opens a new tab and returns its session id.
    pub fn new_page(&mut self) -> (String, String) {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"]
            .as_str()
            .expect("a target id")
            .to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        let session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        (target_id, session)
    }

    /// Evaluates `expression` in the page and returns its value (by value, as JSON).
    pub fn evaluate(&mut self, session: &str, expression: &str) -> Value {
        let result = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        if let Some(e) = result.get("exceptionDetails") {
            panic!("the page could not evaluate {expression}: {e}");
        }
        result["result"]["value"].clone()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
