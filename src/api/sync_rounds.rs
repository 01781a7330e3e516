//! Syncing by itself, for a shell that stays open (the window): when the next round runs (a
//! moment after the last edit, when another device's file lands in the folder, when asked,
//! when a missing folder is back), the one loop that runs the rounds (so two never run at
//! once), the watch on the folder (`notify`), and what the loop tells its shell
//! ([`RoundEvent`]). The rounds themselves are [`crate::api::sync::run`]'s; this module only
//! says when.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::api::sync::{self, SyncReport};
use crate::error::Result;
use crate::store::Store;
use crate::sync::folder::EXTENSION;

/// How long edits must have stopped before a round publishes them.
pub const EDIT_QUIET: Duration = Duration::from_secs(2);
/// How long the folder must have been still before a round reads it (a sync service often
/// writes a file in several steps).
pub const FOLDER_QUIET: Duration = Duration::from_millis(500);
/// How long after a round that could not use the folder (unwritable) the next one tries.
pub const RETRY_AFTER: Duration = Duration::from_secs(30);
/// How often the loop looks at the library (pending edits) and the folder (still there?).
pub const LOOK_EVERY: Duration = Duration::from_millis(400);

/// What the loop tells its shell, as it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum RoundEvent {
    /// A round began.
    Started,
    /// A round ended (it may still say the folder could not be used).
    Finished {
        /// What it did.
        report: SyncReport,
    },
    /// A round failed (the library could not be written, say).
    Failed {
        /// Why, in words.
        message: String,
    },
    /// How syncing stands changed without a round (an edit waits to be sent, the folder went
    /// or came back, the library joined or left a folder): read the status again.
    Changed,
}

/// When the next round is due: a pure clock, fed what the loop sees.
#[derive(Debug, Clone, Default)]
pub struct RoundClock {
    last_mark: (usize, i64),
    edited_at: Option<Instant>,
    folder_changed_at: Option<Instant>,
    asked: bool,
    retry_at: Option<Instant>,
    folder_missing: bool,
}

impl RoundClock {
    /// The library's edit mark, as just read ([`Store::sync_edit_mark`]: the pearls changed
    /// here and not yet sent, the newest history entry): a new mark with pearls to send is an
    /// edit. Returns whether the mark changed.
    pub fn edits_seen(&mut self, now: Instant, mark: (usize, i64)) -> bool {
        if mark == self.last_mark {
            return false;
        }
        self.last_mark = mark;
        if mark.0 > 0 {
            self.edited_at = Some(now);
        }
        true
    }

    /// Another device's file appeared or changed in the folder.
    pub fn folder_changed(&mut self, now: Instant) {
        self.folder_changed_at = Some(now);
    }

    /// Someone asked for a round now ("Sync now", or the library just joined a folder).
    pub fn ask(&mut self) {
        self.asked = true;
    }

    /// Whether the folder is there, as just looked at. Returns whether that changed; a folder
    /// that is back is read at once.
    pub fn folder_seen(&mut self, there: bool) -> bool {
        if there != self.folder_missing {
            return false;
        }
        self.folder_missing = !there;
        if there {
            self.asked = true;
        }
        true
    }

    /// Whether a round should run now. While the folder is missing only an asked round runs
    /// (edits wait in the library, and go when it is back).
    pub fn due(&self, now: Instant) -> bool {
        if self.asked {
            return true;
        }
        if self.folder_missing {
            return false;
        }
        let quiet = |at: Option<Instant>, wait: Duration| at.is_some_and(|t| now >= t + wait);
        quiet(self.edited_at, EDIT_QUIET)
            || quiet(self.folder_changed_at, FOLDER_QUIET)
            || self.retry_at.is_some_and(|t| now >= t)
    }

