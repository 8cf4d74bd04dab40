//! Captions as the guidelines ask, measured on the caption entities: reading time at 15-17 characters a
//! second (never under the shortest), at most two lines of 40 characters, the speaker named, the size of
//! each option at 1080p, the backing's opacity, and an arrow toward a source off screen that goes when the
//! head turns to it. And `render --captions-out`: the gig's captions as WebVTT in every language, parsed
//! back, each cue where the story puts its caption.

use std::collections::BTreeMap;

use bevy::{
    prelude::*,
    window::{PrimaryWindow, WindowResolution},
};
use stillness::{
    journey::Place,
    render::{walk_through, webvtt},
    scenes::gig::STORY,
    settings::{CaptionMode, CaptionSize, CurrentSettings},
    testing::{FRAME_S, TestGame},
    ui::{
        caption_layout::{LINE_CHARS, MOST_LINES, SHORTEST_S},
        captions::{Caption, CaptionArrow, CaptionName, CaptionOnScreen, CaptionWords, Side},
    },
    words::{Language, Phrase},
};

/// One caption as the screen shows it this frame.
#[derive(Debug, Clone)]
struct Seen {
    entity: Entity,
    name: String,
    words: String,
    size_px: f32,
    backing_alpha: f32,
    arrows: Vec<Side>,
}

fn on_screen(game: &mut TestGame) -> Vec<Seen> {
    let world = game.world_mut();
    let mut captions = world.query::<(Entity, &Children, &BackgroundColor, &CaptionOnScreen)>();
    let found: Vec<(Entity, Vec<Entity>, f32)> = captions
        .iter(world)
        .map(|(entity, children, backing, _)| (entity, children.to_vec(), backing.0.alpha()))
        .collect();
    found
        .into_iter()
        .map(|(entity, children, backing_alpha)| {
            let text = |marker: fn(&World, Entity) -> bool| {
                children
                    .iter()
                    .find(|child| marker(world, **child))
                    .and_then(|child| world.get::<Text>(*child))
                    .map_or(String::new(), |text| text.0.clone())
            };
            let words_entity = children
                .iter()
                .find(|child| world.get::<CaptionWords>(**child).is_some())
                .copied()
                .expect("a caption has its words");
            let size_px = match world.get::<TextFont>(words_entity).unwrap().font_size {
                FontSize::Px(px) => px,
                other => panic!("caption size {other:?} is not in pixels"),
            };
            let arrows = children
                .iter()
                .filter_map(|child| {
                    let arrow = world.get::<CaptionArrow>(*child)?;
                    (world.get::<Node>(*child)?.display != Display::None).then_some(arrow.0)
                })
                .collect();
            Seen {
                entity,
                name: text(|world, e| world.get::<CaptionName>(e).is_some()),
                words: text(|world, e| world.get::<CaptionWords>(e).is_some()),
                size_px,
                backing_alpha,
                arrows,
            }
        })
        .collect()
}

fn settings(game: &mut TestGame) -> Mut<'_, CurrentSettings> {
    game.world_mut().resource_mut::<CurrentSettings>()
}

/// Far longer than two lines in any language: it must go on in further captions.
fn long_line() -> Caption {
    Caption {
        said: Phrase::verbatim(
            "Load the kick drum case first, then the cymbal bag, and keep the merch box on top so nothing gets crushed on the way to the next town tomorrow morning.",
        ),
        ..Caption::spoken("singer_merch_1", stillness::ui::captions::Speaker::You, 0.0)
    }
}

