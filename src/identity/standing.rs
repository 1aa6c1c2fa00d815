//! Whether a sitting still holds: its account on the list and the unit keys it trusts the
//! current ones. Checked before every write transaction and inside it, and by the shell
//! before each command (`Session::still_on_list`).

use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

/// The account's row is still active and the unit's signing key is still the one the sitting
/// trusts. Inside a write transaction this is race-free: a removal commits its row change
/// and any rollover in one transaction, before or after this one.
pub(super) fn sitting_holds(
    conn: &Connection,
    name: &str,
    id: i64,
    anchor: &[u8; 32],
) -> Result<()> {
    let status: Option<String> = conn
        .prepare_cached("SELECT status FROM users WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if status.as_deref() != Some("active") {
        return Err(removed(name));
    }
    let unit: Vec<u8> = conn
        .prepare_cached("SELECT sign_public FROM unit_keys WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    if unit[..] != anchor[..] {
        return Err(Error::Auth(crate::t!("error-sitting-stale")));
    }
    Ok(())
}

pub(super) fn removed(name: &str) -> Error {
    Error::Auth(crate::t!("error-account-removed", name = name))
}
