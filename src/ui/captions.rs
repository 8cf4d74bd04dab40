//! Captions of speech and of sound, as the drummer perceives them (the default) or as the full transcript.

use bevy::prelude::*;

use super::theme::{ACCENT, FADED, INK, SCRIM, label};
use crate::input::{Action, Controls};
use crate::journey::{AppSystems, PausableSystems, Place, Screen};
use crate::settings::{CaptionMode, CurrentSettings};
use crate::words::{Phrase, Words};

/// At most this many captions show at once; the oldest gives way.
const MOST_LINES: usize = 3;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Caption>()
        .add_systems(OnEnter(Screen::Playing), spawn_caption_box)
        .add_systems(
            Update,
            (
                age_captions
                    .in_set(AppSystems::TickTimers)
                    .in_set(PausableSystems),
                switch_mode.in_set(AppSystems::RecordInput),
                (show_captions, show_in_mode)
                    .chain()
                    .in_set(AppSystems::Update),
            )
                .run_if(in_state(Screen::Playing)),
        );
}

/// Who or what a caption is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Speaker {
    /// A sound, not speech.
    Sound,
    /// The drummer's own voice.
    You,
    /// Someone else, by the message that names them.
    Named(Phrase),
}

/// A caption to show: what was said or sounded, and how well the drummer heard it.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct Caption {
    pub speaker: Speaker,
    /// Everything that was said, or the sound.
    pub said: Phrase,
    /// The drummer's hearing progression when it was said, which decides how much of it he catches;
    /// `None` for a sound, captioned the same in both modes.
    pub heard_at: Option<f32>,
    pub duration_s: f32,
    /// What the perceived mode shows in place of what `heard_at` works out: what a hearing newcomer
    /// follows of a signed line, or a blank phrase for a sound the drummer's ears miss (the line hides).
    pub perceived: Option<Phrase>,
    /// The caption stays for as long as this entity lives (an intentional silence), not `duration_s`.
    pub lasts_while: Option<Entity>,
}

impl Caption {
    /// A caption for a sound, the same in both modes.
    pub fn sound(said: Phrase, duration_s: f32) -> Self {
        Self {
            speaker: Speaker::Sound,
            said,
            heard_at: None,
            duration_s,
            perceived: None,
            lasts_while: None,
        }
    }

    /// A caption for a sound the drummer's ears miss: the transcript shows it, the perceived mode does not.
    pub fn unheard(said: Phrase, duration_s: f32) -> Self {
        Self {
            perceived: Some(Phrase::blank()),
            ..Self::sound(said, duration_s)
        }
    }

    /// A caption for what `speaker` signs: marked as signed in the transcript; the perceived mode shows
    /// `follows`, what a hearing newcomer makes of it.
    pub fn signed(speaker: Speaker, said: Phrase, follows: Phrase, duration_s: f32) -> Self {
        Self {
            speaker,
            said: Phrase::new("caption-in-sign").with("said", said),
            heard_at: None,
            duration_s,
            perceived: Some(follows),
            lasts_while: None,
        }
    }

    /// The caption of the recorded line `stem` (its words in every language are the message
    /// `line-<stem>`), said by `speaker` to ears at `progression`.
    pub fn spoken(stem: &str, speaker: Speaker, progression: f32) -> Self {
        Self {
            speaker,
            said: Phrase::line(stem),
            heard_at: Some(progression),
            duration_s: 5.0,
            perceived: None,
            lasts_while: None,
        }
    }

    /// What the caption shows in `mode`: the whole line, or as much of it as the drummer catches.
    pub fn shown(&self, mode: CaptionMode, words: &Words) -> Phrase {
        if let (CaptionMode::Perceived, Some(perceived)) = (mode, &self.perceived) {
            return perceived.clone();
        }
        let Some(progression) = self.heard_at else {
            return self.said.clone();
        };
        if mode == CaptionMode::Transcript {
            return self.said.clone();
        }
        match perceive(&words.text(&self.said), progression) {
            Heard::Whole => self.said.clone(),
            Heard::Fragments(fragments) => {
                Phrase::new("caption-muffled").with_verbatim("fragments", fragments)
            }
            Heard::Shape => Phrase::new("caption-muffled-voice"),
        }
    }
}

/// How much of a line reaches the drummer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    Whole,
    /// Some of its words, in order, with `…` where the others were.
    Fragments(String),
    /// Only the shape of a voice.
    Shape,
}

/// What is left of `said` for ears at `progression`: all of it with normal hearing, then fragments
/// between gaps, then only the shape of a voice. The same words drop out every time.
pub fn perceive(said: &str, progression: f32) -> Heard {
    const WHOLE_BELOW: f32 = 0.1;
    const SHAPE_FROM: f32 = 0.5;
    if progression < WHOLE_BELOW {
        return Heard::Whole;
    }
    if progression >= SHAPE_FROM {
        return Heard::Shape;
    }
    let keep_share = 1.0 - (progression - WHOLE_BELOW) / (SHAPE_FROM - WHOLE_BELOW);
    let mut fragments: Vec<&str> = Vec::new();
    for (i, word) in said.split_whitespace().enumerate() {
        // A golden-ratio walk spreads the surviving words evenly through the line.
        let rank = (i as f32 * 0.618_034 + 0.3).fract();
        if rank < keep_share {
            fragments.push(word);
        } else if fragments.last() != Some(&"…") {
            fragments.push("…");
        }
    }
    Heard::Fragments(fragments.join(" "))
}

#[derive(Component, Debug, Default, Clone, Copy)]
struct CaptionBox;

