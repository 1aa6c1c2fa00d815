//! `infoflyt init`.

use super::args::InitArgs;
use super::Ctx;
use crate::identity::setup::InitParams;
use crate::sitting::create_store;
use crate::Result;
use std::time::Duration;

pub(super) fn run(ctx: &mut Ctx, a: InitArgs) -> Result<()> {
    let paths = ctx.paths()?;
    let params = InitParams {
        level: a.level,
        unit: a.unit,
        region: a.region,
        admin: a.admin,
        kdf_target: Duration::from_millis(a.kdf_ms.clamp(1, 10_000)),
        kdf: None,
        demo: false,
    };
    let pass = ctx.pass.read_new(ctx.passphrase_fd, &params.admin)?;
    create_store(&paths, &params, &pass)?;
    let dir = paths.dir().display().to_string();
    ctx.out.emit(
        &serde_json::json!({ "store": dir, "unit": params.unit, "level": params.level.as_str(),
                             "admin": params.admin.trim().to_lowercase() }),
        || {
            format!(
                "{}\n",
                crate::t!(
                    "init-done",
                    level = params.level.as_str(),
                    unit = params.unit.as_str(),
                    dir = dir.as_str(),
                    admin = params.admin.trim().to_lowercase()
                )
            )
        },
    );
    Ok(())
}
