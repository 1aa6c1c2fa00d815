//! `infoflyt unit …`, `consult …` and `disclosure …`.

use super::output::table;
use super::transfer_args::{ConsultCmd, DisclosureCmd, UnitCmd};
use super::Ctx;
use crate::store::fsutil::NewFile;
use crate::t;
use crate::transfer::registers::NewDisclosure;
use crate::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `text` to a new file `out` (0600; never over an existing file).
pub(super) fn write_new(out: &Path, text: &str) -> Result<()> {
    let mut f = NewFile::create_for(out)?;
    f.file().write_all(text.as_bytes()).map_err(Error::io(t!(
        "file-cannot-write",
        file = out.display().to_string()
    )))?;
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
                    "{}\n{}\n",
                    t!(
                        "unit-card-written",
                        unit = sum.unit.as_str(),
                        file = p.display().to_string()
                    ),
                    t!(
                        "unit-card-read-aloud",
                        fingerprint = sum.fingerprint.to_string()
                    )
                ),
                None => format!(
                    "{text}\n{}\n",
                    t!(
                        "unit-card-fingerprint",
                        fingerprint = sum.fingerprint.to_string()
                    )
                ),
            });
        }
        UnitCmd::Trust { card, fingerprint } => {
            let data = std::fs::read(&card).map_err(Error::io(t!(
                "file-cannot-read",
                file = card.display().to_string()
            )))?;
            let t = s.trust_unit(&data, &fingerprint)?;
            ctx.out.emit(&t, || {
                t!(
                    "unit-trusted",
                    unit = t.unit.as_str(),
                    level = t.level.to_string(),
                    fingerprint = t.fingerprint.to_string()
                ) + "\n"
            });
        }
        UnitCmd::TrustExternal { name, recipient } => {
            let e = s.trust_external(&name, &recipient)?;
            ctx.out.emit(&e, || {
                t!(
                    "unit-external-trusted",
                    name = e.name.as_str(),
                    recipient = e.recipient.to_string()
                ) + "\n"
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
                t!(
                    "consult-recorded",
                    unit = c.unit.as_str(),
                    with = c.with.as_str(),
                    person = c.person_id,
                    at = c.at.as_str()
                ) + "\n"
            });
        }
        ConsultCmd::List { person } => {
            let list = s.consultations(person)?;
            ctx.out.emit(&list, || {
                table(
                    &[
                        &t!("col-id"),
                        &t!("col-person"),
                        &t!("col-unit"),
                        &t!("col-with"),
                        &t!("col-at"),
                        &t!("col-by"),
                    ],
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
    if let DisclosureCmd::Record(a) = &cmd {
        if a.oral && a.basis.is_none() {
            return Err(Error::Usage(t!("disclosure-usage-basis")));
        }
    }
    let mut s = ctx.unlock()?;
    match cmd {
        DisclosureCmd::List { person } => {
            let list = s.disclosures(person)?;
            ctx.out.emit(&list, || {
                table(
                    &[
                        &t!("col-id"),
                        &t!("col-kind"),
                        &t!("col-person"),
                        &t!("col-recipient"),
                        &t!("col-basis"),
                        &t!("col-documents"),
                        &t!("col-at"),
                        &t!("col-by"),
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
                t!(
                    "disclosure-recorded",
                    id = d.id,
                    kind = d.kind.as_str(),
                    recipient = d.recipient.as_str(),
                    basis = d.basis.as_str()
                ) + "\n"
            });
        }
    }
    Ok(())
}

fn render_units(u: &crate::transfer::trust::Units) -> String {
    let mut t = match &u.own {
        Some(c) => {
            t!(
                "unit-own",
                unit = c.unit.as_str(),
                level = c.level.to_string(),
                fingerprint = c.fingerprint.to_string()
            ) + "\n\n"
        }
        None => t!("unit-no-card") + "\n\n",
    };
    t.push_str(&table(
        &[
            &t!("col-unit"),
            &t!("col-level"),
            &t!("col-region"),
            &t!("col-fingerprint"),
            &t!("col-serial"),
            &t!("col-how"),
            &t!("col-since"),
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
            &[
                &t!("col-external"),
                &t!("col-age-recipient"),
                &t!("col-since"),
            ],
            &u.external
                .iter()
                .map(|e| vec![e.name.clone(), e.recipient.clone(), e.added_at.clone()])
                .collect::<Vec<_>>(),
        ));
    }
    t
}