#[derive(Component, Debug, Clone, PartialEq)]
struct CaptionLine {
    caption: Caption,
    left_s: f32,
}

#[derive(Component, Debug, Default, Clone, Copy)]
struct CaptionWords;

fn spawn_caption_box(mut commands: Commands) {
    commands.spawn((
        Name::new("Captions"),
        CaptionBox,
        DespawnOnExit(Screen::Playing),
        Node {
            position_type: PositionType::Absolute,
            bottom: percent(5),
            width: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: px(6),
            ..default()
        },
    ));
}

fn show_captions(
    mut commands: Commands,
    mut captions: MessageReader<Caption>,
    place: Res<State<Place>>,
    caption_box: Single<(Entity, Option<&Children>), With<CaptionBox>>,
    lines: Query<(), With<CaptionLine>>,
) {
    let (caption_box, children) = caption_box.into_inner();
    let mut shown: Vec<Entity> = children
        .map(|children| {
            children
                .iter()
                .filter(|child| lines.contains(*child))
                .collect()
        })
        .unwrap_or_default();
    for caption in captions.read() {
        let (name, color) = match &caption.speaker {
            Speaker::Sound => (Phrase::blank(), FADED),
            Speaker::You => (
                Phrase::new("caption-speaker").with("name", Phrase::new("speaker-you")),
                ACCENT,
            ),
            Speaker::Named(name) => (
                Phrase::new("caption-speaker").with("name", name.clone()),
                ACCENT,
            ),
        };
        let line = commands
            .spawn((
                Name::new("Caption"),
                CaptionLine {
                    caption: caption.clone(),
                    left_s: if caption.lasts_while.is_some() {
                        f32::INFINITY
                    } else {
                        caption.duration_s
                    },
                },
                DespawnOnExit(*place.get()),
                Node {
                    padding: UiRect::axes(px(12), px(5)),
                    max_width: percent(70),
                    column_gap: px(8),
                    ..default()
                },
                BackgroundColor(SCRIM),
                children![
                    label(name, 22.0, color),
                    (
                        CaptionWords,
                        label(
                            Phrase::blank(),
                            22.0,
                            if caption.speaker == Speaker::Sound {
                                FADED
                            } else {
                                INK
                            }
                        ),
                    ),
                ],
            ))
            .id();
        commands.entity(caption_box).add_child(line);
        shown.push(line);
    }
    while shown.len() > MOST_LINES {
        commands.entity(shown.remove(0)).despawn();
    }
}

fn show_in_mode(
    settings: Res<CurrentSettings>,
    words: Res<Words>,
    mut lines: Query<(Ref<CaptionLine>, &Children, &mut Node)>,
    mut shown: Query<&mut Phrase, With<CaptionWords>>,
) {
    for (line, children, mut node) in &mut lines {
        if !settings.is_changed() && !words.is_changed() && !line.is_added() {
            continue;
        }
        let phrase = line.caption.shown(settings.captions.mode, &words);
        // Nothing to show in this mode (a sound the drummer's ears miss): the line takes no room.
        node.display = if phrase.key().is_empty() {
            Display::None
        } else {
            Display::Flex
        };
        for child in children {
            if let Ok(mut words) = shown.get_mut(*child) {
                words.set_if_neq(phrase.clone());
            }
        }
    }
}

fn age_captions(
    mut commands: Commands,
    time: Res<Time>,
    mut lines: Query<(Entity, &mut CaptionLine)>,
    alive: Query<()>,
) {
    for (entity, mut line) in &mut lines {
        line.left_s -= time.delta_secs();
        let ended = line.caption.lasts_while.is_some_and(|e| !alive.contains(e));
        if line.left_s <= 0.0 || ended {
            commands.entity(entity).despawn();
        }
    }
}

fn switch_mode(controls: Controls, mut settings: ResMut<CurrentSettings>) {
    if controls.just_pressed(Action::SwitchCaptions) {
        let mode = &mut settings.captions.mode;
        *mode = match *mode {
            CaptionMode::Perceived => CaptionMode::Transcript,
            CaptionMode::Transcript => CaptionMode::Perceived,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAID: &str = "we open with the long one tonight so count us in slow";

    fn kept_words(heard: &Heard) -> usize {
        match heard {
            Heard::Whole => SAID.split_whitespace().count(),
            Heard::Fragments(fragments) => {
                fragments.split_whitespace().filter(|w| *w != "…").count()
            }
            Heard::Shape => 0,
        }
    }

    #[test]
    fn with_normal_hearing_every_word_arrives() {
        assert_eq!(perceive(SAID, 0.0), Heard::Whole);
    }

    #[test]
    fn after_the_onset_words_fall_away_in_fragments() {
        let heard = perceive(SAID, 0.3);
        let Heard::Fragments(fragments) = &heard else {
            panic!("{heard:?}");
        };
        assert!(fragments.contains('…'), "{fragments}");
        let kept = kept_words(&heard);
        assert!(
            kept > 0 && kept < SAID.split_whitespace().count(),
            "{fragments}"
        );
    }

    #[test]
    fn fewer_words_arrive_as_hearing_fails() {
        let mut before = usize::MAX;
        for step in 1..10 {
            let kept = kept_words(&perceive(SAID, 0.1 + step as f32 * 0.04));
            assert!(kept <= before, "step {step}");
            before = kept;
        }
    }

    #[test]
    fn with_severe_loss_only_the_shape_of_a_voice_remains() {
        assert_eq!(perceive(SAID, 0.8), Heard::Shape);
    }
}
