//! `doc print`, `journal print` and `log report --pdf`: the library lays out and logs; here
//! the PDF is written to a file that appears only when complete and never replaces another,
//! and a document's copy that could not be written is logged as failed.

use super::Ctx;
use crate::authz::disclosure::Recipient;
use crate::documents::reader::{Disclosed, Use};
use crate::documents::DocMeta;
use crate::identity::Session;
use crate::print::{Printed, PRINT_LIMIT};
use crate::store::fsutil::NewFile;
use crate::{t, Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `p` to `out` (which must not exist) and returns the page count.
fn write(out: &Path, f: &mut NewFile, p: &Printed) -> Result<()> {
    f.file().write_all(&p.pdf).map_err(Error::io(t!(
        "print-cannot-write",
        out = out.display().to_string()
    )))
}

/// Whom a print is for, as `--to` names them: the service itself when not given.
fn recipient(to: Option<&str>) -> Result<Recipient> {
    Ok(match to {
        Some(t) => Recipient::classify(&crate::text::field(
            "recipient",
            t,
            crate::text::limits::NAME,
            false,
        )?),
        None => Recipient::Service,
    })
}

/// `doc print JNO --out F.pdf [--to RECIPIENT] [--purpose T]`.
pub(super) fn doc(
    ctx: &Ctx,
    s: &mut Session,
    jno: &str,
    out: &Path,
    to: Option<String>,
    purpose: Option<String>,
    disclosure: super::transfer_args::CopyFor,
) -> Result<()> {
    let named = to.as_deref().map(str::trim).unwrap_or_default().to_owned();
    let basis = disclosure.basis.map(|b| b.to_string());
    let not_police = disclosure.not_police;
    let disclosed = (!named.is_empty()).then(|| Disclosed {
        recipient: &named,
        basis: basis.as_deref(),
        not_police,
    });
    let to = match &disclosed {
        Some(d) => {
            recipient(Some(d.recipient))?;
            d.recipient_class()
        }
        None => recipient(None)?,
    };
    // Refuse an existing target and a document too large to lay out before anything is
    // logged; name the way out the library does not (it names no commands' options).
    let mut f = NewFile::create_for(out)?;
    let meta = s.document(jno)?;
    let export = || t!("print-hint-export", jno = meta.journal_number.as_str());
    if meta.size > PRINT_LIMIT {
        let m = t!("print-too-large", jno = jno, size = meta.size);
        return Err(Error::Usage(format!("{m}: {}", export())));
    }
    let p = match s.print_document(jno, to, purpose, disclosed) {
        Err(Error::Usage(m)) if m == t!("print-binary", jno = meta.journal_number.as_str()) => {
            return Err(Error::Usage(format!("{m}: {}", export())))
        }
        other => other?,
    };
    let (Some(m), Some(copy), Some(g)) = (&p.meta, p.copy, p.grading) else {
        return Ok(());
    };
    if let Err(e) = write(out, &mut f, &p).and_then(|()| f.persist(out)) {
        return Err(failed_copy(s, to, m, copy, e));
    }
    ctx.out.emit(
        &serde_json::json!({ "journal_number": m.journal_number, "version": m.version,
            "copy": copy, "pages": p.pages, "out": out.display().to_string(),
            "grading": m.grading, "governing_grading": g.as_str() }),
        || {
            t!(
                "print-doc-done",
                jno = m.journal_number.as_str(),
                version = m.version,
                grading = g.label(),
                copy = copy,
                pages = p.pages,
                out = out.display().to_string()
            ) + "\n"
        },
    );
    Ok(())
}

/// A printed copy, logged as made, that could not be written: the log records it as failed.
fn failed_copy(s: &mut Session, to: Recipient, m: &DocMeta, copy: i64, e: Error) -> Error {
    let why = e.to_string();
    match s.copy_failed(Use::Print(to), m, copy, &why) {
        Ok(()) => Error::Other(t!(
            "print-copy-failed",
            copy = copy,
            jno = m.journal_number.as_str(),
            error = why
        )),
        Err(l) => Error::Other(t!(
            "print-copy-failed-unlogged",
            error = why,
            log_error = l.to_string()
        )),
    }
}

/// `journal print --year Y --out F.pdf`.
pub(super) fn journal(ctx: &Ctx, s: &mut Session, year: i32, out: &Path) -> Result<()> {
    let mut f = NewFile::create_for(out)?;
    let p = s.print_journal(year)?;
    write(out, &mut f, &p)?;
    f.persist(out)?;
    done(ctx, &p, out);
    Ok(())
}

/// `log report --user NAME | --doc JNO --pdf F.pdf`.
pub(super) fn log_report(
    ctx: &Ctx,
    s: &mut Session,
    user: Option<&str>,
    doc: Option<&str>,
    out: &Path,
) -> Result<()> {
    let mut f = NewFile::create_for(out)?;
    let p = s.print_log_report(user, doc)?;
    write(out, &mut f, &p)?;
    f.persist(out)?;
    done(ctx, &p, out);
    Ok(())
}

fn done(ctx: &Ctx, p: &Printed, out: &Path) {
    ctx.out.emit(
        &serde_json::json!({ "pages": p.pages, "out": out.display().to_string() }),
        || {
            t!(
                "print-report-done",
                pages = p.pages,
                out = out.display().to_string()
            ) + "\n"
        },
    );
}
