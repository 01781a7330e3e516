//! `nacre browser install|status|uninstall`: connecting browsers to the library through
//! Nacre's native messaging host. The work is in `nacre::api::browser_hosts`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use nacre::api::browser_hosts::{self, HOST_BROWSERS, Target};
use nacre::model::now_millis;

use crate::output::Output;

/// `nacre browser ...`
#[derive(Debug, Args)]
pub struct BrowserArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Register the host with each browser found (or the one named), for this library
    Install(Where),
    /// Say per browser whether the host is registered and the extension has spoken to it
    Status(Where),
    /// Remove the host's registration
    Uninstall(Where),
}

#[derive(Debug, Args)]
struct Where {
    /// Only this browser: chromium, chrome, brave, edge, vivaldi, firefox
    #[arg(long, value_name = "NAME")]
    browser: Option<String>,
    /// One Chromium-family profile folder (as given to the browser's --user-data-dir): the
    /// host goes into its NativeMessagingHosts folder
    #[arg(long, value_name = "DIR")]
    user_data_dir: Option<PathBuf>,
    /// The host program [default: nacre-host beside this tool]
    #[arg(long, value_name = "PATH")]
    host: Option<PathBuf>,
}

fn targets(w: &Where, every_known: bool) -> nacre::Result<Vec<Target>> {
    let browser = w
        .browser
        .as_deref()
        .map(browser_hosts::host_browser)
        .transpose()?;
    let home = browser_hosts::home()?;
    if every_known && browser.is_none() && w.user_data_dir.is_none() {
        return Ok(HOST_BROWSERS
            .into_iter()
            .map(|b| Target {
                browser: b,
                dir: browser_hosts::manifest_dir(b, &home),
            })
            .collect());
    }
    Target::choose(&home, browser, w.user_data_dir.as_deref())
}

fn default_host() -> PathBuf {
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("nacre-host")));
    match beside {
        Some(path) if path.is_file() => path,
        _ => PathBuf::from("/usr/bin/nacre-host"),
    }
}

fn ago(at: i64) -> String {
    let minutes = (now_millis() - at).max(0) / 60_000;
    match minutes {
        0 => "just now".to_owned(),
        1..=59 => format!("{minutes} min ago"),
        60..=2879 => format!("{} h ago", minutes / 60),
        _ => format!("{} days ago", minutes / 1440),
    }
}

/// Runs `nacre browser ...` on the library at `library`.
pub fn run(args: &BrowserArgs, library: &Path, out: &Output) -> nacre::Result<()> {
    match &args.action {
        Action::Install(w) => {
            let targets = targets(w, false)?;
            if targets.is_empty() {
                return Err(nacre::Error::Invalid(
                    "no browser found in your home folder; name one with --browser".to_owned(),
                ));
            }
            let host = w.host.clone().unwrap_or_else(default_host);
            let mut written = Vec::new();
            for target in &targets {
                written.push(browser_hosts::install(target, &host, library)?);
            }
            out.print(&written, || {
                let mut text = String::new();
                for (target, path) in targets.iter().zip(&written) {
                    text.push_str(&format!("{:<9} {}\n", target.browser.id(), path.display()));
                }
                text.push_str(&format!("the host writes to {}\n", library.display()));
                text
            });
        }
        Action::Status(w) => {
            let statuses: Vec<_> = targets(w, true)?
                .iter()
                .map(|t| browser_hosts::status(t, library))
                .collect();
            out.print(&statuses, || {
                let mut text = String::new();
                for s in &statuses {
                    let line = match (&s.problem, &s.library) {
                        (Some(problem), _) => problem.clone(),
                        (None, library) => {
                            let spoken = s.last_contact.map_or_else(
                                || "the extension has not spoken to it yet".to_owned(),
                                |at| format!("the extension spoke to it {}", ago(at)),
                            );
                            let library = library
                                .as_deref()
                                .map_or_else(String::new, |l| l.display().to_string());
                            format!("registered; writes to {library}; {spoken}")
                        }
                    };
                    text.push_str(&format!("{:<9} {line}\n", s.browser.id()));
                }
                text
            });
        }
        Action::Uninstall(w) => {
            let mut removed = Vec::new();
            for target in targets(w, true)? {
                if browser_hosts::uninstall(&target)? {
                    removed.push(target.manifest_path());
                }
            }
            out.print(&removed, || {
                if removed.is_empty() {
                    "no registration to remove".to_owned()
                } else {
                    removed
                        .iter()
                        .map(|p| format!("removed {}\n", p.display()))
                        .collect()
                }
            });
        }
    }
    Ok(())
}