    /// How long from `now` until a round may be due, at most `most` (the loop then looks
    /// again, so a round runs when due rather than at the next look).
    pub fn wait_from(&self, now: Instant, most: Duration) -> Duration {
        if self.folder_missing {
            // Nothing comes due until the folder is back, which a look tells.
            return most;
        }
        let after = |at: Option<Instant>, wait: Duration| {
            at.map(|t| (t + wait).saturating_duration_since(now))
        };
        [
            after(self.edited_at, EDIT_QUIET),
            after(self.folder_changed_at, FOLDER_QUIET),
            after(self.retry_at, Duration::ZERO),
        ]
        .into_iter()
        .flatten()
        .fold(most, Duration::min)
    }

    /// A round begins: everything it will take care of is cleared (what happens while it runs
    /// makes the next one due).
    pub fn started(&mut self) {
        self.asked = false;
        self.edited_at = None;
        self.folder_changed_at = None;
        self.retry_at = None;
        // The round sends what is pending: any edit seen after it starts is one more.
        self.last_mark = (0, 0);
    }

    /// A round ended; one that could not use the folder is tried again later.
    pub fn finished(&mut self, now: Instant, folder_problem: bool) {
        self.retry_at = folder_problem.then(|| now + RETRY_AFTER);
    }
}

/// Whether a change of `path` in the folder is news for device `own`: another device's sync
/// file (never this device's own, nor a hidden name a file is written under first).
pub fn is_news(path: &Path, own: &str) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.')
        && !name.starts_with(&format!("{own}."))
        && Path::new(name).extension().is_some_and(|e| e == EXTENSION)
}

/// What wakes the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Run a round now.
    Now,
    /// The folder changed (the watch saw another device's file).
    Folder,
    /// End the loop.
    Stop,
}

/// How a shell reaches its loop: clone it and send.
pub type Waker = Sender<Wake>;

/// Held while a round runs, so that two never run at once (the loop's, and joining a folder).
#[derive(Debug, Default)]
struct OneRound(Mutex<()>);

impl OneRound {
    fn hold(&self) -> MutexGuard<'_, ()> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What a shell keeps to reach its loop: ask for a round, join a folder.
#[derive(Debug)]
pub struct SyncHandle {
    waker: Mutex<Waker>,
    rounds: Arc<OneRound>,
}

impl SyncHandle {
    /// Asks the loop for a round now ("Sync now"); its start and end are told as events.
    pub fn now(&self) {
        self.send(Wake::Now);
    }

    /// Ends the loop.
    pub fn stop(&self) {
        self.send(Wake::Stop);
    }

    fn send(&self, wake: Wake) {
        let waker = self.waker.lock().unwrap_or_else(PoisonError::into_inner);
        // A loop that has ended has nothing left to do.
        let _ = waker.send(wake);
    }

    /// Joins `folder` as [`sync::init`] does (never while a round of the loop runs); from
    /// then on the loop syncs by itself.
    ///
    /// # Errors
    /// As [`sync::init`].
    pub fn join(&self, store: &Store, folder: &Path, device_name: &str) -> Result<SyncReport> {
        let report = {
            let _one = self.rounds.hold();
            sync::init(store, folder, Some(device_name))?
        };
        self.now();
        Ok(report)
    }
}

/// The one loop that runs a library's rounds by itself.
pub struct AutoSync {
    wakes: Receiver<Wake>,
    waker: Waker,
    rounds: Arc<OneRound>,
    clock: RoundClock,
    watched: Option<(PathBuf, notify::RecommendedWatcher)>,
    syncing: bool,
}

impl AutoSync {
    /// A loop, and the handle to reach it.
    pub fn new() -> (AutoSync, SyncHandle) {
        let (waker, wakes) = channel();
        let rounds = Arc::new(OneRound::default());
        let auto = AutoSync {
            wakes,
            waker: waker.clone(),
            rounds: Arc::clone(&rounds),
            clock: RoundClock::default(),
            watched: None,
            syncing: false,
        };
        let handle = SyncHandle {
            waker: Mutex::new(waker),
            rounds,
        };
        (auto, handle)
    }

