//! The anonymous session log: one JSON line per session in one file per day, old days deleted. No personal
//! data: what happened, how it ended, what was changed, what went wrong, how smooth the frames were.

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write},
    path::{Path, PathBuf},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{SystemTime, UNIX_EPOCH},
};

use bevy::prelude::*;
use serde::Serialize;

use super::health::{AudioWatch, DeviceRetry, DeviceState};
use super::station::{
    OperatorDefaults, Outcome, QUIT_TO_DESKTOP_EXIT, RESTART_EXIT, SessionClock, SessionEnded,
    SettingChange, Visit, end_session,
};
use crate::audio::{AudioOutput, OfflineOnly, SoundBank};
use crate::journey::Place;

/// Frame times kept per session: 20 minutes at 60 fps, so a 15-minute cap fits; longer sessions keep their
/// first frames.
const FRAME_SAMPLES: usize = 60 * 60 * 20;

/// Errors a session's record carries at most: a fault that repeats through a long attract loop must not
/// fill the memory (the metrics and the journal count every one).
const PENDING_ERRORS_KEPT: usize = 32;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<StationStatus>()
        .init_resource::<FrameTimes>()
        .add_message::<StationError>()
        .add_systems(Startup, open_the_log)
        .add_systems(OnEnter(Visit::Session), start_timing_frames)
        .add_systems(Startup, watch_the_sound)
        .add_systems(Update, (notice_what_went_wrong, listen_for_the_sound))
        .add_systems(
            Last,
            (
                // Only a session's frames go in its record: timed through the attract loop too, they
                // filled the buffer over hours with frames nobody would read.
                time_the_frame.run_if(in_state(Visit::Session)),
                note_errors,
                heed_a_stop_request,
                write_session,
                write_the_shutdown,
            )
                .chain(),
        );
}

/// Raised when the operating system asks the station to stop (SIGTERM from systemd at a stop or a
/// reboot, Ctrl+C): the session under way is recorded, then a `shutdown` record, then the station exits.
#[derive(Resource, Debug, Clone, Default)]
pub struct StopRequest(pub Arc<AtomicBool>);

/// The last line a station writes before it exits.
#[derive(Debug, Serialize)]
struct ShutdownRecord {
    kind: &'static str,
    at: String,
    /// `stop-requested` (the operating system), `restart` or `quit` (the operator).
    reason: &'static str,
}

/// Something went wrong at the station, of a kind the metrics count by; the message goes in the session's
/// record and on the operator's status.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct StationError(pub ErrorKind, pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorKind {
    /// The sound card: missing, lost, erroring.
    AudioDevice,
    /// No sound produced for the operator's time.
    NoSound,
    /// A sound file that will not play.
    SoundFile,
    /// The log folder or the PIN lock's file.
    Storage,
}

impl ErrorKind {
    pub const ALL: [Self; 4] = [
        Self::AudioDevice,
        Self::NoSound,
        Self::SoundFile,
        Self::Storage,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::AudioDevice => "audio-device",
            Self::NoSound => "no-sound",
            Self::SoundFile => "sound-file",
            Self::Storage => "storage",
        }
    }
}

/// What the operator overlay shows about the station.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct StationStatus {
    pub day: Option<CivilDay>,
    pub sessions_today: u32,
    pub completions_today: u32,
    pub last_error: Option<String>,
    /// Errors since the last session record (the first [`PENDING_ERRORS_KEPT`]).
    pending_errors: Vec<String>,
    checked_sounds: bool,
}

/// Real frame times of the session under way, in milliseconds.
#[derive(Resource, Debug, Default)]
pub struct FrameTimes(Vec<f32>);

impl FrameTimes {
    /// Frames timed since the session began.
    pub fn timed(&self) -> usize {
        self.0.len()
    }
}

/// The open log: where it writes, and today's file.
#[derive(Resource, Debug)]
pub struct SessionLog {
    directory: PathBuf,
    keep_days: u32,
    today: Option<(CivilDay, File)>,
    /// The day old files were last deleted on.
    pruned_on: Option<CivilDay>,
}

/// One session, as a line of the log.
#[derive(Debug, Serialize)]
pub struct SessionRecord<'a> {
    pub kind: &'static str,
    /// UTC, seconds.
    pub ended_at: String,
    pub duration_s: f32,
    pub outcome: Outcome,
    pub places: &'a [Place],
    pub settings_changed: &'a [SettingChange],
    pub errors: &'a [String],
    pub frame_ms: Percentiles,
}

