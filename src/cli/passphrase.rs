//! Reading passphrases: from the terminal without echo, or one line from a file descriptor.
//! Never from argv or the environment (DESIGN.md §8).

use crate::crypto::Passphrase;
use crate::{Error, Result};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, IsTerminal, Read};
use zeroize::Zeroizing;

const MAX_LEN: usize = 4096;

/// Where passphrases come from. Descriptors are opened once, so two passphrases may be read
/// from the same one in turn (old, then new).
#[derive(Debug, Default)]
pub struct PassSource {
    open: HashMap<i32, File>,
}

impl PassSource {
    /// Reads one passphrase: from `fd` if given, else from the terminal.
    pub fn read(&mut self, fd: Option<i32>, prompt: &str) -> Result<Passphrase> {
        match fd {
            Some(fd) => self.read_fd(fd),
            None => read_tty(prompt, "--passphrase-fd N"),
        }
    }

    /// Reads a new passphrase: once from `fd`, or twice from the terminal, which must match.
    pub fn read_new(&mut self, fd: Option<i32>, who: &str) -> Result<Passphrase> {
        if let Some(fd) = fd {
            return self.read_fd(fd);
        }
        let hint = "--new-passphrase-fd N";
        let a = read_tty(&crate::t!("pass-prompt-new", user = who), hint)?;
        let b = read_tty(&crate::t!("pass-prompt-repeat", user = who), hint)?;
        if !crate::crypto::ct_eq(a.expose(), b.expose()) {
            return Err(Error::Usage(crate::t!("pass-differ")));
        }
        Ok(a)
    }

    fn read_fd(&mut self, fd: i32) -> Result<Passphrase> {
        if fd < 0 {
            return Err(Error::Usage(crate::t!("pass-bad-fd", fd = fd)));
        }
        if fd == 1 || fd == 2 {
            // Reading from standard output or error would wait forever on a terminal, or
            // read back what was written: only standard input (0) or an opened descriptor.
            return Err(Error::Usage(crate::t!("pass-fd-is-output", fd = fd)));
        }
        let mut line = Zeroizing::new(Vec::new());
        if fd == 0 {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            (&mut lock)
                .take(MAX_LEN as u64 + 1)
                .read_until(b'\n', &mut line)
                .map_err(Error::io(crate::t!("pass-cannot-read-stdin")))?;
        } else {
            let f = match self.open.entry(fd) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    // Opening /dev/fd/N borrows descriptor N without unsafe code.
                    v.insert(File::open(format!("/dev/fd/{fd}")).map_err(|e| {
                        Error::Usage(crate::t!(
                            "pass-cannot-open-fd",
                            fd = fd,
                            error = e.to_string()
                        ))
                    })?)
                }
            };
            // One byte at a time: a later read from the same descriptor must find the next line.
            let mut b = [0u8; 1];
            loop {
                let n = f
                    .read(&mut b)
                    .map_err(Error::io(crate::t!("pass-cannot-read-fd", fd = fd)))?;
                if n == 0 || b[0] == b'\n' {
                    break;
                }
                line.push(b[0]);
                if line.len() > MAX_LEN {
                    break;
                }
            }
        }
        finish(line)
    }
}

fn finish(mut line: Zeroizing<Vec<u8>>) -> Result<Passphrase> {
    if line.len() > MAX_LEN {
        return Err(Error::Usage(crate::t!("pass-too-long")));
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    if line.is_empty() {
        return Err(Error::Auth(crate::t!("pass-empty")));
    }
    let s = std::str::from_utf8(&line).map_err(|_| Error::Usage(crate::t!("pass-not-utf8")))?;
    Ok(Passphrase::new(Zeroizing::new(s.to_owned())))
}

fn read_tty(prompt: &str, hint: &str) -> Result<Passphrase> {
    if !std::io::stderr().is_terminal() && !std::io::stdin().is_terminal() {
        // rpassword reads /dev/tty; without any terminal, say how to pass it instead.
        if File::open("/dev/tty").is_err() {
            return Err(Error::Usage(crate::t!("pass-no-terminal", hint = hint)));
        }
    }
    let s = Zeroizing::new(rpassword::prompt_password(prompt).map_err(|e| {
        Error::Usage(crate::t!(
            "pass-cannot-read-terminal",
            error = e.to_string(),
            hint = hint
        ))
    })?);
    finish(Zeroizing::new(s.as_bytes().to_vec()))
}
