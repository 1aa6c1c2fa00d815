//! Owner-only files and atomic replacement.
//!
//! Every file of the store is 0600 in a 0700 directory (DESIGN.md §3). Files that are
//! rewritten whole (the keyslots file) are written to a temporary name, synced, renamed over
//! the old one and the directory synced, so a crash leaves either the old or the new file,
//! never a torn one.

use crate::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Creates `dir` with mode 0700. Refuses a directory that exists and is not empty.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(Error::io(crate::t!(
            "store-cannot-read",
            path = dir.display().to_string()
        )))?;
        if entries.next().is_some() {
            return Err(Error::Usage(crate::t!(
                "store-dir-not-empty",
                path = dir.display().to_string()
            )));
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(Error::io(
            crate::t!("store-cannot-restrict", path = dir.display().to_string()),
        ))?;
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(Error::io(crate::t!(
            "store-cannot-create",
            path = dir.display().to_string()
        )))?;
    // The umask may have narrowed the mode further; make it exact.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(Error::io(crate::t!(
        "store-cannot-restrict",
        path = dir.display().to_string()
    )))
}

/// A file written whole under a temporary name beside its target, synced, and put in place
/// by [`Staged::commit`] (a rename, then a directory sync), so a crash leaves the old file or
/// the new one, never a torn one. Dropped without a commit, the temporary file is removed.
///
/// The temporary file is opened with `O_CREAT | O_EXCL | O_NOFOLLOW`: a symlink or file
/// planted under its name is never followed or truncated. A stale one left by a crash is
/// unlinked first (unlinking a symlink removes the link, never its target); callers hold the
/// store's lock, so no other writer is using the name.
#[derive(Debug)]
pub struct Staged {
    tmp: Option<PathBuf>,
    path: PathBuf,
}

impl Staged {
    /// Writes `data` to the temporary name of `path`.
    pub fn write(path: &Path, data: &[u8]) -> Result<Staged> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp"));
        let ctx = || crate::t!("store-cannot-write", path = path.display().to_string());
        match fs::remove_file(&tmp) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(ctx())(e)),
        }
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(&tmp)
            .map_err(Error::io(ctx()))?;
        let staged = Staged {
            tmp: Some(tmp),
            path: path.to_owned(),
        };
        f.write_all(data)
            .and_then(|()| f.sync_all())
            .map_err(Error::io(ctx()))?;
        Ok(staged)
    }

    /// Renames the file into place and syncs the directory.
    pub fn commit(mut self) -> Result<()> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let ctx = || crate::t!("store-cannot-write", path = self.path.display().to_string());
        if let Err(e) = fs::rename(&tmp, &self.path) {
            let _ = fs::remove_file(&tmp);
            return Err(Error::io(ctx())(e));
        }
        sync_dir(self.path.parent().unwrap_or(Path::new(".")))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Writes `data` to `path` atomically with mode 0600.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    Staged::write(path, data)?.commit()
}

/// Syncs a directory so a rename in it is durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io(crate::t!(
            "store-cannot-sync",
            path = dir.display().to_string()
        )))
}

/// Checks that the store directory is 0700 and every file in it is 0600 and owned by us:
/// a directory or file others can reach means someone could have read or replaced the
/// store's files, so the store is refused with what to check, never silently "repaired".
pub fn check_private(dir: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(dir).map_err(Error::io(crate::t!(
        "store-cannot-read",
        path = dir.display().to_string()
    )))?;
    let me = rustix::process::geteuid().as_raw();
    use std::os::unix::fs::MetadataExt;
    let refuse = |what: &Path, why: String| {
        Err(Error::Other(crate::t!(
            "store-permissions",
            why = why,
            path = what.display().to_string(),
            mode = if what == dir { "0700" } else { "0600" },
            chmod = if what == dir { "700" } else { "600" }
        )))
    };
    // Someone else's file is not fixed by a chmod, and taking it over could hand its owner's
    // planted copy the user's passphrase: say whose it is and stop.
    let not_ours = |what: &Path, owner: u32| {
        Err(Error::Other(crate::t!(
            "store-owner",
            path = what.display().to_string(),
            owner = owner.to_string(),
            me = me.to_string()
        )))
    };
    if !meta.is_dir() {
        return refuse(dir, crate::t!("store-dir-not-dir"));
    }
    if meta.uid() != me {
        return not_ours(dir, meta.uid());
    }
    if meta.mode() & 0o777 != 0o700 {
        return refuse(
            dir,
            crate::t!(
                "store-dir-mode",
                mode = format!("{:o}", meta.mode() & 0o777)
            ),
        );
    }
    let entries = fs::read_dir(dir).map_err(Error::io(crate::t!(
        "store-cannot-read",
        path = dir.display().to_string()
    )))?;
    for e in entries.flatten() {
        let p = e.path();
        let m = fs::symlink_metadata(&p).map_err(Error::io(crate::t!(
            "store-cannot-read",
            path = p.display().to_string()
        )))?;
        if m.file_type().is_symlink() {
            return refuse(&p, crate::t!("store-symlink"));
        }
        if m.is_file() && m.uid() != me {
            return not_ours(&p, m.uid());
        }
        if m.is_file() && m.mode() & 0o777 != 0o600 {
            return refuse(
                &p,
                crate::t!("store-file-mode", mode = format!("{:o}", m.mode() & 0o777)),
            );
        }
    }
    Ok(())
}