/// Frame-time percentiles, in milliseconds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    pub p50: f32,
    pub p95: f32,
    pub p99: f32,
    pub max: f32,
}

impl Percentiles {
    /// Nearest-rank percentiles of `samples` (sorted in place).
    pub fn of(samples: &mut [f32]) -> Self {
        if samples.is_empty() {
            return Self::default();
        }
        samples.sort_by(f32::total_cmp);
        let rank = |p: f32| {
            let at = ((p / 100.0) * samples.len() as f32).ceil() as usize;
            samples[at.clamp(1, samples.len()) - 1]
        };
        Self {
            p50: rank(50.0),
            p95: rank(95.0),
            p99: rank(99.0),
            max: samples[samples.len() - 1],
        }
    }
}

/// A day of the proleptic Gregorian calendar, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDay {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CivilDay {
    /// The day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (`days_from_civil`).
    pub fn unix_days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The log file for this day.
    pub fn file_name(self) -> String {
        format!(
            "stillness-{:04}-{:02}-{:02}.jsonl",
            self.year, self.month, self.day
        )
    }

    /// The day a log file is for, from its name.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let date = name.strip_prefix("stillness-")?.strip_suffix(".jsonl")?;
        let mut parts = date.split('-');
        let day = Self {
            year: parts.next()?.parse().ok()?,
            month: parts.next()?.parse().ok()?,
            day: parts.next()?.parse().ok()?,
        };
        (parts.next().is_none() && (1..=12).contains(&day.month) && (1..=31).contains(&day.day))
            .then_some(day)
    }
}

