//! Ed25519 signatures through ring: officers sign log entries and list changes, units sign
//! packages, receipts and checkpoints.

use super::rand;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use std::fmt;
use zeroize::Zeroizing;

/// An Ed25519 public key.
pub type PublicKey = [u8; 32];
/// An Ed25519 signature.
pub type Signature = [u8; 64];

/// An Ed25519 private key. The 32-byte seed is kept (zeroized on drop) so it can be sealed
/// for storage; ring's key pair holds the expanded form.
pub struct SigningKey {
    seed: Zeroizing<[u8; 32]>,
    pair: Ed25519KeyPair,
}

impl SigningKey {
    /// A fresh key from the OS generator.
    pub fn generate() -> crate::Result<Self> {
        Self::from_seed(Zeroizing::new(rand::array()?))
    }

    /// Rebuilds a key from its stored seed.
    pub fn from_seed(seed: Zeroizing<[u8; 32]>) -> crate::Result<Self> {
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed[..])
            .map_err(|_| crate::Error::Integrity(crate::t!("crypto-signing-key-malformed")))?;
        Ok(SigningKey { seed, pair })
    }

    /// The seed, for sealing under a key-encryption key.
    pub(crate) fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        let mut p = [0u8; 32];
        p.copy_from_slice(self.pair.public_key().as_ref());
        p
    }

    /// Signs a message.
    pub fn sign(&self, msg: &[u8]) -> Signature {
        let mut s = [0u8; 64];
        s.copy_from_slice(self.pair.sign(msg).as_ref());
        s
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey(public={})", super::hex(&self.public()))
    }
}

/// Verifies an Ed25519 signature.
pub fn verify(public: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    UnparsedPublicKey::new(&ED25519, public)
        .verify(msg, sig)
        .is_ok()
}

/// One signature check owed: a public key, a message and the signature to check.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) public: Vec<u8>,
    pub(crate) msg: Vec<u8>,
    pub(crate) sig: Vec<u8>,
}

/// Whether every one of `checks` holds, checked on every core. Ed25519 verification is
/// nearly half of what a reader's first use of many folders costs (issue 11); the checks are
/// independent, so two cores halve that part.
pub(crate) fn all_hold(checks: &[Check]) -> bool {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let holds = |part: &[Check]| part.iter().all(|c| verify(&c.public, &c.msg, &c.sig));
    // Below a few dozen, a thread costs more than it saves.
    if cores < 2 || checks.len() < 64 {
        return holds(checks);
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = checks
            .chunks(checks.len().div_ceil(cores))
            .map(|part| scope.spawn(move || holds(part)))
            .collect();
        // A check that panicked holds nothing.
        parts.into_iter().all(|p| p.join().unwrap_or(false))
    })
}

/// Signs on a second thread, so that a long run of signatures (an import's two per document)
/// overlaps the caller's other work instead of following it. Messages are signed in the order
/// they are given, and [`SignAhead::next`] gives the signatures back in that order.
pub(crate) struct SignAhead<'k> {
    key: &'k SigningKey,
    on_thread: Option<(
        std::sync::mpsc::Sender<Vec<u8>>,
        std::sync::mpsc::Receiver<Signature>,
    )>,
    here: std::collections::VecDeque<Signature>,
    /// Asked and not yet answered, so that next() never waits for a message never asked.
    owed: usize,
}

impl<'k> SignAhead<'k> {
    /// Signs with `key` on a thread of `scope` (in the caller's thread if none can start).
    pub(crate) fn start<'s>(scope: &'s std::thread::Scope<'s, '_>, key: &'k SigningKey) -> Self
    where
        'k: 's,
    {
        let (jobs, queue) = std::sync::mpsc::channel::<Vec<u8>>();
        let (answer, answers) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("sign-ahead".into())
            .spawn_scoped(scope, move || {
                for msg in queue {
                    if answer.send(key.sign(&msg)).is_err() {
                        break;
                    }
                }
            });
        SignAhead {
            key,
            on_thread: started.ok().map(|_| (jobs, answers)),
            here: Default::default(),
            owed: 0,
        }
    }

    /// Signs in the caller's thread, when there is nothing to overlap.
    pub(crate) fn here(key: &'k SigningKey) -> Self {
        SignAhead {
            key,
            on_thread: None,
            here: Default::default(),
            owed: 0,
        }
    }

    /// Queues `msg` for signing.
    pub(crate) fn ask(&mut self, msg: Vec<u8>) {
        self.owed += 1;
        match &self.on_thread {
            // A send fails only if the thread panicked; next() then answers None.
            Some((jobs, _)) => drop(jobs.send(msg)),
            None => self.here.push_back(self.key.sign(&msg)),
        }
    }

    /// The signature of the oldest message not yet answered; `None` if there is none, or if
    /// the signing thread died.
    pub(crate) fn next(&mut self) -> Option<Signature> {
        self.owed = self.owed.checked_sub(1)?;
        match &self.on_thread {
            Some((_, answers)) => answers.recv().ok(),
            None => self.here.pop_front(),
        }
    }
}

impl fmt::Debug for SignAhead<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignAhead")
            .field("on_thread", &self.on_thread.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_reject_forgeries() {
        let k = SigningKey::generate().unwrap();
        let s = k.sign(b"entry");
        assert!(verify(&k.public(), b"entry", &s));
        assert!(!verify(&k.public(), b"entrz", &s));
        let again = SigningKey::from_seed(Zeroizing::new(*k.seed())).unwrap();
        assert_eq!(again.public(), k.public());
    }

    #[test]
    fn all_hold_fails_on_one_bad_check_wherever_it_lies() {
        let k = SigningKey::generate().unwrap();
        let checks: Vec<Check> = (0..300u32)
            .map(|i| {
                let msg = i.to_be_bytes().to_vec();
                Check {
                    public: k.public().to_vec(),
                    sig: k.sign(&msg).to_vec(),
                    msg,
                }
            })
            .collect();
        assert!(all_hold(&checks));
        assert!(all_hold(&checks[..10]), "few: checked in place");
        for at in [0, 149, 150, 299] {
            let mut bad = checks.clone();
            bad[at].msg[0] ^= 1;
            assert!(!all_hold(&bad), "a bad check at {at} went unnoticed");
            assert!(!all_hold(&bad[at..at + 1]));
        }
    }

    #[test]
    fn sign_ahead_answers_in_order_on_a_thread_and_here() {
        let k = SigningKey::generate().unwrap();
        let msgs: Vec<Vec<u8>> = (0..50u32).map(|i| i.to_be_bytes().to_vec()).collect();
        std::thread::scope(|scope| {
            for mut signer in [SignAhead::start(scope, &k), SignAhead::here(&k)] {
                // Asked ahead, answered later, and interleaved.
                for m in &msgs[..30] {
                    signer.ask(m.clone());
                }
                for m in &msgs[..10] {
                    assert_eq!(signer.next(), Some(k.sign(m)));
                }
                for m in &msgs[30..] {
                    signer.ask(m.clone());
                }
                for m in &msgs[10..] {
                    assert_eq!(signer.next(), Some(k.sign(m)));
                }
                assert_eq!(signer.next(), None, "nothing owed: no wait, no answer");
            }
        });
    }
}
