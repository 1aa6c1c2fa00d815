//! Progress bars for long operations, on stderr and only on a terminal: the library reports
//! progress through callbacks and the command line renders them here.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar of `len` steps labelled `what`; hidden when stderr is not a terminal.
pub(crate) fn bar(len: u64, what: &str) -> ProgressBar {
    styled(len, what, "{pos}/{len}")
}

/// A bar on stderr of length `len`, labelled `what`, counting with `counts` (indicatif's
/// template keys).
fn styled(len: u64, what: &str, counts: &str) -> ProgressBar {
    let b = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template(&format!("{what} {{bar:40}} {counts} ({{eta}})"))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    b
}

/// One bar per labelled step, made when a step first reports; cleared when dropped.
#[derive(Default)]
pub(crate) struct Steps {
    current: Option<(String, ProgressBar)>,
}

impl Steps {
    /// Reports `done` of `total` for the step `label`; a step with nothing to do draws nothing.
    pub(crate) fn update(&mut self, label: &str, done: u64, total: u64) {
        if total == 0 {
            return;
        }
        if self.current.as_ref().is_none_or(|(l, _)| l != label) {
            if let Some((_, b)) = self.current.take() {
                b.finish_and_clear();
            }
            self.current = Some((label.to_owned(), bar(total, label)));
        }
        if let Some((_, b)) = &self.current {
            b.set_length(total);
            b.set_position(done);
        }
    }
}

impl Drop for Steps {
    fn drop(&mut self) {
        if let Some((_, b)) = self.current.take() {
            b.finish_and_clear();
        }
    }
}

/// Below this size a document is written or read too quickly for a bar to help.
pub(crate) const LARGE: u64 = 16 << 20;

/// Passes writes through to `inner`, moving `bar` by the bytes written.
pub(crate) struct Counting<'a, W: std::io::Write + ?Sized> {
    pub(crate) inner: &'a mut W,
    pub(crate) bar: &'a ProgressBar,
}

impl<W: std::io::Write + ?Sized> std::io::Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A byte-counting bar for a document of `size` bytes, or a hidden one for a small document.
pub(crate) fn bytes(size: u64, what: &str) -> ProgressBar {
    if size < LARGE {
        return ProgressBar::hidden();
    }
    styled(size, what, "{bytes}/{total_bytes}")
}
