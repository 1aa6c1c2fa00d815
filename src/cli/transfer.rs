//! `infoflyt package …` and `log checkpoint`.

use super::output::table;
use super::progress;
use super::transfer_args::{ExportArgs, PackageCmd};
use super::Ctx;
use crate::identity::Session;
use crate::t;
use crate::transfer::checkpoint::Checkpoint;
use crate::transfer::export::ExportRequest;
use crate::{Error, Result};
use std::path::Path;

/// What each kind needs on the command line, checked before the unlock (the library says
/// the same without naming options).
fn check_export_args(a: &ExportArgs) -> Result<()> {
    use crate::transfer::payload::Kind;
    let kind = a.kind.to_string();
    let missing = match a.kind {
        Kind::External if a.recipient.is_none() || a.person.is_none() || a.basis.is_none() => {
            Some(t!("package-usage-external"))
        }
        Kind::External | Kind::Receipt => None,
        _ if a.to.is_none() => Some(t!("package-usage-to", kind = kind.as_str())),
        Kind::Transfer if a.person.is_none() => Some(t!("package-usage-transfer")),
        Kind::ProcessedDown if a.person.is_none() && a.doc.is_empty() => {
            Some(t!("package-usage-processed-down"))
        }
        _ => None,
    };
    missing.map_or(Ok(()), |m| Err(Error::Usage(m)))
}

pub(super) fn run(ctx: &mut Ctx, cmd: PackageCmd) -> Result<()> {
    if let PackageCmd::Export(a) = &cmd {
        check_export_args(a)?;
    }
    let mut s = ctx.unlock()?;
    match cmd {
        PackageCmd::Export(a) => export(ctx, &mut s, a),
        PackageCmd::Import { file, receipt_out } => {
            import(ctx, &mut s, &file, receipt_out.as_deref())
        }
        PackageCmd::Inspect { file } => inspect(ctx, &mut s, &file),
        PackageCmd::Pending => pending(ctx, &s),
        PackageCmd::Receipt { id, out } => {
            let f = s.reissue_receipt(&id, &out)?;
            ctx.out.emit(&serde_json::json!({ "receipt": f }), || {
                t!(
                    "package-receipt-again",
                    id = id.as_str(),
                    file = f.display().to_string()
                ) + "\n"
            });
            Ok(())
        }
    }
}

fn export(ctx: &Ctx, s: &mut Session, a: ExportArgs) -> Result<()> {
    let req = ExportRequest {
        kind: a.kind,
        to: a.to,
        recipient: a.recipient,
        person: a.person,
        docs: a.doc,
        basis: a.basis,
        out: a.out,
    };
    let bar = progress::bar(0, &t!("package-progress-seal"));
    let res = s.export_package(&req, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let e = res?;
    ctx.out.emit(&e, || {
        t!(
            "package-exported",
            file = e.file.display().to_string(),
            kind = e.kind.to_string(),
            seq = e.seq,
            receiver = e.receiver.as_str(),
            count = e.documents,
            size = e.size,
            signature = e.signature.display().to_string()
        ) + "\n"
    });
    Ok(())
}

/// Reads a checkpoint file (a usage error if it is not one).
pub(super) fn read_checkpoints(p: &Path) -> Result<Vec<Checkpoint>> {
    let data = std::fs::read(p).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(t!(
            "checkpoint-file-missing",
            file = p.display().to_string()
        )),
        _ => Error::io(t!("file-cannot-read", file = p.display().to_string()))(e),
    })?;
    Checkpoint::parse_file(&data)
}

