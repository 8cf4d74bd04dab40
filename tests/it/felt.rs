//! Felt everywhere: in every place the ears' vibration reading drives the gamepad's rumble and the pulse
//! at the screen's edges, stronger for a louder low end; and the flash limit, measured on the real lights
//! frame by frame: the set's beams and lenses, the house's rhythm, the edge glow, the ringing's shimmer
//! and the settings screen's preview of the vibration.

use bevy::prelude::*;
use stillness::{
    hearing::TinnitusPreview,
    journey::Place,
    scenes::{
        clinic::ClinicBeat,
        gig::GigBeat,
        house::{HouseBeat, LOOP_S},
    },
    settings::{CurrentSettings, TinnitusMode},
    testing::{FRAME_S, TestGame},
    ui::{
        flashing::{FlashingLight, GlowingSurface},
        pulse::FeltPulse,
        settings::{Section, SettingsMenu},
    },
};

use crate::house::follow_until;

/// Frames of `game` over `secs`, each with the ears' vibration reading and the edge glow's opacity, and
/// the rumbles asked for, each with the strong motor's strength.
struct Felt {
    frames: Vec<(u64, f32, f32)>,
    rumbles: Vec<(u64, f32)>,
}

fn feel(game: &mut TestGame, secs: f32) -> Felt {
    game.clear_history();
    let mut frames = Vec::new();
    for _ in 0..(secs / FRAME_S) as usize {
        let frame = game.update();
        let reading_db_spl = game.vibration_db_spl();
        let world = game.world_mut();
        let alpha = world
            .query_filtered::<&BorderColor, With<FeltPulse>>()
            .single(world)
            .expect("one glow at the screen's edges")
            .top
            .alpha();
        frames.push((frame, reading_db_spl, alpha));
    }
    let rumbles = game
        .rumbles()
        .iter()
        .map(|rumble| (rumble.frame, rumble.strong_motor()))
        .collect();
    Felt { frames, rumbles }
}

/// Spearman's rank correlation.
fn rank_correlation(pairs: &[(f32, f32)]) -> f32 {
    let ranks = |values: Vec<f32>| {
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
        let mut ranks = vec![0.0f32; values.len()];
        for (rank, index) in order.into_iter().enumerate() {
            ranks[index] = rank as f32;
        }
        ranks
    };
    let x = ranks(pairs.iter().map(|p| p.0).collect());
    let y = ranks(pairs.iter().map(|p| p.1).collect());
    let mean = (pairs.len() as f32 - 1.0) / 2.0;
    let covariance: f32 = x.iter().zip(&y).map(|(a, b)| (a - mean) * (b - mean)).sum();
    let spread: f32 = x.iter().map(|a| (a - mean).powi(2)).sum();
    covariance / spread
}

/// In `place`: rumble is felt, the glow is seen on every frame that rumbles, and both are stronger when the
/// ears read a louder low end.
fn check_felt(place: &str, felt: &Felt) {
    let Felt { frames, rumbles } = felt;
    let at = |frame: u64| frames.iter().position(|f| f.0 == frame).unwrap();
    assert!(rumbles.len() >= 5, "{place}: {} rumbles", rumbles.len());
    // A thump is felt at the top of the beat that ends on its frame or just before.
    let felt_at: Vec<(f32, f32)> = rumbles
        .iter()
        .map(|(frame, strength)| {
            let i = at(*frame);
            let top_db_spl = frames[i.saturating_sub(2)..=i]
                .iter()
                .map(|f| f.1)
                .fold(f32::NEG_INFINITY, f32::max);
            (top_db_spl, *strength)
        })
        .collect();
    let least_seen = rumbles
        .iter()
        .map(|(frame, _)| frames[at(*frame)].2)
        .fold(f32::INFINITY, f32::min);
    let rumble_follows = rank_correlation(&felt_at);
    let mut readings: Vec<f32> = frames.iter().map(|f| f.1).collect();
    readings.sort_by(f32::total_cmp);
    let (quiet_db_spl, loud_db_spl) = (
        readings[readings.len() / 4],
        readings[readings.len() * 3 / 4],
    );
    let mean_glow = |keep: &dyn Fn(f32) -> bool| {
        let glows: Vec<f32> = frames.iter().filter(|f| keep(f.1)).map(|f| f.2).collect();
        glows.iter().sum::<f32>() / glows.len() as f32
    };
    let quiet_glow = mean_glow(&|db| db <= quiet_db_spl);
    let loud_glow = mean_glow(&|db| db >= loud_db_spl);
    println!(
        "{place}: {} rumbles over {} frames, rumble to reading rank correlation {rumble_follows:.2}, \
         glow at least {least_seen:.2} when it rumbles, glow {quiet_glow:.3} at the quietest quarter \
         (<= {quiet_db_spl:.1} dB SPL) and {loud_glow:.3} at the loudest (>= {loud_db_spl:.1} dB SPL)",
        rumbles.len(),
        frames.len()
    );
    assert!(
        least_seen >= 0.15,
        "{place}: the glow is {least_seen:.2} on a frame that rumbles"
    );
    assert!(
        rumble_follows >= 0.6,
        "{place}: rumble follows the reading at {rumble_follows:.2}"
    );
    assert!(
        loud_glow >= quiet_glow + 0.02,
        "{place}: glow {loud_glow:.3} at the loudest, {quiet_glow:.3} at the quietest"
    );
}

