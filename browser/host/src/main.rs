//! `nacre-host`: started by a browser for Nacre's extension, with arguments of the browser's
//! own (its origin, or a manifest path and the add-on's ID), which it reads but never obeys.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let env = |name: &str| std::env::var(name).ok();
    let caller = nacre_host::caller_of(&args, env);
    let mut library = nacre_host::Library::at(nacre_host::library_path(env));
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    match nacre_host::serve(&mut stdin.lock(), &mut stdout.lock(), &mut library, &caller) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The browser shows nothing of stderr to people, but keeps it in its log.
            eprintln!("nacre-host: {e}");
            ExitCode::FAILURE
        }
    }
}
