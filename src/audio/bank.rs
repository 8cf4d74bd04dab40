//! The sound bank: every file under `assets/audio/`, preloaded through bevy_kira_audio's loaders so
//! gameplay never waits on a load. A recording dropped in with the same stem replaces a generated
//! sound; `.flac` and `.ogg` win over `.wav`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use bevy::asset::LoadState;
use bevy::asset::io::file::FileAssetReader;
use bevy::prelude::*;
use bevy_kira_audio::AudioSource;
use bevy_kira_audio::prelude::{FlacLoader, OggLoader, WavLoader};
use kira::sound::static_sound::StaticSoundData;

use super::sounds::SoundKey;

const EXTENSIONS_BY_PREFERENCE: [&str; 3] = ["flac", "ogg", "wav"];

/// Every preloaded sound by stem.
#[derive(Resource, Debug, Default)]
pub struct SoundBank {
    handles: HashMap<String, Handle<AudioSource>>,
    files: HashMap<String, PathBuf>,
    reported: HashSet<String>,
}

impl SoundBank {
    /// The sound for a key, once loaded.
    pub fn sound(&self, key: SoundKey, sources: &Assets<AudioSource>) -> Option<StaticSoundData> {
        let handle = self.handles.get(key.0)?;
        sources.get(handle).map(|source| source.sound.clone())
    }

    pub fn knows(&self, key: SoundKey) -> bool {
        self.handles.contains_key(key.0)
    }

    /// Whether every sound has finished loading (successfully or not).
    pub fn is_settled(&self, server: &AssetServer) -> bool {
        self.handles.values().all(|handle| {
            matches!(
                server.load_state(handle),
                LoadState::Loaded | LoadState::Failed(_)
            )
        })
    }

    /// The files that failed to load, with why.
    pub fn unplayable(&self, server: &AssetServer) -> Vec<String> {
        let mut failed: Vec<String> = self
            .handles
            .iter()
            .filter_map(|(stem, handle)| match server.load_state(handle) {
                LoadState::Failed(error) => Some(format!(
                    "{} ({error})",
                    self.files
                        .get(stem)
                        .map_or_else(|| stem.clone(), |p| p.display().to_string())
                )),
                _ => None,
            })
            .collect();
        failed.sort();
        failed
    }

    pub fn is_empty(&self) -> bool {
        self.handles.is_empty()
    }
}

/// Where the sound files live on disk.
pub fn sound_folder() -> PathBuf {
    FileAssetReader::get_base_path()
        .join("assets")
        .join("audio")
}

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<AudioSource>()
        .register_asset_loader(WavLoader)
        .register_asset_loader(OggLoader)
        .register_asset_loader(FlacLoader)
        .init_resource::<SoundBank>()
        .add_systems(PreStartup, preload_sounds)
        .add_systems(Update, report_unplayable_sounds);
}

fn preload_sounds(mut bank: ResMut<SoundBank>, server: Res<AssetServer>) {
    let folder = sound_folder();
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(error) => {
            error!("No sounds: cannot read {} ({error})", folder.display());
            return;
        }
    };
    let mut best: HashMap<String, (usize, PathBuf)> = HashMap::new();
    for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
        let (Some(stem), Some(extension)) = (
            path.file_stem().and_then(|s| s.to_str()),
            path.extension().and_then(|e| e.to_str()),
        ) else {
            continue;
        };
        let Some(rank) = EXTENSIONS_BY_PREFERENCE
            .iter()
            .position(|candidate| candidate.eq_ignore_ascii_case(extension))
        else {
            continue;
        };
        let better = best.get(stem).is_none_or(|(current, _)| rank < *current);
        if better {
            best.insert(stem.to_owned(), (rank, path));
        }
    }
    for (stem, (_, path)) in best {
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let handle = server.load(format!("audio/{file_name}"));
        bank.handles.insert(stem.clone(), handle);
        bank.files.insert(stem, path);
    }
}

/// A broken or unplayable file is named once in the log; the experience goes on without it.
fn report_unplayable_sounds(mut bank: ResMut<SoundBank>, server: Res<AssetServer>) {
    let bank = &mut *bank;
    for (stem, handle) in &bank.handles {
        if bank.reported.contains(stem) {
            continue;
        }
        match server.load_state(handle) {
            LoadState::Failed(error) => {
                let file = bank
                    .files
                    .get(stem)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                error!("Cannot play {file}: {error}");
                bank.reported.insert(stem.clone());
            }
            LoadState::Loaded => {
                bank.reported.insert(stem.clone());
            }
            _ => {}
        }
    }
}
