//! The `infoflyt` binary: everything lives in the library; see `cli::main`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    infoflyt::cli::main()
}
