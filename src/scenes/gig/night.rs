//! The night acted out: the soundcheck until the onset, the ringing and the lost balance, her lines and the
//! glasses at the bar, the set beginning when the drummer sits down, and the beat the set asks for.

use bevy::prelude::*;

use super::club::{Soundcheck, soundcheck};
use super::drums::SONG;
use super::layout::SINGER_MOUTH;
use super::set::{SetBegins, TheSet};
use super::story::{GigBeat, GigCue, Voice};
use crate::audio::{PlaySound, SoundKey};
use crate::autopilot::Guide;
use crate::input::Action;
use crate::journey::{AppSystems, PausableSystems, Place, TinnitusOnset};
use crate::player::Balance;
use crate::scenes::kit::{BeatBegins, Clock, Cued, TellTheStory, ThePlace};
use crate::ui::captions::{Caption, Speaker};
use crate::words::Phrase;

/// The drummer hears glasses only while the highs are still there; the transcript has them all.
pub const CLINKS_HEARD_BELOW: f32 = 0.2;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            guide_the_drums
                .in_set(AppSystems::TickTimers)
                .after(TellTheStory),
            (begin_a_beat, follow_the_cues).in_set(AppSystems::Update),
        )
            .run_if(in_state(Place::Gig))
            .in_set(PausableSystems),
    );
}

fn begin_a_beat(
    mut begun: MessageReader<BeatBegins<GigBeat>>,
    mut commands: Commands,
    place: ThePlace,
    mut onset: MessageWriter<TinnitusOnset>,
    mut balance: Query<&mut Balance>,
    soundchecks: Query<Entity, With<Soundcheck>>,
) {
    for BeatBegins(beat) in begun.read() {
        match beat {
            GigBeat::MerchTable => {
                commands.spawn((place.own(), soundcheck()));
            }
            GigBeat::Onset => {
                onset.write(TinnitusOnset);
                for mut balance in &mut balance {
                    balance.lose();
                }
                // The onset buries the support act: their soundcheck ends.
                for soundcheck in &soundchecks {
                    commands.entity(soundcheck).despawn();
                }
            }
            GigBeat::WalkToStage => {}
            GigBeat::Set => commands.trigger(SetBegins),
        }
    }
}

fn follow_the_cues(
    mut cued: MessageReader<Cued<GigBeat>>,
    mut sounds: MessageWriter<PlaySound>,
    mut captions: MessageWriter<Caption>,
) {
    for &Cued { cue, progression } in cued.read() {
        match cue {
            GigCue::Says(voice, stem) => {
                let (position, speaker) = match voice {
                    Voice::Singer => (
                        Some(SINGER_MOUTH),
                        Speaker::Named(Phrase::new("speaker-singer")),
                    ),
                    Voice::You => (None, Speaker::You),
                };
                sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position,
                });
                let caption = Caption::spoken(stem, speaker, progression);
                captions.write(match position {
                    Some(mouth) => caption.from_source(mouth),
                    None => caption,
                });
            }
            GigCue::Clink(stem, at) => {
                sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: -6.0,
                    position: Some(at),
                });
                let clinks = Phrase::new("gig-glass-clinks");
                let caption = if progression < CLINKS_HEARD_BELOW {
                    Caption::sound(clinks)
                } else {
                    Caption::unheard(clinks)
                };
                captions.write(caption.from_source(at));
            }
            GigCue::Notice(key) => {
                captions.write(Caption::sound(Phrase::new(key)));
            }
            GigCue::NoticeFrom(key, at) => {
                captions.write(Caption::sound(Phrase::new(key)).from_source(at));
            }
        }
    }
}

/// During the set each beat asks for its drum: the kick on the beat, the snare off it.
fn guide_the_drums(
    clock: Res<Clock<GigBeat>>,
    the_set: Option<Res<TheSet>>,
    mut guide: ResMut<Guide>,
) {
    let (GigBeat::Set, Some(the_set)) = (clock.beat(), the_set) else {
        return;
    };
    let beat = (the_set.song_s / SONG.beat_s()) as u32;
    let drum = if beat.is_multiple_of(2) {
        Action::Kick
    } else {
        Action::Snare
    };
    guide.set_if_neq(Guide::Answer {
        action: drum,
        prompt: beat,
    });
}
