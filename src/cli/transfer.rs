//! `infoflyt package …` and `log checkpoint`.

use super::output::table;
use super::progress;
use super::transfer_args::{ExportArgs, PackageCmd};
use super::Ctx;
use crate::identity::Session;
use crate::transfer::checkpoint::Checkpoint;
use crate::transfer::export::ExportRequest;
use crate::{Error, Result};
use std::path::Path;

pub(super) fn run(ctx: &mut Ctx, cmd: PackageCmd) -> Result<()> {
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
                format!("Wrote the receipt {id} again: {}\n", f.display())
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
    let bar = progress::bar(0, "sealing the package");
    let res = s.export_package(&req, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let e = res?;
    ctx.out.emit(&e, || {
        format!(
            "Wrote {} ({}, number {} to {}): {} document(s), {} bytes, signature {}.\n",
            e.file.display(),
            e.kind,
            e.seq,
            e.receiver,
            e.documents,
            e.size,
            e.signature.display()
        )
    });
    Ok(())
}

/// Reads a checkpoint file (a usage error if it is not one).
pub(super) fn read_checkpoints(p: &Path) -> Result<Vec<Checkpoint>> {
    let data = std::fs::read(p).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::NotFound(format!("no checkpoint file {}", p.display()))
        }
        _ => Error::io(format!("cannot read {}", p.display()))(e),
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
        format!(
            "Wrote {} checkpoint(s) of {} to {} (newest: entry {}).\n",
            list.len(),
            of.as_deref().unwrap_or(&s.meta().unit),
            out.display(),
            list.last().map(|c| c.seq).unwrap_or(0)
        )
    });
    Ok(())
}
fn import(ctx: &Ctx, s: &mut Session, file: &Path, receipt_out: Option<&Path>) -> Result<()> {
    let bar = progress::bar(0, "importing documents");
    let res = s.import_package(file, receipt_out, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let i = res?;
    for g in i.gaps.iter().take(10) {
        ctx.out.note(&format!(
            "warning: package {g} from {} has not arrived",
            i.sender
        ));
    }
    ctx.out.emit(&i, || {
        let mut t = format!(
            "Imported {} ({}, number {} from {}): {} document(s) filed.\n",
            i.id,
            i.kind,
            i.seq,
            i.sender,
            i.documents.iter().filter(|d| !d.already).count()
        );
        for d in &i.documents {
            t.push_str(&format!(
                "  {} v{} from {} {} v{}{}\n",
                d.journal_number,
                d.version,
                i.sender,
                d.sender_journal_number,
                d.sender_version,
                if d.already { " (already here)" } else { "" }
            ));
        }
        if i.card_rollover {
            t.push_str(&format!(
                "{} rolled its keys over; its new card is trusted now.\n",
                i.sender
            ));
        }
        if let Some(p) = i.folder_destroyed {
            t.push_str(&format!(
                "The transfer is acknowledged: the folder of person {p} is destroyed \
                     here, its keys first.\n"
            ));
        }
        if let Some(r) = &i.receipt {
            t.push_str(&format!(
                "Receipt for the sender: {} (with its .minisig and .card).\n",
                r.display()
            ));
        }
        t
    });
    Ok(())
}

fn inspect(ctx: &Ctx, s: &mut Session, file: &Path) -> Result<()> {
    let i = s.inspect_package(file)?;
    ctx.out.emit(&i, || {
        let mut t = format!(
            "{} ({}, number {} from {} to {}), made by {} at {}; verified.\n",
            i.id, i.kind, i.seq, i.sender, i.receiver, i.officer, i.created_at
        );
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
            t.push_str(&format!("Persons: {}\n", i.persons.join(", ")));
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
                    format!("copy-up to {}", o.to),
                    format!("{} v{}", it.journal_number, it.version),
                    it.person_id.to_string(),
                    it.grading.clone(),
                ]);
            }
        }
        let mut t = table(&["OWED", "DOCUMENT", "PERSON", "GRADING"], &rows);
        if s.meta().level != crate::identity::Level::Ksf {
            t.push_str(&format!("List changes waiting for KSF: {}\n", p.authlist));
        }
        for a in &p.awaiting_receipt {
            t.push_str(&format!(
                "Awaiting the receipt of {} ({} to {}, number {})\n",
                a.id, a.kind, a.receiver, a.seq
            ));
        }
        t
    });
    Ok(())
}
