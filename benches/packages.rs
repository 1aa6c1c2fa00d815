//! Transfer packages (issue 7), each against a baseline measured in the same run:
//! - sealing and opening a package of one 1 GB document vs Debian's `age` encrypting and
//!   decrypting the same bytes (the ratio is age's time over ours: ≥ 1.0 means not slower).
//!   Sealing syncs the package to the media, so age's output is synced too, inside its time;
//!   each side starts with nothing left to write back. Set `TMPDIR` to a tmpfs to leave the
//!   disk out of both. `INFOFLYT_BENCH_PACKAGE_MB` changes the size; without the `age` tool
//!   this part is skipped;
//! - importing a copy-up package of 10 000 documents, as signed log entries per second inside
//!   the import, vs SHA-256 + Ed25519 signing of as many entries (the physical limit of a
//!   signed, chained entry). `INFOFLYT_BENCH_IMPORT_DOCS` changes the count.
//!
//! Built with `--features bench-without-memory-security`, no connection switches SQLCipher's
//! `cipher_memory_security` on (the program always does), to measure what that setting costs;
//! `INFOFLYT_BENCH_PACKAGE_MB=0` skips the seal and open comparison.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::type_complexity
)]

mod common;

use common::{fmt, memory_security_note, report, session};
use infoflyt::crypto::sign::SigningKey;
use infoflyt::identity::Session;
use infoflyt::store::StorePaths;
use infoflyt::transfer::agekey::recipient_of;
use infoflyt::transfer::seal::signature_path;
use infoflyt::transfer::{Expected, Limits, PackageFile, PackageHeader, PackageId, SignedPackage};
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Times `f` after writing back what earlier steps left dirty, so that the kernel's writeback
/// of one side's gigabyte does not slow the other side down.
fn time(f: impl FnOnce()) -> Duration {
    Command::new("sync").status().ok();
    let s = Instant::now();
    f();
    s.elapsed()
}

/// Seals and opens one package holding `input`, and the same with the stock age tool.
fn seal_and_open(dir: &Path, input: &Path, size: u64) {
    let signer = SigningKey::generate().unwrap();
    let officer = SigningKey::generate().unwrap();
    let receiver = infoflyt::crypto::agree::AgreementKey::generate().unwrap();
    let recipient = recipient_of(&receiver);
    let out = dir.join("big.ifp");
    let t_seal = time(|| {
        let h = PackageHeader::new(PackageId::parse("bench-1").unwrap(), "Oslo fengsel", "KSF")
            .unwrap();
        let date = chrono::Utc::now().date_naive();
        let mut pf = PackageFile::create(&out, h, &[recipient], b"{}", date).unwrap();
        pf.add_document(size, std::fs::File::open(input).unwrap())
            .unwrap();
        pf.finish(&signer, "bench", &officer).unwrap();
    });
    let public = signer.public();
    let t_open = time(|| {
        let sig = std::fs::read(signature_path(&out)).unwrap();
        let e = Expected {
            sender: "Oslo fengsel",
            sender_key: &public,
            receiver: "KSF",
        };
        let mut v = SignedPackage::new(std::fs::File::open(&out).unwrap(), &sig, &e)
            .unwrap()
            .decrypt(&receiver)
            .unwrap()
            .verify_contents(&Limits::default())
            .unwrap();
        v.for_each_document(|_, r| {
            std::io::copy(r, &mut std::io::sink()).unwrap();
            Ok(())
        })
        .unwrap();
    });
    let key = dir.join("age.key");
    std::fs::write(
        &key,
        infoflyt::test_support::age_identity_of(&receiver).unwrap(),
    )
    .unwrap();
    let age_out = dir.join("big.age");
    let t_age_enc = time(|| {
        let s = Command::new("age")
            .arg("-r")
            .arg(recipient.to_string())
            .arg("-o")
            .arg(&age_out)
            .arg(input)
            .status()
            .unwrap();
        assert!(s.success());
        // Our seal syncs the package to the media before naming it; so must the baseline.
        std::fs::File::open(&age_out).unwrap().sync_all().unwrap();
    });
    let t_age_dec = time(|| {
        let s = Command::new("age")
            .args(["-d", "-i"])
            .arg(&key)
            .args(["-o", "/dev/null"])
            .arg(&age_out)
            .status()
            .unwrap();
        assert!(s.success());
    });
    let mb = size as f64 / 1e6;
    let line = |what: &str, ours: Duration, age: Duration| {
        println!(
            "{what:<58} {:>10} ({:>6.0} MB/s)   age {:>10} ({:>6.0} MB/s)   {:.2}× (≥ 1.0: not slower)",
            fmt(ours),
            mb / ours.as_secs_f64(),
            fmt(age),
            mb / age.as_secs_f64(),
            age.as_secs_f64() / ours.as_secs_f64()
        );
    };
    line(
        &format!("seal a {mb:.0} MB package (sign, hash, encrypt, sync)"),
        t_seal,
        t_age_enc,
    );
    line(
        &format!("open a {mb:.0} MB package (verify, two passes)"),
        t_open,
        t_age_dec,
    );
    for f in [&out, &signature_path(&out), &age_out] {
        std::fs::remove_file(f).ok();
    }
}

