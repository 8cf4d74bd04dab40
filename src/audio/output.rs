//! Opening the one audio output: the device if there is one, else offline rendering, which in a
//! headless app advances in lockstep with game time.

use bevy::platform::cell::SyncCell;
use bevy::prelude::*;
use hearing::{
    BandLevels, BandMeterBuilder, BandMeterHandle, HearingEffectBuilder, HearingOutput,
    OfflineRenderer, OutputChoice, ProcessorSettings,
};
use kira::listener::ListenerHandle;
use kira::track::{
    SpatialTrackBuilder, SpatialTrackDistances, SpatialTrackHandle, TrackBuilder, TrackHandle,
};
use kira::{Decibels, Frame, Tween};

use super::level::{LevelBuilder, LevelHandle};
use crate::journey::Kiosk;
use crate::settings::{CurrentSettings, SettingsSystems};

/// How many sounds can play from points in the world at once.
pub const SPATIAL_TRACKS: usize = 16;

/// Inserted before the plugins build: render offline only, advanced with game time (tests, `render`).
/// Without it the sound card is opened, falling back to offline rendering with a warning.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OfflineOnly;

/// Inserted before the plugins build: play on this stand-in sound card (which a test can pull out and
/// plug back in) instead of the system's device.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct StandInSoundCard(pub hearing::DeviceSocket);

/// How long sound takes to rise from silence when the output opens: nobody is met by a wall of
/// sound (safe listening). Tests set it to zero.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct RampIn(pub std::time::Duration);

impl Default for RampIn {
    fn default() -> Self {
        Self(std::time::Duration::from_secs(3))
    }
}

/// The safety limiter's ceiling (dBFS, true peak), in force from the output's first sample. Without it
/// the hearing effect's own default holds.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Ceiling(pub f32);

/// The open output and everything of ours that lives on it.
#[derive(Resource)]
pub struct AudioOutput(SyncCell<Mixer>);

/// kira's handles are `Send` but not `Sync`; systems reach them only through `&mut`.
pub struct Mixer {
    pub(crate) output: HearingOutput,
    pub(crate) listener: ListenerHandle,
    /// A plain track for sounds inside the head.
    pub(crate) head: TrackHandle,
    pub(crate) spatial: Vec<SpatialTrackHandle>,
    /// Around each spatial track, a plain track that meters what it sends to the ears (after distance
    /// and direction) with the ears' own detectors; the handles keep the tracks alive.
    metered: Vec<(TrackHandle, BandMeterHandle)>,
    /// The last stage of the main track: volume, rise from silence, calibration.
    pub(crate) level: LevelHandle,
    free_spatial: Vec<usize>,
    renderer: Option<OfflineRenderer>,
    frames_due: f64,
    /// Where the sound was meant to go (a device may have been missing, and may come back).
    choice: OutputChoice,
}

impl AudioOutput {
    pub fn mixer(&mut self) -> &mut Mixer {
        self.0.get()
    }

    pub fn hearing(&mut self) -> &mut hearing::HearingHandle {
        &mut self.mixer().output.hearing
    }

    /// The last stage of the main track: the volume, the rise from silence, calibration.
    pub fn level(&mut self) -> &mut LevelHandle {
        &mut self.mixer().level
    }

    /// The sound card's oldest error not yet read (a lost device, a broken stream).
    pub fn pop_device_error(&mut self) -> Option<String> {
        self.mixer().output.manager.backend_mut().pop_device_error()
    }

    /// Whether the output renders offline (no device, or asked to).
    pub fn is_offline(&mut self) -> bool {
        self.mixer().output.manager.backend_mut().is_offline()
    }

    /// Whether the device this output chose opens now (a look for a lost device: opened and closed
    /// again at once).
    pub fn device_opens(&mut self) -> bool {
        device_opens(self.mixer().choice.clone())
    }
}

impl Mixer {
    /// Silences every sound of the scene at once (not the main track), or brings them back.
    pub(crate) fn hush_the_scene(&mut self, hushed: bool) {
        let volume = if hushed {
            Decibels::SILENCE
        } else {
            Decibels::IDENTITY
        };
        let now = Tween {
            duration: std::time::Duration::ZERO,
            ..Tween::default()
        };
        self.head.set_volume(volume, now);
        for track in &mut self.spatial {
            track.set_volume(volume, now);
        }
    }

    /// Starts or stops measuring each spatial track on its own (it costs nothing while stopped).
    pub(crate) fn measure_spatial_tracks(&mut self, measuring: bool) {
        for (_, meter) in &self.metered {
            meter.set_armed(measuring);
        }
    }

    /// What the sound on spatial track `index` brings to each ear, band by band, as last measured.
    pub(crate) fn spatial_track_levels(&self, index: usize) -> BandLevels {
        self.metered
            .get(index)
            .map_or(BandLevels::SILENT, |(_, meter)| meter.levels())
    }

