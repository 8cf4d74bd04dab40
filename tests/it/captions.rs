//! Captions as the guidelines ask, measured on the caption entities: reading time at 15-17 characters a
//! second (never under the shortest), at most two lines of 40 characters, the speaker named, the size of
//! each option at 1080p, the backing's opacity, and an arrow toward a source off screen that goes when the
//! head turns to it; at most three on screen, none cut before its reading time, hidden ones taking no
//! place; every clink in the transcript; sounds with a place pointing there. And `render --captions-out`:
//! the gig's captions as WebVTT in every language, parsed back, each cue within 50 ms of the moment its
//! caption was asked for on the rendered audio's timeline.

use std::collections::BTreeMap;

use hearing::backend::OFFLINE_SAMPLE_RATE;

use bevy::{
    prelude::*,
    window::{PrimaryWindow, WindowResolution},
};
use stillness::{
    journey::Place,
    render::{walk_through, webvtt},
    scenes::{
        gig::{
            CLINKS_HEARD_BELOW, GigBeat,
            layout::{BAR_CHATTER_AT, SOUNDCHECK_AT},
        },
        house::{HouseBeat, LOOP_S, layout::STAMPING_AT},
        morning::layout::TRAFFIC_AT,
    },
    settings::{CaptionMode, CaptionSize, CurrentSettings},
    testing::{FRAME_S, TestGame},
    ui::{
        caption_layout::{LINE_CHARS, MOST_LINES, SHORTEST_S, reading_s},
        captions::{
            Caption, CaptionArrow, CaptionName, CaptionOnScreen, CaptionWords, MOST_CAPTIONS, Side,
        },
    },
    words::{Language, Phrase, Words},
};

/// One caption as the screen shows it this frame.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    entity: Entity,
    name: String,
    pub(crate) words: String,
    size_px: f32,
    backing_alpha: f32,
    arrows: Vec<Side>,
}

