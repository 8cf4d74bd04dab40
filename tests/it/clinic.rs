//! The clinic: the hearing test through the drummer's ears, its tones measured at the ear, and the audiogram
//! it ends with.

use bevy::prelude::*;
use hearing::{HearingProfile, Threshold, audiometry::max_level_db_hl};
use stillness::{
    audio::PlaySound,
    autopilot::Guide,
    input::Action,
    journey::Place,
    scenes::clinic::{
        AudiogramChart, CHART_S, ClinicBeat, HearingTest, MeasuredSymbol, PROGRESSION, tone_sound,
        volume_db,
    },
    testing::{Recording, TestGame},
};

/// Longest the whole test may take in the game (story s), chart included.
const TEST_TIMEOUT_S: f32 = 150.0;

fn test(game: &TestGame) -> &HearingTest {
    game.world().resource::<HearingTest>()
}

fn simulated_threshold_db_hl(frequency_hz: f32) -> f32 {
    HearingProfile::at(PROGRESSION)
        .audiograms
        .right
        .threshold_db_hl(frequency_hz)
}

/// Runs the test to its chart; `listener` decides, once per tone, whether to press Space.
fn take_the_test(game: &mut TestGame, mut listener: impl FnMut(&mut TestGame, f32, f32) -> bool) {
    let mut answered = 0;
    let over = game.advance_until(TEST_TIMEOUT_S, |game| {
        if let Some(tone) = test(game).presentation()
            && tone.number > answered
        {
            answered = tone.number;
            if listener(game, tone.frequency_hz, tone.level_db_hl) {
                game.press(KeyCode::Space);
            }
        }
        game.beat::<ClinicBeat>() == Some(ClinicBeat::Audiogram)
    });
    assert!(over, "the test ended within {TEST_TIMEOUT_S} s");
}

/// Plays the tone at `level_db_hl` in the head, as the clinic does, and records it.
fn present(game: &mut TestGame, frequency_hz: f32, level_db_hl: f32) -> (Recording, Recording) {
    game.world_mut().write_message(PlaySound {
        sound: tone_sound(frequency_hz),
        volume_db: volume_db(level_db_hl),
        position: None,
    });
    let render = game.render(0.95);
    // Leave out the start (the voice's first frames and the 25 ms ramp).
    (
        render.heard().from_secs(0.15),
        render.room().from_secs(0.15),
    )
}

#[test]
fn a_listener_who_presses_when_the_tone_is_above_threshold_measures_the_simulated_audiogram() {
    let mut game = TestGame::new().at(Place::Clinic);
    assert_eq!(game.progression(), PROGRESSION);
    let mut guided_right = true;
    take_the_test(&mut game, |game, frequency_hz, level_db_hl| {
        let audible = level_db_hl >= simulated_threshold_db_hl(frequency_hz);
        // The ghost visitor's guide agrees: answer the audible tones, watch the others.
        let guide = game.world().resource::<Guide>().clone();
        let number = test(game).presentation().unwrap().number;
        guided_right &= match guide {
            Guide::Answer { action, prompt } => {
                audible && action == Action::AnswerTone && prompt == number
            }
            Guide::Watch => !audible,
            _ => false,
        };
        audible
    });
    assert!(guided_right, "the guide follows the simulated thresholds");
    let measured = test(&game).measured().clone();
    assert_eq!(measured.thresholds.len(), 6);
    for (frequency_hz, threshold) in &measured.thresholds {
        let truth = simulated_threshold_db_hl(*frequency_hz);
        let Threshold::Measured(level) = threshold else {
            panic!("no response at {frequency_hz} Hz (simulated {truth} dB HL)");
        };
        println!("{frequency_hz:>6} Hz: measured {level} dB HL, simulated {truth:.1} dB HL");
        assert!(
            (level - truth).abs() <= 5.0,
            "{frequency_hz} Hz: measured {level}, simulated {truth}"
        );
    }
    println!(
        "{} tones, {} false alarms",
        test(&game).log.len(),
        test(&game).false_alarms
    );
    assert_eq!(test(&game).false_alarms, 0);
    assert_eq!(game.count::<AudiogramChart>(), 1);
    assert_eq!(game.count::<MeasuredSymbol>(), 6);
    assert!(game.advance_until(CHART_S + 1.0, |game| game.place() != Some(Place::Clinic)));
    assert_eq!(game.place(), Some(Place::House));
    assert_eq!(game.count::<AudiogramChart>(), 0);
}

#[test]
fn the_tones_pass_through_the_ears() {
    let mut game = TestGame::new().at(Place::Clinic);
    game.advance_secs(0.1);
    // 2 kHz, where the severe ears' threshold is 80 dB HL: 95 dB HL is heard, 60 dB HL is not.
    let threshold = simulated_threshold_db_hl(2000.0);
    assert!((threshold - 80.0).abs() < 0.5);
    let (heard_loud, room_loud) = present(&mut game, 2000.0, 95.0);
    let (heard_soft, room_soft) = present(&mut game, 2000.0, 60.0);
    assert!(
        test(&game).log.is_empty(),
        "the intro was quiet while we listened"
    );
    let to_spl = |dbfs: f32| dbfs + 100.0;
    let room_loud_spl = to_spl(room_loud.third_octave_db(2000.0));
    let heard_loud_spl = to_spl(heard_loud.third_octave_db(2000.0));
    let room_soft_spl = to_spl(room_soft.third_octave_db(2000.0));
    let heard_soft_spl = to_spl(heard_soft.third_octave_db(2000.0));
    println!(
        "95 dB HL at 2 kHz: room {room_loud_spl:.1} dB SPL, heard {heard_loud_spl:.1} dB SPL; \
         60 dB HL: room {room_soft_spl:.1} dB SPL, heard {heard_soft_spl:.1} dB SPL"
    );
    // dB HL are presented as dB SPL at the ear.
    assert!((room_loud_spl - 95.0).abs() < 1.5, "{room_loud_spl}");
    assert!((room_soft_spl - 60.0).abs() < 1.5, "{room_soft_spl}");
    // Above threshold: through the recruiting ear, softer but well audible (above 0 dB SPL by far).
    assert!(heard_loud_spl > 50.0, "{heard_loud_spl}");
    assert!(heard_loud_spl < room_loud_spl, "{heard_loud_spl}");
    // Below threshold: present in the room, gone from what the drummer hears.
    assert!(heard_soft_spl < 0.0, "{heard_soft_spl}");
    assert!(room_soft_spl - heard_soft_spl > 60.0);
    // Nothing the audiometer plays passes the limiter.
    assert!(heard_loud.true_peak_db() <= -0.9);
}

#[test]
fn a_listener_who_never_presses_gets_no_response_everywhere_and_the_place_still_ends() {
    let mut game = TestGame::new().at(Place::Clinic);
    take_the_test(&mut game, |_, _, _| false);
    let measured = test(&game).measured().clone();
    assert_eq!(measured.thresholds.len(), 6);
    for (frequency_hz, threshold) in &measured.thresholds {
        assert_eq!(
            *threshold,
            Threshold::NoResponse(max_level_db_hl(*frequency_hz)),
            "{frequency_hz} Hz"
        );
    }
    // The chart shows, with a symbol at every frequency.
    assert_eq!(game.count::<AudiogramChart>(), 1);
    assert_eq!(game.count::<MeasuredSymbol>(), 6);
    assert!(game.advance_until(CHART_S + 1.0, |game| game.place() != Some(Place::Clinic)));
    assert_eq!(game.place(), Some(Place::House));
}
