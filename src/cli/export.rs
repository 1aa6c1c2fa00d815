//! `infoflyt doc export`: a numbered copy for a named recipient and purpose, never unmarked.
//!
//! Why: a copy that leaves the register must carry its grading, journal number and copy
//! number (and "ikke verifisert" where it applies), like a printed one. A text document gets
//! the marking written into the copy itself, above and below the text; any other file keeps
//! its exact bytes and gets the marking in a sidecar `F.marking.txt` beside it, made first:
//! if the sidecar cannot be made, no copy is made. Markings are in bokmål, as on paper.
//!
//! What it must never do: write a copy without its marking, or overwrite a file.

use super::{progress, Ctx};
use crate::authz::disclosure::Recipient;
use crate::authz::Grading;
use crate::documents::reader::{Disclosed, Opened, Use};
use crate::documents::DocMeta;
use crate::i18n::Lang::Nb;
use crate::identity::Session;
use crate::store::fsutil::NewFile;
use crate::{t, t_in, Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The sidecar's path: `F.marking.txt` beside `F`.
pub(super) fn sidecar_of(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".marking.txt");
    out.with_file_name(name)
}

/// What a copy carries: grading, journal number and copy number, the notices, where it comes
/// from, for whom and why.
struct Marking<'a> {
    meta: &'a DocMeta,
    grading: Grading,
    copy: i64,
    recipient: &'a str,
    purpose: &'a str,
    by: &'a str,
    unit: &'a str,
}

impl Marking<'_> {
    fn lines(&self) -> Vec<String> {
        let m = self.meta;
        let mut l = vec![
            self.grading.label().to_owned(),
            t_in!(
                Nb,
                "print-doc-header",
                jno = m.journal_number.as_str(),
                version = m.version,
                copy = self.copy
            ),
        ];
        if m.unverified {
            l.push(t_in!(Nb, "print-notice-unverified"));
        }
        if m.health_confidential {
            l.push(t_in!(Nb, "print-notice-health"));
        }
        l.push(t_in!(
            Nb,
            "print-doc-source",
            source = crate::print::document::source_label(&m.source),
            date = m.info_date.as_str()
        ));
        l.push(t_in!(
            Nb,
            "export-marking-recipient",
            recipient = self.recipient,
            purpose = self.purpose
        ));
        l.push(t_in!(
            Nb,
            "export-marking-by",
            user = self.by,
            unit = self.unit,
            time = crate::time::now_rfc3339()
        ));
        l
    }

    /// The head written above a text copy.
    fn head(&self) -> String {
        let mut s = self.lines().join("\n");
        s.push_str("\n--------------------------------------------------------------\n");
        s
    }

    /// The foot written below a text copy.
    fn foot(&self) -> String {
        format!(
            "--------------------------------------------------------------\n{}\n",
            self.grading.label()
        )
    }

    /// The sidecar's contents.
    fn sidecar(&self, copy_name: &str) -> String {
        let mut s = self.lines().join("\n");
        s.push('\n');
        s.push_str(&t_in!(Nb, "export-marking-sidecar", file = copy_name));
        s.push('\n');
        s
    }
}