#[test]
fn the_kick_and_the_set_are_felt_and_seen() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    game.connect_gamepad();
    let felt = feel(&mut game, 6.0);
    check_felt("the set", &felt);
}

#[test]
fn the_blender_and_the_traffic_are_felt_and_seen_in_the_morning() {
    let mut game = TestGame::new().at(Place::Morning);
    game.connect_gamepad();
    let felt = feel(&mut game, 20.0);
    check_felt("the morning", &felt);
}

#[test]
fn the_door_and_her_steps_are_felt_and_seen_in_the_clinic() {
    let mut game = TestGame::new().at(Place::Clinic);
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .story
        .skip_hearing_test = true;
    game.connect_gamepad();
    assert!(game.advance_until(6.0, |game| {
        game.beat::<ClinicBeat>() == Some(ClinicBeat::Audiogram)
    }));
    let felt = feel(&mut game, 5.0);
    check_felt("the clinic", &felt);
}

#[test]
fn the_stamping_is_felt_and_seen_in_the_house() {
    let mut game = TestGame::new().at(Place::House);
    game.connect_gamepad();
    follow_until(&mut game, HouseBeat::Rhythm);
    let felt = feel(&mut game, 10.0);
    check_felt("the house", &felt);
}

#[test]
fn the_heartbeat_is_felt_and_seen_in_the_chamber() {
    let mut game = TestGame::new().at(Place::Stillness);
    game.connect_gamepad();
    let felt = feel(&mut game, 30.0);
    check_felt("the chamber", &felt);
}

/// A change of this share of a light's range, up or down, from its last turning point is half a flash.
const HALF_A_FLASH: f32 = 0.1;

/// Each governed light's level (0..=1 of its range, read from the light itself) on every frame of its
/// life, kept by a system of the test's own.
#[derive(Resource, Default)]
struct LightLog(Vec<(Entity, LightRecord)>);

struct LightRecord {
    name: String,
    levels: Vec<(f64, f32)>,
}

/// A light under the flash limit, and what it shows by.
type GovernedLight = (
    Entity,
    &'static FlashingLight,
    Option<&'static SpotLight>,
    Option<&'static PointLight>,
    Option<(
        &'static GlowingSurface,
        &'static MeshMaterial3d<StandardMaterial>,
    )>,
    Option<&'static BorderColor>,
    Option<&'static Name>,
);

