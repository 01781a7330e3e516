//! Registering Nacre's native messaging host (`nacre-host`) with the browsers on Linux, and
//! saying whether each browser's extension has spoken to it: what `nacre browser
//! install|status|uninstall` and the window's "Connect your browser" screen do.
//!
//! A registration is two files in the browser's folder for host manifests: the manifest
//! `org.nacre.host.json` (naming the extension allowed to call the host) and, beside it, the
//! launcher `org.nacre.host.sh` that the manifest's `path` points at, which records the library
//! the host writes and the browser's name, then starts `nacre-host`. Nothing else is touched.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
pub use crate::formats::browsers::Browser;
use crate::model::Millis;
use crate::store::Store;

/// The host's name, as browsers look it up.
pub const HOST_NAME: &str = "org.nacre.host";
/// The Chromium-family extension's ID (fixed by the `key` in its manifest).
pub const CHROMIUM_EXTENSION_ID: &str = "cnhkpcdjihcbmkechnohnncopnhjeelm";
/// The Firefox add-on's ID.
pub const FIREFOX_EXTENSION_ID: &str = "nacre@nacre.invalid";

/// The user's home folder, below which the browsers keep their folders.
///
/// # Errors
/// [`Error::Invalid`] when there is none (`HOME` unset).
pub fn home() -> Result<PathBuf> {
    dirs::home_dir().ok_or_else(|| Error::Invalid("no home folder (set HOME)".to_owned()))
}

/// The browsers a host can be registered with on Linux, in the order they are listed (every
/// browser Nacre knows but Safari).
pub const HOST_BROWSERS: [Browser; 6] = [
    Browser::Chromium,
    Browser::Chrome,
    Browser::Brave,
    Browser::Edge,
    Browser::Vivaldi,
    Browser::Firefox,
];

/// The browser a command-line word names, if a host can be registered with it.
///
/// # Errors
/// [`Error::Invalid`] listing the names known.
pub fn host_browser(name: &str) -> Result<Browser> {
    let wanted = name.trim();
    let wanted = if wanted.eq_ignore_ascii_case("google-chrome") {
        "chrome"
    } else {
        wanted
    };
    Browser::from_id(wanted)
        .filter(|b| HOST_BROWSERS.contains(b))
        .ok_or_else(|| {
            let names: Vec<&str> = HOST_BROWSERS.iter().map(|b| b.id()).collect();
            Error::Invalid(format!(
                "no browser called {name:?} to connect; known: {}",
                names.join(", ")
            ))
        })
}

/// The browser's own folder below the home folder, where its profiles live.
fn config_dir(browser: Browser) -> &'static str {
    match browser {
        Browser::Chromium => ".config/chromium",
        Browser::Chrome => ".config/google-chrome",
        Browser::Brave => ".config/BraveSoftware/Brave-Browser",
        Browser::Edge => ".config/microsoft-edge",
        Browser::Vivaldi => ".config/vivaldi",
        Browser::Firefox => ".mozilla",
        Browser::Safari => "Library/Safari",
    }
}

/// Where a browser looks for a user's host manifests.
pub fn manifest_dir(browser: Browser, home: &Path) -> PathBuf {
    let sub = if browser == Browser::Firefox {
        "native-messaging-hosts"
    } else {
        "NativeMessagingHosts"
    };
    home.join(config_dir(browser)).join(sub)
}

/// Whether the browser seems to be used on this account (its folder exists).
pub fn is_present(browser: Browser, home: &Path) -> bool {
    home.join(config_dir(browser)).is_dir()
}

/// The host manifest for `browser`, naming the program at `host_path` (the .deb installs these
/// system-wide with `/usr/bin/nacre-host`: browser/host/system/).
pub fn manifest(browser: Browser, host_path: &Path) -> serde_json::Value {
    let mut manifest = serde_json::json!({
        "name": HOST_NAME,
        "description": "Nacre: pearl this page (saves pages from the browser into your library)",
        "path": host_path.display().to_string(),
        "type": "stdio",
    });
    if browser == Browser::Firefox {
        manifest["allowed_extensions"] = serde_json::json!([FIREFOX_EXTENSION_ID]);
    } else {
        manifest["allowed_origins"] =
            serde_json::json!([format!("chrome-extension://{CHROMIUM_EXTENSION_ID}/")]);
    }
    manifest
}

