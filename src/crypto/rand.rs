//! Randomness from the operating system, through ring.

use ring::rand::{SecureRandom, SystemRandom};

/// Fills `buf` from the OS generator.
pub fn fill(buf: &mut [u8]) -> crate::Result<()> {
    SystemRandom::new()
        .fill(buf)
        .map_err(|_| crate::Error::Other(crate::t!("crypto-random-failed")))
}

/// A random array.
pub fn array<const N: usize>() -> crate::Result<[u8; N]> {
    let mut a = [0u8; N];
    fill(&mut a)?;
    Ok(a)
}