/// Reads what every light that goes through the flash limit shows: a spot or point light's intensity,
/// a lens's emissive strength, an edge's opacity. The seconds are the eye's: paused or not.
fn log_the_lights(
    time: Res<Time<Real>>,
    materials: Res<Assets<StandardMaterial>>,
    mut log: ResMut<LightLog>,
    lights: Query<GovernedLight>,
) {
    let at_s = time.elapsed_secs_f64();
    for (entity, light, spot, point, surface, border, name) in &lights {
        let glow = surface.map(|(surface, material)| {
            let emissive = materials
                .get(&material.0)
                .expect("the lens's material")
                .emissive;
            emissive.red.max(emissive.green).max(emissive.blue)
                / surface.0.red.max(surface.0.green).max(surface.0.blue)
        });
        let shown = spot
            .map(|s| s.intensity)
            .or(point.map(|p| p.intensity))
            .or(glow)
            .or(border.map(|b| b.top.alpha()))
            .expect("a governed light is a spot, a point, a glowing surface or an edge");
        let level = light.level_of(shown);
        match log.0.iter_mut().find(|(e, _)| *e == entity) {
            Some((_, record)) => record.levels.push((at_s, level)),
            None => log.0.push((
                entity,
                LightRecord {
                    name: name.map_or(format!("{entity}"), |n| n.to_string()),
                    levels: vec![(at_s, level)],
                },
            )),
        }
    }
}

fn logging_the_lights(reduce_flashing: bool) -> TestGame {
    let mut game = TestGame::with_app(|app| {
        app.init_resource::<LightLog>()
            .add_systems(Last, log_the_lights);
    });
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .comfort
        .reduce_flashing = reduce_flashing;
    game
}

/// When a recorded light rose or fell by a tenth of its range from its last turning point.
fn changes(levels: &[(f64, f32)]) -> Vec<f64> {
    let mut found = Vec::new();
    let Some(&(_, first)) = levels.first() else {
        return found;
    };
    let mut last_rise = None::<bool>;
    let (mut low, mut high) = (first, first);
    for &(at_s, level) in levels {
        low = low.min(level);
        high = high.max(level);
        let rise = level - low >= HALF_A_FLASH && last_rise != Some(true);
        let fall = high - level >= HALF_A_FLASH && last_rise != Some(false);
        if rise || fall {
            found.push(at_s);
            last_rise = Some(rise);
            (low, high) = (level, level);
        }
    }
    found
}

/// The most flashes (two changes each) any one second ending after `from_s` holds; the changes are
/// found over the light's whole life.
fn most_flashes_in_a_second(levels: &[(f64, f32)], from_s: f64) -> f32 {
    let changes = changes(levels);
    let mut most = 0;
    for (last, at_s) in changes
        .iter()
        .enumerate()
        .filter(|(_, at_s)| **at_s >= from_s)
    {
        let within = changes[..=last]
            .iter()
            .filter(|earlier| *at_s - **earlier < 1.0 - 1e-9)
            .count();
        most = most.max(within);
    }
    most as f32 / 2.0
}

fn now_s(game: &TestGame) -> f64 {
    game.world().resource::<Time<Real>>().elapsed_secs_f64()
}

/// The set with the visitor kicking six times a second (the lights pulse with each kick) and the ringing
/// shown instead of heard (its shimmer flickering at the screen's edges), its lights recorded.
fn kick_fast_through_the_set(reduce_flashing: bool) -> (Vec<LightRecord>, f64) {
    let mut game = logging_the_lights(reduce_flashing).at_beat(GigBeat::Set);
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .sound
        .tinnitus = TinnitusMode::VisualOnly;
    game.advance_secs(0.5);
    let from_s = now_s(&game);
    for frame in 0..6 * 60 {
        if frame % 120 == 0 {
            game.world_mut().resource_mut::<TinnitusPreview>().play();
        }
        if frame % 10 == 0 {
            game.press(KeyCode::KeyJ);
        } else {
            game.update();
        }
    }
    let log = game.world_mut().remove_resource::<LightLog>().unwrap();
    (
        log.0.into_iter().map(|(_, record)| record).collect(),
        from_s,
    )
}

fn the_rhythm_under_the_hands(reduce_flashing: bool) -> (Vec<LightRecord>, f64) {
    let mut game = logging_the_lights(reduce_flashing).at(Place::House);
    follow_until(&mut game, HouseBeat::Rhythm);
    let from_s = now_s(&game);
    game.advance_secs(LOOP_S * 1.5);
    let log = game.world_mut().remove_resource::<LightLog>().unwrap();
    (
        log.0.into_iter().map(|(_, record)| record).collect(),
        from_s,
    )
}

