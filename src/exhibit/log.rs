//! The anonymous session log: one JSON line per session in one file per day, old days deleted. No personal
//! data: what happened, how it ended, what was changed, what went wrong, how smooth the frames were.

use std::{
    fs::{self, File, OpenOptions},
    io::Write,
    path::{Path, PathBuf},
    time::{SystemTime, UNIX_EPOCH},
};

use bevy::prelude::*;
use serde::Serialize;

use super::station::{OperatorDefaults, Outcome, SessionEnded, SettingChange, Visit};
use crate::audio::{AudioOutput, OfflineOnly, SoundBank};
use crate::journey::Place;

/// Frame times kept per session; a 15-minute cap at 60 fps fits, longer sessions keep their first frames.
const FRAME_SAMPLES: usize = 60 * 60 * 20;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<StationStatus>()
        .init_resource::<FrameTimes>()
        .add_message::<StationError>()
        .add_systems(Startup, open_the_log)
        .add_systems(OnEnter(Visit::Session), start_timing_frames)
        .add_systems(Update, notice_what_went_wrong)
        .add_systems(Last, (time_the_frame, note_errors, write_session).chain());
}

/// Something went wrong at the station; it goes in the session's record and on the operator's status.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct StationError(pub String);

/// What the operator overlay shows about the station.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct StationStatus {
    pub day: Option<CivilDay>,
    pub sessions_today: u32,
    pub completions_today: u32,
    pub last_error: Option<String>,
    /// Errors since the last session record.
    pending_errors: Vec<String>,
    checked_sounds: bool,
}

/// Real frame times of the session under way, in milliseconds.
#[derive(Resource, Debug, Default)]
pub struct FrameTimes(Vec<f32>);

/// The open log: where it writes, and today's file.
#[derive(Resource, Debug)]
pub struct SessionLog {
    directory: PathBuf,
    keep_days: u32,
    today: Option<(CivilDay, File)>,
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
fn unix_now_s() -> u64 {
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

/// Deletes the log files in `directory` older than `keep_days` before `today`; other files are left alone.
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
        if today.unix_days() - day.unix_days() >= i64::from(keep_days) {
            fs::remove_file(entry.path())?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

impl SessionLog {
    pub fn new(directory: PathBuf, keep_days: u32) -> Self {
        Self {
            directory,
            keep_days,
            today: None,
        }
    }

    /// Appends one line to the file of `day` (opening it, and deleting old days, when the day turns).
    pub fn append(&mut self, day: CivilDay, line: &str) -> std::io::Result<()> {
        if self.today.as_ref().is_none_or(|(open, _)| *open != day) {
            fs::create_dir_all(&self.directory)?;
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.directory.join(day.file_name()))?;
            self.today = Some((day, file));
            delete_old_days(&self.directory, day, self.keep_days)?;
        }
        let (_, file) = self.today.as_mut().expect("opened above");
        writeln!(file, "{line}")?;
        file.flush()
    }
}

fn open_the_log(
    mut commands: Commands,
    defaults: Res<OperatorDefaults>,
    mut errors: MessageWriter<StationError>,
) {
    let config = &defaults.0;
    if let Err(error) = fs::create_dir_all(&config.log_directory) {
        errors.write(StationError(format!(
            "cannot create the log folder {}: {error}",
            config.log_directory.display()
        )));
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
        errors.write(StationError(trouble.into()));
    }
    for sound in bank.unplayable(&server) {
        errors.write(StationError(format!("unplayable sound: {sound}")));
    }
}

fn note_errors(mut status: ResMut<StationStatus>, mut errors: MessageReader<StationError>) {
    for StationError(error) in errors.read() {
        error!("Station: {error}");
        status.last_error = Some(error.clone());
        status.pending_errors.push(error.clone());
    }
}

fn write_session(
    mut ended: MessageReader<SessionEnded>,
    mut log: Option<ResMut<SessionLog>>,
    mut status: ResMut<StationStatus>,
    mut frames: ResMut<FrameTimes>,
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
        let Some(log) = log.as_mut() else {
            continue;
        };
        if let Err(error) = log.append(today, &line) {
            let error = format!(
                "cannot write the session log in {}: {error}",
                log.directory.display()
            );
            error!("Station: {error}");
            status.last_error = Some(error);
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
    fn old_days_are_deleted_and_other_files_kept() {
        let dir = std::env::temp_dir().join(format!("stillness-log-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let today = CivilDay {
            year: 2026,
            month: 3,
            day: 2,
        };
        let mut log = SessionLog::new(dir.clone(), 3);
        for back in 0..6 {
            let day = CivilDay::from_unix_days(today.unix_days() - back);
            fs::write(dir.join(day.file_name()), "{}\n").unwrap();
        }
        fs::write(dir.join("operator-notes.txt"), "keep").unwrap();
        log.append(today, "{\"kind\":\"session\"}").unwrap();
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
                "stillness-2026-03-02.jsonl"
            ]
        );
        let today_lines = fs::read_to_string(dir.join(today.file_name())).unwrap();
        assert_eq!(today_lines.lines().count(), 2);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut samples: Vec<f32> = (1..=100).map(|i| i as f32).collect();
        let p = Percentiles::of(&mut samples);
        assert_eq!((p.p50, p.p95, p.p99, p.max), (50.0, 95.0, 99.0, 100.0));
        assert_eq!(Percentiles::of(&mut []), Percentiles::default());
    }
}
