//! Passphrase → key-encryption key, with Argon2id (RFC 9106) from RustCrypto's `argon2`.
//!
//! Parameters are stored with every keyslot and bound into its authenticated data, so a
//! tampered file cannot silently weaken them; [`KdfParams::check`] also refuses values so
//! large that a forged file could make unlock hang or exhaust memory.

use super::{Passphrase, SecretKey};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use zeroize::Zeroize;

/// The floor on memory cost: 64 MiB (RFC 9106's second recommended setting).
pub const MIN_MEMORY_KIB: u32 = 64 * 1024;
/// The floor on passes at 64 MiB: 3 (RFC 9106's second recommended setting). `init` never
/// calibrates below it, however fast the machine or small `--kdf-ms`.
pub const MIN_PASSES: u32 = 3;
/// The ceiling on memory we accept from a file: 1 GiB.
pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
/// The ceiling on passes we accept from a file.
pub const MAX_PASSES: u32 = 64;
/// The ceiling on total work (memory × passes) we accept from a file: 64 passes over 64 MiB,
/// a few seconds on a workstation, so an edited keyslot cannot make unlock hang.
pub const MAX_WORK_KIB_PASSES: u64 = 64 * 1024 * 64;
/// Salt length in bytes.
pub const SALT_LEN: usize = 16;

/// Argon2id cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// Refuses parameters below the floor or above what a workstation can bear.
    pub fn check(&self) -> crate::Result<()> {
        if self.m_kib < MIN_MEMORY_KIB
            || self.m_kib > MAX_MEMORY_KIB
            || self.t < MIN_PASSES
            || self.t > MAX_PASSES
            || u64::from(self.m_kib) * u64::from(self.t) > MAX_WORK_KIB_PASSES
            || self.p == 0
            || self.p > 4
        {
            return Err(crate::Error::Integrity(crate::t!(
                "crypto-kdf-params-out-of-range",
                memory = i64::from(self.m_kib),
                passes = i64::from(self.t),
                lanes = i64::from(self.p)
            )));
        }
        Ok(())
    }

    /// The bytes bound into a keyslot's authenticated data.
    pub fn encode(&self) -> [u8; 12] {
        let mut b = [0u8; 12];
        b[..4].copy_from_slice(&self.m_kib.to_be_bytes());
        b[4..8].copy_from_slice(&self.t.to_be_bytes());
        b[8..].copy_from_slice(&self.p.to_be_bytes());
        b
    }
}

/// Derives the 256-bit key-encryption key from a passphrase.
pub fn derive(pass: &Passphrase, salt: &[u8], params: &KdfParams) -> crate::Result<SecretKey> {
    params.check()?;
    let p = argon2::Params::new(params.m_kib, params.t, params.p, Some(32)).map_err(|e| {
        crate::Error::Other(crate::t!("crypto-kdf-bad-params", error = e.to_string()))
    })?;
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p);
    let mut out = [0u8; 32];
    a.hash_password_into(pass.expose(), salt, &mut out)
        .map_err(|e| crate::Error::Other(crate::t!("crypto-kdf-failed", error = e.to_string())))?;

    let k = SecretKey::from_bytes(out);
    out.zeroize();
    Ok(k)
}

/// Chooses passes at 64 MiB so one derivation takes about `target` on this machine
/// (DESIGN.md §3: ~0.5 s). Memory stays at the floor: on a shared workstation a larger
/// memory cost buys less than it costs in swapping.
///
/// Cost is fixed (allocating and touching 64 MiB) plus linear in passes, so two timings,
/// at 1 and 4 passes, give both parts; the first run also warms the allocator.
pub fn calibrate(target: Duration) -> crate::Result<KdfParams> {
    let base = KdfParams {
        m_kib: MIN_MEMORY_KIB,
        t: MIN_PASSES,
        p: 1,
    };
    // A target this low asks for the floor (tests, and machines where speed does not matter).
    if target <= Duration::from_millis(50) {
        return Ok(base);
    }
    let probe = Passphrase::from("calibration");
    let salt = [0u8; SALT_LEN];
    let time = |t: u32| -> crate::Result<f64> {
        let start = Instant::now();
        derive(&probe, &salt, &KdfParams { t, ..base })?;
        Ok(start.elapsed().as_secs_f64())
    };
    time(MIN_PASSES)?;
    let low = time(MIN_PASSES)?;
    let high = time(MIN_PASSES + 3)?;
    let per_pass = ((high - low) / 3.0).max(1e-4);
    let fixed = (low - per_pass * f64::from(MIN_PASSES)).max(0.0);
    let passes = ((target.as_secs_f64() - fixed) / per_pass).round();
    // f64 → u32: clamped to [MIN_PASSES, MAX_PASSES] first, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let t = passes.clamp(f64::from(MIN_PASSES), f64::from(MAX_PASSES)) as u32;
    Ok(KdfParams { t, ..base })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams {
        m_kib: MIN_MEMORY_KIB,
        t: MIN_PASSES,
        p: 1,
    };

    #[test]
    fn same_inputs_same_key_different_salt_different_key() {
        let p = Passphrase::from("correct horse");
        let a = derive(&p, &[1; 16], &FAST).unwrap();
        let b = derive(&p, &[1; 16], &FAST).unwrap();
        let c = derive(&p, &[2; 16], &FAST).unwrap();
        assert_eq!(a.expose(), b.expose());
        assert_ne!(a.expose(), c.expose());
    }

    #[test]
    fn weak_or_absurd_parameters_are_refused() {
        for bad in [
            KdfParams {
                m_kib: 1024,
                ..FAST
            },
            KdfParams { t: 0, ..FAST },
            KdfParams { t: 1, ..FAST },
            KdfParams { t: 1000, ..FAST },
            KdfParams {
                m_kib: 1024 * 1024,
                t: 64,
                p: 1,
            },
            KdfParams {
                m_kib: u32::MAX,
                ..FAST
            },
        ] {
            assert!(derive(&Passphrase::from("x"), &[0; 16], &bad).is_err());
        }
    }
}