/// The settings screen open on the vibration's strength over the title, the strength changed back and
/// forth every 22 frames for four seconds: each change rumbles and pulses the edge glow, recorded.
fn change_the_vibration_strength(reduce_flashing: bool) -> (Vec<LightRecord>, f64) {
    let mut game = logging_the_lights(reduce_flashing);
    game.connect_gamepad();
    game.update();
    *game.world_mut().resource_mut::<SettingsMenu>() = SettingsMenu {
        open: true,
        section: Section::Haptics,
        focus: 2,
        capturing: None,
    };
    game.update();
    game.clear_history();
    let from_s = now_s(&game);
    for step in 0..4 * 60 / 22 {
        game.press(if step % 2 == 0 {
            KeyCode::ArrowLeft
        } else {
            KeyCode::ArrowRight
        });
        game.advance_secs(21.0 * FRAME_S);
    }
    assert!(
        game.rumbles().len() >= 8,
        "each change rumbles: {}",
        game.rumbles().len()
    );
    let log = game.world_mut().remove_resource::<LightLog>().unwrap();
    (
        log.0.into_iter().map(|(_, record)| record).collect(),
        from_s,
    )
}

/// The most flashes in a second of the lights in `records` whose names hold `named`.
fn busiest_of(records: &(Vec<LightRecord>, f64), named: &str) -> f32 {
    let (records, from_s) = records;
    let found: Vec<f32> = records
        .iter()
        .filter(|record| record.name.contains(named))
        .map(|record| most_flashes_in_a_second(&record.levels, *from_s))
        .collect();
    assert!(!found.is_empty(), "{named} is recorded");
    found.into_iter().fold(0.0, f32::max)
}

/// Checks every light of `records` against the limit from `from_s` on, and says how often the busiest
/// flashed.
fn flashes((records, from_s): &(Vec<LightRecord>, f64), limit: f32, place: &str) -> f32 {
    let mut busiest = 0.0f32;
    for record in records {
        let most = most_flashes_in_a_second(&record.levels, *from_s);
        println!(
            "{place}: {} flashes at most {most} times in a second",
            record.name
        );
        assert!(
            most <= limit,
            "{place}: {} flashed {most} times in one second",
            record.name
        );
        busiest = busiest.max(most);
    }
    busiest
}

#[test]
fn the_stage_lights_flash_at_most_three_times_a_second_however_fast_the_kick() {
    let records = kick_fast_through_the_set(false);
    assert!(
        records.0.len() >= 11,
        "five beams, four lenses, the edge glow and the shimmer: {}",
        records.0.len()
    );
    let busiest = flashes(&records, 3.0, "the set");
    assert!(
        busiest >= 2.5,
        "the lights do pulse with the kick: {busiest}"
    );
    let lenses = busiest_of(&records, "Stage light lens");
    assert!(lenses >= 2.5, "the lenses pulse with the beams: {lenses}");
    let shimmer = busiest_of(&records, "Tinnitus shimmer");
    assert!(shimmer >= 1.0, "the shimmer flickers: {shimmer}");
    let reduced = flashes(&kick_fast_through_the_set(true), 1.0, "the set, reduced");
    assert!(reduced < busiest);
}

#[test]
fn the_settings_preview_of_the_vibration_pulses_within_the_flash_limit() {
    let records = change_the_vibration_strength(false);
    let busiest = flashes(&records, 3.0, "the settings");
    let glow = busiest_of(&records, "What is felt");
    assert!(glow >= 2.0, "each change pulses the edge glow: {glow}");
    let reduced = flashes(
        &change_the_vibration_strength(true),
        1.0,
        "the settings, reduced",
    );
    assert!(reduced < busiest);
}

#[test]
fn the_house_glows_with_the_beat_at_most_three_times_a_second() {
    let records = the_rhythm_under_the_hands(false);
    assert!(
        records.0.len() >= 2,
        "the boards and the edge glow: {}",
        records.0.len()
    );
    let busiest = flashes(&records, 3.0, "the rhythm");
    assert!(busiest >= 1.0, "the glow pulses: {busiest}");
    let reduced = flashes(
        &the_rhythm_under_the_hands(true),
        1.0,
        "the rhythm, reduced",
    );
    assert!(reduced < busiest);
}
