//! `nacre backup`: list, make and restore backups of the library.

use clap::{Args, Subcommand};

use nacre::{Result, Store};

use crate::output::Output;

/// Arguments of `nacre backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(subcommand)]
    action: Option<BackupAction>,
}

#[derive(Debug, Subcommand)]
enum BackupAction {
    /// List the backups, newest first (the default)
    List,
    /// Make today's backup now
    Now,
    /// Replace the library with a backup (the current state is backed up first)
    Restore {
        /// The backup's name, as `nacre backup list` shows it
        name: String,
    },
}

/// `nacre backup`.
pub fn backup(store: &Store, args: &BackupArgs, out: &Output) -> Result<()> {
    match &args.action {
        None | Some(BackupAction::List) => {
            let backups = store.backups()?;
            out.print(&backups, || {
                if backups.is_empty() {
                    return format!("no backups yet in {}", store.backup_dir().display());
                }
                backups
                    .iter()
                    .map(|b| format!("{}  {} KiB\n", b.name, b.bytes / 1024))
                    .collect()
            });
        }
        Some(BackupAction::Now) => {
            let b = store.backup_now()?;
            out.print(&b, || format!("backed up to {}", b.path.display()));
        }
        Some(BackupAction::Restore { name }) => {
            let safety = store.restore_backup(name)?;
            out.print(&safety, || {
                format!(
                    "restored {name}; the library as it was is kept as {}",
                    safety.name
                )
            });
        }
    }
    Ok(())
}
