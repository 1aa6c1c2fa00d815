//! Pins made with the key versions a user makes, and batches opened ahead on every core
//! (issue 11): what they save must not change what is checked.
// Helpers outside `#[test]` functions panic on purpose: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::keys::Pending;
use super::Tier;
use crate::crypto::Passphrase;
use crate::identity::enrol::NewUser;
use crate::identity::{Clearance, Role, Session};
use crate::store::StorePaths;
use crate::synthetic::{bench_store, officer_pass, populate, Plan, ADMIN_PASS};
use crate::{Error, Result};
use rusqlite::params;

fn unlock(paths: &StorePaths, name: &str) -> Session {
    let pass = if name == "admin" {
        ADMIN_PASS.to_owned()
    } else {
        officer_pass(name)
    };
    crate::identity::unlock(paths, name, &Passphrase::from(pass.as_str())).unwrap()
}

fn store(extra: usize) -> (tempfile::TempDir, StorePaths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = StorePaths::new(dir.path().join("unit"));
    bench_store(&paths, extra, std::time::Duration::from_millis(1)).unwrap();
    (dir, paths)
}

/// A store of `bench` and `extra` more officers, in which `bench` made `persons` folders
/// (its session ended, its pins written), and then the admin enrolled `name`.
fn made_then_joined(
    extra: usize,
    persons: u64,
    name: &str,
    clearance: Clearance,
) -> (tempfile::TempDir, StorePaths) {
    let (dir, paths) = store(extra);
    let mut s = unlock(&paths, "bench");
    let plan = Plan {
        persons,
        documents: 0,
        log_entries: 0,
    };
    populate(&mut s, plan, |_, _| {}).unwrap();
    crate::sitting::end(&mut s).unwrap();
    drop(s);
    unlock(&paths, "admin")
        .enrol(
            &NewUser {
                name: name.into(),
                role: Role::Officer,
                clearance,
                order: None,
                decision_authority: false,
            },
            &Passphrase::from(officer_pass(name).as_str()),
            Some("test"),
        )
        .unwrap();
    (dir, paths)
}

