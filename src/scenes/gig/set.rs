//! The set: seated at the kit, the visitor plays kick and snare over the band's song, scored against its
//! grid, while the stage lights pulse with the band's kick and with the visitor's. The lights go through
//! the flash limit: however fast the visitor kicks, they flash no more than it allows.

use bevy::prelude::*;

use super::club::{DrumKit, StageLight, spawn_crowd};
use super::drums::{Drum, Hit, SONG, Score};
use super::layout::{KICK_AT, SEAT_FEET, SNARE_AT, THE_AUDIENCE};
use crate::audio::{PlaySound, SoundEmitter, SoundKey};
use crate::input::{Action, Controls};
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::player::{Head, Player, Seated, yaw_toward};
use crate::scenes::build::Shapes;
use crate::scenes::kit::{InPlace, ThePlace};
use crate::settings::CurrentSettings;
use crate::ui::flashing::FlashingLight;

/// Stage lights rest at this share of their full brightness between pulses, and before the set.
const LIGHTS_AT_REST: f32 = 0.45;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<DrumHit>()
        .add_observer(begin_the_set)
        .add_systems(OnExit(Place::Gig), end_the_set)
        .add_systems(
            Update,
            (
                keep_time.in_set(AppSystems::TickTimers),
                record_drums.in_set(AppSystems::RecordInput),
                play_drums.in_set(AppSystems::Update),
            )
                .run_if(resource_exists::<TheSet>)
                .in_set(PausableSystems),
        )
        .add_systems(
            Update,
            pulse_the_lights
                .in_set(AppSystems::Update)
                .run_if(in_state(Place::Gig))
                .in_set(PausableSystems),
        );
}

/// The visitor sat down at the kit: the band starts.
#[derive(Event, Debug, Clone, Copy)]
pub struct SetBegins;

/// The set in progress: where the song is and how the visitor keeps its time.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub struct TheSet {
    /// Seconds since beat 1 of bar 1.
    pub song_s: f32,
    pub score: Score,
    pub last_hit: Option<Hit>,
    /// When the visitor last struck the kick (seconds of the song).
    pub last_kick_s: Option<f32>,
}

/// The visitor struck a drum this frame.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrumHit(pub Drum);

fn begin_the_set(
    _: On<SetBegins>,
    mut commands: Commands,
    place: ThePlace,
    mut players: Query<(Entity, &mut Transform, &Children), With<Player>>,
    mut heads: Query<&mut Head>,
    kits: Query<Entity, With<DrumKit>>,
    mut shapes: Shapes,
) {
    for (player, mut transform, children) in &mut players {
        *transform = Transform::from_translation(SEAT_FEET)
            .with_rotation(Quat::from_rotation_y(yaw_toward(SEAT_FEET, THE_AUDIENCE)));
        commands.entity(player).insert(Seated);
        for child in children {
            if let Ok(mut head) = heads.get_mut(*child) {
                head.pitch_rad = -0.1;
            }
        }
    }
    for kit in &kits {
        commands.entity(kit).despawn();
    }
    commands.spawn((
        place.own(),
        Name::new("The band's song"),
        SoundEmitter {
            sound: SoundKey("song_backing"),
            looping: true,
            volume_db: 0.0,
            in_head: false,
        },
        Transform::from_xyz(0.0, 2.0, -6.2),
    ));
    commands
        .entity(place.root())
        .with_related_entities::<InPlace>(|club| spawn_crowd(club, &mut shapes));
    commands.insert_resource(TheSet::default());
}

fn end_the_set(mut commands: Commands) {
    commands.remove_resource::<TheSet>();
}

fn keep_time(time: Res<Time>, mut set: ResMut<TheSet>) {
    set.song_s += time.delta_secs();
}

fn record_drums(controls: Controls, mut hits: MessageWriter<DrumHit>) {
    for (action, drum) in [(Action::Kick, Drum::Kick), (Action::Snare, Drum::Snare)] {
        if controls.just_pressed(action) {
            hits.write(DrumHit(drum));
        }
    }
}

/// Each hit sounds on the frame it is struck, then is measured against the song's grid.
fn play_drums(
    settings: Res<CurrentSettings>,
    mut hits: MessageReader<DrumHit>,
    mut sounds: MessageWriter<PlaySound>,
    mut set: ResMut<TheSet>,
) {
    for DrumHit(drum) in hits.read() {
        let (sound, at) = match drum {
            Drum::Kick => ("kick", KICK_AT),
            Drum::Snare => ("snare", SNARE_AT),
        };
        sounds.write(PlaySound {
            sound: SoundKey(sound),
            volume_db: 0.0,
            position: Some(at),
        });
        let hit = SONG.judge(*drum, set.song_s, settings.controls.hit_window);
        set.score.record(hit);
        set.last_hit = Some(hit);
        if *drum == Drum::Kick {
            set.last_kick_s = Some(set.song_s);
        }
    }
}

fn pulse_the_lights(
    settings: Res<CurrentSettings>,
    set: Option<Res<TheSet>>,
    mut lights: Query<&mut FlashingLight, With<StageLight>>,
) {
    let share = set.map_or(LIGHTS_AT_REST, |set| {
        let depth = settings.comfort.flash_depth();
        let visitors_kick = set
            .last_kick_s
            .map_or(0.0, |kick_s| SONG.hit_pulse(set.song_s - kick_s));
        let pulse = SONG.kick_pulse(set.song_s).max(visitors_kick);
        LIGHTS_AT_REST + (1.0 - LIGHTS_AT_REST) * depth * pulse
    });
    for mut light in &mut lights {
        light.requested = share;
    }
}