#[test]
fn captions_stay_their_reading_time_in_two_lines_of_forty_with_the_speaker_named() {
    for language in [Language::English, Language::German] {
        let mut game = TestGame::new().at(Place::Gig);
        {
            let mut settings = settings(&mut game);
            settings.language = language.code().to_string();
            settings.captions.mode = CaptionMode::Transcript;
        }
        // Each caption's pages as shown: (entity, name, words) to frames on screen, in order seen.
        let mut shown: BTreeMap<(Entity, String, String), u32> = BTreeMap::new();
        let mut names = Vec::new();
        let mut watch = |game: &mut TestGame, frames: usize| {
            for _ in 0..frames {
                game.update();
                for seen in on_screen(game) {
                    let lines: Vec<&str> = seen.words.lines().collect();
                    assert!(lines.len() <= MOST_LINES, "{language:?}: {:?}", seen.words);
                    let beside = if seen.name.is_empty() {
                        0
                    } else {
                        seen.name.chars().count() + 1
                    };
                    for line in &lines {
                        assert!(
                            beside + line.chars().count() <= LINE_CHARS,
                            "{language:?}: {} {line:?}",
                            seen.name
                        );
                    }
                    if !seen.name.is_empty() {
                        names.push(seen.name.clone());
                    }
                    *shown
                        .entry((seen.entity, seen.name, seen.words))
                        .or_default() += 1;
                }
            }
        };
        watch(&mut game, (25.0 / FRAME_S) as usize);
        game.world_mut().write_message(long_line());
        watch(&mut game, (12.0 / FRAME_S) as usize);
        assert!(on_screen(&mut game).is_empty(), "every caption has gone");

        let singer = match language {
            Language::German => "Sängerin:",
            _ => "Singer:",
        };
        assert!(
            names.iter().any(|name| name == singer),
            "{language:?}: {names:?}"
        );
        let pages_of_long_line = shown
            .keys()
            .filter(|(_, name, words)| !name.is_empty() && words.starts_with("Load the kick"))
            .count();
        assert_eq!(pages_of_long_line, 1, "the long line begins once");
        let mut per_caption: BTreeMap<Entity, usize> = BTreeMap::new();
        for (entity, _, _) in shown.keys() {
            *per_caption.entry(*entity).or_default() += 1;
        }
        assert!(
            per_caption.values().any(|pages| *pages >= 3),
            "a long line goes on in further captions: {per_caption:?}"
        );
        for ((_, name, words), frames) in &shown {
            let chars = words.chars().filter(|c| *c != '\n').count()
                + if name.is_empty() {
                    0
                } else {
                    name.chars().count() + 1
                };
            let seconds = *frames as f32 * FRAME_S;
            let cps = chars as f32 / seconds;
            let shortest = (seconds - SHORTEST_S).abs() <= 1.5 * FRAME_S;
            assert!(
                seconds >= SHORTEST_S - 1.5 * FRAME_S,
                "{language:?}: {words:?} for {seconds} s"
            );
            assert!(
                shortest || (15.0..=17.0).contains(&cps),
                "{language:?}: {name} {words:?}: {chars} characters in {seconds:.2} s = {cps:.1}/s"
            );
        }
    }
}

#[test]
fn each_caption_size_at_1080p_and_the_backing_follows_its_option() {
    let mut game = TestGame::new().at(Place::Gig);
    let window = game
        .world_mut()
        .spawn((
            Window {
                resolution: WindowResolution::new(1920, 1080),
                ..default()
            },
            PrimaryWindow,
        ))
        .id();
    game.world_mut().write_message(long_line());
    let mut sizes = Vec::new();
    for size in CaptionSize::ALL {
        settings(&mut game).captions.size = size;
        game.update();
        let seen = on_screen(&mut game);
        assert!(!seen.is_empty());
        assert!(
            seen.iter().all(|s| s.size_px == size.px_at_1080p()),
            "{size:?}: {seen:?}"
        );
        sizes.push(seen[0].size_px);
    }
    assert!(sizes.windows(2).all(|w| w[0] < w[1]), "{sizes:?}");
    assert!(sizes[3] >= 46.0, "the largest: {} px", sizes[3]);
    game.world_mut()
        .get_mut::<Window>(window)
        .unwrap()
        .resolution
        .set(1280.0, 720.0);
    game.update();
    let at_720 = on_screen(&mut game)[0].size_px;
    assert!(
        (at_720 - sizes[3] * 720.0 / 1080.0).abs() < 0.01,
        "scaled to the window's height: {at_720}"
    );
    for opacity in [0.0, 0.3, 1.0] {
        settings(&mut game).captions.background_opacity = opacity;
        game.update();
        for seen in on_screen(&mut game) {
            assert!(
                (seen.backing_alpha - opacity).abs() < 1e-4,
                "{opacity}: {seen:?}"
            );
        }
    }
}

#[test]
fn an_arrow_points_to_a_source_off_screen_and_goes_when_the_head_turns_to_it() {
    let mut game = TestGame::new().at(Place::Gig);
    game.update();
    let (eye, forward) = game.eye();
    let right = forward.cross(Vec3::Y).normalize();
    const DOOR: &str = "[a door bangs]";
    let door = || Caption::sound(Phrase::verbatim(DOOR));
    let arrows = |game: &mut TestGame| -> Vec<Vec<Side>> {
        on_screen(game)
            .into_iter()
            .filter(|seen| seen.words == DOOR)
            .map(|seen| seen.arrows)
            .collect()
    };
    let ahead = eye + forward * 3.0;
    let to_the_right = eye + right * 3.0;
    let to_the_left = eye - right * 3.0 + forward * 0.5;
    let behind_left = eye - forward * 3.0 - right * 0.5;
    for (source, expected) in [
        (ahead, vec![]),
        (to_the_right, vec![Side::Right]),
        (to_the_left, vec![Side::Left]),
        (behind_left, vec![Side::Left]),
    ] {
        game.world_mut().write_message(door().from_source(source));
        game.update();
        assert_eq!(arrows(&mut game), [expected], "{source}");
        game.advance_secs(2.0);
    }
    game.world_mut()
        .write_message(door().from_source(to_the_right));
    game.update();
    assert_eq!(arrows(&mut game), [vec![Side::Right]]);
    game.look_at(to_the_right);
    game.update();
    assert_eq!(arrows(&mut game), [Vec::<Side>::new()], "on screen now");
}

