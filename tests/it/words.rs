//! Every word in every language: each language has every message with the same variables, every key
//! the source names exists, no visible text bypasses the phrasebook, every sound and every recorded
//! line is captioned, and a change of language reaches the words already on screen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::foundation::texts;
use stillness::{
    exhibit::CAPTION_LANGUAGES,
    scenes::gig::GigBeat,
    settings::{CurrentSettings, Settings},
    testing::TestGame,
    ui::settings::Item,
    words::{Language, Phrase, Phrasebook, line_key},
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn book() -> Phrasebook {
    Phrasebook::read(&root().join("assets/locales")).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let book = book();
    let english = book.messages(Language::English);
    assert!(english.len() > 200, "{} English messages", english.len());
    let mut problems = Vec::new();
    for language in Language::ALL {
        let messages = book.messages(language);
        for (key, variables) in &english {
            match messages.get(key) {
                None => problems.push(format!("{}: `{key}` is missing", language.code())),
                Some(theirs) if theirs != variables => problems.push(format!(
                    "{}: `{key}` uses {theirs:?}, English {variables:?}",
                    language.code()
                )),
                Some(_) => {}
            }
        }
        for key in messages.keys().filter(|key| !english.contains_key(*key)) {
            problems.push(format!("{}: `{key}` is not in English", language.code()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The source of `src/`, file by file, without its tests.
fn sources() -> BTreeMap<String, String> {
    fn read(folder: &Path, found: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                read(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                let name = path.strip_prefix(root()).unwrap().display().to_string();
                found.insert(name, code.to_string());
            }
        }
    }
    let mut found = BTreeMap::new();
    read(&root().join("src"), &mut found);
    found
}

/// Every string literal of `code` (plain ones; the source writes no raw strings that show).
fn literals(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = code.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if c == '"' && previous != '\'' && previous != '\\' {
            let mut literal = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        literal.push(c);
                        literal.extend(chars.next());
                    }
                    '"' => break,
                    _ => literal.push(c),
                }
            }
            found.push(literal);
            previous = '"';
        } else if c == '/' && chars.peek() == Some(&'/') {
            for c in chars.by_ref() {
                if c == '\n' {
                    break;
                }
            }
            previous = '\n';
        } else {
            previous = c;
        }
    }
    found
}

#[test]
fn every_message_the_source_names_exists_and_every_message_is_named() {
    let english = book().messages(Language::English);
    // Recorded lines and sounds are named by their file's stem, not by their key.
    let named_by_stem = |key: &str| key.starts_with("line-") || key.starts_with("sound-");
    let groups: BTreeSet<&str> = english
        .keys()
        .filter(|key| !named_by_stem(key))
        .filter_map(|key| key.split('-').next())
        .collect();
    let mut named = BTreeSet::new();
    let mut problems = Vec::new();
    for (file, code) in sources() {
        for literal in literals(&code) {
            let group = literal.split('-').next().unwrap_or_default();
            let looks_like_a_key = literal.contains('-')
                && !literal.ends_with('-')
                && groups.contains(group)
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !looks_like_a_key {
                continue;
            }
            if english.contains_key(&literal) {
                named.insert(literal);
            } else {
                problems.push(format!("{file}: no message `{literal}`"));
            }
        }
    }
    let unnamed: Vec<&String> = english
        .keys()
        .filter(|key| !named.contains(*key) && *key != "verbatim" && !named_by_stem(key))
        .collect();
    for key in unnamed {
        problems.push(format!("`{key}` is in the files, not in the game"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What in `code` shows text without a [`Phrase`]: building or writing a `Text` (only the words module
/// does), or text passed as it is where it reads as words.
fn bypasses(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (number, line) in code.lines().enumerate() {
        for pattern in [
            "Text::new(",
            "Text::from(",
            "Text(",
            "Text {",
            "Text2d",
            "TextSpan",
            "mut Text>",
            "mut Text,",
            "mut Text)",
            "Mut<Text>",
        ] {
            let at = line.find(pattern);
            let part_of_a_longer_name = at.is_some_and(|at| {
                line[..at]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            if at.is_some() && !part_of_a_longer_name {
                found.push(format!("line {}: {}", number + 1, line.trim()));
            }
        }
        // What is passed as it is: the argument of `verbatim`, the value (not the name) of `with_verbatim`.
        let passed = match (line.find("with_verbatim("), line.find("verbatim(")) {
            (Some(at), _) => line[at..].split_once(',').map(|(_, value)| value),
            (None, Some(at)) => Some(&line[at..]),
            (None, None) => None,
        };
        if let Some(passed) = passed {
            let reads_as_words = literals(passed).iter().any(|literal| {
                // Placeholders of `format!` are code, not words.
                let shown: String = literal
                    .split('{')
                    .map(|part| part.split_once('}').map_or(part, |(_, after)| after))
                    .collect();
                shown
                    .as_bytes()
                    .windows(2)
                    .any(|pair| pair.iter().all(u8::is_ascii_lowercase))
            });
            if reads_as_words {
                found.push(format!("line {}: {}", number + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn no_visible_text_in_src_bypasses_the_phrasebook() {
    let mut problems = Vec::new();
    for (file, code) in sources() {
        if file.starts_with("src/words/") {
            continue;
        }
        for found in bypasses(&code) {
            problems.push(format!("{file} {found}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn text_written_past_the_phrasebook_is_found() {
    assert_eq!(bypasses(r#"commands.spawn(Text::new("Hello"));"#).len(), 1);
    assert_eq!(bypasses("fn f(mut texts: Query<&mut Text>) {}").len(), 1);
    assert_eq!(
        bypasses(r#"label(Phrase::verbatim("Hello"), 20.0, INK)"#).len(),
        1
    );
    assert_eq!(
        bypasses(r#"Phrase::new("greeting").with_verbatim("name", "Mara")"#).len(),
        1
    );
    assert!(
        bypasses(r#"label(Phrase::verbatim("LT"), 20.0, INK); TextFont::default();"#).is_empty()
    );
    assert!(
        bypasses(
            r#"p.with_verbatim("typed", "*".repeat(3)).with_verbatim("n", format!("{level}"))"#
        )
        .is_empty()
    );
}

#[test]
fn every_sound_and_every_recorded_line_has_a_caption_in_every_language() {
    let book = book();
    let script = std::fs::read_to_string(root().join("assets/audio/lines.txt")).unwrap();
    let lines: BTreeMap<&str, &str> = script
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            let stem = fields.next()?;
            Some((stem, fields.nth(1)?))
        })
        .collect();
    let stems: BTreeSet<String> = std::fs::read_dir(root().join("assets/audio"))
        .unwrap()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let sound = ["wav", "ogg", "flac"]
                .iter()
                .any(|e| path.extension().is_some_and(|x| x == *e));
            sound.then(|| path.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    assert!(stems.len() > 40, "{} sounds", stems.len());
    let mut problems = Vec::new();
    for stem in lines.keys() {
        if !stems.contains(*stem) {
            problems.push(format!("lines.txt names {stem}, which has no recording"));
        }
    }
    for stem in &stems {
        let key = if lines.contains_key(stem.as_str()) {
            line_key(stem)
        } else {
            format!("sound-{}", stem.replace('_', "-"))
        };
        for language in Language::ALL {
            if !book.messages(language).contains_key(&key) {
                problems.push(format!(
                    "{}: {stem} has no caption `{key}`",
                    language.code()
                ));
            }
        }
    }
    for (stem, said) in &lines {
        let english = book.text(Language::English, &Phrase::line(stem));
        if english.as_deref() != Some(*said) {
            problems.push(format!(
                "{stem}: the English caption {english:?} is not what the recording says ({said:?})"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_station_offers_every_language_the_game_is_written_in() {
    let codes: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(CAPTION_LANGUAGES.to_vec(), codes);
}

#[test]
fn the_language_row_names_each_language_in_itself_and_goes_round_them_all() {
    let book = book();
    let mut settings = Settings::default();
    let mut names = Vec::new();
    for _ in Language::ALL {
        let (value, _) = Item::Language.value(&settings, &Default::default());
        names.push(book.text(Language::German, &value).unwrap());
        Item::Language.step(&mut settings, 1);
    }
    assert_eq!(names, ["English", "Español", "Deutsch", "Français"]);
    assert_eq!(settings.language, "en");
}

fn speak(game: &mut TestGame, language: Language) {
    game.world_mut().resource_mut::<CurrentSettings>().language = language.code().to_string();
    game.update();
    game.update();
}

#[test]
fn switching_the_language_to_german_changes_the_title_and_a_caption_on_screen() {
    let book = book();
    let in_language = |language, key: &'static str| book.text(language, &Phrase::new(key)).unwrap();

    let mut game = TestGame::new();
    let subtitle = |language| in_language(language, "title-subtitle");
    assert!(texts(&mut game).contains(&subtitle(Language::English)));
    speak(&mut game, Language::German);
    let now = texts(&mut game);
    assert!(now.contains(&subtitle(Language::German)), "{now:?}");
    assert!(!now.contains(&subtitle(Language::English)), "{now:?}");

    let mut game = TestGame::new().at_beat(GigBeat::MerchTable);
    game.advance_secs(1.0);
    let chatter = |language| in_language(language, "gig-bar-chatter-glasses");
    assert!(texts(&mut game).contains(&chatter(Language::English)));
    speak(&mut game, Language::German);
    let now = texts(&mut game);
    assert!(now.contains(&chatter(Language::German)), "{now:?}");
    assert!(!now.contains(&chatter(Language::English)), "{now:?}");
    assert_ne!(chatter(Language::German), chatter(Language::English));
}

/// Every character of every message in every language has a glyph in the game's typeface (the file
/// `ui::theme` compiles in): Bevy's own face, cut down to ASCII, showed gaps for é, ß, ñ, « and the
/// English ellipsis.
#[test]
fn the_typeface_has_every_letter_of_every_language() {
    use skrifa::MetadataProvider;
    let data = std::fs::read(root().join("assets/fonts/NotoSansMono-Regular.ttf"))
        .unwrap_or_else(|error| panic!("the typeface: {error}"));
    let face = skrifa::FontRef::new(&data).unwrap_or_else(|error| panic!("the typeface: {error}"));
    let charmap = face.charmap();
    for file in locale_files() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|error| panic!("{error}"));
        let missing: BTreeSet<char> = text
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace() && charmap.map(*c).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "{}: no glyph for {missing:?}",
            file.display()
        );
    }
}

fn locale_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for language in std::fs::read_dir(root().join("assets/locales")).expect("the locales folder") {
        for file in std::fs::read_dir(language.expect("a language folder").path())
            .expect("a language folder")
        {
            files.push(file.expect("a file").path());
        }
    }
    assert!(files.len() >= 20, "{} locale files", files.len());
    files
}
