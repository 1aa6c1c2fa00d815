//! Signature checks deferred to the end of a read, then made on every core.
//!
//! A reader who uses ten thousand folders for the first time (carrying out the grants a
//! newcomer is owed, say) checks two Ed25519 signatures per folder: its key record's and the
//! announcing log entry's. One after another on one core, that was nearly half of the cost
//! (issue 11). Inside [`Session::read_checking_after`], every signature check of a record or
//! a log entry is noted and answered "holds" at once; the noted checks are made on every core
//! in batches and at the end of the read.
//!
//! - If every one holds, the read took exactly the path it would have taken checking each in
//!   turn, so its result and what it cached stand.
//! - If one fails, nothing the read concluded can be trusted. The session forgets what it
//!   cached (keeping only the chains it had checked before the read, and their pins) and
//!   runs the read again, checking each signature in turn, so the failure is handled and
//!   reported exactly where it lies. Someone holding the store key can plant a bad signature
//!   to make every session pay for that second read; it costs time, never a check.
//!
//! The work done on trust is bounded: the noted checks are made as soon as [`SETTLE_AT`] of
//! them are owed, and from the first that fails every later check answers "fails" and the
//! read's loops stop, so forged entries planted by the thousand (each taken as an entitled
//! officer's announcement, growing a chain on trust) cost a few thousand checks, not a
//! walk the size of the forgery.
//!
//! This is sound only because nothing leaves the read but its result and the session's
//! caches: the read writes nothing (`Db::read` sets `query_only`, which is why nothing is
//! deferred inside a transaction already open), and the caches are cleared on failure. The
//! checks are deferred on one core too (then made in turn at the end), so the path is the
//! same on every machine.
//!
//! Must never: let a result computed under an unchecked signature out of a read whose
//! checks failed.

use crate::crypto::sign::{self, Check};
use crate::identity::Session;
use crate::Result;
use std::cell::RefCell;

/// How many checks may be owed before they are made: enough to keep both cores busy, few
/// enough that work done on a forged signature's trust stays small.
const SETTLE_AT: usize = 4096;

/// Where the read under way stands with its signature checks.
#[derive(Default)]
enum State {
    /// Checks are made at once.
    #[default]
    Off,
    /// Deferred: the checks owed so far (all made before hold).
    Owing(Vec<Check>),
    /// Deferred, and one check failed: the read's result will be thrown away.
    Failed,
}

/// Signature checks owed by the read under way (see the module's documentation).
#[derive(Default)]
pub(crate) struct Deferred(RefCell<State>);

impl Deferred {
    fn clear(&self) {
        *self.0.borrow_mut() = State::Off;
    }

    /// [`Session::signature_holds`].
    fn check(&self, public: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        let full = match &mut *self.0.borrow_mut() {
            State::Off => return sign::verify(public, msg, sig),
            // The read is lost already: answer at no cost, so that it ends soon.
            State::Failed => return false,
            State::Owing(owed) => {
                owed.push(Check {
                    public: public.to_vec(),
                    msg: msg.to_vec(),
                    sig: sig.to_vec(),
                });
                owed.len() >= SETTLE_AT
            }
        };
        !full || self.settle()
    }

    /// Makes the checks owed; false if one fails (then the read is failed for good).
    fn settle(&self) -> bool {
        let mut state = self.0.borrow_mut();
        let held = match &*state {
            State::Owing(owed) => sign::all_hold(owed),
            State::Off => true,
            State::Failed => false,
        };
        *state = match (&*state, held) {
            (State::Off, _) => State::Off,
            (_, true) => State::Owing(Vec::new()),
            (_, false) => State::Failed,
        };
        held
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
    /// [`Session::read_checking_after`], taken as holding and checked later.
    pub(crate) fn signature_holds(&self, public: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        self.caches().deferred.check(public, msg, sig)
    }

    /// Whether a check deferred in the read under way has failed: its loops stop early,
    /// since the read will be run again with every check made in turn.
    pub(crate) fn deferred_check_failed(&self) -> bool {
        matches!(*self.caches().deferred.0.borrow(), State::Failed)
    }

    /// Runs `f` in one read transaction with its signature checks deferred and made on
    /// every core; if one fails, forgets what the read cached and runs `f` again with every
    /// check made in turn. `f` must start from scratch each time it is called (its progress,
    /// if it shows any, starts again too).
    pub(crate) fn read_checking_after<T>(&self, mut f: impl FnMut() -> Result<T>) -> Result<T> {
        let deferred = &self.caches().deferred;
        // Inside a transaction already open, `Db::read` cannot make the read query-only, so
        // nothing may be taken on trust; and a read inside a deferring read defers to it.
        if !self.conn().is_autocommit() || !matches!(*deferred.0.borrow(), State::Off) {
            return self.db().read(f);
        }
        // What the session checked before this read stands whatever the read finds.
        let earned = (
            self.caches().chains.borrow().clone(),
            self.caches().pins_due.borrow().clone(),
        );
        *deferred.0.borrow_mut() = State::Owing(Vec::new());
        let (first, held) = {
            let _stop = Stop(deferred);
            let out = self.db().read(&mut f);
            (out, deferred.settle())
        };
        if held {
            // Every answer the read relied on was true: its result, an error included, is
            // the one it would have reached checking in turn.
            return first;
        }
        self.caches().clear();
        *self.caches().chains.borrow_mut() = earned.0;
        *self.caches().pins_due.borrow_mut() = earned.1;
        self.db().read(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::sign::SigningKey;

    #[test]
    fn a_bad_signature_fails_the_read_within_one_settlement_and_then_nothing_holds() {
        let k = SigningKey::generate().unwrap();
        let (good, bad) = (k.sign(b"m"), [0u8; 64]);
        let d = Deferred::default();
        // Off: checked at once.
        assert!(d.check(&k.public(), b"m", &good));
        assert!(!d.check(&k.public(), b"m", &bad));
        // Deferred: taken on trust until the settlement the bad one is part of.
        *d.0.borrow_mut() = State::Owing(Vec::new());
        assert!(d.check(&k.public(), b"m", &bad));
        for _ in 2..SETTLE_AT {
            assert!(d.check(&k.public(), b"m", &good));
        }
        assert!(
            !d.check(&k.public(), b"m", &good),
            "settled: the bad one is found"
        );
        assert!(matches!(*d.0.borrow(), State::Failed));
        assert!(
            !d.check(&k.public(), b"m", &good),
            "a failed read trusts nothing"
        );
        assert!(!d.settle());
        // All good: each settlement holds and the read goes on deferring.
        *d.0.borrow_mut() = State::Owing(Vec::new());
        for _ in 0..=SETTLE_AT {
            assert!(d.check(&k.public(), b"m", &good));
        }
        assert!(matches!(&*d.0.borrow(), State::Owing(o) if o.len() == 1));
        assert!(d.settle());
    }
}
