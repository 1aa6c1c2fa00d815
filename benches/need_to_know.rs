//! Need to know by keys (issue 4): adding an officer to a unit with 10 000 folders (the
//! grants a reader's session then carries out) and rotating the keys of all of them when a
//! user leaves, each against raw X25519 + AES-256-GCM wraps of the same count measured in the
//! same run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use common::{fmt, memory_security_note, new_store, report, session};
use infoflyt::crypto::Passphrase;
use infoflyt::identity::enrol::NewUser;
use infoflyt::identity::{Clearance, Role};
use infoflyt::synthetic::{populate, Plan};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use std::time::{Duration, Instant};
use x25519_dalek::{PublicKey, StaticSecret};

const FOLDERS: u64 = 10_000;

/// `n` raw wraps of a 32-byte key: ephemeral X25519 key, agreement, AES-256-GCM seal.
fn raw_wraps(n: u64, recipient: &PublicKey) -> Duration {
    let t = Instant::now();
    for i in 0..n {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&i.to_le_bytes());
        seed[31] = 1;
        let eph = StaticSecret::from(seed);
        std::hint::black_box(PublicKey::from(&eph));
        let shared = eph.diffie_hellman(recipient);
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, shared.as_bytes()).unwrap());
        let mut buf = vec![9u8; 32];
        key.seal_in_place_append_tag(
            Nonce::assume_unique_for_key([0; 12]),
            Aad::empty(),
            &mut buf,
        )
        .unwrap();
        std::hint::black_box(buf);
    }
    t.elapsed()
}

fn enrol(admin: &mut infoflyt::identity::Session, name: &str) {
    admin
        .enrol(
            &NewUser {
                name: name.into(),
                role: Role::Officer,
                clearance: Clearance::Fortrolig,
                order: None,
                decision_authority: false,
            },
            &Passphrase::from(infoflyt::synthetic::officer_pass(name).as_str()),
            Some("benchmark"),
        )
        .unwrap();
}

/// A session of `reader` carrying out the pending grants it can (every one: it reads every
/// folder), ended as every command ends (its pins written); the time of the grants.
fn grants_by(paths: &infoflyt::store::StorePaths, reader: &str) -> Duration {
    let mut s = session(paths, reader);
    let t0 = Instant::now();
    let granted = s.carry_out_grants(|_, _| {}).unwrap().done;
    let t = t0.elapsed();
    assert_eq!(granted as u64, FOLDERS);
    infoflyt::sitting::end(&mut s).unwrap();
    t
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    println!(
        "infoflyt need-to-know benchmarks, {FOLDERS} folders{}\n",
        memory_security_note()
    );
    // bench + 2 more officers read every folder.
    let paths = new_store(&tmp.path().join("unit"), 2);
    let mut s = session(&paths, "bench");
    populate(
        &mut s,
        Plan {
            persons: FOLDERS,
            documents: 0,
            log_entries: 0,
        },
        |_, _| {},
    )
    .unwrap();
    // As every command does at its end: the pins this session earned (the folders it made).
    infoflyt::sitting::end(&mut s).unwrap();
    drop(s);
    let recipient = PublicKey::from(&StaticSecret::from([5u8; 32]));

    // Adding an officer: the admin's part (account, keyslot, queued grants) ...
    let mut admin = session(&paths, "admin");
    let t0 = Instant::now();
    enrol(&mut admin, "newcomer");
    let t_enrol = t0.elapsed();
    // ... and a reader's session passing the 10 000 folder keys on: first the officer who
    // made the folders (their records pinned when they made them) ...
    let t_grants = grants_by(&paths, "bench");
    // ... then, for a second newcomer, a reader who never used the folders: every record's
    // signature and announcement is checked once, then pinned.
    enrol(&mut admin, "newcomer2");
    let t_first = grants_by(&paths, "officer1");
    let base_add = raw_wraps(FOLDERS, &recipient);
    println!(
        "{:<58} {:>10}   (account, keyslot at the Argon2id floor, {FOLDERS} queued grants)",
        "user add (admin's part)",
        fmt(t_enrol)
    );
    report(
        &format!("grants carried out by a reader ({FOLDERS} folder keys)"),
        t_grants,
        &format!("{FOLDERS} raw X25519+AES-GCM wraps"),
        base_add,
    );
    report(
        "  the same by a reader using the folders for the first time",
        t_first,
        &format!("{FOLDERS} raw X25519+AES-GCM wraps"),
        base_add,
    );

    // Removing a user: the admin queues every folder they read; the next session of a
    // remaining reader makes a new key for each, for the 3 remaining readers.
    // bench, officer1 and the two newcomers.
    let readers_left = 4u64;
    let t0 = Instant::now();
    // The bench officers are cleared for STRENGT FORTROLIG: each folder has two key chains.
    let chains = 2 * FOLDERS;
    let queued = admin.remove_from_list("officer0", false).unwrap().rotated;
    let t_queue = t0.elapsed();
    assert_eq!(queued as u64, chains);
    drop(admin);
    let mut reader = session(&paths, "bench");
    let t0 = Instant::now();
    let rotated = reader.carry_out_rotations(|_, _| {}).unwrap().done;
    let t_rotate = t0.elapsed();
    assert_eq!(rotated as u64, chains);
    let base_rot = raw_wraps(chains * readers_left, &recipient);
    println!(
        "{:<58} {:>10}",
        "user disable (admin's part: wraps deleted, rotations queued)",
        fmt(t_queue)
    );
    report(
        &format!("rotation by a reader: {chains} new keys to {readers_left} readers"),
        t_rotate,
        &format!("{} raw wraps", chains * readers_left),
        base_rot,
    );
}