/// An exclusive advisory lock on a file, released on drop.
#[derive(Debug)]
pub struct FileLock(File);

impl FileLock {
    /// Waits for the exclusive lock on `path` (created 0600 if missing).
    pub fn acquire(path: &Path) -> Result<Self> {
        let f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .map_err(Error::io(crate::t!(
                "store-cannot-open-lock",
                path = path.display().to_string()
            )))?;
        f.lock().map_err(Error::io(crate::t!(
            "store-cannot-lock",
            path = path.display().to_string()
        )))?;
        Ok(FileLock(f))
    }

    /// Takes the lock if it is free; `None` if another process holds it.
    pub fn try_acquire(path: &Path) -> Result<Option<Self>> {
        let f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .map_err(Error::io(crate::t!(
                "store-cannot-open-lock",
                path = path.display().to_string()
            )))?;
        match f.try_lock() {
            Ok(()) => Ok(Some(FileLock(f))),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(Error::io(crate::t!(
                "store-cannot-lock",
                path = path.display().to_string()
            ))(e)),
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// A file being written that appears under its name only when complete, and never replaces
/// an existing file. On Linux it is an unnamed `O_TMPFILE` in the target directory, so a
/// crash or kill leaves nothing behind; elsewhere a hidden temporary name is used.
#[derive(Debug)]
pub struct NewFile {
    file: File,
    tmp: Option<PathBuf>,
}

impl NewFile {
    /// Starts a new file (0600) in the directory of `out`. Fails if `out` exists.
    pub fn create_for(out: &Path) -> Result<NewFile> {
        if out.exists() {
            return Err(Error::Usage(crate::t!(
                "store-file-exists",
                path = out.display().to_string()
            )));
        }
        let dir = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let ctx = || crate::t!("store-cannot-create-in", path = dir.display().to_string());
        use rustix::fs::{Mode, OFlags};
        match rustix::fs::open(
            dir,
            OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        ) {
            Ok(fd) => Ok(NewFile {
                file: File::from(fd),
                tmp: None,
            }),
            Err(_) => {
                let mut rnd = [0u8; 8];
                crate::crypto::rand::fill(&mut rnd)?;
                let tmp = dir.join(format!(".infoflyt-{}.partial", crate::crypto::hex(&rnd)));
                let file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .open(&tmp)
                    .map_err(Error::io(ctx()))?;
                Ok(NewFile {
                    file,
                    tmp: Some(tmp),
                })
            }
        }
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Syncs the contents and gives the file its name; fails, without replacing anything, if
    /// `out` appeared meanwhile.
    pub fn persist(mut self, out: &Path) -> Result<()> {
        let ctx = || crate::t!("store-cannot-create", path = out.display().to_string());
        self.file.sync_all().map_err(Error::io(ctx()))?;
        match self.tmp.take() {
            None => {
                use std::os::fd::AsRawFd;
                let proc_path = format!("/proc/self/fd/{}", self.file.as_raw_fd());
                rustix::fs::linkat(
                    rustix::fs::CWD,
                    proc_path.as_str(),
                    rustix::fs::CWD,
                    out,
                    rustix::fs::AtFlags::SYMLINK_FOLLOW,
                )
                .map_err(|e| Error::io(ctx())(std::io::Error::from(e)))?;
            }
            Some(tmp) => {
                let res = fs::hard_link(&tmp, out);
                let _ = fs::remove_file(&tmp);
                res.map_err(Error::io(ctx()))?;
            }
        }
        if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(dir)?;
        }
        Ok(())
    }
}

impl Drop for NewFile {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}
