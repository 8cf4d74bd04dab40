//! The output's level, the last stage on the main track (after the hearing effect and its limiter): the
//! listener's volume, the safe-listening rise from silence, and the operator's calibration, which takes
//! the level out of the way. It only ever lowers the sound, so the limiter's ceiling holds whatever it
//! does. It also counts the frames it renders: proof that sound is being produced.
//!
//! Commands carry the whole wanted state, so kira's command slot, which keeps only the latest value
//! written before the audio thread reads it, loses nothing: a rise from silence is a new rise number,
//! seen however many other changes follow it in the same frame.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use kira::Frame;
use kira::command::{CommandReader, CommandWriter, command_writer_and_reader};
use kira::effect::{Effect, EffectBuilder};
use kira::info::Info;

/// A rise starts this far under its level (or less, for short rises: see [`RISE_MAX_DB_PER_S`]).
pub const RISE_DEPTH_DB: f32 = 60.0;
/// No rise climbs faster than this: 0.8 dB per 10 ms, never a jump the ear takes for a start.
pub const RISE_MAX_DB_PER_S: f32 = 80.0;

/// How deep a rise over `rise_s` starts.
pub fn rise_depth_db(rise_s: f32) -> f32 {
    (RISE_MAX_DB_PER_S * rise_s).min(RISE_DEPTH_DB)
}

/// What the game wants of the level, as a whole.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Wanted {
    volume_db: f32,
    /// How long a change of volume glides.
    glide_s: f32,
    /// Each new number starts a rise from silence.
    rise: u64,
    rise_s: f32,
    /// The operator's calibration: unity gain, no volume, no rise.
    calibrating: bool,
}

/// Makes the level stage; `rise` is how long the first sound takes to rise from silence (zero: none).
pub struct LevelBuilder {
    rise: Duration,
    rendered: Arc<Rendered>,
}

/// What the audio thread has rendered, counted by itself.
#[derive(Debug, Default)]
struct Rendered {
    frames: AtomicU64,
    sample_rate: AtomicU32,
}

impl LevelBuilder {
    pub fn new(rise: Duration) -> Self {
        Self {
            rise,
            rendered: Arc::default(),
        }
    }
}

impl EffectBuilder for LevelBuilder {
    type Handle = LevelHandle;

    fn build(self) -> (Box<dyn Effect>, LevelHandle) {
        let (writer, reader) = command_writer_and_reader();
        let rise_s = self.rise.as_secs_f32();
        let wanted = Wanted {
            volume_db: 0.0,
            glide_s: 0.0,
            rise: 0,
            rise_s,
            calibrating: false,
        };
        let effect = LevelEffect {
            commands: reader,
            wanted,
            volume_db: 0.0,
            glide_db_per_s: f32::INFINITY,
            rise_db: -rise_depth_db(rise_s),
            rise_db_per_s: rise_depth_db(rise_s) / rise_s.max(f32::MIN_POSITIVE),
            rendered: self.rendered.clone(),
        };
        let handle = LevelHandle {
            wanted,
            writer,
            rendered: self.rendered,
        };
        (Box::new(effect), handle)
    }
}

/// Sets the level from gameplay code.
#[derive(Debug)]
pub struct LevelHandle {
    wanted: Wanted,
    writer: CommandWriter<Wanted>,
    rendered: Arc<Rendered>,
}

impl LevelHandle {
    /// Glides to `volume_db` over `glide`.
    pub fn set_volume_db(&mut self, volume_db: f32, glide: Duration) {
        self.wanted.volume_db = volume_db;
        self.wanted.glide_s = glide.as_secs_f32();
        self.send();
    }

    /// Drops to silence now and rises to `volume_db` over `rise` (the safe-listening ramp-in).
    pub fn rise_from_silence(&mut self, volume_db: f32, rise: Duration) {
        self.wanted.volume_db = volume_db;
        self.wanted.glide_s = 0.0;
        self.wanted.rise += 1;
        self.wanted.rise_s = rise.as_secs_f32();
        self.send();
    }

    /// While calibrating, what reaches this stage leaves it unchanged: the tone comes out at its level.
    pub fn set_calibrating(&mut self, calibrating: bool) {
        self.wanted.calibrating = calibrating;
        self.send();
    }

    /// Frames rendered since the output opened (the audio thread's own count).
    pub fn frames_rendered(&self) -> u64 {
        self.rendered.frames.load(Ordering::Relaxed)
    }

    /// Seconds of sound rendered since the output opened.
    pub fn seconds_rendered(&self) -> f64 {
        let rate = self.rendered.sample_rate.load(Ordering::Relaxed).max(1);
        self.frames_rendered() as f64 / f64::from(rate)
    }

    fn send(&mut self) {
        self.writer.write(self.wanted);
    }
}

struct LevelEffect {
    commands: CommandReader<Wanted>,
    wanted: Wanted,
    volume_db: f32,
    glide_db_per_s: f32,
    /// The rise under way: 0 when done, negative while rising.
    rise_db: f32,
    rise_db_per_s: f32,
    rendered: Arc<Rendered>,
}

impl LevelEffect {
    fn take(&mut self, wanted: Wanted) {
        if wanted.rise != self.wanted.rise {
            let depth = rise_depth_db(wanted.rise_s);
            self.rise_db = -depth;
            self.rise_db_per_s = depth / wanted.rise_s.max(f32::MIN_POSITIVE);
            self.volume_db = wanted.volume_db;
        }
        if wanted.volume_db != self.wanted.volume_db || wanted.glide_s != self.wanted.glide_s {
            self.glide_db_per_s =
                (wanted.volume_db - self.volume_db).abs() / wanted.glide_s.max(f32::MIN_POSITIVE);
        }
        self.wanted = wanted;
    }
}

