//! Sign in the house: the lesson's card plays each sign on a hand and never shows its answer; what is
//! signed is captioned as signed in the transcript and as a hearing newcomer follows it in the perceived
//! mode; every sound the house plays is in the transcript; the mentor is "he" in every language.

use bevy::prelude::*;
use stillness::{
    audio::SoundEmitter,
    input::{Action, Bindings},
    journey::Place,
    scenes::house::{
        CardHand, DINER_NAMES, Hands, HouseBeat, HouseCue, Lesson, SIGNS, STORY, SignCard,
        SignsLearnt,
    },
    settings::{CaptionMode, CurrentSettings},
    testing::{FRAME_S, TestGame},
    ui::captions::Speaker,
    words::{Language, Phrase, Phrasebook},
};

use crate::foundation::texts;
use crate::house::follow_the_guide;

/// Every text on the sign card, with its descendants'.
fn card_texts(game: &mut TestGame) -> Vec<String> {
    let world = game.world_mut();
    let cards: Vec<Entity> = world
        .query_filtered::<Entity, With<SignCard>>()
        .iter(world)
        .collect();
    assert_eq!(cards.len(), 1, "one sign card");
    let mut found = Vec::new();
    let mut open = cards;
    while let Some(entity) = open.pop() {
        let entity = world.entity(entity);
        if let Some(text) = entity.get::<Text>() {
            found.push(text.0.clone());
        }
        if let Some(children) = entity.get::<Children>() {
            open.extend(children.iter());
        }
    }
    found
}

/// The card's strong hand, frame by frame over `secs`: where it is drawn (px) and its rotation (rad).
fn strong_hand_path(game: &mut TestGame, secs: f32) -> Vec<(Vec2, f32)> {
    (0..(secs / FRAME_S).round() as usize)
        .map(|_| {
            game.update();
            let world = game.world_mut();
            let (_, node, transform) = world
                .query::<(&CardHand, &Node, &UiTransform)>()
                .iter(world)
                .find(|(hand, _, _)| hand.right)
                .expect("the card has a strong hand");
            let px = |v: Val| match v {
                Val::Px(px) => px,
                other => panic!("a hand placed at {other:?}"),
            };
            (
                Vec2::new(px(node.left), px(node.top)),
                node_rotation(transform),
            )
        })
        .collect()
}

fn node_rotation(transform: &UiTransform) -> f32 {
    transform.rotation.as_radians()
}

/// One showing of a sign lasts about this long before it repeats.
const SHOWING_S: f32 = 1.8;

