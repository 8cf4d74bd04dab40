//! The sound indicator: each source's marker sits where the sound comes from as the player turns, shows
//! the level the drummer hears it at (falling as his hearing goes, while the room stays as loud), and
//! nothing of it is there with the setting off.

use bevy::prelude::*;
use hearing::Ear;
use proptest::prelude::*;
use stillness::{
    hearing::{AtTheEars, HearingProgression},
    journey::Place,
    scenes::clinic::tone,
    settings::CurrentSettings,
    testing::TestGame,
    ui::sound_indicator::{RoomReadout, SoundIndicator, SoundMarker, bearing_deg, ring_position},
    words::Phrase,
};

/// Holds the drummer's hearing where a test wants it, whatever the story says.
#[derive(Resource, Clone, Copy)]
struct HeldProgression(f32);

fn hold_progression(held: Res<HeldProgression>, mut ears: Query<&mut HearingProgression>) {
    for mut ear in &mut ears {
        ear.0 = held.0;
    }
}

/// The gig at the merch table, its hearing held at `progression`, the indicator on or off.
fn gig(indicator: bool, progression: f32) -> TestGame {
    let mut game = TestGame::with_app(|app| {
        app.insert_resource(HeldProgression(progression))
            .add_systems(
                PostUpdate,
                hold_progression.before(bevy::transform::TransformSystems::Propagate),
            );
    })
    .at(Place::Gig);
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .0
        .sound
        .sound_indicator = indicator;
    game.advance_secs(1.0);
    game
}

fn markers(game: &mut TestGame) -> Vec<(SoundMarker, Node)> {
    let world = game.world_mut();
    world
        .query::<(&SoundMarker, &Node)>()
        .iter(world)
        .map(|(marker, node)| (*marker, node.clone()))
        .collect()
}

fn marker_of(game: &mut TestGame, source: Entity) -> (SoundMarker, Node) {
    markers(game)
        .into_iter()
        .find(|(marker, _)| marker.source == source)
        .expect("the source keeps its marker")
}

fn percent_of(value: Val) -> f32 {
    match value {
        Val::Percent(share) => share,
        other => panic!("a marker is placed in percent of the ring, not {other:?}"),
    }
}

/// Turns the drummer so that `source` lies `bearing_deg` to the right of where he looks.
fn turn_to_have(game: &mut TestGame, source: Entity, bearing_deg: f32) {
    let at = game
        .world()
        .get::<GlobalTransform>(source)
        .unwrap()
        .translation();
    let (eye, _) = game.eye();
    let to = (at - eye) * Vec3::new(1.0, 0.0, 1.0);
    let gaze = Quat::from_rotation_y(bearing_deg.to_radians()) * to;
    game.look_at(eye + gaze);
    game.advance_secs(0.3);
}

#[test]
fn a_source_s_marker_moves_to_the_side_it_is_on_as_the_player_turns() {
    let mut game = gig(true, 0.0);
    let (loudest, _) = markers(&mut game)
        .into_iter()
        .max_by(|a, b| a.0.room_db_spl.total_cmp(&b.0.room_db_spl))
        .expect("the club's sounds are on the ring");
    let source = loudest.source;

    for (wanted_deg, side) in [(70.0, 1.0), (-70.0, -1.0), (0.0, 0.0)] {
        turn_to_have(&mut game, source, wanted_deg);
        let (marker, node) = marker_of(&mut game, source);
        assert!(
            (marker.bearing_deg - wanted_deg).abs() < 12.0,
            "turned to have it at {wanted_deg}°, its marker says {:.1}°",
            marker.bearing_deg
        );
        let from_centre = percent_of(node.left) - 50.0;
        if side == 0.0 {
            assert!(
                from_centre.abs() < 12.0,
                "ahead, yet {from_centre:.1} % off centre"
            );
            assert!(percent_of(node.top) < 10.0, "ahead is the top of the ring");
        } else {
            assert!(
                from_centre * side > 35.0,
                "at {wanted_deg}° the marker is {from_centre:.1} % from the centre"
            );
        }
    }
}

/// Heard and room levels of every marker and of the room, summed in power over `secs` of frames.
fn levels_over(game: &mut TestGame, secs: f32) -> (Vec<(f32, f32)>, f32, f32) {
    let mut per_frame = Vec::new();
    let (mut heard, mut room) = (0.0, 0.0);
    let frames = (secs * 60.0) as usize;
    for _ in 0..frames {
        game.update();
        for (marker, _) in markers(game) {
            per_frame.push((marker.heard_db_spl, marker.room_db_spl));
        }
        let world = game.world_mut();
        let readout = *world.query::<&RoomReadout>().single(world).unwrap();
        heard += 10f32.powf(readout.heard_db_spl / 10.0) / frames as f32;
        room += 10f32.powf(readout.room_db_spl / 10.0) / frames as f32;
    }
    (per_frame, 10.0 * heard.log10(), 10.0 * room.log10())
}

