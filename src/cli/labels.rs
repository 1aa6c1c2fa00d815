//! The register's codes (kinds, risks, affiliations, links, network kinds, roles and account
//! states) in the reader's
//! language, for tables and text. Commands take, and `--json` prints, the codes themselves.

use crate::t;

/// One code's label; a code not listed here is shown as it is.
pub(super) fn code(c: &str) -> String {
    match c {
        "inmate" => t!("code-inmate"),
        "remand" => t!("code-remand"),
        "associate" => t!("code-associate"),
        "escape" => t!("code-escape"),
        "outside-attack" => t!("code-outside-attack"),
        "hostage-taking" => t!("code-hostage-taking"),
        "serious-crime" => t!("code-serious-crime"),
        "protection" => t!("code-protection"),
        "organised-crime" => t!("code-organised-crime"),
        "terrorist" => t!("code-terrorist"),
        "political-extremist" => t!("code-political-extremist"),
        "religious-extremist" => t!("code-religious-extremist"),
        "visitor" => t!("code-visitor"),
        "phone-contact" => t!("code-phone-contact"),
        "correspondent" => t!("code-correspondent"),
        "robbery" => t!("code-robbery"),
        "mc" => t!("code-mc"),
        "enforcers" => t!("code-enforcers"),
        "drugs" => t!("code-drugs"),
        "gang" => t!("code-gang"),
        "other" => t!("code-other"),
        "admin" => t!("code-admin"),
        "officer" => t!("code-officer"),
        "clerical" => t!("code-clerical"),
        "active" => t!("code-active"),
        "disabled" => t!("code-disabled"),
        other => other.to_owned(),
    }
}

/// A list of codes as labels, or "-" when empty.
pub(super) fn codes(cs: &[String], sep: &str) -> String {
    if cs.is_empty() {
        return "-".into();
    }
    cs.iter().map(|c| code(c)).collect::<Vec<_>>().join(sep)
}

/// A history field's name.
pub(super) fn field(f: &str) -> String {
    match f {
        "name" => t!("field-name"),
        "born" => t!("field-born"),
        "kind" => t!("field-kind"),
        "unit" => t!("field-unit"),
        "risks" => t!("field-risks"),
        "affiliations" => t!("field-affiliations"),
        "offence" => t!("field-offence"),
        "sentence" => t!("field-sentence"),
        "conduct" => t!("field-conduct"),
        "release" => t!("field-release"),
        "link" => t!("field-link"),
        other => other.to_owned(),
    }
}
