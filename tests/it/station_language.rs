//! A station's language: the visitor picks one of the operator's languages on the session's first
//! screen, reads the experience in it, and the next visitor starts in the operator's default again.

use std::path::Path;

use bevy::prelude::*;
use stillness::{
    exhibit::{ExhibitConfig, Visit},
    settings::CurrentSettings,
};

use crate::exhibit::{PIN_HASH, station, visit};
use crate::foundation::texts;

const THREE_LANGUAGES: &str =
    "[captions]\nlanguages = [\"en\", \"es\", \"de\"]\ndefault = \"de\"\n";

fn language(game: &stillness::testing::TestGame) -> String {
    game.world().resource::<CurrentSettings>().language.clone()
}

#[test]
fn a_visitor_picks_spanish_on_the_first_screen_and_the_next_session_starts_in_the_operator_s_default()
 {
    let (mut game, logs) = station("language-pick", THREE_LANGUAGES);
    game.press(KeyCode::Space);
    game.advance_secs(0.5);
    assert_eq!(visit(&game), Visit::Session);
    assert_eq!(language(&game), "de", "the operator's default");
    assert!(
        texts(&mut game).iter().any(|t| t.contains("Sprache")),
        "the first screen offers the languages, in German: {:?}",
        texts(&mut game)
    );

    game.press(KeyCode::Digit2);
    game.advance_secs(0.2);
    assert_eq!(language(&game), "es");
    let on_screen = texts(&mut game);
    assert!(
        on_screen
            .iter()
            .any(|t| t.contains("Idioma: pulsa un número")),
        "the screen is in Spanish: {on_screen:?}"
    );
    assert!(
        !on_screen.iter().any(|t| t.contains("Sprache")),
        "{on_screen:?}"
    );

    // Nobody touches anything: the station goes back to the attract loop, and a new visitor comes.
    game.advance_secs(11.0);
    assert_eq!(visit(&game), Visit::Attract);
    game.advance_secs(1.0);
    game.press(KeyCode::Space);
    game.advance_secs(0.5);
    assert_eq!(visit(&game), Visit::Session);
    assert_eq!(
        language(&game),
        "de",
        "the next visitor starts in the operator's default"
    );
    std::fs::remove_dir_all(logs).ok();
}

#[test]
fn a_language_the_operator_did_not_list_cannot_be_chosen() {
    let (mut game, logs) = station(
        "language-list",
        "[captions]\nlanguages = [\"en\", \"es\"]\n",
    );
    game.press(KeyCode::Space);
    game.advance_secs(0.5);
    assert_eq!(language(&game), "en");
    for key in [KeyCode::Digit3, KeyCode::Digit4, KeyCode::Digit9] {
        game.press(key);
        game.advance_secs(0.1);
        assert_eq!(
            language(&game),
            "en",
            "{key:?} picks nothing: only two are offered"
        );
    }
    // The gamepad's D-pad goes round the operator's list only.
    game.connect_gamepad();
    let mut seen = Vec::new();
    for _ in 0..4 {
        game.press_button(GamepadButton::DPadRight);
        game.advance_secs(0.1);
        seen.push(language(&game));
    }
    assert_eq!(seen, ["es", "en", "es", "en"]);
    // After the first screen, the keys are the game's again.
    game.advance_secs(11.0);
    game.press(KeyCode::Digit2);
    game.advance_secs(0.1);
    assert_eq!(language(&game), "en");
    std::fs::remove_dir_all(logs).ok();
}

#[test]
fn a_station_s_languages_are_checked_and_a_bad_one_is_named_with_its_file_and_key() {
    let file = Path::new("museum/exhibit.toml");
    for (text, line, key) in [
        (
            "[captions]\nlanguages = [\"en\", \"xx\"]\n",
            2,
            "captions.languages",
        ),
        (
            "[captions]\nlanguages = [\"en\", \"es\"]\ndefault = \"fr\"\n",
            3,
            "captions.default",
        ),
        ("[captions]\nlanguages = []\n", 2, "captions.languages"),
    ] {
        let text = format!("{text}[operator]\npin_hash = \"{PIN_HASH}\"\n");
        let error = ExhibitConfig::parse(&text, file).expect_err(&text);
        let said = error.to_string();
        assert!(
            said.starts_with(&format!("museum/exhibit.toml:{line}: `{key}`")),
            "{said}"
        );
    }
}