#[test]
fn the_sign_card_plays_each_sign_on_a_moving_hand_and_never_shows_its_answer() {
    let mut game = TestGame::new().at_beat(HouseBeat::Signs);
    game.advance_secs(0.2);
    let bindings = game.world().resource::<Bindings>().clone();
    let answer_words: Vec<String> = [
        Action::SignUp,
        Action::SignDown,
        Action::SignLeft,
        Action::SignRight,
    ]
    .into_iter()
    .map(|action| game.text(&bindings.label(action)))
    .collect();

    let mut paths = Vec::new();
    for (i, sign) in SIGNS.iter().enumerate() {
        assert_eq!(game.world().resource::<Lesson>().sign, i);
        let shown = card_texts(&mut game);
        let meaning = game.text(&Phrase::new(sign.meaning));
        assert!(
            shown.iter().any(|text| text.contains(&meaning)),
            "the card names {meaning}: {shown:?}"
        );
        for text in &shown {
            for answer in &answer_words {
                assert!(
                    !text.contains(answer.as_str()),
                    "the card shows the answer {answer:?}: {text:?}"
                );
            }
        }

        let path = strong_hand_path(&mut game, SHOWING_S);
        let moving = path
            .windows(2)
            .filter(|pair| pair[0].0.distance(pair[1].0) > 0.05 || pair[0].1 != pair[1].1)
            .count();
        println!(
            "{meaning}: the hand moves on {moving} of {} frames",
            path.len() - 1
        );
        assert!(
            moving as f32 > 0.5 * (path.len() - 1) as f32,
            "{meaning}: the hand moves on only {moving} frames"
        );
        // The hand moves the way that answers the sign (as in a mirror: the strong hand on the right).
        let start = path[0].0;
        let held = path[(0.65 * path.len() as f32) as usize].0;
        let moved = held - start;
        let (along, across) = match sign.answer {
            Action::SignRight => (moved.x, moved.y.abs()),
            Action::SignLeft => (-moved.x, moved.y.abs()),
            Action::SignDown => (moved.y, moved.x.abs()),
            Action::SignUp => (-moved.y, moved.x.abs()),
            other => panic!("{other:?} answers no sign"),
        };
        assert!(
            along > 15.0 && along > across,
            "{meaning}: the hand moved {moved} px, answered by {:?}",
            sign.answer
        );
        // It loops: a showing later, the hand is back where it began.
        let again = strong_hand_path(&mut game, SHOWING_S);
        let (first, then) = (path[path.len() / 2], again[again.len() / 2]);
        assert!(
            first.0.distance(then.0) < 3.0,
            "{meaning}: {first:?} then {then:?}"
        );
        paths.push(path);

        game.press(sign.answer.key());
        game.update();
    }
    for (i, a) in paths.iter().enumerate() {
        for b in &paths[i + 1..] {
            let apart: f32 = a.iter().zip(b).map(|(p, q)| p.0.distance(q.0)).sum();
            let turned: f32 = a.iter().zip(b).map(|(p, q)| (p.1 - q.1).abs()).sum();
            assert!(
                apart / a.len() as f32 > 5.0 && turned > 1.0,
                "two signs look alike: {apart:.0} px, {turned:.1} rad apart"
            );
        }
    }
    assert_eq!(game.beat::<HouseBeat>(), Some(HouseBeat::ToTheChildren));
    assert_eq!(game.count::<SignCard>(), 0, "the card goes with the lesson");
}

fn set_mode(game: &mut TestGame, mode: CaptionMode) {
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .captions
        .mode = mode;
    game.update();
}

/// The lines signed at dinner: who signs, the words, and which of the lesson's signs they hold.
fn dinner_lines() -> Vec<(usize, &'static str, &'static [usize])> {
    STORY
        .beats
        .iter()
        .find(|beat| beat.name == HouseBeat::Dinner)
        .unwrap()
        .cues
        .iter()
        .filter_map(|cue| match cue.what {
            HouseCue::Signs(signed) => match signed.by {
                Hands::Diner(who) => Some((who, signed.said, signed.holds)),
                Hands::Mentor => None,
            },
            _ => None,
        })
        .collect()
}