/// `log checkpoint --out F [--of UNIT]`.
pub(super) fn write_checkpoint(
    ctx: &Ctx,
    s: &Session,
    out: &Path,
    of: Option<String>,
) -> Result<()> {
    let list = match &of {
        None => vec![s.make_checkpoint()?],
        Some(u) => s.received_checkpoints(u)?,
    };
    super::unit::write_new(out, &Checkpoint::encode_file(&list)?)?;
    ctx.out.emit(&list, || {
        t!(
            "checkpoint-written",
            count = list.len(),
            unit = of.as_deref().unwrap_or(&s.meta().unit),
            file = out.display().to_string(),
            seq = list.last().map(|c| c.seq).unwrap_or(0)
        ) + "\n"
    });
    Ok(())
}
fn import(ctx: &Ctx, s: &mut Session, file: &Path, receipt_out: Option<&Path>) -> Result<()> {
    let bar = progress::bar(0, &t!("package-progress-import"));
    let res = s.import_package(file, receipt_out, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let i = res?;
    for g in i.gaps.iter().take(10) {
        ctx.out
            .note(&t!("package-gap", seq = *g, sender = i.sender.as_str()));
    }
    ctx.out.emit(&i, || {
        let mut t = t!(
            "package-imported",
            id = i.id.as_str(),
            kind = i.kind.to_string(),
            seq = i.seq,
            sender = i.sender.as_str(),
            count = i.documents.iter().filter(|d| !d.already).count()
        ) + "\n";
        for d in &i.documents {
            let (jno, sender_jno) = (d.journal_number.as_str(), d.sender_journal_number.as_str());
            let line = if d.already {
                t!(
                    "package-imported-doc-already",
                    jno = jno,
                    version = d.version,
                    sender = i.sender.as_str(),
                    sender_jno = sender_jno,
                    sender_version = d.sender_version
                )
            } else {
                t!(
                    "package-imported-doc",
                    jno = jno,
                    version = d.version,
                    sender = i.sender.as_str(),
                    sender_jno = sender_jno,
                    sender_version = d.sender_version
                )
            };
            t.push_str(&format!("  {line}\n"));
        }
        if !i.decisions.is_empty() || !i.reviews.is_empty() {
            t.push_str(
                &(t!(
                    "package-imported-casework",
                    decisions = i.decisions.len(),
                    reviews = i.reviews.len()
                ) + "\n"),
            );
        }
        if i.card_rollover {
            t.push_str(&(t!("package-card-rollover", sender = i.sender.as_str()) + "\n"));
        }
        if let Some(p) = i.folder_destroyed {
            t.push_str(&(t!("package-folder-destroyed", person = p) + "\n"));
        }
        if let Some((p, kept)) = i.transfer_kept {
            t.push_str(&(t!("package-folder-kept", person = p, kept = kept) + "\n"));
        }
        if let Some(r) = &i.receipt {
            t.push_str(&(t!("package-receipt-written", file = r.display().to_string()) + "\n"));
        }
        t
    });
    Ok(())
}

fn inspect(ctx: &Ctx, s: &mut Session, file: &Path) -> Result<()> {
    let i = s.inspect_package(file)?;
    ctx.out.emit(&i, || {
        let mut t = t!(
            "package-inspected",
            id = i.id.as_str(),
            kind = i.kind.to_string(),
            seq = i.seq,
            sender = i.sender.as_str(),
            receiver = i.receiver.as_str(),
            officer = i.officer.as_str(),
            at = i.created_at.as_str()
        ) + "\n";
        for d in &i.documents {
            t.push_str(&format!(
                "  {} v{}  {}  {}\n",
                d["journal_number"].as_str().unwrap_or(""),
                d["version"],
                d["grading"].as_str().unwrap_or(""),
                d["title"].as_str().unwrap_or("")
            ));
        }
        if !i.persons.is_empty() {
            t.push_str(&(t!("package-inspected-persons", persons = i.persons.join(", ")) + "\n"));
        }
        t
    });
    Ok(())
}

fn pending(ctx: &Ctx, s: &Session) -> Result<()> {
    let p = s.pending_packages()?;
    ctx.out.emit(&p, || {
        let mut rows = Vec::new();
        for o in &p.copy_up {
            for it in &o.items {
                rows.push(vec![
                    t!("package-owed-copy-up", unit = o.to.as_str()),
                    format!("{} v{}", it.journal_number, it.version),
                    it.person_id.to_string(),
                    it.grading.clone(),
                ]);
            }
        }
        let mut t = table(
            &[
                &t!("col-owed"),
                &t!("col-document"),
                &t!("col-person"),
                &t!("col-grading"),
            ],
            &rows,
        );
        if s.meta().level != crate::identity::Level::Ksf {
            t.push_str(&(t!("package-pending-authlist", count = p.authlist) + "\n"));
        }
        for o in &p.casework {
            t.push_str(
                &(t!(
                    "package-pending-casework",
                    kind = o.kind.as_str(),
                    decision = o.decision_id,
                    unit = o.to_unit.as_str(),
                    level = o.to_level.as_str(),
                    why = o.why.as_str()
                ) + "\n"),
            );
        }
        for a in &p.awaiting_receipt {
            t.push_str(
                &(t!(
                    "package-awaiting-receipt",
                    id = a.id.as_str(),
                    kind = a.kind.to_string(),
                    receiver = a.receiver.as_str(),
                    seq = a.seq
                ) + "\n"),
            );
        }
        t
    });
    Ok(())
}
