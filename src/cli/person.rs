//! `infoflyt person …`.

use super::args::{PersonCmd, PersonDetails};
use super::labels::{code, codes};
use super::output::table;
use super::person_upkeep::unit_hint;
use super::Ctx;
use crate::identity::Session;
use crate::register::{NewPerson, Person, PersonUpdate};
use crate::retention::{ReleaseChange, ReleaseSet};
use crate::{t, Result};

pub(super) fn warn(ctx: &Ctx, warnings: &[String]) {
    for w in warnings {
        ctx.out.note(w);
    }
}

fn person_row(p: &Person) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.name.clone(),
        code(&p.kind),
        p.born.clone().unwrap_or_default(),
        p.unit.clone().unwrap_or_default(),
        codes(&p.risks, ","),
        codes(&p.affiliations, ","),
    ]
}

/// Persons as a table for people.
pub(super) fn person_table(ps: &[Person]) -> String {
    table(
        &[
            &t!("col-id"),
            &t!("col-name"),
            &t!("col-kind"),
            &t!("col-born"),
            &t!("col-unit"),
            &t!("col-risks"),
            &t!("col-affiliations"),
        ],
        &ps.iter().map(person_row).collect::<Vec<_>>(),
    )
}

pub(super) fn run(ctx: &mut Ctx, cmd: PersonCmd) -> Result<()> {
    let mut s = ctx.unlock()?;
    match cmd {
        PersonCmd::Add {
            name,
            kind,
            born,
            details: d,
        } => add(ctx, &mut s, name, kind, born, d)?,
        PersonCmd::List { unit, kind } => {
            let ps = s.list_persons(unit.as_deref(), kind.as_deref())?;
            ctx.out.emit(&ps, || person_table(&ps));
        }
        PersonCmd::Show { id } => show(ctx, &mut s, id)?,
        PersonCmd::Update {
            id,
            kind,
            details: d,
        } => {
            let unit = d.unit.clone();
            let updated = s.update_person(
                id,
                &PersonUpdate {
                    kind,
                    unit: d.unit,
                    risks: d.risk,
                    affiliations: d.affiliation,
                    offence: d.offence,
                    sentence: d.sentence,
                    conduct: d.conduct,
                    new_unit: d.new_unit,
                },
            );
            let (p, w) = updated.map_err(|e| unit_hint(&s, e, unit.as_deref()))?;
            warn(ctx, &w);
            ctx.out
                .emit(&serde_json::json!({ "person": p, "warnings": w }), || {
                    t!("person-updated", id = p.id) + "\n"
                });
        }
        PersonCmd::Link { id, to, kind } => {
            s.link_persons(id, to, &kind)?;
            ctx.out.emit(
                &serde_json::json!({ "person": id, "other": to, "kind": kind }),
                || t!("person-linked", id = id, kind = code(&kind), other = to) + "\n",
            );
        }
        PersonCmd::Release { id, at, withdraw } => {
            let change = match (at, withdraw) {
                (Some(t), false) => ReleaseChange::At(t),
                _ => ReleaseChange::Withdraw,
            };
            let r = s.set_release(id, &change)?;
            ctx.out.emit(&r, || release_text(&r));
        }
        PersonCmd::KompisMarks { ack } => kompis(ctx, &mut s, ack)?,
        other => super::person_upkeep::run(ctx, &mut s, other)?,
    }
    Ok(())
}

fn add(
    ctx: &Ctx,
    s: &mut Session,
    name: String,
    kind: String,
    born: Option<String>,
    d: PersonDetails,
) -> Result<()> {
    let unit = d.unit.clone();
    let added = s.add_person(&NewPerson {
        name,
        kind,
        born,
        unit: d.unit,
        risks: d.risk,
        affiliations: d.affiliation,
        offence: d.offence,
        sentence: d.sentence,
        conduct: d.conduct,
        new_unit: d.new_unit,
    });
    let (p, w) = added.map_err(|e| unit_hint(s, e, unit.as_deref()))?;
    warn(ctx, &w);
    ctx.out.emit(
        &serde_json::json!({ "id": p.id, "person": p, "warnings": w }),
        || t!("person-added", id = p.id, name = p.name.as_str()) + "\n",
    );
    Ok(())
}

