//! Rhythm as vibration: with hands on the boards the visitor feels the children's stamping. Each beat
//! becomes a thump for the gamepad (at the low-frequency level of what plays), a glow in the boards
//! and at the screen's edges, and a bob of the children.

use bevy::prelude::*;

use super::layout::STAMPING_AT;
use super::rooms::{Child, FloorGlow, RoomSound};
use super::story::BEAT_S;
use crate::audio::{AudioOutput, SoundEmitter, SoundKey};
use crate::haptics::{Thump, rumble_for};
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::scenes::kit::ThePlace;
use crate::settings::CurrentSettings;

/// The stamping while the visitor listens with their hands: soft for a pass, then harder.
pub const SOFT_DB: f32 = -18.0;
pub const HARD_DB: f32 = -8.0;
/// Afterwards the children play on, further off.
pub const AFTER_DB: f32 = -18.0;
/// How long each thump rumbles.
const THUMP_S: f32 = 0.2;
/// How quickly the visible pulse fades after a beat.
const PULSE_FADE_S: f32 = 0.16;
/// The glow in the boards at the top of a full-strength pulse.
const GLOW_LM: f32 = 900_000.0;
/// The visible pulse never falls below this share, so a weak beat is still seen.
const PULSE_FLOOR: f32 = 0.35;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            feel_the_beat
                .in_set(AppSystems::Update)
                .run_if(resource_exists::<Rhythm>),
            show_the_pulse.in_set(AppSystems::Update),
        )
            .run_if(in_state(Place::House))
            .in_set(PausableSystems),
    )
    .add_systems(OnEnter(Place::House), |mut commands: Commands| {
        commands.insert_resource(Pulse::default())
    })
    .add_systems(OnExit(Place::House), |mut commands: Commands| {
        commands.remove_resource::<Rhythm>();
        commands.remove_resource::<Pulse>();
    });
}

/// The house's sounds other than the stamping under the visitor's hands.
pub type AmbientSound = (With<RoomSound>, Without<Stamping>);

/// The stamping that the visitor's hands are on.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct Stamping;

/// Hands on the boards: the beats felt so far.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Rhythm {
    /// Real seconds since the stamping began (the audio's clock, whatever the story's pace).
    pub since_s: f32,
    /// The last beat felt.
    pub beat: Option<u32>,
    /// The loudest low-frequency level over the beat in progress (dB SPL).
    pub peak_db_spl: f32,
    /// The same over the beat before: what the next thump is felt at.
    pub last_peak_db_spl: f32,
    /// Has the stamping turned hard.
    pub hard: bool,
}

/// How bright the beat shows now (0..1).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct Pulse(pub f32);

/// The screen's edges, glowing with the beat.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct EdgeGlow;

/// The visitor's hands go on the boards: the children's stamping starts anew under them.
pub fn begin(
    commands: &mut Commands,
    place: &ThePlace,
    sounds: &Query<(Entity, &SoundEmitter), AmbientSound>,
) {
    for (entity, sound) in sounds {
        if sound.sound.0 == "floor_beat" {
            commands.entity(entity).despawn();
        }
    }
    commands.spawn((
        place.own(),
        Name::new("Stamping under your hands"),
        Stamping,
        RoomSound { full_db: SOFT_DB },
        SoundEmitter {
            sound: SoundKey("floor_beat"),
            looping: true,
            volume_db: SOFT_DB,
            in_head: false,
        },
        Transform::from_translation(STAMPING_AT),
    ));
    commands.insert_resource(Rhythm {
        since_s: 0.0,
        beat: None,
        peak_db_spl: f32::NEG_INFINITY,
        last_peak_db_spl: f32::NEG_INFINITY,
        hard: false,
    });
    commands.spawn((
        place.own(),
        Name::new("Beat at the screen's edges"),
        EdgeGlow,
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            border: UiRect::all(px(22)),
            ..default()
        },
        BorderColor::all(Color::NONE),
    ));
}

/// The stamping turns harder, or settles back to play in the distance.
pub fn set_stamping(
    stamping: &mut Query<(&mut SoundEmitter, &mut RoomSound), With<Stamping>>,
    db: f32,
) {
    for (mut emitter, mut room) in stamping.iter_mut() {
        emitter.volume_db = db;
        room.full_db = db;
    }
}

/// The hands come off the boards.
pub fn end(commands: &mut Commands, glow: &Query<Entity, With<EdgeGlow>>) {
    commands.remove_resource::<Rhythm>();
    for entity in glow {
        commands.entity(entity).despawn();
    }
}

fn feel_the_beat(
    time: Res<Time>,
    mut rhythm: ResMut<Rhythm>,
    mut pulse: ResMut<Pulse>,
    output: Option<ResMut<AudioOutput>>,
    mut thumps: MessageWriter<Thump>,
) {
    let level_db_spl = output.map_or(f32::NEG_INFINITY, |mut output| {
        output.hearing().readout().vibration_db_spl
    });
    rhythm.since_s += time.delta_secs();
    // A thousandth of a beat of slack, so sums of frame lengths land on the grid.
    let beat = (rhythm.since_s / BEAT_S + 1e-3).floor() as u32;
    if rhythm.beat != Some(beat) {
        // A regular beat is felt at the strength of the one before it (the first at what plays now).
        if rhythm.beat.is_some() {
            rhythm.last_peak_db_spl = rhythm.peak_db_spl;
        } else {
            rhythm.last_peak_db_spl = level_db_spl;
        }
        rhythm.peak_db_spl = level_db_spl;
        rhythm.beat = Some(beat);
        thumps.write(Thump {
            vibration_db_spl: rhythm.last_peak_db_spl,
            duration_s: THUMP_S,
        });
        let strength = rumble_for(rhythm.last_peak_db_spl).strong_motor;
        pulse.0 = PULSE_FLOOR + (1.0 - PULSE_FLOOR) * strength;
    } else {
        rhythm.peak_db_spl = rhythm.peak_db_spl.max(level_db_spl);
    }
}

fn show_the_pulse(
    time: Res<Time>,
    settings: Res<CurrentSettings>,
    pulse: Option<ResMut<Pulse>>,
    mut glows: Query<(&FloorGlow, &mut PointLight)>,
    mut edges: Query<&mut BorderColor, With<EdgeGlow>>,
    mut children: Query<(&Child, &mut Transform)>,
) {
    let Some(mut pulse) = pulse else {
        return;
    };
    pulse.0 *= (-time.delta_secs() / PULSE_FADE_S).exp();
    // The boards' light flashes; the edge glow and the children's bob are the pulse without the flash.
    let depth = settings.comfort.flash_depth();
    for (glow, mut light) in &mut glows {
        light.intensity = glow.rest_lm + GLOW_LM * depth * pulse.0;
    }
    for mut border in &mut edges {
        *border = BorderColor::all(Color::srgba(1.0, 0.55, 0.2, 0.55 * pulse.0));
    }
    for (child, mut transform) in &mut children {
        transform.translation = child.feet + Vec3::Y * 0.07 * pulse.0;
    }
}