/// Where one registration goes: a browser and its folder of host manifests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The browser.
    pub browser: Browser,
    /// The folder of host manifests (`~/.config/chromium/NativeMessagingHosts`, or
    /// `DIR/NativeMessagingHosts` for one profile folder given with `--user-data-dir`).
    pub dir: PathBuf,
}

impl Target {
    /// The targets `install` and `uninstall` work on: the one browser named (or every browser
    /// found in `home`), or one Chromium profile folder.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a Firefox profile given as `--user-data-dir` (Firefox reads only
    /// its one folder of manifests).
    pub fn choose(
        home: &Path,
        browser: Option<Browser>,
        user_data_dir: Option<&Path>,
    ) -> Result<Vec<Target>> {
        if let Some(dir) = user_data_dir {
            let browser = browser.unwrap_or(Browser::Chromium);
            if browser == Browser::Firefox {
                return Err(Error::Invalid(
                    "--user-data-dir is for Chromium-family profile folders; Firefox reads ~/.mozilla/native-messaging-hosts".to_owned(),
                ));
            }
            return Ok(vec![Target {
                browser,
                dir: dir.join("NativeMessagingHosts"),
            }]);
        }
        if let Some(b) = browser.filter(|b| !HOST_BROWSERS.contains(b)) {
            return Err(Error::Invalid(format!(
                "{} cannot be connected on this system",
                b.name()
            )));
        }
        let browsers: Vec<Browser> = match browser {
            Some(b) => vec![b],
            None => HOST_BROWSERS
                .into_iter()
                .filter(|b| is_present(*b, home))
                .collect(),
        };
        Ok(browsers
            .into_iter()
            .map(|browser| Target {
                browser,
                dir: manifest_dir(browser, home),
            })
            .collect())
    }

    /// The manifest's file.
    pub fn manifest_path(&self) -> PathBuf {
        self.dir.join(format!("{HOST_NAME}.json"))
    }

    /// The launcher's file, beside the manifest.
    pub fn launcher_path(&self) -> PathBuf {
        self.dir.join(format!("{HOST_NAME}.sh"))
    }
}

/// What a registration says, read back from its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HostStatus {
    /// The browser.
    pub browser: Browser,
    /// The manifest's file.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub manifest: PathBuf,
    /// Whether the manifest is there and names a host program that exists.
    pub registered: bool,
    /// The library the host will write (unless `NACRE_LIBRARY` is set in the browser's
    /// environment, which wins).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub library: Option<PathBuf>,
    /// When the extension last spoke to the host (ms since the epoch), if it has.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub last_contact: Option<Millis>,
    /// What is wrong with the registration, if anything.
    pub problem: Option<String>,
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes the registration of `host` (the `nacre-host` program) for `target`, recording
/// `library`. Returns the manifest's path. Writing again replaces a registration of Nacre's.
///
/// # Errors
/// [`Error::Invalid`] when `host` does not exist; [`Error::Io`] when a file cannot be written.
pub fn install(target: &Target, host: &Path, library: &Path) -> Result<PathBuf> {
    if !host.is_file() {
        return Err(Error::Invalid(format!(
            "the host program {} does not exist; build it (cargo build -p nacre-host) or give --host",
            host.display()
        )));
    }
    let host = std::path::absolute(host).map_err(io_error(host))?;
    let library = std::path::absolute(library).map_err(io_error(library))?;
    std::fs::create_dir_all(&target.dir).map_err(io_error(&target.dir))?;
    let launcher = target.launcher_path();
    let script = format!(
        "#!/bin/sh\n# Written by `nacre browser install` for {browser}: starts Nacre's host on the library\n# below (NACRE_LIBRARY in the browser's environment wins). `nacre browser uninstall` removes it.\nNACRE_HOST_LIBRARY={library}\nNACRE_HOST_BROWSER={browser}\nexport NACRE_HOST_LIBRARY NACRE_HOST_BROWSER\nexec {host} \"$@\"\n",
        browser = target.browser.id(),
        library = quoted(&library),
        host = quoted(&host),
    );
    crate::api::export::write_whole(&launcher, script.as_bytes())?;
    set_executable(&launcher)?;
    let manifest = manifest(target.browser, &launcher);
    let text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| Error::Invalid(format!("cannot write the manifest: {e}")))?;
    let path = target.manifest_path();
    crate::api::export::write_whole(&path, format!("{text}\n").as_bytes())?;
    Ok(path)
}

