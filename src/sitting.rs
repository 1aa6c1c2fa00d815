//! A sitting: what every unlock owes before the first command runs, and what every session
//! leaves behind when it ends.
//!
//! At the start, in this order: the user's own log witness is checked (a log cut or rewritten
//! below what they saw stops everything, before any key is passed on); interrupted account
//! changes are finished (the keyslot of an account left disabled, or a slot of no account, is
//! destroyed); the retention sweep destroys what is due (R28–R30: any user, no key needed);
//! then the key rotations and grants this user can serve are carried out. At the
//! end, the pins this session earned are written and the user's witness moves to the head
//! they saw. The command line calls [`begin`] and [`end`] around every command (and around
//! each command of a shell sitting).

use crate::crypto::Passphrase;
use crate::identity::keyslots::Settled;
use crate::identity::{self, Session};
use crate::store::StorePaths;
use crate::Result;

/// Creates a new store, its unit keys and first admin (`init`), with everything the admin's
/// account signs from the start (its first witness of the use log).
pub fn create_store(
    paths: &StorePaths,
    p: &identity::setup::InitParams,
    admin_pass: &Passphrase,
) -> Result<()> {
    identity::setup::create_store(
        paths,
        p,
        admin_pass,
        Box::new(crate::audit::witness::create),
    )
}

/// Long steps of [`begin`], for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Making new folder keys after a reader left.
    Rotations,
    /// Passing folder keys on to newcomers.
    Grants,
    /// Destroying what retention makes due.
    Sweep,
}

/// What [`begin`] did besides unlocking.
#[derive(Debug, Default)]
pub struct Started {
    /// Folder key chains given a new version after a reader left.
    pub rotated: usize,
    /// Grants passed on to newcomers.
    pub granted: usize,
    /// Keyslots destroyed because their account is disabled or gone.
    pub settled: Settled,
    /// Folders whose keys failed a check, left undone: each is an incident to report.
    pub problems: Vec<String>,
    /// What the retention sweep destroyed, kept, and could not destroy.
    pub swept: crate::retention::Swept,
}

/// Unlocks the store as `name` and does what every unlock owes. `progress(step, done,
/// total)` is called during long steps.
pub fn begin(
    paths: &StorePaths,
    name: &str,
    pass: &Passphrase,
    mut progress: impl FnMut(Step, u64, u64),
) -> Result<(Session, Started)> {
    let mut s = identity::unlock(paths, name, pass)?;
    // The log, not the account row, says who was taken off the list: a disabled account
    // revived by row edits and an old keyslots file does not work again.
    let removed: Vec<String> = s.checked_removals()?.into_keys().collect();
    if removed.contains(&s.user().name) {
        return Err(crate::Error::Auth(crate::t!(
            "error-account-removed",
            name = s.user().name.as_str()
        )));
    }
    s.check_own_witness()?;
    let settled = identity::enrol::settle_keyslots(paths, s.conn(), &removed)?;
    // Before keys are passed on: no point wrapping a folder key that is about to be erased.
    // A sweep that fails is reported, never a reason to lock this user out. Clerical
    // sessions do not sweep (see `Session::sweep`).
    let swept = if s.user().role == identity::Role::Clerical {
        crate::retention::Swept {
            log_emptied: true,
            ..crate::retention::Swept::default()
        }
    } else {
        s.sweep(|d, t| progress(Step::Sweep, d, t))
            .unwrap_or_else(crate::retention::failed)
    };
    // A folder whose keys fail their check is left (and reported), not a reason to lock
    // this user out of every other folder; commands that touch it refuse on their own.
    let rotated = s.carry_out_rotations(|d, t| progress(Step::Rotations, d, t))?;
    let granted = s.carry_out_grants(|d, t| progress(Step::Grants, d, t))?;
    let mut problems = rotated.skipped;
    problems.extend(granted.skipped);
    // Accounts left out because their row fails its certificate (found while gathering
    // whom to pass keys to): an incident to report, not a reason to stop.
    problems.extend(
        s.uncertified_seen()
            .into_iter()
            .map(|n| crate::t!("error-account-uncertified", name = crate::text::escape(&n))),
    );
    Ok((
        s,
        Started {
            rotated: rotated.done,
            granted: granted.done,
            settled,
            problems,
            swept,
        },
    ))
}

/// Ends a session: writes the pins it earned and moves the user's log witness to the head
/// they saw. Called after every command, failed ones too (a refusal is logged).
pub fn end(s: &mut Session) -> Result<()> {
    s.flush_pins()?;
    s.witness_head()?;
    Ok(())
}