#[test]
fn the_heard_level_falls_as_the_hearing_goes_while_the_room_stays_as_loud() {
    let mut normal = gig(true, 0.0);
    let (markers_normal, heard_normal, room_normal) = levels_over(&mut normal, 1.0);
    assert!(!markers_normal.is_empty());
    for (heard, room) in &markers_normal {
        assert!(
            (heard - room).abs() < 0.5,
            "normal ears hear a source as loud as it is: {heard:.1} vs {room:.1} dB SPL"
        );
    }
    assert!(room_normal > 60.0, "the club at {room_normal:.1} dB SPL");
    assert!((heard_normal - room_normal).abs() < 0.5);

    let mut failing = gig(true, 0.9);
    let (markers_failing, heard_failing, room_failing) = levels_over(&mut failing, 1.0);
    assert!(
        (room_failing - room_normal).abs() < 3.0,
        "the room is as loud whatever the ears: {room_normal:.1} then {room_failing:.1} dB SPL"
    );
    assert!(
        heard_failing < heard_normal - 15.0,
        "the room heard at {heard_normal:.1} dB SPL with normal ears, {heard_failing:.1} with failing ones"
    );
    let loss_db: Vec<f32> = markers_failing
        .iter()
        .map(|(heard, room)| room - heard)
        .collect();
    let mean_loss_db = loss_db.iter().sum::<f32>() / loss_db.len() as f32;
    assert!(
        mean_loss_db > 15.0,
        "each source is heard {mean_loss_db:.1} dB under its level on average"
    );
}

#[test]
fn with_the_setting_off_there_is_no_ring_no_marker_and_nothing_measured() {
    let mut game = gig(false, 0.0);
    assert_eq!(game.count::<SoundIndicator>(), 0);
    assert_eq!(game.count::<SoundMarker>(), 0);
    assert_eq!(game.count::<AtTheEars>(), 0);

    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .0
        .sound
        .sound_indicator = true;
    game.advance_secs(0.5);
    assert_eq!(game.count::<SoundIndicator>(), 1);
    assert!(game.count::<SoundMarker>() > 0);

    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .0
        .sound
        .sound_indicator = false;
    game.advance_secs(0.5);
    assert_eq!(game.count::<SoundIndicator>(), 0);
    assert_eq!(game.count::<SoundMarker>(), 0);
    assert_eq!(game.count::<AtTheEars>(), 0);
}

/// The numbers the room's levels beside the ring read now, as the visitor reads them: heard, then room.
fn readout_labels(game: &mut TestGame) -> Vec<(String, f32)> {
    let world = game.world_mut();
    let readout = world
        .query_filtered::<Entity, With<RoomReadout>>()
        .single(world)
        .expect("the room's levels beside the ring");
    let phrases: Vec<Phrase> = world
        .query::<(&Phrase, &ChildOf)>()
        .iter(world)
        .filter(|(_, parent)| parent.parent() == readout)
        .map(|(phrase, _)| phrase.clone())
        .collect();
    phrases
        .iter()
        .map(|phrase| {
            let text = game.text(phrase);
            let number: String = text
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '-')
                .collect();
            let db = number
                .parse()
                .unwrap_or_else(|_| panic!("a level in {text:?}"));
            (text, db)
        })
        .collect()
}

/// The audiometer's calibrated tone (its file peaks at -3 dBFS, 97 dB SPL at the ear) in one ear, over
/// the title's silence with normal ears: both lines beside the ring read its level within a decibel,
/// wherever it lies in the bands.
#[test]
fn a_calibrated_tone_reads_at_its_level_beside_the_ring() {
    let mut game = TestGame::new();
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .0
        .sound
        .sound_indicator = true;
    game.advance_secs(0.5);
    for (frequency_hz, level_db_spl) in [(250.0, 60.0), (1000.0, 70.0), (4000.0, 80.0)] {
        let playing = game
            .world_mut()
            .spawn(tone(Ear::Right, frequency_hz, level_db_spl))
            .id();
        game.advance_secs(0.7);
        let labels = readout_labels(&mut game);
        game.world_mut().despawn(playing);
        game.advance_secs(0.5);
        println!("{frequency_hz} Hz at {level_db_spl} dB SPL: {labels:?}");
        assert_eq!(labels.len(), 2, "{labels:?}");
        for (text, db) in labels {
            assert!(
                (db - level_db_spl).abs() <= 1.0,
                "{frequency_hz} Hz at {level_db_spl} dB SPL reads {text:?}"
            );
        }
    }
}

proptest! {
    #[test]
    fn a_sound_lies_on_the_ring_where_it_is_from_the_gaze(
        yaw_deg in -360.0f32..360.0,
        pitch_deg in -60.0f32..60.0,
        bearing in -179.0f32..179.0,
        distance_m in 0.5f32..30.0,
        height_m in -3.0f32..3.0,
        x in -20.0f32..20.0,
        z in -20.0f32..20.0,
    ) {
        let head_at = Vec3::new(x, 1.6, z);
        let head = GlobalTransform::from(
            Transform::from_translation(head_at).with_rotation(Quat::from_euler(
                EulerRot::YXZ,
                yaw_deg.to_radians(),
                pitch_deg.to_radians(),
                0.0,
            )),
        );
        // `bearing` degrees to the right of the gaze, at any height.
        let heading = Quat::from_rotation_y(yaw_deg.to_radians());
        let across = Quat::from_rotation_y(-bearing.to_radians()) * Vec3::NEG_Z;
        let source = head_at + heading * across * distance_m + Vec3::Y * height_m;

        let found = bearing_deg(&head, source);
        prop_assert!((found - bearing).abs() < 0.05, "{found} for {bearing}");
        let on_ring = ring_position(found);
        prop_assert!((on_ring.length() - 1.0).abs() < 1e-4);
        if bearing.abs() > 1.0 && bearing.abs() < 179.0 {
            prop_assert_eq!(on_ring.x > 0.0, bearing > 0.0, "right of the gaze is right of the ring");
        }
        prop_assert_eq!(on_ring.y < 0.0, bearing.abs() < 90.0, "ahead is the upper half");
    }
}