#[test]
fn what_is_signed_is_captioned_as_signed_and_as_a_newcomer_follows_it() {
    let lines = dinner_lines();
    assert!(lines.len() >= 5, "{} lines signed at dinner", lines.len());
    let lost = "[signing you can't follow yet]";

    let mut game = TestGame::new().at_beat(HouseBeat::Dinner);
    game.advance_secs(1.0);
    // On screen, in both modes, while the first line is captioned.
    let (first_who, first_said, _) = lines[0];
    let in_sign = format!("[in sign] {}", game.text(&Phrase::new(first_said)));
    set_mode(&mut game, CaptionMode::Transcript);
    let transcript = texts(&mut game);
    assert!(shows(&transcript, &in_sign), "{transcript:?}");
    assert!(!transcript.iter().any(|t| t == lost), "{transcript:?}");
    set_mode(&mut game, CaptionMode::Perceived);
    let perceived = texts(&mut game);
    assert!(perceived.iter().any(|t| t == lost), "{perceived:?}");
    assert!(!shows(&perceived, &in_sign), "{perceived:?}");
    let name = game.text(&Phrase::new(DINER_NAMES[first_who]));
    assert!(
        perceived.iter().any(|t| t.contains(&name)),
        "{name} is named: {perceived:?}"
    );

    game.advance_secs(40.0);
    for (who, said, _) in &lines {
        let words = game.text(&Phrase::new(said));
        let shown = game
            .captions()
            .iter()
            .find(|c| c.said == format!("[in sign] {words}"))
            .unwrap_or_else(|| panic!("no caption for {said}"));
        assert_eq!(
            shown.caption.speaker,
            Speaker::Named(Phrase::new(DINER_NAMES[*who]))
        );
        assert_eq!(shown.perceived, lost, "{said}, before the lesson");
    }

    // Once FRIEND is learnt, a newcomer catches it in a line that holds it, and nothing else.
    let mut game = TestGame::new().at_beat(HouseBeat::Dinner);
    game.update();
    game.world_mut().resource_mut::<SignsLearnt>().learn(2);
    game.advance_secs(40.0);
    let friend = game.text(&Phrase::new(SIGNS[2].meaning));
    for (_, said, holds) in &lines {
        let words = game.text(&Phrase::new(said));
        let shown = game
            .captions()
            .iter()
            .find(|c| c.said == format!("[in sign] {words}"))
            .unwrap();
        if holds.contains(&2) {
            assert_eq!(
                shown.perceived,
                format!("[signing; you catch only {friend}]")
            );
        } else {
            assert_eq!(shown.perceived, lost, "{said}");
        }
    }
}

#[test]
fn after_the_lesson_the_newcomer_catches_the_signs_he_learnt() {
    let mut game = TestGame::new().at_beat(HouseBeat::Signs);
    game.advance_secs(0.5);
    for sign in SIGNS {
        game.press(sign.answer.key());
        game.update();
    }
    game.advance_secs(1.0);
    let (hello, friend) = (
        game.text(&Phrase::new(SIGNS[0].meaning)),
        game.text(&Phrase::new(SIGNS[2].meaning)),
    );
    let go_play = game
        .captions()
        .iter()
        .find(|c| c.said.starts_with("[in sign]"))
        .expect("the mentor signs after the lesson")
        .clone();
    assert_eq!(
        go_play.caption.speaker,
        Speaker::Named(Phrase::new("speaker-mentor"))
    );
    assert_eq!(
        go_play.perceived,
        format!("[signing; you catch only {friend} … {hello}]")
    );
    set_mode(&mut game, CaptionMode::Perceived);
    let shown = texts(&mut game);
    assert!(shows(&shown, &go_play.perceived), "{shown:?}");
}

/// Whether `text` is on screen, whatever lines the caption broke it into: all of it, or its first
/// caption of several (four words or more) where it takes more than one.
fn shows(texts: &[String], text: &str) -> bool {
    let wanted: Vec<&str> = text.split_whitespace().collect();
    texts.iter().any(|shown| {
        let shown: Vec<&str> = shown.split_whitespace().collect();
        shown.len() >= wanted.len().min(4) && wanted.starts_with(&shown)
    })
}

#[test]
fn signed_lines_are_marked_as_signed_in_every_language() {
    let book = Phrasebook::read(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/locales"),
    )
    .unwrap();
    let said = Phrase::new("caption-in-sign").with("said", Phrase::new("house-signed-porch"));
    for (language, mark) in [
        (Language::English, "[in sign] "),
        (Language::Spanish, "[en lengua de signos] "),
        (Language::German, "[in Gebärdensprache] "),
        (Language::French, "[en langue des signes] "),
    ] {
        let text = book.text(language, &said).unwrap();
        assert!(text.starts_with(mark), "{}: {text}", language.code());
        assert!(text.len() > mark.len() + 20, "{}: {text}", language.code());
    }
}