#[cfg(unix)]
fn set_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(io_error(path))
}

#[cfg(not(unix))]
fn set_executable(_path: &Path) -> Result<()> {
    Ok(())
}

/// Removes the registration for `target`; returns whether there was one.
///
/// # Errors
/// [`Error::Io`] when a file cannot be removed.
pub fn uninstall(target: &Target) -> Result<bool> {
    let mut removed = false;
    for path in [target.manifest_path(), target.launcher_path()] {
        match std::fs::remove_file(&path) {
            Ok(()) => removed = true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&path)(e)),
        }
    }
    Ok(removed)
}

/// The registration of one browser (by its id, `chromium`) in the user's own folders: what the
/// window's "Connect your browser" screen works on.
///
/// # Errors
/// [`Error::Invalid`] for an unknown browser or no home folder.
pub fn user_target(browser: &str) -> Result<Target> {
    let home = home()?;
    let browser = host_browser(browser)?;
    Ok(Target {
        browser,
        dir: manifest_dir(browser, &home),
    })
}

/// Per browser Nacre can connect here, its registration in the user's own folders read back.
///
/// # Errors
/// [`Error::Invalid`] when there is no home folder.
pub fn statuses(library: &Path) -> Result<Vec<HostStatus>> {
    let home = home()?;
    Ok(HOST_BROWSERS
        .iter()
        .map(|&browser| {
            let dir = manifest_dir(browser, &home);
            status(&Target { browser, dir }, library)
        })
        .collect())
}

/// Registers `host` with one browser for `library`, and reads the registration back.
///
/// # Errors
/// As [`user_target`] and [`install`].
pub fn connect(browser: &str, host: &Path, library: &Path) -> Result<HostStatus> {
    let target = user_target(browser)?;
    install(&target, host, library)?;
    Ok(status(&target, library))
}

/// Removes one browser's registration (the extension can no longer reach Nacre), and reads
/// what is left back.
///
/// # Errors
/// As [`user_target`] and [`uninstall`].
pub fn disconnect(browser: &str, library: &Path) -> Result<HostStatus> {
    let target = user_target(browser)?;
    uninstall(&target)?;
    Ok(status(&target, library))
}

