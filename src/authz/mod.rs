//! Need to know (R16–R21, DESIGN.md §5), enforced by keys and not only by checks.
//!
//! Every folder has its own random key, stored only wrapped to the X25519 key of each user
//! allowed to read it: by default every active officer of the unit, narrowed per folder by
//! `folder restrict`. A user without a wrap cannot decrypt the folder even holding the store
//! key. The checks in [`Session::may_read`] come first so a refusal names its rule; the keys
//! are what make it hold.

pub mod folder;
pub mod list;

use crate::identity::{Clearance, Role, Session};
use crate::Result;

/// Document grading (R9). STRENGT FORTROLIG ranks above FORTROLIG.
///
/// ```
/// use infoflyt::authz::Grading;
/// let g: Grading = "strengt fortrolig".parse().unwrap();
/// assert_eq!(g, Grading::StrengtFortrolig);
/// assert!(g > Grading::Fortrolig);
/// assert!("HEMMELIG".parse::<Grading>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grading {
    /// FORTROLIG.
    Fortrolig,
    /// STRENGT FORTROLIG.
    StrengtFortrolig,
}

impl Grading {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Grading::Fortrolig => "FORTROLIG",
            Grading::StrengtFortrolig => "STRENGT_FORTROLIG",
        }
    }
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

impl std::str::FromStr for Grading {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Grading> {
        match s
            .trim()
            .to_ascii_uppercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "FORTROLIG" => Ok(Grading::Fortrolig),
            "STRENGT_FORTROLIG" => Ok(Grading::StrengtFortrolig),
            _ => Err(crate::Error::Usage(format!(
                "unknown grading {s:?}: use FORTROLIG or STRENGT_FORTROLIG"
            ))),
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
    /// The need-to-know decision for reading a document of `folder_id` graded `grading`
    /// under key version `key_version`.
    pub fn may_read(
        &self,
        folder_id: i64,
        key_version: i64,
        grading: Grading,
    ) -> Result<Option<Denial>> {
        let u = &self.user;
        if u.role == Role::Clerical {
            return Ok(Some(Denial {
                rule: "role",
                message: format!(
                    "{} is clerical staff, who handle documents but never read their contents \
                     (R18)",
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
        let f = self.folder_state(folder_id)?;
        if f.restricted && !f.reader_listed {
            return Ok(Some(Denial {
                rule: "folder restricted",
                message: format!(
                    "this folder is restricted to named officers and {} is not one of them",
                    u.name
                ),
            }));
        }
        if !self.has_folder_wrap(folder_id, key_version)? {
            let pending = self.grant_pending(folder_id)?;
            return Ok(Some(Denial {
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
            }));
        }
        Ok(None)
    }
}

impl Session {
    /// Changes this user's passphrase and logs that it happened (never the passphrase).
    pub fn change_own_passphrase(&mut self, new: &crate::crypto::Passphrase) -> Result<()> {
        self.change_passphrase(new)?;
        self.log_act(&crate::audit::Act::new("passwd"))?;
        Ok(())
    }
}

/// Who a package is for, as far as the disclosure rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// A unit of the correctional service (up or down the chain of command).
    Service,
    /// Police: Kripos, PST or a police district (`package export --kind external`).
    Police,
}

impl Session {
    /// R26: what officers learn as assistants to health personnel is confidential under the
    /// health personnel act and never goes to police. The transfer module asks this for every
    /// document it would put into a package, before sealing; a refusal is logged.
    pub fn may_disclose(&mut self, doc: &crate::documents::DocMeta, to: Recipient) -> Result<()> {
        if to == Recipient::Police && doc.health_confidential {
            let act = crate::audit::Act::new("package-out").doc(
                &doc.journal_number,
                doc.version,
                doc.person_id,
            );
            return Err(self.refuse(
                act,
                "health confidentiality",
                format!(
                    "{} holds information learnt as an assistant to health personnel: it may \
                     never be passed to police (R26)",
                    doc.journal_number
                ),
            ));
        }
        Ok(())
    }
}