#[test]
fn every_sound_the_house_plays_is_in_the_transcript() {
    let mut game = TestGame::new().at(Place::House);
    // Each running sound, with the frames between which it began.
    let mut running: Vec<(&'static str, u64, u64)> = Vec::new();
    let mut last_prompt = 0;
    let mut sampled = game.update();
    loop {
        follow_the_guide(&mut game, &mut last_prompt);
        if game.place() != Some(Place::House) {
            break;
        }
        let frame = game.update();
        let world = game.world_mut();
        for emitter in world.query::<&SoundEmitter>().iter(world) {
            if emitter.looping && !running.iter().any(|(stem, ..)| *stem == emitter.sound.0) {
                running.push((emitter.sound.0, sampled, frame));
            }
        }
        sampled = frame;
        assert!(frame < 20_000, "the stay never ended");
    }
    let played: Vec<(&'static str, u64, u64)> = game
        .sounds()
        .iter()
        .filter(|played| !played.sound.sound.0.starts_with("mentor_") && played.frame <= sampled)
        .map(|played| (played.sound.sound.0, played.frame, played.frame))
        .collect();
    assert!(
        played
            .iter()
            .any(|(stem, ..)| stem.starts_with("glass_clink")),
        "dishes at dinner"
    );
    assert!(running.len() >= 3, "{running:?}");
    let mut missing = Vec::new();
    for (stem, after, by) in played.iter().chain(&running) {
        let words = game.text(&Phrase::sound(stem));
        let captioned = game
            .captions()
            .iter()
            .find(|c| c.said.contains(&words) && c.frame + 1 >= *after && c.frame <= *by);
        match captioned {
            Some(shown) => assert_eq!(
                shown.perceived, "",
                "{stem} is beyond the drummer's ears: the perceived mode leaves it out"
            ),
            None => missing.push(format!("{stem} (began by frame {by})")),
        }
    }
    println!(
        "{} sounds played, {} running: {:?}",
        played.len(),
        running.len(),
        running.iter().map(|(stem, ..)| *stem).collect::<Vec<_>>()
    );
    assert!(missing.is_empty(), "no transcript caption: {missing:?}");
}

/// Words that would make the mentor "she" in each language, and the words that make him "he".
fn pronouns(language: Language) -> (&'static [&'static str], &'static [&'static str]) {
    match language {
        Language::English => (&["she", "her", "hers", "herself"], &["he", "his", "him"]),
        Language::Spanish => (&["ella", "mentora", "la mentor"], &["el mentor", "él"]),
        Language::German => (
            &["mentorin", "die mentor", "ihr", "ihre", "ihrem", "ihren"],
            &["der mentor", "seinem", "er"],
        ),
        Language::French => (&["elle", "mentore", "la mentor"], &["le mentor", "il"]),
    }
}

#[test]
fn the_mentor_is_he_in_every_language() {
    let book = Phrasebook::read(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/locales"),
    )
    .unwrap();
    for language in Language::ALL {
        let (hers, his) = pronouns(language);
        let mut about_him = 0;
        let mut used_his = 0;
        for key in book.messages(language).keys() {
            // The people at the table are "they" ("sie" in German): only messages of the mentor count.
            let of_the_mentor = key.contains("mentor")
                || [
                    "house-signs-speaks-know",
                    "house-points-long-table",
                    "house-hint-study",
                ]
                .contains(&key.as_str());
            if !of_the_mentor {
                continue;
            }
            let key: &'static str = Box::leak(key.clone().into_boxed_str());
            let text = book
                .text(language, &Phrase::new(key))
                .unwrap_or_default()
                .to_lowercase();
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let has = |form: &str| {
                if form.contains(' ') {
                    text.contains(form)
                } else {
                    words.contains(&form)
                }
            };
            about_him += 1;
            for form in hers {
                assert!(
                    !has(form),
                    "{}: `{key}` makes the mentor a woman ({form}): {text}",
                    language.code()
                );
            }
            if his.iter().any(|form| has(form)) {
                used_his += 1;
            }
        }
        println!(
            "{}: {about_him} messages about the mentor, {used_his} name him as he",
            language.code()
        );
        assert!(about_him >= 6, "{}: {about_him}", language.code());
        assert!(used_his >= 3, "{}: {used_his}", language.code());
    }
}
