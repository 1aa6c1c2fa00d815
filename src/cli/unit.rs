//! `infoflyt unit …`, `consult …` and `disclosure …`.

use super::output::table;
use super::transfer_args::{ConsultCmd, DisclosureCmd, UnitCmd};
use super::Ctx;
use crate::store::fsutil::NewFile;
use crate::transfer::registers::NewDisclosure;
use crate::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `text` to a new file `out` (0600; never over an existing file).
pub(super) fn write_new(out: &Path, text: &str) -> Result<()> {
    let mut f = NewFile::create_for(out)?;
    f.file()
        .write_all(text.as_bytes())
        .map_err(Error::io(format!("cannot write {}", out.display())))?;
    f.persist(out)
}

pub(super) fn run(ctx: &mut Ctx, cmd: UnitCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        UnitCmd::Card { out, minisign_pub } => {
            let card = s.unit_card()?;
            let text = card.encode()?;
            if let Some(p) = &out {
                write_new(p, &text)?;
            }
            if let Some(p) = &minisign_pub {
                write_new(p, &card.minisign_public_key().to_file())?;
            }
            let sum = card.summary();
            ctx.out.emit(&sum, || match &out {
                Some(p) => format!(
                    "Wrote the card of {} to {}.\nFingerprint (read it aloud to the other \
                     unit): {}\n",
                    sum.unit,
                    p.display(),
                    sum.fingerprint
                ),
                None => format!("{text}\nFingerprint: {}\n", sum.fingerprint),
            });
        }
        UnitCmd::Trust { card, fingerprint } => {
            let data = std::fs::read(&card)
                .map_err(Error::io(format!("cannot read {}", card.display())))?;
            let t = s.trust_unit(&data, &fingerprint)?;
            ctx.out.emit(&t, || {
                format!(
                    "Trusted {} ({}), fingerprint {}. The change is signed and queued for KSF \
                     (`auth pending`).\n",
                    t.unit, t.level, t.fingerprint
                )
            });
        }
        UnitCmd::TrustExternal { name, recipient } => {
            let e = s.trust_external(&name, &recipient)?;
            ctx.out.emit(&e, || {
                format!(
                    "{} is now known by the age key {}; `package export --kind external \
                     --recipient \"{}\"` encrypts to it.\n",
                    e.name, e.recipient, e.name
                )
            });
        }
        UnitCmd::List => {
            let u = s.trust_list()?;
            ctx.out.emit(&u, || render_units(&u));
        }
    }
    Ok(())
}

pub(super) fn run_consult(ctx: &mut Ctx, cmd: ConsultCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        ConsultCmd::Record {
            person,
            unit,
            with,
            at,
            note,
        } => {
            let c = s.record_consultation(person, &unit, &with, &at, note.as_deref())?;
            ctx.out.emit(&c, || {
                format!(
                    "Recorded: consulted {} ({}) about person {} at {}.\n",
                    c.unit, c.with, c.person_id, c.at
                )
            });
        }
        ConsultCmd::List { person } => {
            let list = s.consultations(person)?;
            ctx.out.emit(&list, || {
                table(
                    &["ID", "PERSON", "UNIT", "WITH", "AT", "BY"],
                    &list
                        .iter()
                        .map(|c| {
                            vec![
                                c.id.to_string(),
                                c.person_id.to_string(),
                                c.unit.clone(),
                                c.with.clone(),
                                c.at.clone(),
                                c.recorded_by.clone(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                )
            });
        }
    }
    Ok(())
}

pub(super) fn run_disclosure(ctx: &mut Ctx, cmd: DisclosureCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        DisclosureCmd::List { person } => {
            let list = s.disclosures(person)?;
            ctx.out.emit(&list, || {
                table(
                    &[
                        "ID",
                        "KIND",
                        "PERSON",
                        "RECIPIENT",
                        "BASIS",
                        "DOCUMENTS",
                        "AT",
                        "BY",
                    ],
                    &list
                        .iter()
                        .map(|d| {
                            vec![
                                d.id.to_string(),
                                d.kind.clone(),
                                d.person_id.to_string(),
                                d.recipient.clone(),
                                d.basis.clone(),
                                d.documents.join(","),
                                d.at.clone(),
                                d.recorded_by.clone(),
                            ]
                        })
                        .collect::<Vec<_>>(),
                )
            });
        }
        DisclosureCmd::Record(a) => {
            let d = s.record_disclosure(NewDisclosure {
                withheld: a.withheld,
                person_id: a.person,
                recipient: a.recipient,
                basis: a.basis,
                documents: a.doc,
                what: a.what,
                at: a.at,
            })?;
            ctx.out.emit(&d, || {
                format!(
                    "Recorded in the disclosure register as #{} ({}, to {}, basis {}).\n",
                    d.id, d.kind, d.recipient, d.basis
                )
            });
        }
    }
    Ok(())
}

fn render_units(u: &crate::transfer::trust::Units) -> String {
    let mut t = match &u.own {
        Some(c) => format!(
            "This unit: {} ({}), fingerprint {}\n\n",
            c.unit, c.level, c.fingerprint
        ),
        None => "This unit's card is not issued yet (`unit card`).\n\n".into(),
    };
    t.push_str(&table(
        &[
            "UNIT",
            "LEVEL",
            "REGION",
            "FINGERPRINT",
            "SERIAL",
            "HOW",
            "SINCE",
        ],
        &u.trusted
            .iter()
            .map(|x| {
                vec![
                    x.unit.clone(),
                    x.level.clone(),
                    x.region.clone().unwrap_or_default(),
                    x.fingerprint.clone(),
                    x.serial.to_string(),
                    x.how.clone(),
                    x.trusted_at.clone(),
                ]
            })
            .collect::<Vec<_>>(),
    ));
    if !u.external.is_empty() {
        t.push('\n');
        t.push_str(&table(
            &["EXTERNAL", "AGE RECIPIENT", "SINCE"],
            &u.external
                .iter()
                .map(|e| vec![e.name.clone(), e.recipient.clone(), e.added_at.clone()])
                .collect::<Vec<_>>(),
        ));
    }
    t
}
