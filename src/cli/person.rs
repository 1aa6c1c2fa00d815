//! `infoflyt person …` and `infoflyt network …`.

use super::args::{NetworkCmd, PersonCmd};
use super::output::table;
use super::Ctx;
use crate::identity::Session;
use crate::register::{NewPerson, Person, PersonUpdate};
use crate::Result;

fn warn(ctx: &Ctx, warnings: &[String]) {
    for w in warnings {
        ctx.out.note(w);
    }
}

fn person_row(p: &Person) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.name.clone(),
        p.kind.clone(),
        p.unit.clone().unwrap_or_default(),
        p.risks.join(","),
        p.affiliations.join(","),
    ]
}

pub(super) fn run(ctx: &mut Ctx, cmd: PersonCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        PersonCmd::Add {
            name,
            kind,
            born,
            details: d,
        } => {
            let (p, w) = s.add_person(&NewPerson {
                name,
                kind,
                born,
                unit: d.unit,
                risks: d.risk,
                affiliations: d.affiliation,
                offence: d.offence,
                sentence: d.sentence,
                conduct: d.conduct,
            })?;
            warn(ctx, &w);
            ctx.out.emit(
                &serde_json::json!({ "id": p.id, "person": p, "warnings": w }),
                || {
                    format!(
                        "Registered person {} ({}); their folder is created.\n",
                        p.id, p.name
                    )
                },
            );
        }
        PersonCmd::List { unit, kind } => {
            let ps = s.persons(unit.as_deref(), kind.as_deref())?;
            ctx.out.emit(&ps, || {
                table(
                    &["ID", "NAME", "KIND", "UNIT", "RISKS", "AFFILIATIONS"],
                    &ps.iter().map(person_row).collect::<Vec<_>>(),
                )
            });
        }
        PersonCmd::Show { id } => show(ctx, &mut s, id)?,
        PersonCmd::Update {
            id,
            kind,
            details: d,
        } => {
            let (p, w) = s.update_person(
                id,
                &PersonUpdate {
                    kind,
                    unit: d.unit,
                    risks: d.risk,
                    affiliations: d.affiliation,
                    offence: d.offence,
                    sentence: d.sentence,
                    conduct: d.conduct,
                },
            )?;
            warn(ctx, &w);
            ctx.out
                .emit(&serde_json::json!({ "person": p, "warnings": w }), || {
                    format!("Updated person {}.\n", p.id)
                });
        }
        PersonCmd::Link { id, to, kind } => {
            s.link_persons(id, to, &kind)?;
            ctx.out.emit(
                &serde_json::json!({ "person": id, "other": to, "kind": kind }),
                || format!("Linked: person {id} is {kind} of person {to}.\n"),
            );
        }
        PersonCmd::Release { id, at } => {
            let p = s.release_person(id, &at)?;
            ctx.out.emit(&p, || {
                format!(
                    "Registered the release of person {} at {}.\n",
                    p.id,
                    p.release_at.as_deref().unwrap_or("-")
                )
            });
        }
        PersonCmd::KompisMarks { ack } => kompis(ctx, &mut s, ack)?,
    }
    Ok(())
}

pub(super) fn run_network(ctx: &mut Ctx, cmd: NetworkCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        NetworkCmd::Add {
            name,
            kind,
            purpose,
            member,
        } => {
            let (id, w) = s.add_network(&name, &kind, &purpose, &member)?;
            warn(ctx, &w);
            ctx.out
                .emit(&serde_json::json!({ "id": id, "warnings": w }), || {
                    format!("Registered network {id}.\n")
                });
        }
        NetworkCmd::Join { id, person } => {
            let w = s.join_network(id, &person)?;
            warn(ctx, &w);
            ctx.out
                .emit(&serde_json::json!({ "id": id, "warnings": w }), || {
                    format!("Added {} member(s) to network {id}.\n", person.len())
                });
        }
        NetworkCmd::List => {
            let nets = s.networks()?;
            let w = s.colocation_warnings(None)?;
            warn(ctx, &w);
            ctx.out.emit(
                &serde_json::json!({ "networks": nets, "warnings": w }),
                || {
                    table(
                        &["ID", "NAME", "KIND", "MEMBERS", "PURPOSE"],
                        &nets
                            .iter()
                            .map(|n| {
                                vec![
                                    n.id.to_string(),
                                    n.name.clone(),
                                    n.kind.clone(),
                                    n.members
                                        .iter()
                                        .map(i64::to_string)
                                        .collect::<Vec<_>>()
                                        .join(","),
                                    n.purpose.clone(),
                                ]
                            })
                            .collect::<Vec<_>>(),
                    )
                },
            );
        }
    }
    Ok(())
}

