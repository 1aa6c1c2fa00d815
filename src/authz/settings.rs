//! Store-wide settings an admin may change (the largest document accepted), each change
//! signed into the use log. Reading them needs no role.

use crate::audit::{self, Act};
use crate::identity::{Role, Session};
use crate::{t, Error, Result};
use rusqlite::params;

/// The settings an admin may set, with their bounds.
pub const SETTINGS: &[(&str, u64, u64)] = &[
    ("max-document-mib", 1, 1 << 20),
    // How long `infoflyt shell` keeps its keys without a command (seconds).
    ("shell-idle-seconds", 10, 3600),
];

impl Session {
    /// Every setting that has been set: (name, value, by, when).
    pub fn store_settings(&self) -> Result<Vec<(String, String, String, String)>> {
        let mut st = self
            .conn()
            .prepare("SELECT name, value, set_by, set_at FROM store_settings ORDER BY name")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Sets a store-wide setting (admins only; logged, refusals too).
    pub fn set_store_setting(&mut self, name: &str, value: u64) -> Result<()> {
        let act = Act::new("store-set").detail(format!("{name} = {value}"));
        if self.user().role != Role::Admin {
            let msg = t!(
                "authz-settings-admin-only",
                name = self.user().name.as_str(),
                role = self.user().role.to_string()
            );
            return Err(self.refuse(act, "role", msg));
        }
        let (_, lo, hi) = SETTINGS
            .iter()
            .find(|(n, _, _)| *n == name)
            .ok_or_else(|| {
                Error::Usage(t!(
                    "authz-unknown-setting",
                    name = format!("{:?}", crate::text::escape(name))
                ))
            })?;
        if value < *lo || value > *hi {
            return Err(Error::Usage(t!(
                "authz-setting-range",
                name = name,
                lo = *lo,
                hi = *hi
            )));
        }
        self.write(|tx, acting| {
            tx.execute(
                "INSERT OR REPLACE INTO store_settings (name, value, set_by, set_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    name,
                    value.to_string(),
                    acting.user.name,
                    crate::time::now_rfc3339()
                ],
            )?;
            audit::append(tx, acting, &act)?;
            Ok(())
        })
    }
}
