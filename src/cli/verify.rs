//! `infoflyt verify`: the integrity of the whole store.

use super::Ctx;
use crate::{Error, Result};

pub(super) fn run(ctx: &mut Ctx) -> Result<()> {
    let s = ctx.unlock()?;
    // The checks report no steps: a spinner shows they are running (on a terminal only).
    let spin =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    spin.set_message(crate::t!("verify-progress"));
    spin.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    spin.enable_steady_tick(std::time::Duration::from_millis(120));
    let report = s.verify_store();
    spin.finish_and_clear();
    let report = report?;
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
        Err(Error::Integrity(crate::t!("verify-failed")))
    }
}
