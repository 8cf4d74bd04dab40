//! The station's figures for a fleet: a node_exporter textfile-collector file (Prometheus text format),
//! rewritten every few seconds, whole or not at all (a temporary file renamed over the last one), so
//! the museum's Prometheus scrapes twenty stations with the node_exporter it already runs.

use std::{
    collections::VecDeque,
    fmt::Write as _,
    fs, io,
    path::{Path, PathBuf},
};

use bevy::prelude::*;

use super::health::{AudioWatch, DeviceState};
use super::log::{ErrorKind, Percentiles, StationError};
use super::session::VisitorVolume;
use super::station::{OperatorDefaults, Outcome, SessionEnded, Visit};

/// Frame times the quantiles are taken over: the last ten seconds or so.
const FRAME_WINDOW: usize = 600;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, start_counting)
        .add_systems(
            OnEnter(Visit::Session),
            count_a_start.run_if(resource_exists::<Metrics>),
        )
        .add_systems(
            Last,
            (count, write_the_figures)
                .chain()
                .run_if(resource_exists::<Metrics>),
        );
}

/// What the station has counted since it started, and where it writes it.
#[derive(Resource, Debug)]
pub struct Metrics {
    file: PathBuf,
    every_s: f32,
    since_written_s: f32,
    started: u64,
    ended: [(Outcome, u64); 5],
    errors: [(ErrorKind, u64); 4],
    frame_ms: VecDeque<f32>,
}

impl Metrics {
    pub fn new(file: PathBuf, every_s: f32) -> Self {
        Self {
            file,
            every_s,
            // The first figures go out at once.
            since_written_s: every_s,
            started: 0,
            ended: [
                Outcome::Completed,
                Outcome::IdleReset,
                Outcome::SessionCap,
                Outcome::OperatorReset,
                Outcome::Shutdown,
            ]
            .map(|outcome| (outcome, 0)),
            errors: ErrorKind::ALL.map(|kind| (kind, 0)),
            frame_ms: VecDeque::with_capacity(FRAME_WINDOW),
        }
    }
}

/// The moment's readings that go with the counts.
pub struct Readings {
    pub uptime_s: f32,
    pub silent_s: f32,
    pub device: DeviceState,
    pub visitor_volume_db: f32,
    pub visiting: bool,
}

/// The figures in Prometheus's text exposition format.
pub fn exposition(metrics: &Metrics, now: &Readings) -> String {
    let mut text = String::new();
    let mut family = |name: &str, kind: &str, help: &str, samples: &[(String, f64)]| {
        let _ = writeln!(text, "# HELP stillness_{name} {help}");
        let _ = writeln!(text, "# TYPE stillness_{name} {kind}");
        for (labels, value) in samples {
            let _ = writeln!(text, "stillness_{name}{labels} {value}");
        }
    };
    let one = |value: f64| [(String::new(), value)];
    family(
        "build_info",
        "gauge",
        "The station's build.",
        &[(
            format!("{{version=\"{}\"}}", env!("CARGO_PKG_VERSION")),
            1.0,
        )],
    );
    family(
        "uptime_seconds",
        "gauge",
        "Seconds since the station started.",
        &one(f64::from(now.uptime_s)),
    );
    family(
        "sessions_started_total",
        "counter",
        "Sessions a visitor started.",
        &one(metrics.started as f64),
    );
    let ended: Vec<(String, f64)> = metrics
        .ended
        .iter()
        .map(|(outcome, count)| {
            (
                format!("{{outcome=\"{}\"}}", outcome_name(*outcome)),
                *count as f64,
            )
        })
        .collect();
    family(
        "sessions_ended_total",
        "counter",
        "Sessions ended, by how.",
        &ended,
    );
    let completions = metrics
        .ended
        .iter()
        .find(|(outcome, _)| *outcome == Outcome::Completed)
        .map_or(0, |(_, count)| *count);
    family(
        "completions_total",
        "counter",
        "Sessions that reached the end card after the last place.",
        &one(completions as f64),
    );
    let errors: Vec<(String, f64)> = metrics
        .errors
        .iter()
        .map(|(kind, count)| (format!("{{kind=\"{}\"}}", kind.name()), *count as f64))
        .collect();
    family(
        "errors_total",
        "counter",
        "Problems the station noticed, by kind.",
        &errors,
    );
    family(
        "seconds_since_audio",
        "gauge",
        "Seconds since sound last reached the audio device.",
        &one(f64::from(now.silent_s)),
    );
    let states: Vec<(String, f64)> = [
        DeviceState::Playing,
        DeviceState::OfflineOnPurpose,
        DeviceState::Silent,
    ]
    .iter()
    .map(|state| {
        (
            format!("{{state=\"{}\"}}", state.name()),
            f64::from(u8::from(*state == now.device)),
        )
    })
    .collect();
    family(
        "audio_device",
        "gauge",
        "1 for the audio device's state now, 0 for the others.",
        &states,
    );
    let mut window: Vec<f32> = metrics.frame_ms.iter().copied().collect();
    let quantiles = Percentiles::of(&mut window);
    family(
        "frame_time_milliseconds",
        "gauge",
        "Frame times over the last ten seconds or so, by quantile.",
        &[
            ("{quantile=\"0.5\"}".into(), f64::from(quantiles.p50)),
            ("{quantile=\"0.95\"}".into(), f64::from(quantiles.p95)),
            ("{quantile=\"0.99\"}".into(), f64::from(quantiles.p99)),
            ("{quantile=\"1\"}".into(), f64::from(quantiles.max)),
        ],
    );
    family(
        "visitor_volume_db",
        "gauge",
        "The visitor's volume (dB under the ceiling-limited output).",
        &one(f64::from(now.visitor_volume_db)),
    );
    family(
        "visiting",
        "gauge",
        "1 while a visitor plays, 0 in the attract loop.",
        &one(f64::from(u8::from(now.visiting))),
    );
    text
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Completed => "completed",
        Outcome::IdleReset => "idle-reset",
        Outcome::SessionCap => "session-cap",
        Outcome::OperatorReset => "operator-reset",
        Outcome::Shutdown => "shutdown",
    }
}

