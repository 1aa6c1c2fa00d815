//! The Fluent bundles, built once from the message files compiled into the binary.

use super::{Arg, Lang};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// The message files, as compiled in: (language, Fluent source). Each language is several
/// files joined, one per area of the program (`infoflyt.ftl` for the command line, the others
/// for the library's messages), so that work on one area does not touch another's file.
pub const SOURCES: [(Lang, &str); 2] = [
    (
        Lang::Nb,
        concat!(
            include_str!("../../locales/nb/infoflyt.ftl"),
            "\n",
            include_str!("../../locales/nb/store.ftl"),
            "\n",
            include_str!("../../locales/nb/register.ftl"),
            "\n",
            include_str!("../../locales/nb/transfer.ftl"),
        ),
    ),
    (
        Lang::En,
        concat!(
            include_str!("../../locales/en/infoflyt.ftl"),
            "\n",
            include_str!("../../locales/en/store.ftl"),
            "\n",
            include_str!("../../locales/en/register.ftl"),
            "\n",
            include_str!("../../locales/en/transfer.ftl"),
        ),
    ),
];

type Bundle = FluentBundle<FluentResource>;

fn build(lang: Lang) -> Bundle {
    let src = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, s)| *s)
        .unwrap_or("");
    // A syntax error keeps the messages that did parse; tests/i18n.rs rejects any.
    let res = FluentResource::try_new(src.to_owned()).unwrap_or_else(|(res, _)| res);
    let id = match lang.code().parse() {
        Ok(id) => vec![id],
        Err(_) => Vec::new(),
    };
    let mut b = FluentBundle::new_concurrent(id);
    // No Unicode isolation marks around arguments: they end up in terminals, logs and PDFs.
    b.set_use_isolating(false);
    // Duplicate ids are rejected by the tests; the first definition wins meanwhile.
    let _ = b.add_resource(res);
    b
}

fn bundle(lang: Lang) -> &'static Bundle {
    static NB: OnceLock<Bundle> = OnceLock::new();
    static EN: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::Nb => NB.get_or_init(|| build(Lang::Nb)),
        Lang::En => EN.get_or_init(|| build(Lang::En)),
    }
}

/// Whether `lang` defines message `id`.
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// Message `id` formatted in `lang`, or `None` if `lang` lacks it.
pub(super) fn format(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let b = bundle(lang);
    let pattern = b.get_message(id)?.value()?;
    let mut fa = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        match v {
            Arg::Str(s) => fa.set(*k, FluentValue::from(s.as_str())),
            // Fluent keeps numbers as f64: one beyond 2^53 (an id typed by hand) would be
            // shown as another number than the one given. Such a number is never a count
            // whose plural form matters.
            Arg::Num(n) if n.unsigned_abs() > 1 << 53 => {
                fa.set(*k, FluentValue::from(n.to_string()))
            }
            Arg::Num(n) => fa.set(*k, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    Some(
        b.format_pattern(pattern, Some(&fa), &mut errors)
            .into_owned(),
    )
}
