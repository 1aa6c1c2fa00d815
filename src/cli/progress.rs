//! Progress bars for long operations, on stderr and only on a terminal: the library reports
//! progress through callbacks and the command line renders them here.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar of `len` steps labelled `what`; hidden when stderr is not a terminal.
pub(crate) fn bar(len: u64, what: &str) -> ProgressBar {
    let b = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template(&format!("{what} {{bar:40}} {{pos}}/{{len}} ({{eta}})"))
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
    /// Reports `done` of `total` for the step `label`.
    pub(crate) fn update(&mut self, label: &str, done: u64, total: u64) {
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
