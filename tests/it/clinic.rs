//! The clinic: the hearing test through the drummer's ears, right then left, its tones measured at each
//! ear, and the audiogram of both ears it ends with.

use bevy::prelude::*;
use hearing::{Ear, HearingProfile, Threshold, audiometry::max_level_db_hl};
use kira::Frame;
use stillness::{
    autopilot::Guide,
    hearing::{HearingProgression, LeadingEar},
    input::Action,
    journey::Place,
    scenes::clinic::{
        AudiogramChart, CHART_S, ClinicBeat, HearingTest, MeasuredSymbol, PROGRESSION, tone,
    },
    testing::{Recording, TestGame},
};

/// Longest the whole test of both ears may take in the game (story s), chart included.
const TEST_TIMEOUT_S: f32 = 300.0;

fn test(game: &TestGame) -> &HearingTest {
    game.world().resource::<HearingTest>()
}

/// The drummer's right ear a stretch behind the left (the story's severe loss): the ears the tests measure,
/// every threshold within the audiometer's range, the right ear's between its 5 dB steps.
const RIGHT_BEHIND: LeadingEar = LeadingEar {
    ear: Ear::Right,
    lead: -0.25,
};

fn asymmetric_ears() -> HearingProfile {
    HearingProfile::at_with_lead(PROGRESSION, RIGHT_BEHIND.ear, RIGHT_BEHIND.lead)
}

/// The clinic with the drummer's right ear better than the left.
fn clinic_with_asymmetric_ears() -> TestGame {
    let mut game = TestGame::new().at(Place::Clinic);
    let world = game.world_mut();
    let drummer = world
        .query_filtered::<Entity, With<HearingProgression>>()
        .single(world)
        .expect("one drummer");
    world.entity_mut(drummer).insert(RIGHT_BEHIND);
    game
}

/// One channel of a recording, as heard by that ear alone (in both channels, so it reads at its level).
fn ear_of(recording: &Recording, ear: Ear) -> Recording {
    Recording(
        recording
            .0
            .iter()
            .map(|frame| match ear {
                Ear::Left => Frame::from_mono(frame.left),
                Ear::Right => Frame::from_mono(frame.right),
            })
            .collect(),
    )
}

/// Runs the test to its chart; `listener` decides, once per tone, whether to press Space.
fn take_the_test(
    game: &mut TestGame,
    mut listener: impl FnMut(&mut TestGame, Ear, f32, f32) -> bool,
) {
    let mut answered = 0;
    let over = game.advance_until(TEST_TIMEOUT_S, |game| {
        if let Some((ear, tone)) = test(game).presentation()
            && tone.number > answered
        {
            answered = tone.number;
            if listener(game, ear, tone.frequency_hz, tone.level_db_hl) {
                game.press(KeyCode::Space);
            }
        }
        game.beat::<ClinicBeat>() == Some(ClinicBeat::Audiogram)
    });
    assert!(over, "the test ended within {TEST_TIMEOUT_S} s");
}

/// Plays the audiometer's tone at `level_db_hl` in one ear, as the clinic does, records 0.6 s of it and
/// stops it (six fit in the instruction before the test's own first tone).
fn present(
    game: &mut TestGame,
    ear: Ear,
    frequency_hz: f32,
    level_db_hl: f32,
) -> (Recording, Recording) {
    let playing = game
        .world_mut()
        .spawn(tone(ear, frequency_hz, level_db_hl))
        .id();
    let render = game.render(0.6);
    game.world_mut().despawn(playing);
    // Leave out the start (the voice's first frames, the 25 ms ramp and the end of the tone before).
    (
        render.heard().from_secs(0.15),
        render.room().from_secs(0.15),
    )
}

