//! `nacre sync [init FOLDER | status | leave | also PEARL]`: one library on several computers,
//! through a folder a sync service carries. The work is in `nacre::api::sync`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use nacre::Store;
use nacre::api::resolve_pearl;
use nacre::api::sync::{self as sync_api, SyncReport};
use nacre::model::now_millis;

use crate::output::Output;

/// `nacre sync ...`; without an action, one round.
#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Join this library to a folder shared by a sync service (empty, or holding other
    /// devices' files: then the library merges with theirs)
    Init {
        /// The shared folder (Syncthing, Dropbox, Nextcloud, iCloud Drive, OneDrive, git...)
        folder: PathBuf,
        /// This computer's name as the other devices show it [default: the host name]
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// The devices, when each was last seen, and what is waiting
    Status,
    /// Stop syncing (the library keeps everything; the folder keeps this device's files)
    Leave,
    /// A pearl's values that lost to a concurrent edit on another device
    Also {
        /// The pearl: #id or a collection's path
        pearl: String,
        /// Dismiss the lost values of this field (title, note or url)
        #[arg(long, value_name = "FIELD")]
        dismiss: Option<String>,
    },
}

fn ago(at: i64) -> String {
    let minutes = (now_millis() - at).max(0) / 60_000;
    match minutes {
        0 => "a moment ago".to_owned(),
        1..=59 => format!("{minutes} min ago"),
        60..=2879 => format!("{} h ago", minutes / 60),
        _ => format!("{} days ago", minutes / 1440),
    }
}

fn report_text(r: &SyncReport) -> String {
    let mut text = format!(
        "published {} change(s), received {} change(s)",
        r.published, r.received
    );
    if !r.from_devices.is_empty() {
        text.push_str(&format!(" from {}", r.from_devices.join(", ")));
    }
    text.push('\n');
    for f in &r.skipped {
        text.push_str(&format!("skipped {}: {}\n", f.name, f.reason));
    }
    if let Some(p) = &r.folder_problem {
        text.push_str(&format!(
            "the folder cannot be used now ({p}); edits wait here until it is back\n"
        ));
    }
    text
}

/// Runs `nacre sync ...`.
pub fn sync(store: &Store, args: &SyncArgs, out: &Output) -> nacre::Result<()> {
    match &args.action {
        None => {
            let report = sync_api::run(store)?;
            out.print(&report, || report_text(&report));
        }
        Some(Action::Init { folder, name }) => {
            let report = sync_api::init(store, folder, name.as_deref())?;
            out.print(&report, || {
                format!(
                    "this library now syncs through {}\n{}",
                    folder.display(),
                    report_text(&report)
                )
            });
        }
        Some(Action::Status) => {
            let status = sync_api::status(store)?;
            out.print(&status, || {
                if !status.syncing {
                    return "this library does not sync (nacre sync init FOLDER)".to_owned();
                }
                let mut text = format!(
                    "folder   {}\ndevice   {} ({})\nlast round {}\n",
                    status.folder.as_deref().unwrap_or_default(),
                    status.device_name.as_deref().unwrap_or_default(),
                    status.device_id.as_deref().unwrap_or_default(),
                    status.last_round.map_or_else(|| "never".to_owned(), ago),
                );
                if let Some(p) = &status.folder_problem {
                    text.push_str(&format!("the folder cannot be read: {p}\n"));
                }
                text.push_str(&format!(
                    "pending  {} change(s) here\n",
                    status.pending_changes
                ));
                for d in &status.devices {
                    text.push_str(&format!(
                        "device   {} ({}), last seen {}\n",
                        d.name,
                        d.device_id,
                        ago(d.last_seen)
                    ));
                }
                for f in &status.waiting_files {
                    text.push_str(&format!("waiting  {}: {}\n", f.name, f.reason));
                }
                text
            });
        }
        Some(Action::Leave) => {
            let folder = sync_api::leave(store)?;
            out.print(&serde_json::json!({ "left": folder }), || {
                format!("this library no longer syncs through {folder}")
            });
        }
        Some(Action::Also { pearl, dismiss }) => {
            let id = resolve_pearl(store, pearl)?;
            if let Some(field) = dismiss {
                let n = sync_api::dismiss_also(store, id, field)?;
                out.print(&serde_json::json!({ "dismissed": n }), || {
                    format!("dismissed {n} value(s)")
                });
            } else {
                let values = sync_api::also_values(store, id)?;
                out.print(&values, || {
                    values
                        .iter()
                        .map(|v| {
                            format!(
                                "also: {:?} ({}) from {}, {}\n",
                                v.value,
                                v.field,
                                v.device,
                                ago(v.at)
                            )
                        })
                        .collect()
                });
            }
        }
    }
    Ok(())
}