/// A store of `level` for `unit`, with the officer `bench`.
fn unit_store(
    dir: &Path,
    level: infoflyt::identity::Level,
    unit: &str,
    region: Option<&str>,
) -> StorePaths {
    let paths = StorePaths::new(dir);
    let unit = infoflyt::synthetic::BenchUnit {
        level,
        unit,
        region,
    };
    infoflyt::synthetic::bench_unit_store(&paths, &unit).unwrap();
    paths
}

/// `a`'s admin trusts `b`'s card.
fn trust(a: &StorePaths, b: &StorePaths) {
    infoflyt::synthetic::bench_trust(a, b).unwrap();
}

fn log_head(s: &Session) -> i64 {
    infoflyt::test_support::conn(s)
        .query_row("SELECT coalesce(max(seq), 0) FROM use_log", [], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Imports a copy-up package of `n` documents; entries per second inside the import.
fn import(dir: &Path, n: u64) {
    use infoflyt::identity::Level;
    let prison = unit_store(
        &dir.join("prison"),
        Level::Local,
        "Oslo fengsel",
        Some("Region øst"),
    );
    let region = unit_store(&dir.join("region"), Level::Region, "Region øst", None);
    trust(&prison, &region);
    trust(&region, &prison);
    let mut s = session(&prison, "bench");
    let plan = infoflyt::synthetic::Plan {
        persons: 10,
        documents: n,
        log_entries: n,
    };
    infoflyt::synthetic::populate(&mut s, plan, |_, _| {}).unwrap();
    let out = dir.join("packages");
    std::fs::create_dir(&out).unwrap();
    let mut file = std::path::PathBuf::new();
    let t_export = time(|| {
        file = infoflyt::synthetic::bench_copy_up(&mut s, "Region øst", &out).unwrap();
    });
    let mut r = session(&region, "bench");
    let before = log_head(&r);
    let receipts = dir.join("receipts");
    std::fs::create_dir(&receipts).unwrap();
    let t_import = time(|| {
        r.import_package(&file, Some(&receipts), |_, _| {}).unwrap();
    });
    let entries = log_head(&r) - before;
    // Baseline: SHA-256 over an entry's worth of bytes and an Ed25519 signature, per entry.
    let key = SigningKey::generate().unwrap();
    let t_base = time(|| {
        let mut prev = [0u8; 32];
        for i in 0..entries {
            let mut buf = prev.to_vec();
            buf.extend_from_slice(&i.to_be_bytes());
            buf.extend_from_slice(&[0x42; 160]);
            prev = infoflyt::crypto::sha256(&buf);
            std::hint::black_box(key.sign(&prev));
        }
    });
    let rate = entries as f64 / t_import.as_secs_f64();
    println!(
        "{:<58} {:>10}",
        format!("export a copy-up package of {n} documents"),
        fmt(t_export)
    );
    report(
        &format!(
            "import it: {entries} signed log entries, {rate:.0}/s (goal ≥ 10 000/s){}",
            memory_security_note()
        ),
        t_import,
        "SHA-256 + Ed25519 per entry",
        t_base,
    );
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    println!("infoflyt transfer package benchmarks (one run each; sizes as stated)\n");
    let mb = env_num("INFOFLYT_BENCH_PACKAGE_MB", 1024);
    if mb == 0 {
        println!("(INFOFLYT_BENCH_PACKAGE_MB=0: the seal/open comparison is skipped)");
    } else if Command::new("age").arg("--version").output().is_ok() {
        let input = tmp.path().join("input.bin");
        {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
            let mut block = vec![0u8; 1 << 20];
            for (i, b) in block.iter_mut().enumerate() {
                *b = (i as u32).wrapping_mul(2_654_435_761) as u8;
            }
            for _ in 0..mb {
                std::io::Write::write_all(&mut f, &block).unwrap();
            }
        }
        let size = std::fs::metadata(&input).unwrap().len();
        // Read once so both sides start from the page cache.
        std::io::copy(
            &mut std::fs::File::open(&input).unwrap().take(size),
            &mut std::io::sink(),
        )
        .unwrap();
        seal_and_open(tmp.path(), &input, size);
        std::fs::remove_file(&input).ok();
    } else {
        println!("(the stock age tool is not installed: the seal/open comparison is skipped)");
    }
    import(tmp.path(), env_num("INFOFLYT_BENCH_IMPORT_DOCS", 10_000));
}