    pub(crate) fn take_spatial_track(&mut self) -> Option<usize> {
        self.free_spatial.pop()
    }

    pub(crate) fn return_spatial_track(&mut self, index: usize) {
        if !self.free_spatial.contains(&index) {
            self.free_spatial.push(index);
        }
    }
}

/// What the offline renderer produced while recording: what the player heard and the room as it
/// is, frame for frame.
#[derive(Resource, Debug, Default)]
pub struct OfflineMix {
    pub recording: bool,
    pub heard: Vec<Frame>,
    pub room: Vec<Frame>,
    scratch: Vec<Frame>,
}

impl OfflineMix {
    pub fn start_recording(&mut self) {
        self.recording = true;
        self.heard.clear();
        self.room.clear();
    }

    /// Stops recording and hands over both renders.
    pub fn stop_recording(&mut self) -> (Vec<Frame>, Vec<Frame>) {
        self.recording = false;
        (
            std::mem::take(&mut self.heard),
            std::mem::take(&mut self.room),
        )
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<OfflineMix>()
        .add_systems(PreStartup, open_output.after(SettingsSystems))
        .add_systems(
            Update,
            follow_the_volume_setting
                .run_if(resource_exists::<AudioOutput>.and_then(not(resource_exists::<Kiosk>))),
        )
        .add_systems(
            Last,
            advance_offline_audio.run_if(resource_exists::<AudioOutput>),
        );
}

fn open_output(
    mut commands: Commands,
    offline_only: Option<Res<OfflineOnly>>,
    sound_card: Option<Res<StandInSoundCard>>,
    ramp_in: Option<Res<RampIn>>,
    ceiling: Option<Res<Ceiling>>,
    player: Res<CurrentSettings>,
) {
    let choice = match (sound_card, offline_only) {
        (Some(card), _) => OutputChoice::Socket(card.0.clone()),
        (None, Some(_)) => OutputChoice::Offline,
        (None, None) => OutputChoice::PreferDevice,
    };
    let mut settings = ProcessorSettings::default();
    if let Some(ceiling) = ceiling {
        settings.ceiling_dbfs = ceiling.0;
    }
    let ramp_in = ramp_in.map_or_else(RampIn::default, |ramp| *ramp);
    let effect = HearingEffectBuilder::new()
        .settings(settings)
        // Room captures are read every frame in offline mode; a few seconds is ample.
        .capture_room(hearing::backend::OFFLINE_SAMPLE_RATE as usize * 4);
    // Added after the hearing effect, so the level comes after the limiter; built afresh for each
    // attempt at opening, and the handle of the one that opened kept.
    let level = std::cell::RefCell::new(None);
    let opened = HearingOutput::open(choice.clone(), effect, |mut settings| {
        *level.borrow_mut() = Some(
            settings
                .main_track_builder
                .add_effect(LevelBuilder::new(ramp_in.0)),
        );
        settings
    });
    let (mut output, mut level) = match opened.map(|output| (output, level.into_inner())) {
        Ok((output, Some(level))) => (output, level),
        Ok((_, None)) => {
            error!("Sound is off: the output opened without its level stage");
            return;
        }
        Err(error) => {
            error!("Sound is off: {error}");
            return;
        }
    };
    if let Some(reason) = &output.fallback_reason {
        warn!("Rendering sound offline, nothing will be heard: {reason}");
    }
    let opened = (|| -> Result<_, kira::ResourceLimitReached> {
        let listener = output
            .manager
            .add_listener(mint_vector(Vec3::ZERO), mint_quat(Quat::IDENTITY))?;
        let head = output.manager.add_sub_track(TrackBuilder::new())?;
        let mut spatial = Vec::with_capacity(SPATIAL_TRACKS);
        let mut metered = Vec::with_capacity(SPATIAL_TRACKS);
        for _ in 0..SPATIAL_TRACKS {
            let mut around = TrackBuilder::new();
            let meter = around.add_effect(BandMeterBuilder {
                calibration: settings.calibration,
            });
            let mut around = output.manager.add_sub_track(around)?;
            spatial.push(
                around.add_spatial_sub_track(
                    listener.id(),
                    mint_vector(Vec3::ZERO),
                    SpatialTrackBuilder::new()
                        .distances(SpatialTrackDistances {
                            min_distance: 1.0,
                            max_distance: 40.0,
                        })
                        .persist_until_sounds_finish(false),
                )?,
            );
            metered.push((around, meter));
        }
        Ok((listener, head, spatial, metered))
    })();
    let (listener, head, spatial, metered) = match opened {
        Ok(parts) => parts,
        Err(error) => {
            error!("Sound is off: the mixer could not make room for our tracks ({error})");
            return;
        }
    };
    // The player's volume from the first sample; the rise from silence goes on beneath it.
    let volume_db = player.sound.master_volume_db;
    level.set_volume_db(volume_db, std::time::Duration::ZERO);
    commands.insert_resource(MasterVolume(volume_db));
    let renderer = output.offline_renderer();
    commands.insert_resource(AudioOutput(SyncCell::new(Mixer {
        output,
        listener,
        head,
        free_spatial: (0..spatial.len()).rev().collect(),
        spatial,
        metered,
        level,
        renderer,
        frames_due: 0.0,
        choice,
    })));
}

/// The volume the player's setting last asked of the level stage (dB).
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
struct MasterVolume(f32);

/// The volume setting turns the whole output down (in the level stage after the ears and their limiter, so
/// never above the safe ceiling), gliding so a step is never a click. A station's volume is the
/// exhibition's, not this.
fn follow_the_volume_setting(
    settings: Res<CurrentSettings>,
    mut applied: ResMut<MasterVolume>,
    mut output: ResMut<AudioOutput>,
) {
    let wanted = settings.sound.master_volume_db;
    if applied.0 != wanted {
        applied.0 = wanted;
        output
            .level()
            .set_volume_db(wanted, std::time::Duration::from_millis(150));
    }
}

/// Whether the device `choice` names opens now.
fn device_opens(choice: OutputChoice) -> bool {
    HearingOutput::open(choice, HearingEffectBuilder::new(), |settings| settings)
        .is_ok_and(|output| output.fallback_reason.is_none())
}

/// Offline, nothing pulls sound out of kira but us: render exactly as much as game time advanced,
/// so that what is heard lines up with what happens.
fn advance_offline_audio(
    mut output: ResMut<AudioOutput>,
    mut mix: ResMut<OfflineMix>,
    // Real time: a sound card does not stop when the game's clock is paused (the pause menu, the
    // operator overlay and its calibration tone).
    time: Res<Time<Real>>,
) {
    let output = output.mixer();
    let Some(renderer) = output.renderer.as_mut() else {
        return;
    };
    output.frames_due += time.delta_secs_f64() * f64::from(renderer.sample_rate());
    let frames = output.frames_due.floor() as usize;
    output.frames_due -= frames as f64;
    let mix = &mut *mix;
    mix.scratch.resize(frames, Frame::ZERO);
    renderer.render_into(&mut mix.scratch);
    let room_start = mix.room.len();
    output.output.hearing.take_room(&mut mix.room);
    if mix.recording {
        mix.heard.extend_from_slice(&mix.scratch);
    } else {
        mix.room.truncate(room_start);
    }
}

pub(crate) fn mint_vector(v: Vec3) -> mint::Vector3<f32> {
    mint::Vector3 {
        x: v.x,
        y: v.y,
        z: v.z,
    }
}

pub(crate) fn mint_quat(q: Quat) -> mint::Quaternion<f32> {
    mint::Quaternion {
        v: mint::Vector3 {
            x: q.x,
            y: q.y,
            z: q.z,
        },
        s: q.w,
    }
}

#[cfg(test)]
mod tests {
    use std::{sync::Arc, time::Duration};

