//! The settings in force, as a resource: read from the player's file before anything starts, written
//! back whenever they change, and turned into the bindings the controls read.

use bevy::prelude::*;

use super::model::{BindingVocabulary, Settings};
use super::store::SettingsStore;
use crate::input::{Action, Bindings, Control};
use crate::journey::Kiosk;
use crate::words::{Language, Words};

/// The settings in force. Modules read what concerns them; the settings screen and an exhibition's
/// session reset write them.
#[derive(Resource, Debug, Clone, Default, PartialEq, Deref, DerefMut)]
pub struct CurrentSettings(pub Settings);

/// Where the player's settings are kept; `None` keeps them for this run only (tests, offline renders).
/// The desktop game uses the operating system's config folder.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsFile(pub Option<SettingsStore>);

/// Reading the settings, before the output opens and the world is built.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SettingsSystems;

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<CurrentSettings>()
        .init_resource::<SettingsFile>()
        .add_systems(PreStartup, load.in_set(SettingsSystems))
        .add_systems(PreUpdate, (rebind, speak_the_chosen_language))
        .add_systems(Last, save.run_if(not(resource_exists::<Kiosk>)));
}

/// Binding names checked against the actions and controls that exist.
struct KnownControls;

impl BindingVocabulary for KnownControls {
    fn check(&self, action: &str, inputs: &[String]) -> Result<(), String> {
        let Some(named) = Action::named(action) else {
            return Err(format!("no action is called `{action}`"));
        };
        if !named.remappable() {
            return Err(format!("`{action}` cannot be rebound"));
        }
        match inputs.iter().find(|input| Control::named(input).is_none()) {
            Some(input) => Err(format!("no key or button is called `{input}`")),
            None => Ok(()),
        }
    }
}

fn load(mut commands: Commands, file: Res<SettingsFile>, kiosk: Option<Res<Kiosk>>) {
    let Some(store) = &file.0 else {
        return;
    };
    if kiosk.is_some() {
        info!(
            "An exhibition station: {} is not read; the operator's settings rule",
            store.path.display()
        );
        return;
    }
    let loaded = store.load(&KnownControls);
    for problem in &loaded.problems {
        error!("{problem}");
    }
    commands.insert_resource(CurrentSettings(loaded.settings));
}

/// The bindings follow the settings' changes.
fn rebind(settings: Res<CurrentSettings>, mut bindings: ResMut<Bindings>) {
    if !settings.is_changed() {
        return;
    }
    let changes = settings
        .controls
        .bindings
        .iter()
        .filter_map(|(action, inputs)| {
            let action = Action::named(action)?;
            let controls = inputs.iter().filter_map(|input| Control::named(input));
            Some((action, controls.collect()))
        });
    bindings.set_if_neq(Bindings::with_changes(changes));
}

/// Every word on screen follows the language setting; a language the game is not written in reads as
/// English.
fn speak_the_chosen_language(settings: Res<CurrentSettings>, mut words: ResMut<Words>) {
    let chosen = Language::from_code(&settings.language).unwrap_or_default();
    if words.language() != chosen {
        words.speak(chosen);
    }
}

fn save(settings: Res<CurrentSettings>, file: Res<SettingsFile>) {
    if !settings.is_changed() || settings.is_added() {
        return;
    }
    let Some(store) = &file.0 else {
        return;
    };
    if let Err(error) = store.save(&settings) {
        error!(
            "Your settings could not be saved to {} ({error}); they apply until you quit",
            store.path.display()
        );
    }
}
