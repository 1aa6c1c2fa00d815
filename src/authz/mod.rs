//! Need to know (R16–R21, DESIGN.md §5), enforced by keys and not only by checks.
//!
//! Every folder has its own random keys (folder/), stored only wrapped to the X25519 key of
//! each user allowed to read it: by default every active officer of the unit, narrowed per
//! folder by `folder restrict`, and for STRENGT FORTROLIG contents only those cleared for it.
//! A user without a wrap cannot decrypt the folder even holding the store key. The checks in
//! [`Session::may_read`] come first so a refusal names its rule; the keys are what make it
//! hold.

pub mod authlist;
pub(crate) mod changes;
pub mod disclosure;
pub mod folder;
pub mod settings;

use crate::identity::{Clearance, Role, Session};
use crate::vocab::vocabulary;
use crate::{t, Error, Result};
use folder::Tier;

vocabulary! {
    /// Document grading (R9). STRENGT FORTROLIG ranks above FORTROLIG.
    ///
    /// ```
    /// use infoflyt::authz::Grading;
    /// let g: Grading = "strengt fortrolig".parse().unwrap();
    /// assert_eq!(g, Grading::StrengtFortrolig);
    /// assert_eq!("STRENGT_FORTROLIG".parse::<Grading>().unwrap(), g);
    /// assert!(g > Grading::Fortrolig);
    /// assert!("HEMMELIG".parse::<Grading>().is_err());
    /// ```
    pub enum Grading ("grading") {
        /// FORTROLIG.
        Fortrolig = "FORTROLIG" | "fortrolig",
        /// STRENGT FORTROLIG.
        StrengtFortrolig = "STRENGT_FORTROLIG" | "strengt-fortrolig",
    }
}

impl Grading {
    /// As printed on the document.
    pub fn label(self) -> &'static str {
        match self {
            Grading::Fortrolig => "FORTROLIG",
            Grading::StrengtFortrolig => "STRENGT FORTROLIG", // untranslated: the marking itself
        }
    }

    /// The clearance needed to read it.
    pub fn needs(self) -> Clearance {
        match self {
            Grading::Fortrolig => Clearance::Fortrolig,
            Grading::StrengtFortrolig => Clearance::StrengtFortrolig,
        }
    }
}

/// Why reading was refused: the rule and a message naming it.
#[derive(Debug)]
pub struct Denial {
    /// `role`, `clearance`, `folder restricted`, `not on the list`.
    pub rule: &'static str,
    /// For the person.
    pub message: String,
}

impl Session {
    /// The need-to-know decision for reading contents of `folder_id` graded `grading`, held
    /// under version `key_version` of the chain `tier`.
    pub fn may_read(
        &self,
        folder_id: i64,
        tier: Tier,
        key_version: i64,
        grading: Grading,
    ) -> Result<Option<Denial>> {
        let u = self.user();
        if u.role == Role::Clerical {
            return Ok(Some(Denial {
                rule: "role",
                message: t!("authz-clerical-reads-nothing", name = u.name.as_str()),
            }));
        }
        if u.role == Role::Admin {
            return Ok(Some(Denial {
                rule: "role",
                message: t!("authz-admin-reads-nothing", name = u.name.as_str()),
            }));
        }
        if u.clearance < grading.needs() {
            return Ok(Some(Denial {
                rule: "clearance",
                message: t!(
                    "authz-clearance-too-low",
                    grading = grading.label(),
                    name = u.name.as_str(),
                    clearance = u.clearance.to_string()
                ),
            }));
        }
        // A reader checks the list against its signed record (exit 5 if it was changed);
        // anyone else sees it as stored, and holds no key to it anyway.
        let f = self.folder_state(folder_id)?;
        let (restricted, listed) = if self.holds(folder_id, Tier::F, f.f_version)? {
            let l = self.checked_list(folder_id)?;
            (l.restricted, l.ids.contains(&u.id))
        } else {
            (f.restricted, f.reader_listed)
        };
        if restricted && !listed {
            return Ok(Some(Denial {
                rule: "folder restricted", // untranslated: refusal rule name (rule_label shows it)
                message: t!("authz-folder-restricted", name = u.name.as_str()),
            }));
        }
        if !self.holds(folder_id, tier, key_version)? {
            return self.why_no_key(folder_id, tier, key_version).map(Some);
        }
        Ok(None)
    }

    /// Why this reader holds no wrap of a key the document names: the folder has no such
    /// key (the document's row was changed: an integrity failure), the key is the
    /// STRENGT FORTROLIG chain's (a later version raised the grading above this reader's
    /// clearance), the key is still on its way, or the reader is not on the list.
    fn why_no_key(&self, folder_id: i64, tier: Tier, key_version: i64) -> Result<Denial> {
        let u = self.user();
        let exists: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_key_versions
                            WHERE folder_id = ?1 AND tier = ?2 AND version = ?3)",
            rusqlite::params![folder_id, tier.as_str(), key_version],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::Integrity(t!(
                "authz-document-key-missing",
                version = key_version,
                tier = tier.label()
            )));
        }
        if tier == Tier::S && u.clearance < Clearance::StrengtFortrolig {
            return Ok(Denial {
                rule: "clearance",
                message: t!(
                    "authz-version-under-s-key",
                    name = u.name.as_str(),
                    clearance = u.clearance.to_string()
                ),
            });
        }
        let pending: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM folder_grants_pending
                            WHERE folder_id = ?1 AND user_id = ?2)",
            rusqlite::params![folder_id, u.id],
            |r| r.get(0),
        )?;
        Ok(Denial {
            rule: "not on the list", // untranslated: refusal rule name (rule_label shows it)
            message: if pending {
                t!("authz-key-pending", name = u.name.as_str())
            } else {
                t!("authz-not-on-list", name = u.name.as_str())
            },
        })
    }
}