    use hearing::analysis;
    use kira::sound::static_sound::{StaticSoundData, StaticSoundSettings};

    use super::*;

    /// Nothing runs between the output opening and its first block: the ceiling must already hold then.
    #[test]
    fn the_ceiling_holds_from_the_first_block() {
        let mut app = App::new();
        app.insert_resource(OfflineOnly)
            .insert_resource(RampIn(Duration::ZERO))
            .insert_resource(Ceiling(-12.0))
            .init_resource::<CurrentSettings>()
            .add_systems(PreStartup, open_output);
        app.world_mut().run_schedule(PreStartup);
        let mut output = app.world_mut().resource_mut::<AudioOutput>();
        let mixer = output.mixer();
        let rate = hearing::backend::OFFLINE_SAMPLE_RATE;
        let full_scale: Arc<[Frame]> = (0..rate)
            .map(|n| {
                Frame::from_mono((std::f32::consts::TAU * 997.0 * n as f32 / rate as f32).sin())
            })
            .collect();
        mixer
            .output
            .manager
            .play(StaticSoundData {
                sample_rate: rate,
                frames: full_scale,
                settings: StaticSoundSettings::new(),
                slice: None,
            })
            .unwrap();
        let renderer = mixer.renderer.as_mut().expect("offline");
        let first_blocks = renderer.render(rate as usize / 10);
        let peak = analysis::true_peak_dbfs(&analysis::left(&first_blocks));
        assert!(peak > -20.0, "the sine plays: {peak:.1} dBTP");
        assert!(
            peak <= -12.0 + 0.05,
            "{peak:.2} dBTP over a -12 dBFS ceiling"
        );
    }
}