    /// Runs rounds on `store` whenever they are due, telling `tell` about each, until told to
    /// [`Wake::Stop`]. Blocks: run it on a thread of its own.
    pub fn run(mut self, store: &Store, mut tell: impl FnMut(RoundEvent)) {
        loop {
            let wait = self.clock.wait_from(Instant::now(), LOOK_EVERY);
            match self.wakes.recv_timeout(wait) {
                Ok(Wake::Now) => self.clock.ask(),
                Ok(Wake::Folder) => self.clock.folder_changed(Instant::now()),
                Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => {}
            }
            if self.look(store) {
                tell(RoundEvent::Changed);
            }
            if self.syncing && self.clock.due(Instant::now()) {
                self.clock.started();
                tell(RoundEvent::Started);
                let outcome = {
                    let _one = self.rounds.hold();
                    sync::run(store)
                };
                let problem = outcome.as_ref().is_ok_and(|r| r.folder_problem.is_some());
                self.clock.finished(Instant::now(), problem);
                tell(match outcome {
                    Ok(report) => RoundEvent::Finished { report },
                    Err(e) => RoundEvent::Failed {
                        message: e.to_string(),
                    },
                });
            }
        }
    }

    /// Looks at the library and the folder; keeps the watch on the folder the library syncs
    /// through. Returns whether how syncing stands changed.
    fn look(&mut self, store: &Store) -> bool {
        let config = match store.sync_config() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("nacre: cannot read the sync settings: {e}");
                return false;
            }
        };
        let Some(config) = config else {
            let was = std::mem::replace(&mut self.syncing, false);
            self.watched = None;
            self.clock = RoundClock::default();
            return was;
        };
        let mut changed = !std::mem::replace(&mut self.syncing, true);
        if changed {
            // Just opened, or just joined: what the others wrote meanwhile is read at once.
            self.clock.ask();
        }
        let there = config.folder.is_dir();
        changed |= self.clock.folder_seen(there);
        if !there {
            self.watched = None;
        } else if self
            .watched
            .as_ref()
            .is_none_or(|(f, _)| *f != config.folder)
        {
            self.watched = watch(&config.folder, &config.device_id, self.waker.clone())
                .map(|w| (config.folder.clone(), w));
        }
        if let Ok(mark) = store.sync_edit_mark() {
            changed |= self.clock.edits_seen(Instant::now(), mark);
        }
        changed
    }
}

