//! `infoflyt verify`: the integrity of the whole store.

use super::Ctx;
use crate::{Error, Result};

pub(super) fn run(ctx: &mut Ctx) -> Result<()> {
    let s = ctx.unlock()?;
    let report = s.verify_store()?;
    let ok = report.iter().all(|c| c.ok);
    ctx.out
        .emit(&serde_json::json!({ "ok": ok, "checks": report }), || {
            let mut t = String::new();
            for c in &report {
                t.push_str(&format!(
                    "{} {}: {}\n",
                    if c.ok { "ok  " } else { "FAIL" },
                    c.name,
                    c.detail
                ));
            }
            t
        });
    if ok {
        Ok(())
    } else {
        Err(Error::Integrity(
            "the store failed verification (see above): restore from a backup and report the \
             incident"
                .into(),
        ))
    }
}