/// `doc export`.
pub(super) fn export(
    ctx: &Ctx,
    s: &mut Session,
    jno: String,
    out: PathBuf,
    purpose: String,
    to: String,
    disclosure: super::transfer_args::CopyFor,
) -> Result<()> {
    let recipient = crate::text::field("recipient", &to, 200, false)?;
    let basis = disclosure.basis.map(|b| b.to_string());
    let not_police = disclosure.not_police;
    let purpose = crate::text::field("purpose", &purpose, crate::text::limits::NOTE, false)?;
    let to = Disclosed {
        recipient: &recipient,
        basis: basis.as_deref(),
        not_police,
    };
    let r = to.recipient_class();
    let meta = s.document(&jno)?;
    let in_file = meta.content_kind == "text";
    let side = sidecar_of(&out);
    let mut f = NewFile::create_for(&out)?;
    let mut sf = if in_file {
        None
    } else {
        Some(NewFile::create_for(&side)?)
    };
    let user = s.user().name.clone();
    let unit = s.meta().unit.clone();
    let mut d = s.open_document_for(&jno, Use::Export(r), Some(purpose.clone()), Some(to))?;
    let (m, copy, g) = (d.meta.clone(), d.copy.unwrap_or(0), d.grading);
    let mark = Marking {
        meta: &m,
        grading: g,
        copy,
        recipient: &recipient,
        purpose: &purpose,
        by: &user,
        unit: &unit,
    };
    let copy_name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let written = write_copy(&mut d, &mut f, sf.as_mut(), &mark, in_file, &copy_name);
    drop(d);
    let written = written.and_then(|n| {
        if let Some(sf) = sf {
            sf.persist(&side)?;
        }
        f.persist(&out).map(|()| n)
    });
    let n = match written {
        Ok(n) => n,
        Err(e) => return Err(failed(s, r, &m, copy, e)),
    };
    let sidecar = (!in_file).then(|| side.display().to_string());
    ctx.out.emit(
        &serde_json::json!({ "journal_number": m.journal_number, "version": m.version,
            "copy": copy, "bytes": n, "out": out.display().to_string(),
            "grading": m.grading, "governing_grading": g.as_str(), "recipient": recipient,
            "marking": sidecar.clone().unwrap_or_else(|| "inline".into()) }),
        || {
            let mut t = t!(
                "export-done",
                jno = m.journal_number.as_str(),
                version = m.version,
                grading = g.label(),
                copy = copy,
                out = out.display().to_string(),
                bytes = n,
                recipient = recipient.as_str()
            );
            t.push('\n');
            t.push_str(&match &sidecar {
                Some(p) => t!("export-marking-beside", sidecar = p.as_str()),
                None => t!("export-marking-inside"),
            });
            t.push('\n');
            t
        },
    );
    Ok(())
}

/// Writes the copy (with its marking inside a text) and the sidecar of a file.
fn write_copy(
    d: &mut Opened<'_>,
    f: &mut NewFile,
    sf: Option<&mut NewFile>,
    mark: &Marking<'_>,
    in_file: bool,
    copy_name: &str,
) -> Result<u64> {
    let w = |r: std::io::Result<()>| r.map_err(Error::io(t!("export-cannot-write")));
    let bar = progress::bytes(d.meta.size.max(0) as u64, &t!("export-progress"));
    let n = if in_file {
        let file = f.file();
        w(file.write_all(mark.head().as_bytes()))?;
        let n = d.copy_to(&mut progress::Counting {
            inner: &mut *file,
            bar: &bar,
        })?;
        w(file.write_all(b"\n"))?;
        w(file.write_all(mark.foot().as_bytes()))?;
        n
    } else {
        d.copy_to(&mut progress::Counting {
            inner: f.file(),
            bar: &bar,
        })?
    };
    bar.finish_and_clear();
    if let Some(sf) = sf {
        w(sf.file().write_all(mark.sidecar(copy_name).as_bytes()))?;
    }
    Ok(n)
}

/// A copy that was logged but not written: log that it failed, and say so.
fn failed(s: &mut Session, r: Recipient, m: &DocMeta, copy: i64, e: Error) -> Error {
    let why = e.to_string();
    if let Err(l) = s.copy_failed(Use::Export(r), m, copy, &why) {
        return Error::Other(t!(
            "print-copy-failed-unlogged",
            error = why.as_str(),
            log_error = l.to_string()
        ));
    }
    let note = t!(
        "print-copy-failed",
        copy = copy,
        jno = m.journal_number.as_str(),
        error = why.as_str()
    );
    // Damaged contents stay an integrity failure (exit 5), not a failed write.
    match e {
        Error::Integrity(msg) => Error::Integrity(format!("{msg}; {note}")),
        _ => Error::Other(note),
    }
}