/// Reads the registration for `target` back: whether it is there and sound, which library
/// the host will write, and when the extension last spoke to it. `default_library` is the
/// library used when the registration names none (a system-wide one).
pub fn status(target: &Target, default_library: &Path) -> HostStatus {
    let manifest_path = target.manifest_path();
    let mut status = HostStatus {
        browser: target.browser,
        manifest: manifest_path.clone(),
        registered: false,
        library: None,
        last_contact: None,
        problem: None,
    };
    let Ok(text) = std::fs::read_to_string(&manifest_path) else {
        status.problem = Some("not registered".to_owned());
        return status;
    };
    let manifest: serde_json::Value = match serde_json::from_str(&text) {
        Ok(m) => m,
        Err(e) => {
            status.problem = Some(format!("the manifest is not JSON: {e}"));
            return status;
        }
    };
    let program = PathBuf::from(manifest["path"].as_str().unwrap_or_default());
    if !program.is_file() {
        status.problem = Some(format!("the host program {} is missing", program.display()));
        return status;
    }
    let launcher = std::fs::read_to_string(&program).unwrap_or_default();
    let recorded = |var: &str| {
        launcher
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{var}=")))
            .map(unquote)
    };
    let library =
        recorded("NACRE_HOST_LIBRARY").map_or_else(|| default_library.to_owned(), PathBuf::from);
    let caller = recorded("NACRE_HOST_BROWSER").unwrap_or_else(|| match target.browser {
        Browser::Firefox => FIREFOX_EXTENSION_ID.to_owned(),
        _ => format!("chrome-extension://{CHROMIUM_EXTENSION_ID}/"),
    });
    if let Some(exec) = launcher.lines().find_map(|l| l.strip_prefix("exec ")) {
        let host = unquote(exec.trim_end_matches(" \"$@\""));
        if !Path::new(&host).is_file() {
            status.problem = Some(format!("the host program {host} is missing"));
        }
    }
    status.registered = status.problem.is_none();
    if library.is_file()
        && let Ok(store) = Store::open(&library)
        && let Ok(contacts) = store.browser_contacts()
    {
        status.last_contact = contacts
            .iter()
            .find(|c| c.browser == caller)
            .map(|c| c.last_at);
    }
    status.library = Some(library);
    status
}

/// Undoes [`quoted`]: `'a'\''b'` is `a'b`.
fn unquote(text: &str) -> String {
    let text = text.trim();
    text.strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .map_or_else(|| text.to_owned(), |inner| inner.replace(r"'\''", "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_is_written_read_back_and_removed() {
        let home = tempfile::tempdir().unwrap();
        let host = home.path().join("nacre-host");
        std::fs::write(&host, "#!/bin/sh\n").unwrap();
        let library = home.path().join("it's mine").join("library.sqlite");
        let profile = home.path().join("profile");
        let targets = Target::choose(home.path(), None, Some(&profile)).unwrap();
        assert_eq!(targets[0].dir, profile.join("NativeMessagingHosts"));
        let manifest = install(&targets[0], &host, &library).unwrap();
        let written: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
        assert_eq!(written["name"], HOST_NAME);
        assert_eq!(
            written["allowed_origins"][0],
            format!("chrome-extension://{CHROMIUM_EXTENSION_ID}/")
        );
        let status = status(&targets[0], Path::new("/nowhere"));
        assert!(status.registered, "{status:?}");
        assert_eq!(
            status.library.as_deref(),
            Some(library.as_path()),
            "quotes survive"
        );
        assert_eq!(status.last_contact, None);
        assert!(uninstall(&targets[0]).unwrap());
        assert!(!manifest.exists() && !targets[0].launcher_path().exists());
        assert!(!uninstall(&targets[0]).unwrap(), "nothing left to remove");
    }

    #[test]
    fn the_system_wide_manifests_of_the_deb_are_the_ones_install_writes() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser/host/system");
        for (file, browser) in [
            ("chromium.json", Browser::Chromium),
            ("firefox.json", Browser::Firefox),
        ] {
            let shipped: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
            assert_eq!(
                shipped,
                manifest(browser, Path::new("/usr/bin/nacre-host")),
                "{file}"
            );
        }
    }

    #[test]
    fn only_browsers_found_are_chosen_and_firefox_needs_its_own_folder() {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join(".mozilla")).unwrap();
        let targets = Target::choose(home.path(), None, None).unwrap();
        assert_eq!(targets.len(), 1);
        assert_eq!(
            targets[0].dir,
            home.path().join(".mozilla/native-messaging-hosts")
        );
        assert!(Target::choose(home.path(), Some(Browser::Firefox), Some(home.path())).is_err());
        assert_eq!(host_browser("Brave").unwrap(), Browser::Brave);
        let unknown = host_browser("netscape").unwrap_err().to_string();
        assert!(unknown.contains("known: chromium"), "{unknown}");
        assert!(host_browser("safari").is_err(), "no host for Safari here");
        assert!(Target::choose(home.path(), Some(Browser::Safari), None).is_err());
    }
}