fn pins(s: &Session) -> Vec<(i64, String, i64)> {
    s.conn()
        .prepare("SELECT folder_id, tier, version FROM key_pins WHERE user_id = ?1 ORDER BY 1, 2")
        .unwrap()
        .query_map([s.user().id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<std::result::Result<_, _>>()
        .unwrap()
}

fn new_person(tx: &rusqlite::Transaction<'_>, acting: crate::identity::Acting<'_>) -> Result<i64> {
    tx.execute(
        "INSERT INTO persons (name, kind, unit, created_at, created_by, updated_at)
         VALUES ('Pin Test', 'inmate', 'Unit', '2026-01-01T00:00:00Z', ?1, '2026-01-01T00:00:00Z')",
        [acting.user.id],
    )?;
    Ok(tx.last_insert_rowid())
}

#[test]
fn the_maker_of_a_folder_pins_its_keys_once_the_transaction_commits_and_not_if_it_rolls_back() {
    let (_dir, paths) = store(1);
    let mut s = unlock(&paths, "bench");
    let officers = s.officers().unwrap();
    // Rolled back: nothing pinned, in the session or the store.
    let failed: Result<()> = s.write(|tx, acting| {
        let p = new_person(tx, acting)?;
        super::create(tx, acting, &officers, p)?;
        Err(Error::Usage("rolled back on purpose".into()))
    });
    assert!(failed.is_err());
    assert!(s.caches().pins_due.borrow().is_empty());
    assert!(s.caches().chains.borrow().is_empty());
    assert_eq!(s.flush_pins().unwrap(), 0);
    // Committed: both chains (bench is cleared for STRENGT FORTROLIG) pinned at version 1,
    // with the hash of the record as stored.
    let folder = s
        .write(|tx, acting| {
            let p = new_person(tx, acting)?;
            super::create(tx, acting, &officers, p)
        })
        .unwrap();
    assert_eq!(s.flush_pins().unwrap(), 2);
    assert_eq!(
        pins(&s),
        vec![(folder, "F".into(), 1), (folder, "S".into(), 1)]
    );
    let f = s.folder_ids(folder).unwrap();
    for tier in [Tier::F, Tier::S] {
        let stored = super::records::load(s.conn(), folder, tier, 1)
            .unwrap()
            .unwrap();
        let pin = s.load_pin(&f, tier).unwrap().unwrap();
        assert_eq!(pin, (1, stored.hash(&s.meta().store_id, &f)));
    }
    // Another reader of the folder made nothing and has no pin.
    drop(s);
    let other = unlock(&paths, "officer0");
    assert!(pins(&other).is_empty());
}

#[test]
fn batches_opened_ahead_skip_a_planted_low_order_key_and_the_grant_of_that_folder_reports_it() {
    let (_dir, paths) = made_then_joined(0, 70, "newcomer", Clearance::Fortrolig);
    let mut s = unlock(&paths, "bench");
    // An insider swaps the ephemeral key of bench's batch of one folder for a low-order
    // point, which would make the agreement's result known to anyone.
    let (victim, batch): (i64, i64) = s
        .conn()
        .query_row(
            "SELECT folder_id, batch_id FROM folder_key_wraps
             WHERE user_id = ?1 AND tier = 'F' ORDER BY folder_id LIMIT 1",
            [s.user().id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    s.conn()
        .execute(
            "UPDATE key_batches SET ephemeral = ?1 WHERE id = ?2",
            params![vec![0u8; 32], batch],
        )
        .unwrap();
    s.db().read(|| s.open_batches_for(Pending::Grants)).unwrap();
    {
        let opened = s.caches().batches.borrow();
        // Every batch of the queued chains (70 folders × the F chain) opened, but the planted one.
        assert_eq!(opened.len(), 69, "batches opened ahead");
        assert!(!opened.contains_key(&batch));
    }
    let done = s.carry_out_grants(|_, _| {}).unwrap();
    assert_eq!(done.done, 69);
    assert_eq!(done.skipped.len(), 1, "{:?}", done.skipped);
    let person = s.folder_ids(victim).unwrap().person_id;
    assert!(
        done.skipped[0].contains(&person.to_string()),
        "{:?}",
        done.skipped
    );
}

#[test]
fn a_grant_whose_folder_was_restricted_while_it_was_prepared_is_left_pending_and_passes_nothing() {
    let (_dir, paths) = made_then_joined(1, 3, "newcomer", Clearance::Fortrolig);
    let mut s = unlock(&paths, "bench");
    let (person, folder): (i64, i64) = s
        .conn()
        .query_row(
            "SELECT person_id, id FROM folders ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // While bench's session prepares the grants, officer0's process narrows the first
    // folder to the two of them: the newcomer must get none of its keys, old or new.
    let mut other = Some(unlock(&paths, "officer0"));
    let done = s
        .carry_out_grants(|_, _| {
            if let Some(mut o) = other.take() {
                o.restrict_folder(person, &["bench".into(), "officer0".into()])
                    .unwrap();
            }
        })
        .unwrap();
    assert!(
        other.is_none(),
        "the restriction did not run during the preparation"
    );
    assert_eq!(done.done, 2, "{:?}", done.skipped);
    let newcomer: i64 = s
        .conn()
        .query_row("SELECT id FROM users WHERE name = 'newcomer'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let wraps: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM folder_key_wraps WHERE user_id = ?1 AND folder_id = ?2",
            params![newcomer, folder],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        wraps, 0,
        "a key of the restricted folder reached the newcomer"
    );
}

#[test]
fn a_rotation_another_reader_made_while_it_was_prepared_is_left_to_them() {
    // A third reader joins, receives the keys, and leaves: every chain owes a new version.
    let (_dir, paths) = made_then_joined(1, 3, "leaver", Clearance::StrengtFortrolig);
    let mut admin = unlock(&paths, "admin");
    unlock(&paths, "bench").carry_out_grants(|_, _| {}).unwrap();
    let queued = admin.remove_from_list("leaver", false).unwrap().rotated;
    assert_eq!(queued, 6);
    drop(admin);
    // While bench's session prepares them, officer0's process makes them all.
    let mut s = unlock(&paths, "bench");
    let mut other = Some(unlock(&paths, "officer0"));
    let mut theirs = 0;
    let done = s
        .carry_out_rotations(|_, _| {
            if let Some(mut o) = other.take() {
                theirs = o.carry_out_rotations(|_, _| {}).unwrap().done;
            }
        })
        .unwrap();
    assert!(
        other.is_none(),
        "the other rotation did not run during the preparation"
    );
    assert!(theirs > 0);
    assert!(done.skipped.is_empty(), "{:?}", done.skipped);
    // Bench's session made none of what the other made, and failed on none of it; what it
    // prepared on a list that changed meanwhile stays queued, and its next round makes it.
    let queued = |s: &Session| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM folder_rotations_pending", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(done.done + theirs + queued(&s) as usize, 6);
    let again = s.carry_out_rotations(|_, _| {}).unwrap();
    assert!(again.skipped.is_empty(), "{:?}", again.skipped);
    assert_eq!(queued(&s), 0);
    let newest: i64 = s
        .conn()
        .query_row("SELECT max(version) FROM folder_key_versions", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(newest, 2, "one new version per chain, not two");
}