/// The captions on screen (not those waiting for a place, nor those the mode hides), oldest first.
pub(crate) fn on_screen(game: &mut TestGame) -> Vec<Seen> {
    let world = game.world_mut();
    let mut boxes = world.query::<(&Children, &Node)>();
    let mut captions = world.query::<(&Children, &BackgroundColor, &Node, &CaptionOnScreen)>();
    let in_order: Vec<Entity> = boxes
        .iter(world)
        .flat_map(|(children, _)| children.iter())
        .filter(|child| captions.get(world, *child).is_ok())
        .collect();
    let found: Vec<(Entity, Vec<Entity>, f32)> = in_order
        .into_iter()
        .filter_map(|entity| {
            let (children, backing, node, _) = captions.get(world, entity).ok()?;
            (node.display != Display::None).then(|| (entity, children.to_vec(), backing.0.alpha()))
        })
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

/// Where a sharp sound begins in `samples` (one channel at the offline rate), looked for within 100 ms of
/// `near_s`: the first 2 ms whose high end (the energy of the sample-to-sample change) is 20 dB above
/// that of the 200 ms before the search.
fn onset_s(samples: &[f32], near_s: f32) -> Option<f32> {
    let rate = OFFLINE_SAMPLE_RATE as f32;
    let window = (0.002 * rate) as usize;
    let high_end = |from: usize, to: usize| -> f32 {
        let energy: f32 = (from.max(1)..to.min(samples.len()))
            .map(|i| (samples[i] - samples[i - 1]).powi(2))
            .sum();
        10.0 * (energy / (to - from) as f32 + 1e-20).log10()
    };
    let search = ((near_s - 0.1) * rate) as usize;
    let before = high_end(search.saturating_sub((0.2 * rate) as usize), search);
    (search..((near_s + 0.1) * rate) as usize)
        .step_by(window)
        .find(|from| high_end(*from, from + window) > before + 20.0)
        .map(|from| from as f32 / rate)
}

#[test]
fn render_writes_the_gigs_captions_as_webvtt_in_every_language_on_the_rendered_audio_s_timeline() {
    const SPAN_S: f32 = 23.0;
    let rate = OFFLINE_SAMPLE_RATE as f32;
    // The same walk, played by the harness: each caption with the sample its frame's sound begins at.
    let mut game = TestGame::new().at(Place::Gig);
    settings(&mut game).captions.mode = CaptionMode::Transcript;
    game.engage_autopilot();
    game.start_recording();
    while (game.recorded_frames() as f32) < SPAN_S * rate {
        game.update();
    }
    let asked: Vec<(f32, Caption)> = game
        .captions()
        .iter()
        .map(|shown| (shown.sample as f32 / rate, shown.caption.clone()))
        .filter(|(at_s, _)| *at_s < SPAN_S)
        .collect();
    assert!(asked.len() >= 5, "{} captions", asked.len());
    assert!(
        asked.iter().any(|(at_s, _)| *at_s > SPAN_S - 3.0),
        "captions to the end of the span"
    );
    for language in Language::ALL {
        let walk = walk_through(Place::Gig, SPAN_S, language, CaptionMode::Transcript).unwrap();
        let file = webvtt(&walk.cues);
        let mut cues = parse_webvtt(&file);
        assert_eq!(cues.len(), walk.cues.len(), "{language:?}");
        game.world_mut().resource_mut::<Words>().speak(language);
        let words = game.world().resource::<Words>();
        let mut clinks = 0;
        // Each caption's first cue within 50 ms of the moment it was asked for; its further captions
        // follow on from it.
        for (at_s, caption) in &asked {
            let layout = caption.lay_out(CaptionMode::Transcript, words);
            let mut from_s = *at_s;
            for (page, text) in layout.pages.iter().enumerate() {
                let Some(found) = cues.iter().position(|cue| {
                    cue.3 == text.text()
                        && cue.2 == layout.speaker
                        && (cue.0 - from_s).abs() <= 0.05
                }) else {
                    panic!(
                        "{language:?}: no cue within 50 ms of {from_s:.3} s for {:?}:\n{file}",
                        text.text()
                    );
                };
                let cue = cues.remove(found);
                if page == 0 && caption.said.key() == "gig-glass-clinks" {
                    // And the glass itself, in the sound rendered: its clink starts with its cue.
                    let room: Vec<f32> = walk.render.room.iter().map(|frame| frame.left).collect();
                    let onset_s = onset_s(&room, cue.0).expect("the clink is in the render");
                    println!(
                        "{}: clink asked at {at_s:.4} s, its cue at {:.4} s, heard from {onset_s:.4} s",
                        language.code(),
                        cue.0
                    );
                    assert!((onset_s - cue.0).abs() <= 0.05, "{language:?}");
                    clinks += 1;
                }
                from_s = cue.1;
            }
        }
        assert!(
            cues.is_empty(),
            "{language:?}: cues of no caption: {cues:?}"
        );
        assert_eq!(clinks, 1, "{language:?}: the clink at 9 s");
        let singer = match language {
            Language::English => "Singer",
            Language::Spanish => "Cantante",
            Language::German => "Sängerin",
            Language::French => "La chanteuse",
        };
        assert!(
            walk.cues
                .iter()
                .any(|cue| cue.voice.as_deref() == Some(singer)),
            "{language:?}: {file}"
        );
        for cue in &walk.cues {
            let beside = cue.voice.as_ref().map_or(0, |v| v.chars().count() + 2);
            for line in cue.text.lines() {
                assert!(beside + line.chars().count() <= LINE_CHARS, "{line}");
            }
            assert!(cue.end_s - cue.start_s >= SHORTEST_S - 1e-3, "{cue:?}");
        }
    }
}

/// A caption of `chars` characters' reading time, found by its words.
fn sound_of(words: &str) -> Caption {
    Caption::sound(Phrase::verbatim(words))
}

#[test]
fn a_full_screen_keeps_its_captions_for_their_reading_time_and_the_newcomer_waits() {
    // The clinic captions nothing of its own: only these are on screen.
    let mut game = TestGame::new().at(Place::Clinic);
    let door = "[a door bangs]";
    let heard = [
        door,
        "[footsteps cross the room, slow]",
        "[a kettle whistles in the kitchen]",
    ];
    let late = "[the phone rings twice]";
    let missed = ["[a fly at the window]", "[a clock ticks]"];
    // Two captions his ears miss come between, which the perceived mode hides: they take no place.
    let world = game.world_mut();
    world.write_message(sound_of(heard[0]));
    for words in missed {
        world.write_message(Caption::unheard(Phrase::verbatim(words)));
    }
    world.write_message(sound_of(heard[1]));
    world.write_message(sound_of(heard[2]));
    game.update();
    let shown: Vec<String> = on_screen(&mut game).into_iter().map(|s| s.words).collect();
    assert_eq!(shown, heard, "the three heard, none of the hidden");

    game.world_mut().write_message(sound_of(late));
    // Frames on screen per caption, and the most on screen at once.
    let mut frames: BTreeMap<String, u32> = BTreeMap::new();
    let mut late_from = None;
    let mut door_until = 0;
    for frame in 0..(5.0 / FRAME_S) as u32 {
        game.update();
        let seen = on_screen(&mut game);
        assert!(seen.len() <= MOST_CAPTIONS, "{seen:?}");
        for seen in seen {
            if seen.words == door {
                door_until = frame;
            }
            if seen.words == late {
                late_from.get_or_insert(frame);
            }
            *frames.entry(seen.words).or_default() += 1;
        }
    }
    // The first update above already showed the first three once.
    for words in heard {
        *frames.get_mut(words).unwrap() += 1;
    }
    for (words, frames) in &frames {
        let shown_s = *frames as f32 * FRAME_S;
        let reading_s = reading_s(words.chars().count());
        assert!(
            (shown_s - reading_s).abs() <= 1.5 * FRAME_S,
            "{words:?} on screen {shown_s:.3} s, its reading time is {reading_s:.3} s"
        );
    }
    assert_eq!(
        late_from,
        Some(door_until + 1),
        "the newcomer shows as the oldest is read, not before"
    );
}

/// Every glass the gig clinks, from `game` on for `secs`: the caption asked for on the same frame, and
/// the hearing then.
fn clinks_captioned(
    game: &mut TestGame,
    secs: f32,
) -> Vec<(stillness::testing::ShownCaption, f32)> {
    let mut clinks = Vec::new();
    for _ in 0..(secs / FRAME_S) as usize {
        let frame = game.update();
        let progression = game.progression();
        let clinked: Vec<Vec3> = game
            .sounds()
            .iter()
            .filter(|played| {
                played.frame == frame && played.sound.sound.0.starts_with("glass_clink")
            })
            .map(|played| played.sound.position.expect("a glass has a place"))
            .collect();
        for at in clinked {
            let caption = game
                .captions()
                .iter()
                .find(|shown| shown.frame == frame && shown.caption.source == Some(at))
                .unwrap_or_else(|| panic!("the clink at {at} has no caption"))
                .clone();
            clinks.push((caption, progression));
        }
    }
    clinks
}

#[test]
fn the_transcript_has_every_clink_and_the_perceived_mode_those_he_still_hears() {
    let mut before = TestGame::new().at(Place::Gig);
    let mut after = TestGame::new().at_beat(GigBeat::Onset);
    let clinks: Vec<_> = clinks_captioned(&mut before, 10.0)
        .into_iter()
        .chain(clinks_captioned(&mut after, 9.0))
        .collect();
    let said = before.text(&Phrase::new("gig-glass-clinks"));
    let heard = clinks
        .iter()
        .filter(|(_, progression)| *progression < CLINKS_HEARD_BELOW)
        .count();
    assert!(
        heard >= 1 && clinks.len() > heard,
        "clinks heard and unheard: {}",
        clinks.len()
    );
    for (caption, progression) in clinks {
        assert_eq!(caption.said, said, "the transcript has it at {progression}");
        let perceived = if progression < CLINKS_HEARD_BELOW {
            said.as_str()
        } else {
            ""
        };
        assert_eq!(caption.perceived, perceived, "at {progression}");
    }
}

/// The captions `game` asked for whose words (as the transcript has them) are `said`.
fn captioned(game: &TestGame, said: &str) -> Vec<stillness::testing::ShownCaption> {
    game.captions()
        .iter()
        .filter(|shown| shown.said == said)
        .cloned()
        .collect()
}

#[test]
fn sounds_with_a_place_in_the_club_the_house_and_the_rv_point_there() {
    // The bar and the support act on the stage, from behind the merch table.
    let mut club = TestGame::new().at(Place::Gig);
    club.advance_secs(2.0);
    for (key, at) in [
        ("gig-bar-chatter-glasses", BAR_CHATTER_AT),
        ("gig-support-act-soundchecking", SOUNDCHECK_AT),
    ] {
        let notice = captioned(&club, &club.text(&Phrase::new(key)));
        assert_eq!(notice.len(), 1, "{key}");
        assert_eq!(notice[0].caption.source, Some(at), "{key}");
    }

    // The children's stamping under the visitor's hands, come in from the door: off to the right.
    let mut house = TestGame::new().at_beat(HouseBeat::Rhythm);
    house.advance_secs(0.5);
    let stamp = house.text(&Phrase::new("house-children-stamp-boards"));
    let notice = captioned(&house, &stamp);
    assert_eq!(notice.len(), 1, "{stamp}");
    assert_eq!(notice[0].caption.source, Some(STAMPING_AT));
    let arrows: Vec<Vec<Side>> = on_screen(&mut house)
        .into_iter()
        .filter(|seen| seen.words.replace('\n', " ") == stamp)
        .map(|seen| seen.arrows)
        .collect();
    assert_eq!(
        arrows,
        [vec![Side::Right]],
        "the boards are off to the right"
    );
    let running = house.text(&Phrase::sound("floor_beat"));
    let started: Vec<_> = house
        .captions()
        .iter()
        .filter(|shown| shown.said.contains(&running))
        .collect();
    assert!(!started.is_empty(), "the stamping starts, captioned");
    for shown in started {
        let at = shown.caption.source.expect("the stamping has a place");
        assert!(at.distance(STAMPING_AT) < 2.0, "{}: {at}", shown.said);
    }
    house.advance_secs(LOOP_S);
    let harder = captioned(&house, &house.text(&Phrase::new("house-stamp-harder")));
    assert_eq!(harder.len(), 1);
    assert_eq!(harder[0].caption.source, Some(STAMPING_AT));

    // Dishes at dinner, from where they are set down.
    let mut dinner = TestGame::new().at_beat(HouseBeat::Dinner);
    dinner.advance_secs(3.0);
    let dishes: Vec<(u64, Vec3)> = dinner
        .sounds()
        .iter()
        .filter(|played| played.sound.sound.0.starts_with("glass_clink"))
        .map(|played| (played.frame, played.sound.position.unwrap()))
        .collect();
    assert_eq!(dishes.len(), 1);
    for (frame, at) in dishes {
        assert!(
            dinner
                .captions()
                .iter()
                .any(|shown| shown.frame == frame && shown.caption.source == Some(at)),
            "the dishes at {at} point there"
        );
    }

    // The traffic outside the RV.
    let mut morning = TestGame::new().at(Place::Morning);
    morning.advance_secs(5.5);
    let traffic = captioned(
        &morning,
        &morning.text(&Phrase::new("morning-low-rumble-traffic")),
    );
    assert_eq!(traffic.len(), 1);
    assert_eq!(traffic[0].caption.source, Some(TRAFFIC_AT));
}
