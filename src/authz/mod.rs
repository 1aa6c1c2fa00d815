//! Need to know (R16–R21, DESIGN.md §5), enforced by keys and not only by checks.
//!
//! Every folder has its own random keys (folder/), stored only wrapped to the X25519 key of
//! each user allowed to read it: by default every active officer of the unit, narrowed per
//! folder by `folder restrict`, and for STRENGT FORTROLIG contents only those cleared for it.
//! A user without a wrap cannot decrypt the folder even holding the store key. The checks in
//! [`Session::may_read`] come first so a refusal names its rule; the keys are what make it
//! hold.

pub mod authlist;
pub mod disclosure;
pub mod folder;
pub mod settings;

use crate::identity::{Clearance, Role, Session};
use crate::vocab::vocabulary;
use crate::{Error, Result};
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
            Grading::StrengtFortrolig => "STRENGT FORTROLIG",
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
                message: format!(
                    "{} is clerical staff, who handle documents but never read their contents",
                    u.name
                ),
            }));
        }
        if u.role == Role::Admin {
            return Ok(Some(Denial {
                rule: "role",
                message: format!(
                    "{} is an admin, who keeps the list but reads no folder",
                    u.name
                ),
            }));
        }
        if u.clearance < grading.needs() {
            return Ok(Some(Denial {
                rule: "clearance",
                message: format!(
                    "the document is {} and {} has {} clearance",
                    grading.label(),
                    u.name,
                    u.clearance
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
                rule: "folder restricted",
                message: format!(
                    "this folder is restricted to named officers and {} is not one of them",
                    u.name
                ),
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
            return Err(Error::Integrity(format!(
                "a document names version {key_version} of its folder's {} key, which the \
                 folder does not have: the document's record was changed outside the \
                 program; report the incident",
                tier.label()
            )));
        }
        if tier == Tier::S && u.clearance < Clearance::StrengtFortrolig {
            return Ok(Denial {
                rule: "clearance",
                message: format!(
                    "this version is kept under the folder's STRENGT FORTROLIG key (it, or a \
                     later version of the document, is STRENGT FORTROLIG) and {} has {} \
                     clearance",
                    u.name, u.clearance
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
            rule: "not on the list",
            message: if pending {
                format!(
                    "{} is on the list but the folder's key has not reached them yet: it is \
                     passed on at the next session of an officer who reads this folder",
                    u.name
                )
            } else {
                format!("{} is not on this folder's need-to-know list", u.name)
            },
        })
    }
}
