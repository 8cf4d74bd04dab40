//! Sound made visible, when the player asks for it: a ring around the screen's centre with a marker for
//! each sound source, placed where the sound comes from (ahead at the top, behind at the bottom) and
//! filled as loud as the drummer hears it inside an outline as loud as it really is; beside the ring,
//! how loud he hears the room and how loud the room really is. Every level is what the ears' own
//! detectors read ([`EarsReading`], [`AtTheEars`]), never a second account of loudness.

use std::collections::HashSet;

use bevy::prelude::*;

use crate::audio::Listener;
use crate::hearing::{AtTheEars, EarsReading, MeasureSources};
use crate::settings::CurrentSettings;
use crate::ui::theme::{ACCENT, INK, SCRIM, label};
use crate::words::Phrase;

/// The ring's diameter, as a share of the screen's height (vh).
const RING_VH: f32 = 40.0;
/// A source quieter than this at the ears (dB SPL) gets no marker: nothing there to show.
const QUIETEST_SOURCE_DB_SPL: f32 = 25.0;
/// Marker sizes run from the faintest level to the loudest (dB SPL), and from the smallest to the
/// largest diameter (px).
const FAINTEST_DB_SPL: f32 = 20.0;
const LOUDEST_DB_SPL: f32 = 100.0;
const SMALLEST_PX: f32 = 6.0;
const LARGEST_PX: f32 = 46.0;
const RING: Color = Color::srgba(0.93, 0.91, 0.87, 0.35);
/// The room's levels stand this far clear of the largest marker a sound to the right can draw (px).
const READOUT_CLEAR_PX: f32 = 14.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (show_or_hide, mark_the_sources, read_out_the_room).chain(),
    );
}

/// The indicator's ring, centred on the screen; visible while the player is somewhere.
#[derive(Component, Debug)]
pub struct SoundIndicator;

/// One sound source on the ring.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct SoundMarker {
    pub source: Entity,
    /// Where the source is from where the head looks: 0 ahead, 90 right, -90 left, 180 behind.
    pub bearing_deg: f32,
    /// How loud the drummer hears it (dB SPL).
    pub heard_db_spl: f32,
    /// How loud it really is at his ears (dB SPL).
    pub room_db_spl: f32,
}

/// The filled part of a marker: how loud the source is heard.
#[derive(Component, Debug)]
struct HeardDot;

/// Beside the ring: the room as heard and as it is (dB SPL).
#[derive(Component, Debug, Default, Clone, Copy, PartialEq)]
pub struct RoomReadout {
    pub heard_db_spl: f32,
    pub room_db_spl: f32,
}

#[derive(Component, Debug)]
struct HeardLine;

#[derive(Component, Debug)]
struct RoomLine;

/// Where `source` lies from where `head` looks, in degrees: 0 straight ahead, positive to the right,
/// ±180 behind. Height does not count: a sound above is ahead if it is in front.
pub fn bearing_deg(head: &GlobalTransform, source: Vec3) -> f32 {
    let forward = (head.forward().as_vec3() * Vec3::new(1.0, 0.0, 1.0)).normalize_or_zero();
    let right = Vec3::new(-forward.z, 0.0, forward.x);
    let to = source - head.translation();
    to.dot(right).atan2(to.dot(forward)).to_degrees()
}

/// Where on the ring a bearing lies, from the ring's centre as a share of its radius: ahead is up
/// (negative y, as the screen counts), right is right.
pub fn ring_position(bearing_deg: f32) -> Vec2 {
    let radians = bearing_deg.to_radians();
    Vec2::new(radians.sin(), -radians.cos())
}

/// A marker's diameter for a level (px).
fn diameter_px(level_db_spl: f32) -> f32 {
    let share =
        ((level_db_spl - FAINTEST_DB_SPL) / (LOUDEST_DB_SPL - FAINTEST_DB_SPL)).clamp(0.0, 1.0);
    SMALLEST_PX + share * (LARGEST_PX - SMALLEST_PX)
}

fn show_or_hide(
    mut commands: Commands,
    settings: Res<CurrentSettings>,
    mut measure: ResMut<MeasureSources>,
    rings: Query<Entity, With<SoundIndicator>>,
    head: Query<(), With<Listener>>,
    mut visibility: Query<&mut Visibility, With<SoundIndicator>>,
) {
    let on = settings.sound.sound_indicator;
    measure.set_if_neq(MeasureSources(on));
    match (on, rings.single()) {
        (true, Err(_)) => {
            commands.spawn(ring());
        }
        (false, Ok(ring)) => commands.entity(ring).despawn(),
        _ => {}
    }
    let somewhere = if head.is_empty() {
        Visibility::Hidden
    } else {
        Visibility::Inherited
    };
    for mut shown in &mut visibility {
        shown.set_if_neq(somewhere);
    }
}