#[test]
fn a_listener_who_presses_when_the_tone_is_above_threshold_measures_both_ears() {
    let mut game = clinic_with_asymmetric_ears();
    assert_eq!(game.progression(), PROGRESSION);
    let ears = asymmetric_ears();
    let mut guided_right = true;
    let mut ears_tested = Vec::new();
    take_the_test(&mut game, |game, ear, frequency_hz, level_db_hl| {
        if ears_tested.last() != Some(&ear) {
            ears_tested.push(ear);
        }
        let audible = level_db_hl >= ears.audiogram(ear).threshold_db_hl(frequency_hz);
        // The ghost visitor's guide agrees: answer the audible tones, watch the others.
        let guide = game.world().resource::<Guide>().clone();
        let number = test(game).presentation().unwrap().1.number;
        guided_right &= match guide {
            Guide::Answer { action, prompt } => {
                audible && action == Action::AnswerTone && prompt == number
            }
            Guide::Watch => !audible,
            _ => false,
        };
        audible
    });
    assert_eq!(ears_tested, [Ear::Right, Ear::Left], "right ear first");
    assert!(guided_right, "the guide follows the simulated thresholds");
    let mut symmetric = true;
    for ear in [Ear::Right, Ear::Left] {
        let measured = test(&game).measured(ear).clone();
        assert_eq!(measured.thresholds.len(), 6);
        for (frequency_hz, threshold) in &measured.thresholds {
            let truth = ears.audiogram(ear).threshold_db_hl(*frequency_hz);
            let Threshold::Measured(level) = threshold else {
                panic!(
                    "{} ear: no response at {frequency_hz} Hz (simulated {truth} dB HL)",
                    ear.name()
                );
            };
            println!(
                "{:>5} ear {frequency_hz:>6} Hz: measured {level} dB HL, simulated {truth:.1} dB HL, \
                 error {:+.1} dB",
                ear.name(),
                level - truth
            );
            assert!(
                (level - truth).abs() <= 5.0,
                "{} ear, {frequency_hz} Hz: measured {level}, simulated {truth}",
                ear.name()
            );
        }
        symmetric &= measured == *test(&game).measured(Ear::Right);
    }
    assert!(!symmetric, "the two ears measure differently");
    println!(
        "{} tones, {} false alarms",
        test(&game).log.len(),
        test(&game).false_alarms
    );
    assert_eq!(test(&game).false_alarms, 0);
    assert_eq!(game.count::<AudiogramChart>(), 1);
    let symbols: Vec<MeasuredSymbol> = {
        let world = game.world_mut();
        world
            .query::<&MeasuredSymbol>()
            .iter(world)
            .copied()
            .collect()
    };
    for ear in [Ear::Right, Ear::Left] {
        let mut drawn: Vec<(f32, Threshold)> = symbols
            .iter()
            .filter(|symbol| symbol.ear == ear)
            .map(|symbol| (symbol.frequency_hz, symbol.threshold))
            .collect();
        drawn.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(
            drawn,
            test(&game).measured(ear).thresholds,
            "{} ear drawn as measured",
            ear.name()
        );
    }
    assert!(game.advance_until(CHART_S + 1.0, |game| game.place() != Some(Place::Clinic)));
    assert_eq!(game.place(), Some(Place::House));
    assert_eq!(game.count::<AudiogramChart>(), 0);
}

#[test]
fn the_tones_pass_through_one_ear_at_a_time() {
    let mut game = clinic_with_asymmetric_ears();
    game.advance_secs(0.1);
    let ears = asymmetric_ears();
    // 2 kHz, where the right ear's threshold is about 46 dB HL and the left's 80: 95 dB HL is heard in
    // either, 65 dB HL only in the right, 30 dB HL in neither.
    let threshold = |ear: Ear| ears.audiogram(ear).threshold_db_hl(2000.0);
    assert!((threshold(Ear::Left) - 80.0).abs() < 0.5);
    assert!((threshold(Ear::Right) - 46.2).abs() < 0.5);
    let to_spl =
        |recording: &Recording, ear| ear_of(recording, ear).third_octave_db(2000.0) + 100.0;
    for (level_db_hl, heard_by) in [
        (95.0, [Ear::Right, Ear::Left].as_slice()),
        (65.0, [Ear::Right].as_slice()),
        (30.0, [].as_slice()),
    ] {
        for ear in [Ear::Right, Ear::Left] {
            let other = match ear {
                Ear::Right => Ear::Left,
                Ear::Left => Ear::Right,
            };
            let (heard, room) = present(&mut game, ear, 2000.0, level_db_hl);
            let (room_spl, heard_spl) = (to_spl(&room, ear), to_spl(&heard, ear));
            println!(
                "{level_db_hl} dB HL at 2 kHz in the {} ear: room {room_spl:.1} dB SPL, heard \
                 {heard_spl:.1} dB SPL; the other ear: room {:.1}, heard {:.1} dB SPL",
                ear.name(),
                to_spl(&room, other),
                to_spl(&heard, other)
            );
            // dB HL are presented as dB SPL at the ear, and nothing in the other ear.
            assert!((room_spl - level_db_hl).abs() < 1.5, "{room_spl}");
            assert!(to_spl(&room, other) < room_spl - 60.0);
            assert!(to_spl(&heard, other) < 0.0);
            if heard_by.contains(&ear) {
                // Above threshold: through the recruiting ear, softer but well audible.
                assert!(heard_spl > 20.0, "{heard_spl}");
                assert!(heard_spl < room_spl, "{heard_spl}");
            } else {
                // Below threshold: present in the room, gone from what the drummer hears.
                assert!(heard_spl < 0.0, "{heard_spl}");
            }
            // Nothing the audiometer plays passes the limiter.
            assert!(heard.true_peak_db() <= -0.9);
        }
    }
    assert!(
        test(&game).log.is_empty(),
        "the intro was quiet while we listened"
    );
}

#[test]
fn a_listener_who_never_presses_gets_no_response_everywhere_and_the_place_still_ends() {
    let mut game = TestGame::new().at(Place::Clinic);
    take_the_test(&mut game, |_, _, _, _| false);
    for ear in [Ear::Right, Ear::Left] {
        let measured = test(&game).measured(ear).clone();
        assert_eq!(measured.thresholds.len(), 6);
        for (frequency_hz, threshold) in &measured.thresholds {
            assert_eq!(
                *threshold,
                Threshold::NoResponse(max_level_db_hl(*frequency_hz)),
                "{} ear, {frequency_hz} Hz",
                ear.name()
            );
        }
    }
    // The chart shows, with a symbol at every frequency of each ear.
    assert_eq!(game.count::<AudiogramChart>(), 1);
    assert_eq!(game.count::<MeasuredSymbol>(), 12);
    assert!(game.advance_until(CHART_S + 1.0, |game| game.place() != Some(Place::Clinic)));
    assert_eq!(game.place(), Some(Place::House));
}
