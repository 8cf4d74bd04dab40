//! The stillness: near silence that is meant, the body arriving layer by layer and heard above all else,
//! and the end card that follows it, then the title.

use bevy::prelude::*;
use stillness::{
    audio::{FadeIn, OneShot, SoundEmitter},
    autopilot::Guide,
    journey::{Itinerary, Place, Screen},
    player::Player,
    scenes::{
        stillness::{BodyLayer, BodySound, FADE_IN_S, STORY, StillnessBeat},
        timeline::Length,
    },
    settings::{CaptionMode, CurrentSettings},
    testing::{FRAME_S, Recording, TestGame},
    ui::{
        captions::Speaker,
        end_card::{EndCardTiming, SAFE_LISTENING},
    },
    words::Phrase,
};

/// Story seconds from the chamber's first frame to the start of `beat`.
fn beat_starts_s(beat: StillnessBeat) -> f32 {
    STORY.starts_s(beat, |_| 0.0)
}

/// Story seconds from the chamber's first frame to the arrival of the last layer, the blink.
fn last_layer_arrives_s() -> f32 {
    let body = STORY.named(StillnessBeat::Body);
    let blink = body.cues.iter().map(|cue| cue.at_s).fold(0.0_f32, f32::max);
    beat_starts_s(StillnessBeat::Body) + blink
}

fn in_the_chamber() -> TestGame {
    TestGame::new().at(Place::Stillness)
}

/// The stillness at a quick pace, straight through to the end card.
fn at_the_end_card() -> TestGame {
    let mut game = in_the_chamber();
    game.world_mut()
        .resource_mut::<Itinerary>()
        .set_pace(Place::Stillness, 40.0);
    assert!(
        game.advance_until(10.0, |g| g.screen() == Screen::EndCard),
        "the stillness ends in the end card"
    );
    game
}

/// Whether `wanted` is on screen, whatever lines its caption was broken into.
fn shows_text(game: &mut TestGame, wanted: &str) -> bool {
    let world = game.world_mut();
    world
        .query::<&Text>()
        .iter(world)
        .any(|text| text.0.split_whitespace().eq(wanted.split_whitespace()))
}

#[test]
fn the_first_seconds_are_near_silence_and_the_silence_is_labelled() {
    let mut game = in_the_chamber();
    assert_eq!(*game.world().resource::<Guide>(), Guide::HoldStill);
    let heard = game.render_heard(8.0);
    assert!(
        heard.rms_db() < -60.0,
        "the chamber is near silent: {:.1} dBFS heard (0 dBFS = 100 dB SPL)",
        heard.rms_db()
    );
    let silence = game
        .captions()
        .iter()
        .find(|shown| shown.perceived == SILENCE_MEANT)
        .expect("the silence is captioned as meant");
    assert_eq!(silence.caption.speaker, Speaker::Sound);
    assert_eq!(silence.said, ROOM_IN_SILENCE);
    assert!(silence.frame as f32 * FRAME_S < 0.5);
}

const SILENCE_MEANT: &str = "[silence: the ears hear nothing here]";
const ROOM_IN_SILENCE: &str = "[near silence: only the room's faint, steady tone]";

fn set_mode(game: &mut TestGame, mode: CaptionMode) {
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .captions
        .mode = mode;
}

#[test]
fn the_silence_stays_labelled_for_as_long_as_it_lasts_and_the_label_goes_when_the_body_is_heard() {
    let mut game = in_the_chamber();
    let mut frames = 0;
    let mut checked_transcript = false;
    loop {
        let frame = game.update();
        let body_heard = game.count::<BodyLayer>() > 0;
        if body_heard {
            break;
        }
        let silence_s = frame as f32 * FRAME_S;
        assert!(silence_s < 30.0, "the body never came");
        // The label from the second frame on (captions show the frame after they are written).
        if frame >= 2 {
            assert!(
                shows_text(&mut game, SILENCE_MEANT),
                "the silence is unlabelled at {silence_s:.2} s"
            );
            frames += 1;
        }
        if !checked_transcript && silence_s > 6.0 {
            // The transcript says what the room still makes instead.
            set_mode(&mut game, CaptionMode::Transcript);
            game.update();
            assert!(shows_text(&mut game, ROOM_IN_SILENCE));
            assert!(!shows_text(&mut game, SILENCE_MEANT));
            set_mode(&mut game, CaptionMode::Perceived);
            checked_transcript = true;
        }
    }
    let labelled_s = frames as f32 * FRAME_S;
    println!("the silence was labelled for {labelled_s:.2} s, until the body was heard");
    assert!(
        labelled_s >= beat_starts_s(StillnessBeat::Body) - 0.5,
        "labelled for only {labelled_s:.2} s"
    );
    game.advance_secs(2.0 * FRAME_S);
    assert!(
        !shows_text(&mut game, SILENCE_MEANT),
        "the label goes when sound returns"
    );
    assert!(!shows_text(&mut game, ROOM_IN_SILENCE));
}

