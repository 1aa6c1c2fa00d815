//! `infoflyt quickstart [DIR]`: a demo store to try every command on.

use super::args::QuickstartArgs;
use super::Ctx;
use crate::crypto::Passphrase;
use crate::identity::enrol::NewUser;
use crate::identity::setup::InitParams;
use crate::identity::{Clearance, Level, Role, Session};
use crate::sitting;
use crate::sitting::create_store;
use crate::store::{StorePaths, DEMO_MARKER};
use crate::{Error, Result};
use std::time::Duration;

/// Demo accounts: name, role, clearance, decision authority, passphrase.
const DEMO_USERS: &[(&str, Role, Clearance, bool, &str)] = &[
    (
        "kari",
        Role::Officer,
        Clearance::StrengtFortrolig,
        true,
        "demo-kari-passphrase",
    ),
    (
        "ola",
        Role::Officer,
        Clearance::Fortrolig,
        false,
        "demo-ola-passphrase",
    ),
    (
        "siri",
        Role::Clerical,
        Clearance::Fortrolig,
        false,
        "demo-siri-passphrase",
    ),
];
const ADMIN: (&str, &str) = ("regadmin", "demo-regadmin-passphrase");

/// Refuses a directory that holds anything but an earlier demo store, which it removes.
fn clear(a: &QuickstartArgs) -> Result<()> {
    if a.dir.exists() {
        if a.dir.join(DEMO_MARKER).is_file() {
            std::fs::remove_dir_all(&a.dir).map_err(Error::io(crate::t!(
                "quickstart-cannot-replace",
                path = a.dir.display().to_string()
            )))?;
        } else if std::fs::read_dir(&a.dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
        {
            return Err(Error::Usage(crate::t!(
                "quickstart-not-a-demo-store",
                path = a.dir.display().to_string()
            )));
        }
    }
    Ok(())
}

pub(super) fn run(ctx: &mut Ctx, a: QuickstartArgs) -> Result<()> {
    let paths = StorePaths::new(&a.dir);
    clear(&a)?;
    ctx.out.note(&crate::t!("quickstart-building"));
    create_store(
        &paths,
        &InitParams {
            level: Level::Local,
            unit: "Demo fengsel".into(),        // untranslated: demo data
            region: Some("Region demo".into()), // untranslated: demo data
            admin: ADMIN.0.into(),
            kdf_target: Duration::from_millis(500),
            kdf: None,
            demo: true,
        },
        &Passphrase::from(ADMIN.1),
    )?;
    // The marker file's text stays English: a file kept as it was written, like a record.
    // untranslated: the marker file's text
    crate::store::fsutil::write_atomic(
        &a.dir.join(DEMO_MARKER),
        b"This is a demo store made by `infoflyt quickstart`; its passphrases are public.\n\
          `infoflyt quickstart` may replace this directory.\n",
    )?;
    let mut admin = open(&paths, ADMIN.0, ADMIN.1)?;
    for (i, (name, role, clearance, decision, pass)) in DEMO_USERS.iter().enumerate() {
        admin.enrol(
            &NewUser {
                name: (*name).into(),
                role: *role,
                clearance: *clearance,
                order: Some(i64::try_from(i).unwrap_or(0) + 1),
                decision_authority: *decision,
            },
            &Passphrase::from(*pass),
            None,
        )?;
    }
    sitting::end(&mut admin)?;
    drop(admin);
    let jnos = populate(&paths)?;
    let dir = a.dir.display().to_string();
    let mut users: Vec<(&str, &str)> = vec![ADMIN];
    users.extend(DEMO_USERS.iter().map(|u| (u.0, u.4)));
    ctx.out.emit(
        &serde_json::json!({
            "store": dir,
            "documents": jnos,
            "users": users.iter().map(|(n, p)| serde_json::json!({"name": n, "passphrase": p}))
                .collect::<Vec<_>>(),
        }),
        || {
            tour(
                &dir,
                &users,
                jnos.first().map(String::as_str).unwrap_or("2026/00001"),
            )
        },
    );
    Ok(())
}

/// The guided tour printed after the demo store is made: its accounts, then commands to try
/// (the commands stay as typed; the words around them are in the reader's language).
fn tour(dir: &str, users: &[(&str, &str)], j1: &str) -> String {
    let mut t = format!(
        "{}\n\n{}\n",
        crate::t!("quickstart-ready", dir = dir),
        crate::t!("quickstart-accounts")
    );
    for (n, p) in users {
        t.push_str(&format!("  {n:<9} {p}\n"));
    }
    let kari = "echo demo-kari-passphrase | infoflyt --user kari --passphrase-fd 0"; // untranslated: a command
    t.push_str(&format!(
        // untranslated: commands as they are typed; their comments are messages
        "\n{}\n  export INFOFLYT_STORE={dir}\n  {kari} user list\n  \
         infoflyt --user kari verify          # {}\n  \
         infoflyt --user kari shell           # {}\n  {kari} person list\n  \
         {kari} doc show {j1}\n  \
         echo demo-ola-passphrase  | infoflyt --user ola --passphrase-fd 0 doc show {j1}   # {}\n  \
         echo demo-siri-passphrase | infoflyt --user siri --passphrase-fd 0 journal list\n  \
         {kari} log list\n  {kari} log verify\n  \
         infoflyt --user regadmin user add per --role officer --clearance fortrolig\n{}\n",
        crate::t!("quickstart-try"),
        crate::t!("quickstart-asks-passphrase"),
        crate::t!("quickstart-shell"),
        crate::t!("quickstart-refused-clearance"),
        crate::t!("quickstart-with-cargo", dir = dir),
    ));
    t
}

/// Sample persons, a network, documents and some use, as officer kari.
fn populate(paths: &StorePaths) -> Result<Vec<String>> {
    use crate::authz::Grading;
    use crate::documents::add::{Content, NewDoc};
    use crate::documents::reader::Use;
    use crate::documents::Source;
    use zeroize::Zeroizing;

    let mut kari = open(paths, "kari", "demo-kari-passphrase")?;
    let (a, b) = demo_persons(&mut kari)?;
    let doc = |person: i64, grading, title: &str, source, unverified, text: &str| NewDoc {
        person_id: person,
        grading,
        title: title.into(),
        source,
        unverified,
        health_confidential: false,
        content: Content::Text(Zeroizing::new(text.into())),
        info_date: None,
        exemption: None,
    };
    let mut jnos = Vec::new();
    jnos.push(
        kari.add_document(doc(
            a,
            Grading::StrengtFortrolig,
            "Etterretning om planlagt rømning", // untranslated: demo data
            Source::Pst,
            true,
            "Ubekreftet: opplysninger om at A planlegger rømning under fremstilling.", // untranslated: demo data
        ))?
        .journal_number,
    );
    jnos.push(
        kari.add_document(doc(
            b,
            Grading::Fortrolig,
            "Vurdering av plassering", // untranslated: demo data
            Source::Local,
            false,
            "B og A tilhører samme nettverk og bør ikke plasseres i samme avdeling.", // untranslated: demo data
        ))?
        .journal_number,
    );
    let derived = kari.derive_document(
        &jnos[0],
        Some("Bearbeidet: rømningsfare A".into()), // untranslated: demo data
        Some(Grading::Fortrolig),
        Content::Text(Zeroizing::new(
            "A vurderes å ha forhøyet rømningsfare.".into(), // untranslated: demo data
        )),
    )?;
    jnos.push(derived.journal_number);
    kari.open_document(&jnos[1], Use::Show, Some("demo".into()))?;
    sitting::end(&mut kari)?;
    Ok(jnos)
}

/// The demo's persons, a visitor and a network: returns the ids of inmates A and B.
fn demo_persons(kari: &mut Session) -> Result<(i64, i64)> {
    use crate::register::NewPerson;
    let person = |name: &str, kind: &str, risks: Option<&str>, aff: Option<&str>| NewPerson {
        name: name.into(),
        kind: kind.into(),
        born: Some("1985-04-12".into()),
        unit: Some("Demo fengsel".into()), // untranslated: demo data
        risks: risks.map(Into::into),
        affiliations: aff.map(Into::into),
        offence: Some("narkotikalovbrudd".into()),
        sentence: Some("8 år".into()),
        ..NewPerson::default()
    };
    let (a, _) = kari.add_person(&person(
        "Demo Innsatt A", // untranslated: demo data
        "inmate",
        Some("escape,outside-attack"),
        Some("organised-crime"),
    ))?;
    let (b, _) = kari.add_person(&person(
        "Demo Innsatt B", // untranslated: demo data
        "remand",
        Some("serious-crime"),
        None,
    ))?;
    let (c, _) = kari.add_person(&NewPerson {
        name: "Demo Besøkende C".into(), // untranslated: demo data
        kind: "associate".into(),
        ..NewPerson::default()
    })?;
    kari.link_persons(c.id, a.id, "visitor")?;
    kari.add_network(
        "Demo MC", // untranslated: demo data
        "mc",
        "Narkotikaomsetning og torpedovirksomhet i østlandsområdet", // untranslated: demo data
        &[a.id, b.id],
    )?;
    Ok((a.id, b.id))
}

/// Unlocks as a demo user, as every command does.
fn open(paths: &StorePaths, name: &str, pass: &str) -> Result<Session> {
    Ok(sitting::begin(paths, name, &Passphrase::from(pass), |_, _, _| {})?.0)
}
