//! Every SQL statement the store's connections run while recording is on, for the
//! query-plan test (tests/query_plans.rs): installed on each connection `Db` opens once the
//! process has called [`arm`]. Compiled only with the `test-support` feature; a build for use
//! has no trace hook. The benchmarks are built with that feature too, and a hook on every
//! connection turned each statement's text into a string (2–3 % of an import), so nothing is
//! installed until a test asks for it.
#![allow(missing_docs, clippy::missing_errors_doc)]

use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::Connection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static ARMED: AtomicBool = AtomicBool::new(false);
static ON: AtomicBool = AtomicBool::new(false);
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Installs the hook on every connection opened from now on, in this process.
pub fn arm() {
    ARMED.store(true, Ordering::SeqCst);
}

pub(crate) fn install(conn: &mut Connection) -> crate::Result<()> {
    if !ARMED.load(Ordering::SeqCst) {
        return Ok(());
    }
    conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_STMT,
        Some(|e: TraceEvent<'_>| {
            if let TraceEvent::Stmt(st, _) = e {
                if ON.load(Ordering::Relaxed) {
                    if let Ok(mut seen) = SEEN.lock() {
                        seen.push(st.sql().into_owned());
                    }
                }
            }
        }),
    )?;
    Ok(())
}

/// Runs `f` and returns the statements run meanwhile (by any connection opened after
/// [`arm`]), in order.
///
/// # Panics
///
/// Unless [`arm`] was called: nothing would be recorded, and a test would pass unseen.
pub fn record<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    assert!(
        ARMED.load(Ordering::SeqCst),
        "statements::arm() must come before the connections to record are opened" // untranslated: a test's own failure
    );
    if let Ok(mut seen) = SEEN.lock() {
        seen.clear();
    }
    ON.store(true, Ordering::SeqCst);
    let out = f();
    ON.store(false, Ordering::SeqCst);
    let seen = SEEN
        .lock()
        .map(|mut s| std::mem::take(&mut *s))
        .unwrap_or_default();
    (out, seen)
}
