//! Signature checks deferred to the end of a read, then made on every core.
//!
//! A reader who uses ten thousand folders for the first time (carrying out the grants a
//! newcomer is owed, say) checks two Ed25519 signatures per folder: its key record's and the
//! announcing log entry's. One after another on one core, that was most of the cost (issue
//! 11). Inside [`Session::read_checking_after`], every signature check of a record or a log
//! entry is noted and answered "holds" at once; at the end of the read, all the noted checks
//! run on every core.
//!
//! - If every one holds, the read took exactly the path it would have taken checking each in
//!   turn, so its result and what it cached stand.
//! - If one fails, nothing the read concluded can be trusted. The session forgets everything
//!   it cached and runs the read again, checking each signature in turn, so the failure is
//!   handled and reported exactly where it lies.
//!
//! This is sound only because nothing leaves the read but its result and the session's
//! caches: the read writes nothing (`Db::read` sets `query_only`), and the caches are
//! cleared on failure.
//!
//! Must never: let a result computed under an unchecked signature out of a read whose
//! checks failed.

use crate::audit::Entry;
use crate::crypto::sign::{self, Check};
use crate::identity::Session;
use crate::Result;
use std::cell::RefCell;

/// Signature checks owed by the read under way; `None` while checks are made at once.
#[derive(Default)]
pub(crate) struct Deferred(RefCell<Option<Vec<Check>>>);

impl Deferred {
    pub(crate) fn clear(&self) {
        *self.0.borrow_mut() = None;
    }
}

/// Turns deferring off however the read ends, a panic included.
struct Stop<'s>(&'s Deferred);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.clear();
    }
}

impl Session {
    /// Whether `sig` is `public`'s signature of `msg`: checked at once, or, inside
    /// [`Session::read_checking_after`], taken as holding and checked at the read's end.
    pub(crate) fn signature_holds(&self, public: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        if let Some(owed) = self.caches().deferred.0.borrow_mut().as_mut() {
            owed.push(Check {
                public: public.to_vec(),
                msg: msg.to_vec(),
                sig: sig.to_vec(),
            });
            return true;
        }
        sign::verify(public, msg, sig)
    }

    /// Whether log entry `e` is whole and signed by `public` ([`Entry::signed_by`]), its
    /// signature checked as [`Session::signature_holds`] does.
    pub(crate) fn entry_signed_by(&self, e: &Entry, public: &[u8]) -> bool {
        e.signed_by_with(public, |p, m, g| self.signature_holds(p, m, g))
    }

    /// Runs `f` in one read transaction with its signature checks deferred to the end and
    /// made on every core; if one fails, forgets what the session cached and runs `f` again
    /// with every check made in turn. `f` must start from scratch each time it is called.
    pub(crate) fn read_checking_after<T>(&self, mut f: impl FnMut() -> Result<T>) -> Result<T> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let deferred = &self.caches().deferred;
        if cores < 2 || deferred.0.borrow().is_some() {
            return self.db().read(f);
        }
        *deferred.0.borrow_mut() = Some(Vec::new());
        let first = {
            let _stop = Stop(deferred);
            let out = self.db().read(&mut f);
            let owed = deferred.0.borrow_mut().take().unwrap_or_default();
            out.map(|v| (v, sign::all_hold(&owed)))
        };
        match first {
            Ok((v, true)) => Ok(v),
            // A signature failed, or the read failed with its checks unmade: start again.
            _ => {
                self.caches().clear();
                self.db().read(f)
            }
        }
    }
}