/// Watches `folder` for other devices' files; `None` (and a word on stderr) if the system
/// cannot (the loop then still syncs after edits, on request and when the folder comes back).
fn watch(folder: &Path, own: &str, waker: Waker) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher as _;
    let own = own.to_owned();
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
            && event.paths.iter().any(|p| is_news(p, &own))
        {
            let _ = waker.send(Wake::Folder);
        }
    };
    let started = notify::recommended_watcher(handler).and_then(|mut w| {
        w.watch(folder, notify::RecursiveMode::NonRecursive)?;
        Ok(w)
    });
    match started {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!("nacre: cannot watch {}: {e}", folder.display());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(base: Instant, millis: u64) -> Instant {
        base + Duration::from_millis(millis)
    }

    #[test]
    fn a_round_runs_two_seconds_after_the_last_edit_not_after_the_first() {
        let t0 = Instant::now();
        let mut clock = RoundClock::default();
        assert!(clock.edits_seen(t0, (1, 10)), "the first edit is seen");
        assert!(!clock.due(at(t0, 1_500)), "not while edits may go on");
        assert!(
            clock.edits_seen(at(t0, 1_500), (1, 11)),
            "a second edit of the same pearl is seen"
        );
        assert!(
            !clock.due(at(t0, 3_000)),
            "the second edit restarts the wait"
        );
        assert!(clock.due(at(t0, 3_500)), "two seconds after the last edit");
        clock.started();
        assert!(!clock.due(at(t0, 9_000)), "nothing left once a round ran");
    }

    #[test]
    fn the_same_mark_read_again_is_no_edit_nor_is_a_rounds_own_history_entry() {
        let t0 = Instant::now();
        let mut clock = RoundClock::default();
        assert!(!clock.edits_seen(t0, (0, 0)));
        clock.edits_seen(t0, (3, 7));
        clock.started();
        assert!(
            clock.edits_seen(at(t0, 100), (0, 8)),
            "the round's \"Synced 2 changes\" entry is a new mark"
        );
        assert!(!clock.due(at(t0, 5_000)), "but nothing to send: no round");
        assert!(clock.edits_seen(at(t0, 5_000), (1, 9)));
        assert!(!clock.edits_seen(at(t0, 5_100), (1, 9)));
        assert!(clock.due(at(t0, 7_000)));
    }

    #[test]
    fn another_devices_file_is_read_once_the_folder_is_still() {
        let t0 = Instant::now();
        let mut clock = RoundClock::default();
        clock.folder_changed(t0);
        assert!(!clock.due(at(t0, 100)));
        assert!(clock.due(at(t0, 600)));
    }

    #[test]
    fn the_loop_waits_until_the_round_is_due_and_no_longer() {
        let t0 = Instant::now();
        let mut clock = RoundClock::default();
        assert_eq!(
            clock.wait_from(t0, LOOK_EVERY),
            LOOK_EVERY,
            "nothing due: look as usual"
        );
        clock.folder_changed(t0);
        assert_eq!(
            clock.wait_from(at(t0, 300), LOOK_EVERY),
            Duration::from_millis(200),
            "the folder is still 200 ms from now"
        );
        assert_eq!(clock.wait_from(at(t0, 900), LOOK_EVERY), Duration::ZERO);
        clock.folder_seen(false);
        assert_eq!(
            clock.wait_from(at(t0, 900), LOOK_EVERY),
            LOOK_EVERY,
            "a missing folder makes nothing due: no busy loop"
        );
    }

    #[test]
    fn a_missing_folder_stops_rounds_until_it_is_back_then_one_runs_at_once() {
        let t0 = Instant::now();
        let mut clock = RoundClock::default();
        assert!(!clock.folder_seen(true), "there from the start: no change");
        assert!(clock.folder_seen(false), "the folder went");
        clock.edits_seen(t0, (4, 4));
        assert!(!clock.due(at(t0, 10_000)), "edits wait for the folder");
        assert!(clock.folder_seen(true), "the folder is back");
        assert!(clock.due(at(t0, 10_001)), "and a round runs at once");
    }

    #[test]
    fn asking_runs_a_round_even_while_the_folder_is_missing() {
        let mut clock = RoundClock::default();
        clock.folder_seen(false);
        clock.ask();
        assert!(
            clock.due(Instant::now()),
            "Sync now says why it cannot, itself"
        );
    }

    #[test]
    fn a_round_that_could_not_use_the_folder_is_tried_again_later() {
        let t0 = Instant::now();
        let mut clock = RoundClock::default();
        clock.ask();
        clock.started();
        clock.finished(t0, true);
        assert!(!clock.due(at(t0, 1_000)));
        assert!(clock.due(t0 + RETRY_AFTER));
        clock.started();
        clock.finished(at(t0, 40_000), false);
        assert!(
            !clock.due(at(t0, 200_000)),
            "a round that worked is not repeated"
        );
    }

    #[test]
    fn only_other_devices_sync_files_are_news() {
        let own = "a1b2c3d4e5f60718";
        assert!(is_news(
            Path::new("/s/ffee00112233aabb.0001733140000000.nacresync"),
            own
        ));
        assert!(is_news(
            Path::new("/s/ffee00112233aabb.snapshot.nacresync"),
            own
        ));
        assert!(!is_news(
            Path::new(&format!("/s/{own}.snapshot.nacresync")),
            own
        ));
        assert!(!is_news(
            Path::new("/s/.ffee00112233aabb.snapshot.nacresync.tmp"),
            own
        ));
        assert!(!is_news(Path::new("/s/notes.txt"), own));
        assert!(!is_news(Path::new("/s/.stfolder"), own));
    }

    /// The report of the next round the loop ends (waiting on its events, not on time).
    fn next_finished(events: &Receiver<RoundEvent>) -> SyncReport {
        loop {
            match events.recv_timeout(Duration::from_secs(30)).unwrap() {
                RoundEvent::Finished { report } => return report,
                RoundEvent::Failed { message } => panic!("a round failed: {message}"),
                _ => {}
            }
        }
    }

    /// Two libraries ("desktop" here, "laptop" there) joined to one folder, in a temporary
    /// folder that lasts as long as the first value.
    fn two_devices() -> (tempfile::TempDir, Store, Store) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("shared");
        std::fs::create_dir(&folder).unwrap();
        let here = Store::open(dir.path().join("here.sqlite")).unwrap();
        let there = Store::open(dir.path().join("there.sqlite")).unwrap();
        sync::init(&here, &folder, Some("desktop")).unwrap();
        sync::init(&there, &folder, Some("laptop")).unwrap();
        (dir, here, there)
    }

    #[test]
    fn the_loop_takes_in_at_once_what_another_device_wrote_while_it_was_not_running() {
        use crate::{NewPearl, Placement};
        let (_dir, here, there) = two_devices();
        there
            .create(
                there.inbox_id(),
                Placement::End,
                &NewPearl::collection("Written while closed").unwrap(),
            )
            .unwrap();
        sync::run(&there).unwrap();

        let (auto, handle) = AutoSync::new();
        let (events_tx, events) = channel();
        std::thread::scope(|s| {
            s.spawn(|| auto.run(&here, move |e| events_tx.send(e).unwrap()));
            let report = next_finished(&events);
            assert_eq!(report.from_devices, ["laptop"], "the first round reads it");
            handle.stop();
        });
        let titles: Vec<String> = here
            .children(here.inbox_id())
            .unwrap()
            .into_iter()
            .map(|p| p.title)
            .collect();
        assert_eq!(titles, ["Written while closed"]);
    }

    #[test]
    fn the_loop_publishes_an_edit_and_takes_in_another_devices_file_by_itself() {
        use crate::{NewPearl, Placement};
        let (_dir, here, there) = two_devices();

        let (auto, handle) = AutoSync::new();
        let (events_tx, events) = channel();
        std::thread::scope(|s| {
            s.spawn(|| auto.run(&here, move |e| events_tx.send(e).unwrap()));
            assert_eq!(
                next_finished(&events).published,
                0,
                "the round at the start"
            );
            // An edit here is published by the loop, with no one asking.
            here.create(
                here.inbox_id(),
                Placement::End,
                &NewPearl::collection("Written here").unwrap(),
            )
            .unwrap();
            assert_eq!(next_finished(&events).published, 1, "the edit went out");
            sync::run(&there).unwrap();
            let titles = |s: &Store| {
                s.children(s.inbox_id())
                    .unwrap()
                    .into_iter()
                    .map(|p| p.title)
                    .collect::<Vec<_>>()
            };
            assert_eq!(titles(&there), ["Written here"]);

            // Another device's file landing in the folder makes a round that takes it in.
            there
                .create(
                    there.inbox_id(),
                    Placement::End,
                    &NewPearl::collection("Written there").unwrap(),
                )
                .unwrap();
            sync::run(&there).unwrap();
            let report = next_finished(&events);
            assert_eq!(report.from_devices, ["laptop"]);
            assert_eq!(titles(&here), ["Written here", "Written there"]);
            handle.stop();
        });
    }
}