/// Writes `text` to `file` whole: a temporary file beside it (a name node_exporter does not read),
/// synced, then renamed over it.
pub fn write_atomically(file: &Path, text: &str) -> io::Result<()> {
    let mut temporary = file.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    fs::write(&temporary, text)?;
    fs::File::open(&temporary)?.sync_all()?;
    fs::rename(&temporary, file)
}

fn start_counting(mut commands: Commands, defaults: Res<OperatorDefaults>) {
    if let Some(metrics) = &defaults.0.metrics {
        commands.insert_resource(Metrics::new(metrics.textfile.clone(), metrics.every_s));
    }
}

fn count_a_start(mut metrics: ResMut<Metrics>) {
    metrics.started += 1;
}

fn count(
    time: Res<Time<Real>>,
    mut metrics: ResMut<Metrics>,
    mut ended: MessageReader<SessionEnded>,
    mut errors: MessageReader<StationError>,
) {
    for session in ended.read() {
        for (outcome, count) in &mut metrics.ended {
            *count += u64::from(*outcome == session.outcome);
        }
    }
    for StationError(kind, _) in errors.read() {
        for (counted, count) in &mut metrics.errors {
            *count += u64::from(counted == kind);
        }
    }
    if metrics.frame_ms.len() == FRAME_WINDOW {
        metrics.frame_ms.pop_front();
    }
    metrics.frame_ms.push_back(time.delta_secs() * 1000.0);
}

fn write_the_figures(
    time: Res<Time<Real>>,
    mut metrics: ResMut<Metrics>,
    watch: Option<Res<AudioWatch>>,
    volume: Res<VisitorVolume>,
    visit: Res<State<Visit>>,
    mut warned: Local<bool>,
) {
    metrics.since_written_s += time.delta_secs();
    if metrics.since_written_s < metrics.every_s {
        return;
    }
    metrics.since_written_s = 0.0;
    let readings = Readings {
        uptime_s: time.elapsed_secs(),
        silent_s: watch.as_ref().map_or(0.0, |watch| watch.silent_s()),
        device: watch
            .as_ref()
            .map_or(DeviceState::Silent, |watch| watch.device_state()),
        visitor_volume_db: volume.db,
        visiting: *visit.get() == Visit::Session,
    };
    let text = exposition(&metrics, &readings);
    match write_atomically(&metrics.file, &text) {
        Ok(()) => *warned = false,
        Err(error) if !*warned => {
            *warned = true;
            error!(
                "Station: cannot write the metrics file {}: {error}",
                metrics.file.display()
            );
        }
        Err(_) => {}
    }
}