/// `person show`: the person, links, networks and documents (titles as the user may see them).
fn show(ctx: &Ctx, s: &mut Session, id: i64) -> Result<()> {
    let p = s.person(id)?;
    let links = s.person_links(id)?;
    let nets: Vec<_> = s
        .networks()?
        .into_iter()
        .filter(|n| n.members.contains(&id))
        .collect();
    let docs = s.documents(Some(id))?;
    let w = s.colocation_warnings(Some(id))?;
    warn(ctx, &w);
    ctx.out.emit(
        &serde_json::json!({
            "person": p,
            "links": links.iter().map(|(o, n, k, d)| serde_json::json!({
                "other": o, "name": n, "kind": k, "direction": d })).collect::<Vec<_>>(),
            "networks": nets,
            "documents": docs,
            "warnings": w,
        }),
        || {
            let mut t = format!(
                "{} — {} (id {})\n  born: {}\n  unit: {}\n  risks: {}\n  affiliations: {}\n",
                p.name,
                p.kind,
                p.id,
                p.born.as_deref().unwrap_or("-"),
                p.unit.as_deref().unwrap_or("-"),
                if p.risks.is_empty() {
                    "-".into()
                } else {
                    p.risks.join(", ")
                },
                if p.affiliations.is_empty() {
                    "-".into()
                } else {
                    p.affiliations.join(", ")
                },
            );
            for (label, v) in [
                ("offence", &p.offence),
                ("sentence", &p.sentence),
                ("conduct", &p.conduct),
                ("release", &p.release_at),
            ] {
                if let Some(v) = v {
                    t.push_str(&format!("  {label}: {v}\n"));
                }
            }
            for (o, n, k, d) in &links {
                if *d == "is" {
                    t.push_str(&format!("  link: is {k} of {n} ({o})\n"));
                } else {
                    t.push_str(&format!("  link: {n} ({o}) is {k} of this person\n"));
                }
            }
            for n in &nets {
                t.push_str(&format!("  network: {} ({})\n", n.name, n.kind));
            }
            t.push_str(&format!("  documents: {}\n", docs.len()));
            for d in &docs {
                t.push_str(&format!(
                    "    {} v{}  {}  {}\n",
                    d.journal_number, d.version, d.grading, d.title
                ));
            }
            t
        },
    );
    Ok(())
}

/// `person kompis-marks`: whom to mark and unmark, and the acknowledgement.
fn kompis(ctx: &Ctx, s: &mut Session, ack: bool) -> Result<()> {
    let m = if ack {
        s.kompis_ack()?
    } else {
        s.kompis_marks()?
    };
    ctx.out.emit(&m, || {
        let mut t = String::from("Mark in KOMPIS:\n");
        if m.mark.is_empty() {
            t.push_str("  (none)\n");
        }
        for (id, n, b) in &m.mark {
            t.push_str(&format!("  {id}  {n}  {}\n", b.as_deref().unwrap_or("")));
        }
        t.push_str("Unmark in KOMPIS:\n");
        if m.unmark.is_empty() {
            t.push_str("  (none)\n");
        }
        for (id, n) in &m.unmark {
            t.push_str(&format!(
                "  {}  {n}\n",
                id.map(|i| i.to_string()).unwrap_or_else(|| "-".into())
            ));
        }
        if ack {
            t.push_str("Acknowledged: the next list starts from here.\n");
        } else {
            t.push_str("When done in KOMPIS, run `person kompis-marks --ack`.\n");
        }
        t
    });
    Ok(())
}
