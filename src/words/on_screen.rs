//! The phrasebook in Bevy: the `.ftl` files as assets, the [`Words`] resource in the chosen language,
//! and every [`Phrase`] written into its entity's text.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use bevy::asset::io::Reader;
use bevy::asset::io::file::FileAssetReader;
use bevy::asset::{AssetLoader, LoadContext, LoadState};
use bevy::prelude::*;

use super::book::Phrasebook;
use super::language::Language;
use super::phrase::Phrase;

/// The text of one `.ftl` file.
#[derive(Asset, TypePath, Debug)]
pub struct FluentText {
    source: String,
}

#[derive(Default, TypePath)]
struct FluentTextLoader;

impl AssetLoader for FluentTextLoader {
    type Asset = FluentText;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        _load_context: &mut LoadContext<'_>,
    ) -> Result<FluentText, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let source = String::from_utf8(bytes)
            .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?;
        Ok(FluentText { source })
    }

    fn extensions(&self) -> &[&str] {
        &["ftl"]
    }
}

/// Where the localisation files live on disk.
pub fn locale_folder() -> PathBuf {
    FileAssetReader::get_base_path()
        .join("assets")
        .join("locales")
}

/// Every message in the language the visitor reads. A message the language lacks shows its key,
/// and is named once in the log; until the files have loaded (a few frames) words are blank.
#[derive(Resource, Debug, Default)]
pub struct Words {
    book: Phrasebook,
    language: Language,
    files: Vec<(Language, PathBuf, Handle<FluentText>)>,
    complete: bool,
    reported: Mutex<HashSet<String>>,
}

impl Words {
    pub fn text(&self, phrase: &Phrase) -> String {
        if !self.complete {
            return String::new();
        }
        self.book.text(self.language, phrase).unwrap_or_else(|| {
            let key = phrase.key();
            let mut reported = self.reported.lock().unwrap_or_else(|e| e.into_inner());
            if self.complete && reported.insert(key.to_string()) {
                error!(
                    "No message `{key}` in {}: add it to {}",
                    self.language.code(),
                    locale_folder().join(self.language.code()).display()
                );
            }
            key.to_string()
        })
    }

    /// The words of `phrase` in `language`, whatever the visitor reads (the operator's caption preview).
    pub fn text_in(&self, language: Language, phrase: &Phrase) -> String {
        self.book
            .text(language, phrase)
            .unwrap_or_else(|| phrase.key().to_string())
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Every word on screen changes to `language` on this frame.
    pub fn speak(&mut self, language: Language) {
        self.language = language;
    }

    /// Whether every file has loaded (or failed to) and the phrasebook holds them.
    pub fn is_complete(&self) -> bool {
        self.complete
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<FluentText>()
        .register_asset_loader(FluentTextLoader)
        .init_resource::<Words>()
        .add_systems(PreStartup, load_locales)
        .add_systems(PreUpdate, gather_words)
        .add_systems(
            PostUpdate,
            write_phrases.before(bevy::ui::UiSystems::Content),
        );
}

fn load_locales(mut words: ResMut<Words>, server: Res<AssetServer>) {
    for language in Language::ALL {
        let folder = locale_folder().join(language.code());
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => {
                error!(
                    "No words in {}: cannot read {} ({error})",
                    language.own_name(),
                    folder.display()
                );
                continue;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
            .collect();
        paths.sort();
        for path in paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let handle = server.load(format!("locales/{}/{name}", language.code()));
            words.files.push((language, path, handle));
        }
    }
}

/// Builds the phrasebook once every file has loaded, and again when one changes on disk.
fn gather_words(
    mut words: ResMut<Words>,
    mut changes: MessageReader<AssetEvent<FluentText>>,
    server: Res<AssetServer>,
    texts: Res<Assets<FluentText>>,
) {
    let changed = changes
        .read()
        .any(|event| matches!(event, AssetEvent::Modified { .. }));
    if words.complete && !changed {
        return;
    }
    let settled = words.files.iter().all(|(_, _, handle)| {
        matches!(
            server.load_state(handle),
            LoadState::Loaded | LoadState::Failed(_)
        )
    });
    if !settled {
        return;
    }
    let mut book = Phrasebook::default();
    for (language, path, handle) in &words.files {
        match (texts.get(handle), server.load_state(handle)) {
            (Some(text), _) => {
                if let Err(error) =
                    book.add(*language, &path.display().to_string(), text.source.clone())
                {
                    error!("Cannot read {error}");
                }
            }
            (None, LoadState::Failed(error)) => error!("Cannot load {}: {error}", path.display()),
            (None, _) => {}
        }
    }
    words.book = book;
    words.complete = true;
}

fn write_phrases(words: Res<Words>, mut texts: Query<(Ref<Phrase>, &mut Text)>) {
    for (phrase, mut text) in &mut texts {
        if words.is_changed() || phrase.is_changed() {
            let written = words.text(&phrase);
            if text.0 != written {
                text.0 = written;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_message_shows_its_key_and_blank_words_wait_for_the_files() {
        let mut words = Words::default();
        assert_eq!(words.text(&Phrase::new("title-name")), "");
        words
            .book
            .add(
                Language::English,
                "en/ui.ftl",
                "title-name = STILLNESS\n".into(),
            )
            .unwrap();
        words.complete = true;
        assert_eq!(words.text(&Phrase::new("title-name")), "STILLNESS");
        assert_eq!(
            words.text(&Phrase::new("no-such-message")),
            "no-such-message"
        );
        assert_eq!(
            words.text(&Phrase::new("no-such-message")),
            "no-such-message"
        );
        words.speak(Language::French);
        assert_eq!(words.text(&Phrase::new("title-name")), "title-name");
        assert_eq!(words.reported.lock().unwrap().len(), 2);
    }
}