/// Seconds since the Unix epoch, now.
pub(super) fn unix_now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `2026-11-22T13:05:09Z`
pub fn utc_timestamp(unix_s: u64) -> String {
    let day = CivilDay::from_unix_days((unix_s / 86_400) as i64);
    let in_day = unix_s % 86_400;
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        day.year,
        day.month,
        day.day,
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// Deletes the log files in `directory` older than `keep_days` before `today`; other files are left
/// alone, and so are today's and any dated after it (a clock set back must not empty the folder).
pub fn delete_old_days(
    directory: &Path,
    today: CivilDay,
    keep_days: u32,
) -> std::io::Result<usize> {
    let mut deleted = 0;
    for entry in fs::read_dir(directory)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(day) = name.to_str().and_then(CivilDay::from_file_name) else {
            continue;
        };
        let age_days = today.unix_days() - day.unix_days();
        if age_days > 0 && age_days >= i64::from(keep_days) {
            fs::remove_file(entry.path())?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Where the log's lines go: a file, or in tests a disk that fills up.
pub trait LineSink {
    /// One write of `bytes`; how many were taken.
    fn write_once(&mut self, bytes: &[u8]) -> io::Result<usize>;
    /// How long it is now.
    fn length(&mut self) -> io::Result<u64>;
    /// Cuts it back to `length` (a record only partly written is taken out again).
    fn cut_to(&mut self, length: u64) -> io::Result<()>;
    /// Flushes and puts it on the disk.
    fn sync(&mut self) -> io::Result<()>;
}

impl LineSink for File {
    fn write_once(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write(bytes)
    }

    fn length(&mut self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }

    fn cut_to(&mut self, length: u64) -> io::Result<()> {
        self.set_len(length)
    }

    fn sync(&mut self) -> io::Result<()> {
        self.flush()?;
        self.sync_data()
    }
}

/// Appends `line` and its newline in one write, then syncs. A write the disk takes only part of is cut
/// back out, so the file holds whole lines only and the next record starts on a line of its own.
pub fn append_line(sink: &mut impl LineSink, line: &str) -> io::Result<()> {
    let mut record = String::with_capacity(line.len() + 1);
    record.push_str(line);
    record.push('\n');
    let before = sink.length()?;
    let written = sink.write_once(record.as_bytes()).and_then(|taken| {
        if taken == record.len() {
            sink.sync()
        } else {
            Err(io::Error::new(
                io::ErrorKind::WriteZero,
                format!(
                    "the disk took {taken} of the record's {} bytes",
                    record.len()
                ),
            ))
        }
    });
    if written.is_err() {
        // Leave the file as it was; if even that fails, the next line still starts on its own line.
        if sink.cut_to(before).is_err() {
            let _ = sink.write_once(b"\n");
        }
    }
    written
}

impl SessionLog {
    pub fn new(directory: PathBuf, keep_days: u32) -> Self {
        Self {
            directory,
            keep_days,
            today: None,
            pruned_on: None,
        }
    }

    /// Appends one line to the file of `day` (opening it when the day turns).
    pub fn append(&mut self, day: CivilDay, line: &str) -> io::Result<()> {
        if self.today.as_ref().is_none_or(|(open, _)| *open != day) {
            fs::create_dir_all(&self.directory)?;
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.directory.join(day.file_name()))?;
            self.today = Some((day, file));
        }
        let (_, file) = self.today.as_mut().expect("opened above");
        append_line(file, line)
    }

    /// Deletes the days past keeping, once a day, after that day's first record is written: a failed
    /// delete never costs a record.
    pub fn prune(&mut self, today: CivilDay) -> io::Result<usize> {
        if self.pruned_on == Some(today) {
            return Ok(0);
        }
        self.pruned_on = Some(today);
        delete_old_days(&self.directory, today, self.keep_days)
    }

    /// Writes `line` into today's file, then prunes; says what went wrong, if anything.
    fn record(&mut self, now_s: u64, line: &str) -> Result<(), StationError> {
        let today = CivilDay::from_unix_days((now_s / 86_400) as i64);
        let trouble = match self.append(today, line) {
            Err(error) => format!(
                "cannot write the session log in {}: {error}",
                self.directory.display()
            ),
            Ok(()) => match self.prune(today) {
                Ok(_) => return Ok(()),
                Err(error) => format!(
                    "cannot delete old log files in {}: {error}",
                    self.directory.display()
                ),
            },
        };
        Err(StationError(ErrorKind::Storage, trouble))
    }
}

fn open_the_log(
    mut commands: Commands,
    defaults: Res<OperatorDefaults>,
    mut errors: MessageWriter<StationError>,
) {
    let config = &defaults.0;
    if let Err(error) = fs::create_dir_all(&config.log_directory) {
        errors.write(StationError(
            ErrorKind::Storage,
            format!(
                "cannot create the log folder {}: {error}",
                config.log_directory.display()
            ),
        ));
    }
    commands.insert_resource(SessionLog::new(
        config.log_directory.clone(),
        config.log_keep_days,
    ));
}

fn start_timing_frames(mut frames: ResMut<FrameTimes>) {
    frames.0.clear();
}

fn time_the_frame(time: Res<Time<Real>>, mut frames: ResMut<FrameTimes>) {
    if frames.0.len() < FRAME_SAMPLES {
        frames.0.push(time.delta_secs() * 1000.0);
    }
}

/// Problems the station can see for itself: no sound device, sounds that will not play.
fn notice_what_went_wrong(
    mut status: ResMut<StationStatus>,
    output: Option<ResMut<AudioOutput>>,
    offline_only: Option<Res<OfflineOnly>>,
    bank: Res<SoundBank>,
    server: Res<AssetServer>,
    mut errors: MessageWriter<StationError>,
) {
    if status.checked_sounds || !bank.is_settled(&server) {
        return;
    }
    status.checked_sounds = true;
    let offline_on_purpose = offline_only.is_some();
    let trouble = match output.map(|mut output| output.is_offline()) {
        None => Some("sound is off: no output could be opened"),
        Some(true) if !offline_on_purpose => {
            Some("no audio device: sound is rendered offline, nothing is heard")
        }
        Some(_) => None,
    };
    if let Some(trouble) = trouble {
        errors.write(StationError(ErrorKind::AudioDevice, trouble.into()));
    }
    for sound in bank.unplayable(&server) {
        errors.write(StationError(
            ErrorKind::SoundFile,
            format!("unplayable sound: {sound}"),
        ));
    }
}

fn watch_the_sound(
    mut commands: Commands,
    defaults: Res<OperatorDefaults>,
    offline_only: Option<Res<OfflineOnly>>,
) {
    commands.insert_resource(AudioWatch::new(
        defaults.0.silent_restart_s,
        offline_only.is_some(),
    ));
}

/// The device's own errors, whether sound is still being produced, and a lost device looked for again:
/// once it opens, the station restarts to play on it (the session under way recorded as `shutdown`).
#[allow(clippy::too_many_arguments)]
fn listen_for_the_sound(
    time: Res<Time<Real>>,
    mut output: Option<ResMut<AudioOutput>>,
    watch: Option<ResMut<AudioWatch>>,
    mut retry: Local<DeviceRetry>,
    visit: Res<State<Visit>>,
    mut clock: ResMut<SessionClock>,
    mut ended: MessageWriter<SessionEnded>,
    mut errors: MessageWriter<StationError>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(mut watch) = watch else {
        return;
    };
    let (frames, to_a_device) = match output.as_mut() {
        Some(output) => {
            while let Some(error) = output.pop_device_error() {
                errors.write(StationError(
                    ErrorKind::AudioDevice,
                    format!("audio device: {error}"),
                ));
            }
            let offline = output.is_offline();
            (output.level().frames_rendered(), !offline)
        }
        None => (0, false),
    };
    if let Some(problem) = watch.observe(frames, to_a_device, time.delta_secs()) {
        errors.write(StationError(ErrorKind::NoSound, problem));
    }
    let silent = watch.device_state() == DeviceState::Silent;
    let device_opens = || output.is_some_and(|mut output| output.device_opens());
    if retry.look(silent, time.delta_secs(), device_opens) {
        errors.write(StationError(
            ErrorKind::AudioDevice,
            "the audio device is back: restarting to play on it".into(),
        ));
        if *visit.get() == Visit::Session {
            end_session(&mut clock, Outcome::Shutdown, &mut ended);
        }
        exit.write(AppExit::from_code(RESTART_EXIT));
    }
}

fn note_errors(mut status: ResMut<StationStatus>, mut errors: MessageReader<StationError>) {
    for StationError(_, error) in errors.read() {
        error!("Station: {error}");
        status.last_error = Some(error.clone());
        if status.pending_errors.len() < PENDING_ERRORS_KEPT {
            status.pending_errors.push(error.clone());
        }
    }
}

fn heed_a_stop_request(
    stop: Option<Res<StopRequest>>,
    visit: Res<State<Visit>>,
    mut clock: ResMut<SessionClock>,
    mut ended: MessageWriter<SessionEnded>,
    mut exit: MessageWriter<AppExit>,
) {
    if !stop.is_some_and(|stop| stop.0.swap(false, Ordering::Relaxed)) {
        return;
    }
    if *visit.get() == Visit::Session {
        end_session(&mut clock, Outcome::Shutdown, &mut ended);
    }
    exit.write(AppExit::Success);
}

/// Whatever ends the process (a stop request, the operator's restart or quit), the log says so last.
fn write_the_shutdown(mut exits: MessageReader<AppExit>, mut log: Option<ResMut<SessionLog>>) {
    let Some(exit) = exits.read().last() else {
        return;
    };
    let reason = match exit {
        AppExit::Error(code) if code.get() == RESTART_EXIT => "restart",
        AppExit::Error(code) if code.get() == QUIT_TO_DESKTOP_EXIT => "quit",
        _ => "stop-requested",
    };
    let now_s = unix_now_s();
    let record = ShutdownRecord {
        kind: "shutdown",
        at: utc_timestamp(now_s),
        reason,
    };
    let line = serde_json::to_string(&record).expect("a shutdown record is plain data");
    // The station stops after this frame: the trouble goes straight to the journal.
    if let Some(Err(StationError(_, trouble))) = log.as_mut().map(|log| log.record(now_s, &line)) {
        error!("Station: {trouble}");
    }
}

fn write_session(
    mut ended: MessageReader<SessionEnded>,
    mut log: Option<ResMut<SessionLog>>,
    mut status: ResMut<StationStatus>,
    mut frames: ResMut<FrameTimes>,
    mut troubles: MessageWriter<StationError>,
) {
    for session in ended.read() {
        let now_s = unix_now_s();
        let today = CivilDay::from_unix_days((now_s / 86_400) as i64);
        if status.day != Some(today) {
            status.day = Some(today);
            status.sessions_today = 0;
            status.completions_today = 0;
        }
        status.sessions_today += 1;
        if session.outcome == Outcome::Completed {
            status.completions_today += 1;
        }
        let errors = std::mem::take(&mut status.pending_errors);
        let record = SessionRecord {
            kind: "session",
            ended_at: utc_timestamp(now_s),
            duration_s: (session.duration_s * 10.0).round() / 10.0,
            outcome: session.outcome,
            places: &session.places,
            settings_changed: &session.settings_changed,
            errors: &errors,
            frame_ms: Percentiles::of(&mut frames.0),
        };
        frames.0.clear();
        let line = serde_json::to_string(&record).expect("a session record is plain data");
        if let Some(Err(trouble)) = log.as_mut().map(|log| log.record(now_s, &line)) {
            troubles.write(trouble);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_the_calendar() {
        assert_eq!(
            CivilDay::from_unix_days(0),
            CivilDay {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        let leap = CivilDay {
            year: 2028,
            month: 2,
            day: 29,
        };
        assert_eq!(CivilDay::from_unix_days(leap.unix_days()), leap);
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(CivilDay::from_unix_days(days).unix_days(), days);
        }
        assert_eq!(utc_timestamp(1_795_300_000), "2026-11-21T22:26:40Z");
    }

    #[test]
    fn log_file_names_carry_their_day() {
        let day = CivilDay {
            year: 2026,
            month: 11,
            day: 2,
        };
        assert_eq!(day.file_name(), "stillness-2026-11-02.jsonl");
        assert_eq!(CivilDay::from_file_name(&day.file_name()), Some(day));
        assert_eq!(CivilDay::from_file_name("stillness-2026-13-02.jsonl"), None);
        assert_eq!(CivilDay::from_file_name("notes.txt"), None);
    }

    #[test]
    fn old_days_are_deleted_after_the_record_and_today_future_and_other_files_kept() {
        let dir = std::env::temp_dir().join(format!("stillness-log-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let today = CivilDay {
            year: 2026,
            month: 3,
            day: 2,
        };
        let mut log = SessionLog::new(dir.clone(), 3);
        for back in -2..6 {
            let day = CivilDay::from_unix_days(today.unix_days() - back);
            fs::write(dir.join(day.file_name()), "{}\n").unwrap();
        }
        fs::write(dir.join("operator-notes.txt"), "keep").unwrap();
        log.append(today, "{\"kind\":\"session\"}").unwrap();
        assert_eq!(log.prune(today).unwrap(), 3);
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "operator-notes.txt",
                "stillness-2026-02-28.jsonl",
                "stillness-2026-03-01.jsonl",
                "stillness-2026-03-02.jsonl",
                "stillness-2026-03-03.jsonl",
                "stillness-2026-03-04.jsonl",
            ]
        );
        let today_lines = fs::read_to_string(dir.join(today.file_name())).unwrap();
        assert_eq!(today_lines.lines().count(), 2);

        // The clock set back years: nothing is "old", nothing is deleted.
        let long_ago = CivilDay::from_unix_days(today.unix_days() - 3000);
        let mut log = SessionLog::new(dir.clone(), 1);
        log.append(long_ago, "{}").unwrap();
        assert_eq!(log.prune(long_ago).unwrap(), 0);
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A disk with `room` bytes left; what it has taken so far.
    struct FillingDisk {
        taken: Vec<u8>,
        room: usize,
    }

    impl LineSink for FillingDisk {
        fn write_once(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
            }
            let taken = bytes.len().min(self.room);
            self.taken.extend_from_slice(&bytes[..taken]);
            self.room -= taken;
            Ok(taken)
        }

        fn length(&mut self) -> io::Result<u64> {
            Ok(self.taken.len() as u64)
        }

        fn cut_to(&mut self, length: u64) -> io::Result<()> {
            let length = length as usize;
            self.room += self.taken.len() - length;
            self.taken.truncate(length);
            Ok(())
        }

        fn sync(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_splits_no_record_and_loses_no_earlier_one() {
        let record = |n: usize| format!("{{\"kind\":\"session\",\"n\":{n}}}");
        let mut disk = FillingDisk {
            taken: Vec::new(),
            room: 110,
        };
        let mut written = Vec::new();
        for n in 0..10 {
            if append_line(&mut disk, &record(n)).is_ok() {
                written.push(n);
            }
        }
        assert_eq!(
            written,
            [0, 1, 2, 3],
            "four 25-byte records fit in 110 bytes, a fifth does not"
        );
        // Space is freed: the next record starts on a line of its own.
        disk.room += 30;
        append_line(&mut disk, &record(10)).unwrap();
        let text = String::from_utf8(disk.taken).unwrap();
        let numbers: Vec<u64> = text
            .lines()
            .map(|line| {
                let value: serde_json::Value =
                    serde_json::from_str(line).expect("whole lines only");
                value["n"].as_u64().unwrap()
            })
            .collect();
        assert_eq!(numbers, [0, 1, 2, 3, 10]);
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut samples: Vec<f32> = (1..=100).map(|i| i as f32).collect();
        let p = Percentiles::of(&mut samples);
        assert_eq!((p.p50, p.p95, p.p99, p.max), (50.0, 95.0, 99.0, 100.0));
        assert_eq!(Percentiles::of(&mut []), Percentiles::default());
    }
}
