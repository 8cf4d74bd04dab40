//! Where a player's settings live between runs: one TOML file in the operating system's config folder,
//! read at start and written whole and atomically on every change. A file that cannot be read fully is
//! copied aside as `settings.toml.bad` before anything could overwrite it.

use std::{
    fs,
    io::{self, Write},
    path::PathBuf,
};

use super::model::{BindingVocabulary, Settings, SettingsProblem};

/// The settings file's name in its folder.
pub const FILE_NAME: &str = "settings.toml";

/// A settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsStore {
    pub path: PathBuf,
}

/// What reading the file gave.
#[derive(Debug)]
pub struct Loaded {
    pub settings: Settings,
    /// What could not be used, with the file named.
    pub problems: Vec<String>,
    /// Where the unreadable file was kept.
    pub kept_bad: Option<PathBuf>,
}

impl SettingsStore {
    /// `~/.config/stillness/settings.toml` on Linux, its counterparts on Windows and macOS; `None` where
    /// the system names no home folder.
    pub fn in_config_folder() -> Option<Self> {
        directories::ProjectDirs::from("", "", "stillness").map(|dirs| Self {
            path: dirs.config_dir().join(FILE_NAME),
        })
    }

    /// The file's settings; the defaults where there is no file yet.
    pub fn load(&self, vocabulary: &dyn BindingVocabulary) -> Loaded {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Loaded {
                    settings: Settings::default(),
                    problems: Vec::new(),
                    kept_bad: None,
                };
            }
            Err(error) => {
                return Loaded {
                    settings: Settings::default(),
                    problems: vec![format!(
                        "{}: cannot be read ({error}); using the defaults",
                        self.path.display()
                    )],
                    kept_bad: None,
                };
            }
        };
        let (settings, problems) = Settings::parse(&text, vocabulary);
        if problems.is_empty() {
            return Loaded {
                settings,
                problems: Vec::new(),
                kept_bad: None,
            };
        }
        let mut messages: Vec<String> = problems
            .iter()
            .map(|problem| self.describe(problem))
            .collect();
        let bad = self.bad_path();
        let kept_bad = match fs::write(&bad, &text) {
            Ok(()) => {
                messages.push(format!(
                    "{}: the file as it was is kept at {}; the defaults are used for what could not be read",
                    self.path.display(),
                    bad.display()
                ));
                Some(bad)
            }
            Err(error) => {
                messages.push(format!(
                    "{}: could not keep a copy at {} ({error})",
                    self.path.display(),
                    bad.display()
                ));
                None
            }
        };
        Loaded {
            settings,
            problems: messages,
            kept_bad,
        }
    }

    /// Writes `settings` whole: to a temporary file beside it, synced, then renamed over the old one, so a
    /// crash or a full disk leaves the old file or the new one, never half of one.
    pub fn save(&self, settings: &Settings) -> io::Result<()> {
        if let Some(folder) = self.path.parent() {
            fs::create_dir_all(folder)?;
        }
        let temporary = self.path.with_extension("toml.tmp");
        let written = (|| {
            let mut file = fs::File::create(&temporary)?;
            file.write_all(settings.to_toml().as_bytes())?;
            file.sync_all()
        })();
        if let Err(error) = written {
            let _ = fs::remove_file(&temporary);
            return Err(error);
        }
        fs::rename(&temporary, &self.path)
    }

    pub fn bad_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".bad");
        PathBuf::from(name)
    }

    fn describe(&self, problem: &SettingsProblem) -> String {
        format!("{}: {problem}", self.path.display())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    struct AnyBinding;

    impl BindingVocabulary for AnyBinding {
        fn check(&self, _: &str, _: &[String]) -> Result<(), String> {
            Ok(())
        }
    }

    fn store_in(folder: &Path) -> SettingsStore {
        SettingsStore {
            path: folder.join("stillness").join(FILE_NAME),
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("stillness-settings-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder).unwrap();
        folder
    }

    #[test]
    fn no_file_is_the_defaults_and_nothing_is_written() {
        let folder = scratch("none");
        let store = store_in(&folder);
        let loaded = store.load(&AnyBinding);
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.problems.is_empty());
        assert!(!store.path.exists());
    }

    #[test]
    fn settings_saved_are_read_back_and_no_temporary_file_is_left() {
        let folder = scratch("round-trip");
        let store = store_in(&folder);
        let mut settings = Settings::default();
        settings.comfort.field_of_view_deg = 100.0;
        store.save(&settings).unwrap();
        assert_eq!(store.load(&AnyBinding).settings, settings);
        let names: Vec<_> = fs::read_dir(folder.join("stillness"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);
    }

    #[test]
    fn a_broken_file_is_named_kept_beside_and_not_replaced() {
        let folder = scratch("broken");
        let store = store_in(&folder);
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        let text = "[comfort]\nfield_of_view_deg = 300\nreduce_flashing = true\n";
        fs::write(&store.path, text).unwrap();
        let loaded = store.load(&AnyBinding);
        assert!(
            loaded.settings.comfort.reduce_flashing,
            "what could be read is kept"
        );
        assert_eq!(loaded.settings.comfort.field_of_view_deg, 70.0);
        let message = loaded.problems.join("\n");
        assert!(
            message.contains(&format!(
                "{}: line 2: `comfort.field_of_view_deg`",
                store.path.display()
            )),
            "{message}"
        );
        assert_eq!(loaded.kept_bad.as_deref(), Some(store.bad_path().as_path()));
        assert_eq!(fs::read_to_string(store.bad_path()).unwrap(), text);
        assert_eq!(
            fs::read_to_string(&store.path).unwrap(),
            text,
            "not replaced"
        );
    }
}
