//! `infoflyt store …`.

use super::args::StoreCmd;
use super::output::table;
use super::Ctx;
use crate::Result;

pub(super) fn run(ctx: &mut Ctx, cmd: StoreCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        StoreCmd::Show => {
            let meta = s.meta().clone();
            let settings = s.store_settings()?;
            let limit = s.max_document_mib()?;
            ctx.out.emit(
                &serde_json::json!({ "store": meta, "max_document_mib": limit,
                    "settings": settings.iter().map(|(n, v, by, at)| serde_json::json!({
                        "name": n, "value": v, "set_by": by, "set_at": at })).collect::<Vec<_>>() }),
                || {
                    let mut t = match &meta.region {
                        Some(r) => crate::t!(
                            "store-show-in-region",
                            unit = meta.unit.as_str(),
                            level = meta.level.as_str(),
                            region = r.as_str(),
                            made = meta.created_at.as_str(),
                            limit = limit
                        ),
                        None => crate::t!(
                            "store-show",
                            unit = meta.unit.as_str(),
                            level = meta.level.as_str(),
                            made = meta.created_at.as_str(),
                            limit = limit
                        ),
                    };
                    t.push('\n');
                    if !settings.is_empty() {
                        t.push_str(&table(
                            &[
                                &crate::t!("settings-col-setting"),
                                &crate::t!("settings-col-value"),
                                &crate::t!("settings-col-set-by"),
                                &crate::t!("settings-col-when"),
                            ],
                            &settings
                                .iter()
                                .map(|(n, v, by, at)| vec![n.clone(), v.clone(), by.clone(), at.clone()])
                                .collect::<Vec<_>>(),
                        ));
                    }
                    t
                },
            );
        }
        StoreCmd::Set { name, value } => {
            s.set_store_setting(&name, value)?;
            ctx.out
                .emit(&serde_json::json!({ "name": name, "value": value }), || {
                    format!(
                        "{}\n",
                        crate::t!("store-set-done", name = name.as_str(), value = value)
                    )
                });
        }
    }
    Ok(())
}
