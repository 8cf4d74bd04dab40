//! Intentional silence, labelled for as long as it lasts: the perceived mode says the ears hear nothing
//! here, the transcript says what the room still makes. A place spawns an [`IntentionalSilence`] when
//! the silence begins and despawns it when sound returns; the label goes with it.

use bevy::prelude::*;

use super::captions::{Caption, Speaker};
use crate::words::Phrase;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, label_the_silence);
}

/// A silence that is meant, while this entity lives.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct IntentionalSilence {
    /// What the room still makes meanwhile, as the transcript captions it.
    pub room: Phrase,
}

fn label_the_silence(
    begun: Query<(Entity, &IntentionalSilence), Added<IntentionalSilence>>,
    mut captions: MessageWriter<Caption>,
) {
    for (entity, silence) in &begun {
        captions.write(Caption {
            speaker: Speaker::Sound,
            said: silence.room.clone(),
            heard_at: None,
            source: None,
            perceived: Some(Phrase::new("caption-silence-meant")),
            lasts_while: Some(entity),
        });
    }
}
