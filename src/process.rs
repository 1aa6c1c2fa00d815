//! Process hardening done before any secret is read.

/// Disables core dumps and ptrace attach by other processes of the same user
/// (`PR_SET_DUMPABLE` 0), so keys and passphrases in memory cannot end up in a core file.
/// Failure is reported, not fatal: on a system that refuses, the person is told.
pub fn harden() -> Result<(), String> {
    use rustix::process::{setrlimit, Resource, Rlimit};
    setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    )
    .map_err(|e| crate::t!("process-core-dumps", error = e.to_string()))?;
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)
        .map_err(|e| crate::t!("process-undumpable", error = e.to_string()))
}
