//! The acts of printing: each logs first, then lays out; the caller writes the bytes.

use super::{document, report};
use crate::audit::report::Filter;
use crate::audit::Act;
use crate::authz::disclosure::Recipient;
use crate::authz::Grading;
use crate::documents::reader::{Disclosed, Use};
use crate::documents::DocMeta;
use crate::identity::Session;
use crate::{t, Error, Result};
use zeroize::Zeroizing;

/// The largest document that is printed (its text is held in memory while laid out); 8 MiB
/// of text is some 2 000 pages.
pub const PRINT_LIMIT: i64 = 8 << 20;

/// A print ready to be written: the PDF and what it holds.
#[derive(Debug)]
pub struct Printed {
    /// The PDF.
    pub pdf: Zeroizing<Vec<u8>>,
    /// Its pages.
    pub pages: usize,
    /// The document printed, if a document was.
    pub meta: Option<DocMeta>,
    /// The copy number, if a document was printed.
    pub copy: Option<i64>,
    /// The grading marked on it, if a document was printed.
    pub grading: Option<Grading>,
    /// Whom a printed document is for, if a document was printed.
    pub to: Option<Recipient>,
}

impl Session {
    /// Prints a document as a numbered copy for `to` (numbers shared with exports): paper
    /// leaves the register's control, so need to know and the disclosure rule are asked as
    /// for an export ([`Recipient::Service`] for the service's own use). Its use is logged
    /// before the text is read; binary contents are then refused, and that refusal is logged
    /// too, so the log shows the copy number was never made.
    pub fn print_document(
        &mut self,
        jno: &str,
        to: Recipient,
        purpose: Option<String>,
        disclosed: Option<Disclosed<'_>>,
    ) -> Result<Printed> {
        let size = self.document(jno)?.size;
        if size > PRINT_LIMIT {
            return Err(Error::Usage(t!("print-too-large", jno = jno, size = size)));
        }
        let how = Use::Print(to);
        let (meta, copy, grading, body) = {
            let mut d = self.open_document_for(jno, how, purpose.clone(), disclosed)?;
            let mut body = Zeroizing::new(Vec::with_capacity(usize::try_from(size).unwrap_or(0)));
            d.copy_to(&mut *body)?;
            (d.meta.clone(), d.copy.unwrap_or(0), d.grading, body)
        };
        let Ok(text) = std::str::from_utf8(&body) else {
            let msg = t!("print-binary", jno = meta.journal_number.as_str());
            let act = Act::new("print")
                .doc(&meta.journal_number, meta.version, meta.person_id)
                .purpose(purpose);
            let rule = "binary contents"; // untranslated: refusal rule name (rule_label shows it)
            return Err(match self.refuse(act, rule, msg.clone()) {
                Error::Refused { .. } => Error::Usage(msg),
                other => other,
            });
        };
        let now = crate::time::now_rfc3339();
        let (user, unit) = (self.user().name.clone(), self.meta().unit.clone());
        let p = document::Particulars {
            meta: &meta,
            grading,
            copy,
            purpose: purpose.as_deref(),
            printed_by: &user,
            unit: &unit,
            printed_at: &now,
        };
        let (pdf, pages) = match document::render_document(&p, text) {
            Ok(r) => r,
            Err(e) => {
                // The copy was logged as made: record that it was not.
                self.copy_failed(how, &meta, copy, &e.to_string())?;
                return Err(e);
            }
        };
        Ok(Printed {
            pdf,
            pages,
            meta: Some(meta),
            copy: Some(copy),
            grading: Some(grading),
            to: Some(to),
        })
    }

    /// Prints the journal of `year` for an inspection; the print is logged.
    pub fn print_journal(&mut self, year: i32) -> Result<Printed> {
        if !(1900..=9999).contains(&year) {
            return Err(Error::Usage(t!("print-bad-year", year = year)));
        }
        let prefix = format!("{year:04}-");
        let entries: Vec<_> = self
            .journal(None)?
            .into_iter()
            .filter(|e| e.date.starts_with(&prefix))
            .collect();
        self.log_act(
            &Act::new("journal-print").detail(format!("year {year}, {} entries", entries.len())), // untranslated: use-log detail
        )?;
        let now = crate::time::now_rfc3339();
        let head = report::Head {
            title: crate::t_in!(crate::i18n::Lang::Nb, "print-journal-title", year = year),
            unit: &self.meta().unit,
            printed_by: &self.user().name,
            printed_at: &now,
        };
        let (pdf, pages) = report::journal(&head, &entries)?;
        Ok(Printed {
            pdf,
            pages,
            meta: None,
            copy: None,
            grading: None,
            to: None,
        })
    }

    /// Prints a use-log report (what `user` used, or who used document `jno`) for an
    /// inspection; the print is logged.
    pub fn print_log_report(&mut self, user: Option<&str>, jno: Option<&str>) -> Result<Printed> {
        let summary = self.log_report(user, jno)?;
        let filter = Filter {
            user: if jno.is_some() {
                None
            } else {
                user.map(str::to_owned)
            },
            journal_number: jno.map(str::to_owned),
            last: None,
        };
        let entries = self.log_entries(&filter)?;
        let (title, detail) = match (jno, user) {
            (Some(j), _) => (
                crate::t_in!(crate::i18n::Lang::Nb, "print-log-title-doc", jno = j),
                format!("report on {j}"), // untranslated: use-log detail
            ),
            (None, u) => {
                let u = u.unwrap_or("");
                (
                    crate::t_in!(crate::i18n::Lang::Nb, "print-log-title-user", user = u),
                    format!("report on user {u}"), // untranslated: use-log detail
                )
            }
        };
        self.log_act(&Act::new("log-report-print").detail(detail))?;
        let now = crate::time::now_rfc3339();
        let head = report::Head {
            title,
            unit: &self.meta().unit,
            printed_by: &self.user().name,
            printed_at: &now,
        };
        let (pdf, pages) = report::log(&head, jno.is_none(), &summary, &entries)?;
        Ok(Printed {
            pdf,
            pages,
            meta: None,
            copy: None,
            grading: None,
            to: None,
        })
    }
}
