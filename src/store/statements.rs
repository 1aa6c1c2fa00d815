//! Every SQL statement the store's connections run while recording is on, for the
//! query-plan test (tests/query_plans.rs): installed on each connection `Db` opens. Compiled
//! only with the `test-support` feature; a build for use has no trace hook.
#![allow(missing_docs, clippy::missing_errors_doc)]

use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::Connection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static ON: AtomicBool = AtomicBool::new(false);
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub(crate) fn install(conn: &mut Connection) -> crate::Result<()> {
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

/// Runs `f` and returns the statements run meanwhile (by any connection), in order.
pub fn record<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
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