fn release_text(r: &ReleaseSet) -> String {
    let id = r.person_id;
    let was = r.previous.as_deref().unwrap_or("none");
    let text = match (&r.release_at, &r.takes_effect) {
        (Some(at), Some(eff)) if r.destroys_folder => t!(
            "person-release-set",
            id = id,
            at = at.as_str(),
            was = was,
            effect = eff.as_str()
        ),
        (Some(at), _) => t!(
            "person-release-set-ksf",
            id = id,
            at = at.as_str(),
            was = was
        ),
        (None, _) => t!("person-release-withdrawn", id = id, was = was),
    };
    text + "\n"
}

fn show(ctx: &Ctx, s: &mut Session, id: i64) -> Result<()> {
    let p = s.show_person(id)?;
    let links = s.person_links(id)?;
    let nets = s.networks_of(id)?;
    // A person whose folder left with a transfer (or was destroyed) has no documents here.
    let docs = match s.folder_of(id) {
        Ok(_) => s.documents(Some(id))?,
        Err(crate::Error::NotFound(_)) => Vec::new(),
        Err(e) => return Err(e),
    };
    // Standing co-locations are part of the picture here, not a warning on stderr.
    let colocations = s.colocations(Some(id), None)?;
    let w: Vec<String> = colocations.iter().map(|c| c.message()).collect();
    let decisions = s.decisions(Some(id), None)?;
    ctx.out.emit(
        &serde_json::json!({
            "person": p,
            "links": links.iter().map(|(o, n, k, d)| serde_json::json!({
                "other": o, "name": n, "kind": k, "direction": d })).collect::<Vec<_>>(),
            "networks": nets,
            "documents": docs,
            "decisions": decisions,
            "warnings": w,
        }),
        || {
            let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            let mut t = format!("{} — {} (id {})\n", p.name, code(&p.kind), p.id);
            let mut line = |label: String, value: String| {
                t.push_str(&format!("  {label}: {value}\n"));
            };
            line(t!("label-born"), dash(&p.born));
            line(t!("label-unit"), dash(&p.unit));
            line(t!("label-risks"), codes(&p.risks, ", "));
            line(t!("label-affiliations"), codes(&p.affiliations, ", "));
            for (label, v) in [
                (t!("label-offence"), &p.offence),
                (t!("label-sentence"), &p.sentence),
                (t!("label-conduct"), &p.conduct),
                (t!("label-release"), &p.release_at),
            ] {
                if let Some(v) = v {
                    line(label, v.clone());
                }
            }
            for (o, n, k, d) in &links {
                let v = if *d == "is" {
                    t!("person-link-is", kind = code(k), name = n.as_str(), id = *o)
                } else {
                    t!(
                        "person-link-has",
                        kind = code(k),
                        name = n.as_str(),
                        id = *o
                    )
                };
                line(t!("label-link"), v);
            }
            for n in &nets {
                line(
                    t!("label-network"),
                    format!("{} ({})", n.name, code(&n.kind)),
                );
            }
            for c in &colocations {
                line(t!("label-colocation"), c.describe());
            }
            line(t!("label-documents"), docs.len().to_string());
            for d in &docs {
                t.push_str(&format!(
                    "    {} v{}  {}  {}\n",
                    d.journal_number, d.version, d.grading, d.title
                ));
            }
            t.push_str(&format!(
                "  {}: {}\n",
                t!("label-decisions"),
                decisions.len()
            ));
            if !decisions.is_empty() {
                t.push_str(&super::decision::decisions_table(&decisions));
            }
            t
        },
    );
    Ok(())
}

fn kompis(ctx: &Ctx, s: &mut Session, ack: bool) -> Result<()> {
    let m = if ack {
        s.kompis_ack()?
    } else {
        s.kompis_marks()?
    };
    ctx.out.emit(&m, || {
        let none = format!("  {}\n", t!("kompis-none"));
        let mut t = t!("kompis-mark") + "\n";
        if m.mark.is_empty() {
            t.push_str(&none);
        }
        for (id, n, b) in &m.mark {
            t.push_str(&format!("  {id}  {n}  {}\n", b.as_deref().unwrap_or("")));
        }
        t.push_str(&(t!("kompis-unmark") + "\n"));
        if m.unmark.is_empty() {
            t.push_str(&none);
        }
        for (id, n) in &m.unmark {
            t.push_str(&format!(
                "  {}  {n}\n",
                id.map(|i| i.to_string()).unwrap_or_else(|| "-".into())
            ));
        }
        t.push_str(
            &(if ack {
                t!("kompis-acked")
            } else {
                t!("kompis-hint")
            } + "\n"),
        );
        t
    });
    Ok(())
}