fn ring() -> impl Bundle {
    (
        Name::new("Sound indicator"),
        SoundIndicator,
        Node {
            position_type: PositionType::Absolute,
            width: vh(RING_VH),
            height: vh(RING_VH),
            left: percent(50),
            top: percent(50),
            margin: UiRect {
                left: vh(-RING_VH / 2.0),
                top: vh(-RING_VH / 2.0),
                ..default()
            },
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BorderColor::all(RING),
        GlobalZIndex(4),
        children![(
            Name::new("Room levels"),
            RoomReadout::default(),
            Node {
                position_type: PositionType::Absolute,
                left: percent(100),
                top: percent(42),
                // A marker is centred on the ring: the largest reaches half its width beyond it.
                margin: UiRect::left(px(LARGEST_PX / 2.0 + READOUT_CLEAR_PX)),
                flex_direction: FlexDirection::Column,
                padding: UiRect::axes(px(10), px(6)),
                row_gap: px(2),
                ..default()
            },
            BackgroundColor(SCRIM),
            children![
                (HeardLine, label(Phrase::blank(), 20.0, ACCENT)),
                (RoomLine, label(Phrase::blank(), 20.0, INK)),
            ],
        )],
    )
}

fn marker(marker: SoundMarker) -> impl Bundle {
    (
        Name::new("Sound marker"),
        marker,
        Node {
            position_type: PositionType::Absolute,
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::MAX,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BorderColor::all(INK),
        children![(
            HeardDot,
            Node {
                border_radius: BorderRadius::MAX,
                ..default()
            },
            BackgroundColor(ACCENT),
        )],
    )
}

fn mark_the_sources(
    mut commands: Commands,
    reading: Res<EarsReading>,
    rings: Query<Entity, With<SoundIndicator>>,
    head: Query<&GlobalTransform, With<Listener>>,
    sources: Query<(Entity, &AtTheEars, &GlobalTransform)>,
    mut markers: Query<(Entity, &mut SoundMarker, &mut Node, &Children), Without<HeardDot>>,
    mut dots: Query<&mut Node, With<HeardDot>>,
) {
    let (Ok(ring), Ok(head)) = (rings.single(), head.single()) else {
        return;
    };
    let mut marked = HashSet::new();
    let mut now = Vec::new();
    for (source, at_the_ears, place) in &sources {
        let room_db_spl = at_the_ears.0.total_db_spl();
        if room_db_spl < QUIETEST_SOURCE_DB_SPL {
            continue;
        }
        now.push(SoundMarker {
            source,
            bearing_deg: bearing_deg(head, place.translation()),
            heard_db_spl: reading.heard(&at_the_ears.0).total_db_spl(),
            room_db_spl,
        });
    }
    for (entity, mut shown, mut node, children) in &mut markers {
        let Some(wanted) = now.iter().find(|m| m.source == shown.source) else {
            commands.entity(entity).despawn();
            continue;
        };
        marked.insert(wanted.source);
        shown.set_if_neq(*wanted);
        let outline = diameter_px(wanted.room_db_spl);
        let at = ring_position(wanted.bearing_deg);
        node.width = px(outline);
        node.height = px(outline);
        node.left = percent(50.0 + 50.0 * at.x);
        node.top = percent(50.0 + 50.0 * at.y);
        node.margin = UiRect {
            left: px(-outline / 2.0),
            top: px(-outline / 2.0),
            ..default()
        };
        let filled = diameter_px(wanted.heard_db_spl).min(outline);
        let hidden = wanted.heard_db_spl <= FAINTEST_DB_SPL;
        for child in children {
            if let Ok(mut dot) = dots.get_mut(*child) {
                dot.width = px(if hidden { 0.0 } else { filled });
                dot.height = dot.width;
            }
        }
    }
    for wanted in now.into_iter().filter(|m| !marked.contains(&m.source)) {
        commands.entity(ring).with_child(marker(wanted));
    }
}

fn read_out_the_room(
    reading: Res<EarsReading>,
    mut readouts: Query<&mut RoomReadout>,
    mut heard_lines: Query<&mut Phrase, (With<HeardLine>, Without<RoomLine>)>,
    mut room_lines: Query<&mut Phrase, (With<RoomLine>, Without<HeardLine>)>,
) {
    let now = RoomReadout {
        heard_db_spl: reading.room_heard().total_db_spl(),
        room_db_spl: reading.room.total_db_spl(),
    };
    for mut readout in &mut readouts {
        readout.set_if_neq(now);
    }
    let decibels =
        |key: &'static str, db: f32| Phrase::new(key).with_count("decibels", db.round() as i64);
    for mut line in &mut heard_lines {
        line.set_if_neq(decibels("indicator-heard", now.heard_db_spl));
    }
    for mut line in &mut room_lines {
        line.set_if_neq(decibels("indicator-room", now.room_db_spl));
    }
}
