//! `doc print`, `journal print` and `log report --pdf`: the library lays out and logs; here
//! the PDF is written to a file that appears only when complete and never replaces another.

use super::Ctx;
use crate::identity::Session;
use crate::print::Printed;
use crate::store::fsutil::NewFile;
use crate::{t, Result};
use std::io::Write;
use std::path::Path;

/// Writes `p` to `out` (which must not exist) and returns the page count.
fn write(out: &Path, f: &mut NewFile, p: &Printed) -> Result<()> {
    f.file().write_all(&p.pdf).map_err(crate::Error::io(t!(
        "print-cannot-write",
        out = out.display().to_string()
    )))
}

/// `doc print JNO --out F.pdf [--purpose T]`.
pub(super) fn doc(
    ctx: &Ctx,
    s: &mut Session,
    jno: &str,
    out: &Path,
    purpose: Option<String>,
) -> Result<()> {
    // Refuse an existing target before anything is logged.
    let mut f = NewFile::create_for(out)?;
    let p = s.print_document(jno, purpose)?;
    write(out, &mut f, &p)?;
    f.persist(out)?;
    let (Some(m), Some(copy), Some(g)) = (&p.meta, p.copy, p.grading) else {
        return Ok(());
    };
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