#[test]
fn the_body_arrives_layer_by_layer_in_order_each_with_a_caption() {
    let mut game = in_the_chamber();
    let mut arrived: Vec<(BodySound, u64)> = Vec::new();
    let until_s = last_layer_arrives_s() + 1.0;
    loop {
        let frame = game.update();
        if frame as f32 * FRAME_S > until_s {
            break;
        }
        let world = game.world_mut();
        let layers: Vec<BodySound> = world
            .query::<&BodyLayer>()
            .iter(world)
            .map(|layer| layer.sound)
            .collect();
        for sound in layers {
            if !arrived.iter().any(|(s, _)| *s == sound) {
                arrived.push((sound, frame));
            }
        }
    }
    let order: Vec<BodySound> = arrived.iter().map(|(sound, _)| *sound).collect();
    assert_eq!(order, BodySound::IN_ORDER);
    for pair in arrived.windows(2) {
        let apart_s = (pair[1].1 - pair[0].1) as f32 * FRAME_S;
        assert!(
            apart_s >= 5.0,
            "{:?} then {:?}, {apart_s:.1} s apart",
            pair[0].0,
            pair[1].0
        );
    }
    for (sound, frame) in &arrived {
        let captioned = game.captions().iter().any(|shown| {
            shown.caption.said == Phrase::new(sound.caption()) && shown.frame.abs_diff(*frame) <= 2
        });
        assert!(
            captioned,
            "{:?} arrives with \"{}\"",
            sound,
            sound.caption()
        );
        // Heard in the head: a looping emitter that fades in, or one-shots without a position.
        let stem = sound.stem();
        let world = game.world_mut();
        let looped = world
            .query::<(&SoundEmitter, &FadeIn)>()
            .iter(world)
            .any(|(emitter, fade)| emitter.sound.0 == stem && emitter.in_head && fade.0 > 1.0);
        let one_shots = game
            .sounds()
            .iter()
            .any(|played| played.sound.sound.0 == stem && played.sound.position.is_none());
        assert!(looped || one_shots, "{stem} sounds inside the head");
    }
}

/// The assertion, measured: at the end, the body is what is heard. Method: 20 s after the last
/// layer has arrived, render 6 s of what the drummer hears; then take the body away (every body layer and
/// its one-shots, leaving the chamber and its faint room tone) and render the next 6 s. The difference in
/// level is how far the body stands above everything else heard: 20 dB means the body carries 99 % of
/// the heard energy.
#[test]
fn in_the_stillness_body_sounds_are_the_loudest_thing_heard() {
    let mut game = in_the_chamber();
    game.advance_secs(last_layer_arrives_s() + 20.0 - 6.0);
    assert_eq!(game.place(), Some(Place::Stillness));
    let with_the_body = game.render(6.0);
    let heard_body = with_the_body.heard();

    let world = game.world_mut();
    let body: Vec<Entity> = world
        .query_filtered::<Entity, Or<(With<BodyLayer>, With<OneShot>)>>()
        .iter(world)
        .collect();
    assert!(body.len() >= BodySound::IN_ORDER.len());
    for entity in body {
        world.despawn(entity);
    }
    game.advance_secs(0.5);
    let heard_room = game.render_heard(6.0);

    let body_db = heard_body.rms_db();
    let rest_db = heard_room.rms_db();
    println!(
        "heard with the body {body_db:.1} dBFS, without it {rest_db:.1} dBFS; \
         body bands 20-90 Hz {:.1}, 90-500 Hz {:.1}, 0.5-2 kHz {:.1} dBFS",
        heard_body.band_db(20.0, 90.0),
        heard_body.band_db(90.0, 500.0),
        heard_body.band_db(500.0, 2000.0)
    );
    assert!(
        body_db > rest_db + 20.0,
        "the body {body_db:.1} dBFS stands above the rest {rest_db:.1} dBFS"
    );
    assert!(
        (-40.0..-10.0).contains(&body_db),
        "the body is clearly audible, not loud: {body_db:.1} dBFS (100 dB SPL = 0 dBFS)"
    );
    assert!(
        heard_body.true_peak_db() <= -1.0 + 0.1,
        "under the ceiling: {:.1} dBTP",
        heard_body.true_peak_db()
    );
}