/// A WebVTT file read back: each cue's start and end (seconds), voice and text.
fn parse_webvtt(file: &str) -> Vec<(f32, f32, Option<String>, String)> {
    let mut blocks = file.split("\n\n");
    let header = blocks.next().unwrap();
    assert!(
        header == "WEBVTT" || header.starts_with("WEBVTT ") || header.starts_with("WEBVTT\n"),
        "{header:?}"
    );
    let seconds = |stamp: &str| -> f32 {
        let (clock, ms) = stamp.split_once('.').expect("milliseconds");
        assert_eq!(ms.len(), 3, "{stamp}");
        let parts: Vec<u32> = clock.split(':').map(|p| p.parse().unwrap()).collect();
        assert_eq!(parts.len(), 3, "HH:MM:SS in {stamp}");
        (parts[0] * 3600 + parts[1] * 60 + parts[2]) as f32 + ms.parse::<f32>().unwrap() / 1000.0
    };
    let mut cues = Vec::new();
    for block in blocks.filter(|b| !b.trim().is_empty()) {
        let mut lines = block.lines();
        let mut timing = lines.next().unwrap();
        if !timing.contains("-->") {
            timing = lines.next().unwrap();
        }
        let (start, end) = timing.split_once(" --> ").expect("a cue's timings");
        let text: Vec<&str> = lines.collect();
        assert!(!text.is_empty() && text.len() <= MOST_LINES, "{block}");
        let text = text.join("\n");
        assert!(!text.contains("-->"));
        let (voice, words) = match text.strip_prefix("<v ") {
            Some(rest) => {
                let (voice, words) = rest.split_once('>').expect("a voice span closes");
                (Some(voice.to_string()), words.to_string())
            }
            None => (None, text),
        };
        assert!(!words.contains('<'), "{words}");
        let (start, end) = (seconds(start), seconds(end));
        assert!(end > start, "{block}");
        cues.push((start, end, voice, words));
    }
    assert!(
        cues.windows(2).all(|w| w[0].0 <= w[1].0),
        "cues in order of their start"
    );
    cues
}

#[test]
fn render_writes_the_gigs_captions_as_webvtt_in_every_language_on_the_story_s_timeline() {
    const SPAN_S: f32 = 23.0;
    // At the merch table every cue is captioned (hearing is still normal, so the clinks too).
    let story_times: Vec<f32> = STORY.beats[0]
        .cues
        .iter()
        .filter(|cue| cue.at_s < SPAN_S)
        .map(|cue| cue.at_s)
        .collect();
    assert!(story_times.len() >= 5, "{story_times:?}");
    for language in Language::ALL {
        let walk = walk_through(Place::Gig, SPAN_S, language, CaptionMode::Transcript).unwrap();
        let file = webvtt(&walk.cues);
        let cues = parse_webvtt(&file);
        assert_eq!(cues.len(), walk.cues.len(), "{language:?}");
        for at_s in &story_times {
            let nearest = cues
                .iter()
                .map(|cue| (cue.0 - at_s).abs())
                .fold(f32::INFINITY, f32::min);
            assert!(
                nearest <= 0.05,
                "{language:?}: no cue within 50 ms of the caption at {at_s} s:\n{file}"
            );
        }
        let singer = match language {
            Language::English => "Singer",
            Language::Spanish => "Cantante",
            Language::German => "Sängerin",
            Language::French => "La chanteuse",
        };
        assert!(
            cues.iter().any(|cue| cue.2.as_deref() == Some(singer)),
            "{language:?}: {file}"
        );
        for cue in &cues {
            let (start, end, voice, words) = cue;
            let beside = voice.as_ref().map_or(0, |v| v.chars().count() + 2);
            for line in words.lines() {
                assert!(beside + line.chars().count() <= LINE_CHARS, "{line}");
            }
            assert!(end - start >= SHORTEST_S - 1e-3, "{cue:?}");
        }
    }
}
