//! Captions of speech and of sound, as the drummer perceives them (the default) or as the full transcript.

use std::collections::HashMap;

use bevy::{asset::io::file::FileAssetReader, prelude::*};

use super::theme::{ACCENT, FADED, INK, SCRIM, label};
use crate::input::{Action, Controls};
use crate::journey::{AppSystems, PausableSystems, Place, Screen};
use crate::settings::{CaptionMode, CurrentSettings};

/// The transcript written beside the generated speech, one `stem<TAB>speaker<TAB>text` line per file.
pub const TRANSCRIPT_PATH: &str = "assets/audio/lines.txt";
/// At most this many captions show at once; the oldest gives way.
const MOST_LINES: usize = 3;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Caption>()
        .insert_resource(Transcript::load())
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A sound, not speech.
    Sound,
    /// The drummer's own voice.
    You,
    Named(String),
}

/// A caption to show: what was said, and what the drummer made of it.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct Caption {
    pub speaker: Speaker,
    pub said: String,
    pub perceived: String,
    pub duration_s: f32,
}

impl Caption {
    /// A caption for a sound, the same in both modes.
    pub fn sound(text: &str, duration_s: f32) -> Self {
        Self {
            speaker: Speaker::Sound,
            said: text.to_string(),
            perceived: text.to_string(),
            duration_s,
        }
    }
}

/// One line of the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub speaker: String,
    pub text: String,
}

/// The words of every recorded line, by file stem.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Transcript {
    lines: HashMap<String, Line>,
}

impl Transcript {
    /// Reads [`TRANSCRIPT_PATH`] under the asset root; without it, captions name the speaker only.
    pub fn load() -> Self {
        let path = FileAssetReader::get_base_path().join(TRANSCRIPT_PATH);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text),
            Err(why) => {
                warn!("no transcript at {}: {why}", path.display());
                Self::default()
            }
        }
    }

    /// `stem<TAB>speaker<TAB>text` per line; blank lines and `#` comments are skipped.
    pub fn parse(text: &str) -> Self {
        let lines = text
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.splitn(3, '\t');
                let (stem, speaker, text) = (fields.next()?, fields.next()?, fields.next()?);
                Some((
                    stem.trim().to_string(),
                    Line {
                        speaker: speaker.trim().to_string(),
                        text: text.trim().to_string(),
                    },
                ))
            })
            .collect();
        Self { lines }
    }

    pub fn line(&self, stem: &str) -> Option<&Line> {
        self.lines.get(stem)
    }

    /// The caption of the recorded line `stem`, as much of it as ears at `progression` catch. `speaker`
    /// names whoever the transcript does not; `Speaker::You` keeps the drummer's own voice his.
    pub fn spoken(&self, stem: &str, speaker: Speaker, progression: f32) -> Caption {
        let line = self.line(stem);
        let speaker = match (speaker, line) {
            (Speaker::Named(_), Some(line)) => Speaker::Named(line.speaker.clone()),
            (speaker, _) => speaker,
        };
        let said = line.map_or_else(|| "[speaks]".to_string(), |l| l.text.clone());
        let perceived = perceive(&said, progression);
        Caption {
            speaker,
            said,
            perceived,
            duration_s: 5.0,
        }
    }
}

/// What is left of `said` for ears at `progression`: all of it with normal hearing, then fragments
/// between gaps, then only the shape of a voice. The same words drop out every time.
pub fn perceive(said: &str, progression: f32) -> String {
    const WHOLE_BELOW: f32 = 0.1;
    const SHAPE_FROM: f32 = 0.5;
    if progression < WHOLE_BELOW {
        return said.to_string();
    }
    if progression >= SHAPE_FROM {
        return "[muffled voice]".to_string();
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
    format!("[muffled] {}", fragments.join(" "))
}

#[derive(Component, Debug, Default, Clone, Copy)]
struct CaptionBox;

#[derive(Component, Debug, Clone, PartialEq)]
struct CaptionLine {
    said: String,
    perceived: String,
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
            Speaker::Sound => (String::new(), FADED),
            Speaker::You => ("You: ".to_string(), ACCENT),
            Speaker::Named(name) => (format!("{name}: "), ACCENT),
        };
        let line = commands
            .spawn((
                Name::new("Caption"),
                CaptionLine {
                    said: caption.said.clone(),
                    perceived: caption.perceived.clone(),
                    left_s: caption.duration_s,
                },
                DespawnOnExit(*place.get()),
                Node {
                    padding: UiRect::axes(px(12), px(5)),
                    max_width: percent(70),
                    ..default()
                },
                BackgroundColor(SCRIM),
                children![
                    label(name, 22.0, color),
                    (
                        CaptionWords,
                        label(
                            caption.perceived.clone(),
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
    lines: Query<(Ref<CaptionLine>, &Children)>,
    mut words: Query<&mut Text, With<CaptionWords>>,
) {
    for (line, children) in &lines {
        if !settings.is_changed() && !line.is_added() {
            continue;
        }
        let text = match settings.captions.mode {
            CaptionMode::Perceived => &line.perceived,
            CaptionMode::Transcript => &line.said,
        };
        for child in children {
            if let Ok(mut words) = words.get_mut(*child) {
                words.0.clone_from(text);
            }
        }
    }
}

fn age_captions(
    mut commands: Commands,
    time: Res<Time>,
    mut lines: Query<(Entity, &mut CaptionLine)>,
) {
    for (entity, mut line) in &mut lines {
        line.left_s -= time.delta_secs();
        if line.left_s <= 0.0 {
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

    fn kept_words(perceived: &str) -> usize {
        perceived
            .split_whitespace()
            .filter(|w| *w != "…" && *w != "[muffled]")
            .count()
    }

    #[test]
    fn with_normal_hearing_every_word_arrives() {
        assert_eq!(perceive(SAID, 0.0), SAID);
    }

    #[test]
    fn after_the_onset_words_fall_away_in_fragments() {
        let heard = perceive(SAID, 0.3);
        assert!(heard.starts_with("[muffled]"), "{heard}");
        assert!(heard.contains('…'), "{heard}");
        let kept = kept_words(&heard);
        assert!(
            kept > 0 && kept < SAID.split_whitespace().count(),
            "{heard}"
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
        assert_eq!(perceive(SAID, 0.8), "[muffled voice]");
    }

    #[test]
    fn the_transcript_reads_stem_speaker_and_text() {
        let transcript = Transcript::parse(
            "# made by soundgen\nsinger_merch_1\tMara\tHold the box, I'll count the shirts.\n\nbroken line\n",
        );
        assert_eq!(
            transcript.line("singer_merch_1"),
            Some(&Line {
                speaker: "Mara".to_string(),
                text: "Hold the box, I'll count the shirts.".to_string(),
            })
        );
        assert_eq!(transcript.line("broken line"), None);
    }
}