#[test]
fn the_body_fades_in_rather_than_popping() {
    let mut game = in_the_chamber();
    game.advance_secs(beat_starts_s(StillnessBeat::Body) + 0.1);
    let rising = game.render_heard(FADE_IN_S + 1.0);
    let first_db = level_db(&rising, 0.0, 0.5);
    let settled_db = level_db(&rising, FADE_IN_S, FADE_IN_S + 1.0);
    assert!(
        settled_db > first_db + 15.0,
        "the blood rush rises over {FADE_IN_S} s: {first_db:.1} -> {settled_db:.1} dBFS"
    );
}

/// Level of a stretch of a render (dBFS).
fn level_db(recording: &Recording, from_s: f32, to_s: f32) -> f32 {
    let rate = recording.sample_rate() as f32;
    let (from, to) = ((from_s * rate) as usize, (to_s * rate) as usize);
    Recording(recording.0[from..to.min(recording.0.len())].to_vec()).rms_db()
}

#[test]
fn the_story_is_about_a_minute_and_a_quarter_and_ends_in_the_end_card() {
    let total_s = beat_starts_s(StillnessBeat::Limit)
        + match STORY.beats.last().unwrap().length {
            Length::Seconds(s) => s,
            Length::UntilTheVisitorActs => 0.0,
        };
    assert!((60.0..=90.0).contains(&total_s), "{total_s} s");
    let mut game = in_the_chamber();
    game.advance_secs(2.0);
    assert!(game.beat::<StillnessBeat>().is_some());
    let mut game = at_the_end_card();
    assert_eq!(game.place(), None, "the chamber is gone");
    assert_eq!(game.count::<Player>(), 0);
    assert_eq!(game.count::<Mesh3d>(), 0, "no world on the end card");
    assert_eq!(game.count::<SoundEmitter>(), 0, "no sound on the end card");
    let safe_listening = game.text(&SAFE_LISTENING);
    assert!(
        shows_text(&mut game, &safe_listening),
        "the safe-listening message"
    );
}

#[test]
fn a_key_on_the_end_card_returns_to_the_title_only_after_a_moment() {
    let mut game = at_the_end_card();
    let timing = *game.world().resource::<EndCardTiming>();
    game.advance_secs(timing.min_s / 3.0);
    game.press(KeyCode::Space);
    game.advance_secs(0.1);
    assert_eq!(
        game.screen(),
        Screen::EndCard,
        "too soon: the key does nothing"
    );
    game.advance_secs(timing.min_s);
    game.press(KeyCode::Space);
    game.advance_secs(0.1);
    assert_eq!(game.screen(), Screen::Title);
}

#[test]
fn the_end_card_returns_to_the_title_by_itself() {
    let mut game = at_the_end_card();
    let timing = *game.world().resource::<EndCardTiming>();
    assert!((15.0..=30.0).contains(&timing.max_s), "{} s", timing.max_s);
    game.advance_secs(timing.max_s - 0.5);
    assert_eq!(game.screen(), Screen::EndCard);
    game.advance_secs(1.0);
    assert_eq!(game.screen(), Screen::Title);
}

#[test]
fn an_exhibition_can_shorten_the_end_card() {
    let mut game = TestGame::with_app(|app| {
        app.insert_resource(EndCardTiming {
            min_s: 1.0,
            max_s: 4.0,
        });
    })
    .at(Place::Stillness);
    game.world_mut()
        .resource_mut::<Itinerary>()
        .set_pace(Place::Stillness, 40.0);
    assert!(game.advance_until(10.0, |g| g.screen() == Screen::EndCard));
    assert!(game.advance_until(4.5, |g| g.screen() == Screen::Title));
}