impl Effect for LevelEffect {
    fn init(&mut self, sample_rate: u32, _internal_buffer_size: usize) {
        self.on_change_sample_rate(sample_rate);
    }

    fn on_change_sample_rate(&mut self, sample_rate: u32) {
        self.rendered
            .sample_rate
            .store(sample_rate, Ordering::Relaxed);
    }

    fn on_start_processing(&mut self) {
        if let Some(wanted) = self.commands.read() {
            self.take(wanted);
        }
    }

    fn process(&mut self, input: &mut [Frame], dt: f64, _info: &Info) {
        self.rendered
            .frames
            .fetch_add(input.len() as u64, Ordering::Relaxed);
        let dt = dt as f32;
        for frame in input {
            let step = self.glide_db_per_s * dt;
            let to_go = self.wanted.volume_db - self.volume_db;
            self.volume_db += to_go.clamp(-step, step);
            self.rise_db = (self.rise_db + self.rise_db_per_s * dt).min(0.0);
            if self.wanted.calibrating {
                continue;
            }
            let gain = hearing::calibration::db_to_amplitude(self.volume_db + self.rise_db);
            *frame *= gain;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearing::backend::{OfflineBackend, OfflineSettings};
    use kira::sound::static_sound::{StaticSoundData, StaticSoundSettings};
    use kira::track::MainTrackBuilder;
    use kira::{AudioManager, AudioManagerSettings};

    const RATE: u32 = 48_000;

    /// An offline mixer with the level stage on its main track, playing a steady 1 kHz sine at 0 dBFS.
    fn mixer(rise: Duration) -> (AudioManager<OfflineBackend>, LevelHandle) {
        let mut main = MainTrackBuilder::new();
        let level = main.add_effect(LevelBuilder::new(rise));
        let mut manager = AudioManager::new(AudioManagerSettings {
            capacities: Default::default(),
            main_track_builder: main,
            internal_buffer_size: 128,
            backend_settings: OfflineSettings::default(),
        })
        .unwrap();
        let sine: Arc<[Frame]> = (0..RATE)
            .map(|n| {
                Frame::from_mono((std::f32::consts::TAU * 1000.0 * n as f32 / RATE as f32).sin())
            })
            .collect();
        manager
            .play(StaticSoundData {
                sample_rate: RATE,
                frames: sine,
                settings: StaticSoundSettings::new().loop_region(..),
                slice: None,
            })
            .unwrap();
        (manager, level)
    }

    /// Levels (dB re the unity sine's RMS) of consecutive 10 ms windows.
    fn windows_db(frames: &[Frame]) -> Vec<f32> {
        frames
            .chunks(RATE as usize / 100)
            .map(|w| {
                let power = w.iter().map(|f| f.left * f.left).sum::<f32>() / w.len() as f32;
                10.0 * (2.0 * power).max(1e-20).log10()
            })
            .collect()
    }

    fn assert_rises(windows: &[f32], target_db: f32, rise_s: f32) {
        let first_50_ms = windows[..5].iter().copied().fold(f32::MIN, f32::max);
        assert!(
            first_50_ms <= target_db - 30.0,
            "the first 50 ms reach {first_50_ms:.1} dB, under a target of {target_db} dB"
        );
        let at_end = windows[(rise_s * 100.0) as usize];
        assert!(
            (at_end - target_db).abs() <= 1.0,
            "{at_end:.2} dB at the end of the rise, wanted {target_db} dB"
        );
        for (n, pair) in windows.windows(2).enumerate() {
            assert!(
                (pair[1] - pair[0]).abs() <= 1.0,
                "a step of {:.2} dB at {} ms",
                pair[1] - pair[0],
                (n + 1) * 10
            );
        }
    }

    #[test]
    fn the_first_sound_rises_from_silence() {
        let (mut manager, _level) = mixer(Duration::from_secs(3));
        let mut renderer = manager.backend_mut().renderer();
        let windows = windows_db(&renderer.render(RATE as usize * 4));
        assert_rises(&windows, 0.0, 3.0);
    }

    /// The fault this stage exists for: "silence now" and "fade to the volume" written in one frame.
    #[test]
    fn a_rise_after_sound_was_already_up_starts_from_silence_and_keeps_every_step_small() {
        for rise_s in [0.5, 3.0] {
            let (mut manager, mut level) = mixer(Duration::ZERO);
            let mut renderer = manager.backend_mut().renderer();
            level.set_volume_db(-18.0, Duration::ZERO);
            renderer.render(RATE as usize);
            level.rise_from_silence(-6.0, Duration::from_secs_f32(rise_s));
            level.set_volume_db(-6.0, Duration::from_millis(60));
            let windows = windows_db(&renderer.render(RATE as usize * 4));
            assert_rises(&windows, -6.0, rise_s);
        }
    }

    #[test]
    fn calibrating_leaves_the_signal_untouched_and_frames_are_counted() {
        let (mut manager, mut level) = mixer(Duration::ZERO);
        let mut renderer = manager.backend_mut().renderer();
        level.set_volume_db(-24.0, Duration::ZERO);
        level.set_calibrating(true);
        let windows = windows_db(&renderer.render(RATE as usize / 2));
        assert!(windows.iter().all(|db| db.abs() < 0.01), "{windows:?}");
        assert_eq!(level.frames_rendered(), u64::from(RATE) / 2);
        assert_eq!(level.seconds_rendered(), 0.5);
        level.set_calibrating(false);
        let windows = windows_db(&renderer.render(RATE as usize / 2));
        assert!((windows[windows.len() - 1] + 24.0).abs() < 0.5);
    }
}
