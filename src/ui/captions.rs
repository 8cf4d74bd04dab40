//! Captions of speech and of sound, as the drummer perceives them (the default) or as the full transcript:
//! the speaker's name (in their colour, if the player likes), at most two lines of about 40 characters a
//! caption, each on screen for its reading time (`caption_layout`), at the size and over the backing the
//! player chose, with an arrow at the side a sound comes from while its source is off screen.
//!
//! At most three show at once, as a subtitler keeps the screen readable. A newcomer to a full screen
//! waits for the oldest to be read rather than cutting it short: a caption cut before its reading time
//! is a caption lost, and a second's delay is what live subtitling accepts. A caption with nothing to
//! show in the mode chosen (a sound his ears miss, in the perceived mode) takes no place at all.

use bevy::{prelude::*, window::PrimaryWindow};

use super::caption_layout::{LINE_CHARS, Page, pages, reading_s};
use super::theme::{ACCENT, FADED, INK, label};
use crate::input::{Action, Controls};
use crate::journey::{AppSystems, PausableSystems, Place, Screen};
use crate::player::Head;
use crate::settings::{CaptionMode, CurrentSettings, Settings};
use crate::words::{Phrase, Words};

/// At most this many captions show at once; a newcomer waits for a place.
pub const MOST_CAPTIONS: usize = 3;
/// The screen height caption sizes are given for.
const REFERENCE_HEIGHT_PX: f32 = 1080.0;
/// Speakers' names, each speaker always the same one of them (picked by the message that names them).
const SPEAKER_COLOURS: [Color; 4] = [
    Color::srgb(0.55, 0.85, 1.0),
    Color::srgb(1.0, 0.6, 0.75),
    Color::srgb(0.6, 0.95, 0.6),
    Color::srgb(0.85, 0.7, 1.0),
];

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
                (
                    show_captions,
                    lay_out_again,
                    give_places,
                    show_pages,
                    point_arrows,
                )
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

impl Speaker {
    /// The message that names the speaker; none for a sound.
    pub fn name(&self) -> Option<Phrase> {
        match self {
            Speaker::Sound => None,
            Speaker::You => Some(Phrase::new("speaker-you")),
            Speaker::Named(name) => Some(name.clone()),
        }
    }
}

/// A caption to show: what was said or sounded, how well the drummer heard it, and where from.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct Caption {
    pub speaker: Speaker,
    /// Everything that was said, or the sound.
    pub said: Phrase,
    /// The drummer's hearing progression when it was said, which decides how much of it he catches;
    /// `None` for a sound, captioned the same in both modes.
    pub heard_at: Option<f32>,
    /// Where in the place it comes from; `None` for what has no place (the drummer's own voice, a
    /// notice). While this is off screen an arrow points to it.
    pub source: Option<Vec3>,
    /// What the perceived mode shows in place of what `heard_at` works out: what a hearing newcomer
    /// follows of a signed line, or a blank phrase for a sound the drummer's ears miss (the line hides).
    pub perceived: Option<Phrase>,
    /// The caption stays for as long as this entity lives (an intentional silence), not its reading time.
    pub lasts_while: Option<Entity>,
}

impl Caption {
    /// A caption for a sound, the same in both modes.
    pub fn sound(said: Phrase) -> Self {
        Self {
            speaker: Speaker::Sound,
            said,
            heard_at: None,
            source: None,
            perceived: None,
            lasts_while: None,
        }
    }

    /// A caption for a sound the drummer's ears miss: the transcript shows it, the perceived mode does not.
    pub fn unheard(said: Phrase) -> Self {
        Self {
            perceived: Some(Phrase::blank()),
            ..Self::sound(said)
        }
    }

    /// A caption for what `speaker` signs: marked as signed in the transcript; the perceived mode shows
    /// `follows`, what a hearing newcomer makes of it.
    pub fn signed(speaker: Speaker, said: Phrase, follows: Phrase) -> Self {
        Self {
            speaker,
            said: Phrase::new("caption-in-sign").with("said", said),
            heard_at: None,
            source: None,
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
            source: None,
            perceived: None,
            lasts_while: None,
        }
    }

    /// The same caption, coming from `source` in the place.
    pub fn from_source(self, source: Vec3) -> Self {
        Self {
            source: Some(source),
            ..self
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

    /// The caption as shown in `mode`, in the language of `words`: its speaker's name and the captions
    /// its words take, one after the other.
    pub fn lay_out(&self, mode: CaptionMode, words: &Words) -> CaptionLayout {
        let speaker = self.speaker.name().map(|name| words.text(&name));
        let label = self
            .speaker
            .name()
            .map(|name| words.text(&Phrase::new("caption-speaker").with("name", name)));
        // The name stands beside the lines: together they keep to a line's length.
        let beside = label.as_ref().map_or(0, |label| label.chars().count() + 1);
        let text = words.text(&self.shown(mode, words));
        CaptionLayout {
            pages: pages(&text, LINE_CHARS.saturating_sub(beside)),
            speaker,
            label,
        }
    }
}

/// A caption laid out in one language and mode.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaptionLayout {
    /// The speaker's name, as a voice is named (`Singer`).
    pub speaker: Option<String>,
    /// The name as it stands before the words (`Singer:`).
    pub label: Option<String>,
    /// Shown one after the other, each at most two lines.
    pub pages: Vec<Page>,
}

impl CaptionLayout {
    /// How long the caption `page` stays: its reading time, the name beside it included.
    pub fn shown_s(&self, page: usize) -> f32 {
        let label = self
            .label
            .as_ref()
            .map_or(0, |label| label.chars().count() + 1);
        reading_s(label + self.pages.get(page).map_or(0, Page::chars))
    }

    /// How long all its captions stay, one after the other.
    pub fn total_s(&self) -> f32 {
        (0..self.pages.len().max(1))
            .map(|page| self.shown_s(page))
            .sum()
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

/// A caption on screen: what it shows, which of its captions is up and for how much longer.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct CaptionOnScreen {
    pub caption: Caption,
    pub layout: CaptionLayout,
    /// Which of the layout's pages shows.
    pub page: usize,
    /// How long the page showing has left.
    pub left_s: f32,
    /// Whether it has a place on screen.
    pub place: CaptionPlace,
    parts: CaptionParts,
}

/// Whether a caption has a place on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptionPlace {
    /// On screen, its reading time running.
    Shown,
    /// Waiting for one of the [`MOST_CAPTIONS`] places; its reading time begins when it has one.
    Waiting,
    /// Nothing to show in the mode chosen: no place taken, and its time runs on meanwhile.
    NotInThisMode,
}

/// The entities a caption is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CaptionParts {
    name: Entity,
    words: Entity,
    arrows: [Entity; 2],
}

/// The speaker's name on a caption.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct CaptionName;

/// The words of a caption.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct CaptionWords;

/// The arrow on one side of a caption, shown while its source is off screen on that side.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptionArrow(pub Side);

/// Where, beside the view, a sound's source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// The side of the view `source` is off to, for eyes at `eye` seeing `fov_y_rad` high at `aspect`;
/// `None` while it is on screen. A source behind is on the side the shorter turn reaches it from.
pub fn off_screen_side(
    eye: &GlobalTransform,
    fov_y_rad: f32,
    aspect: f32,
    source: Vec3,
) -> Option<Side> {
    let seen = eye.affine().inverse().transform_point3(source);
    let ahead = -seen.z;
    let half_high = (fov_y_rad / 2.0).tan();
    let half_wide = half_high * aspect;
    let on_screen =
        ahead > 0.0 && seen.x.abs() <= half_wide * ahead && seen.y.abs() <= half_high * ahead;
    match (on_screen, seen.x < 0.0) {
        (true, _) => None,
        (false, true) => Some(Side::Left),
        (false, false) => Some(Side::Right),
    }
}

/// The letters' size in pixels for `settings` on a screen `height_px` tall.
pub fn caption_px(settings: &Settings, height_px: f32) -> f32 {
    settings.captions.size.px_at_1080p() * height_px / REFERENCE_HEIGHT_PX
}

/// The colour of `speaker`'s name: their own, or all alike.
fn name_colour(speaker: &Speaker, own_colours: bool) -> Color {
    match speaker {
        Speaker::Named(name) if own_colours => {
            let pick = name.key().bytes().fold(0usize, |hash, byte| {
                hash.wrapping_mul(31).wrapping_add(byte as usize)
            });
            SPEAKER_COLOURS[pick % SPEAKER_COLOURS.len()]
        }
        _ => ACCENT,
    }
}

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
    settings: Res<CurrentSettings>,
    words: Res<Words>,
    caption_box: Single<Entity, With<CaptionBox>>,
) {
    let caption_box = caption_box.into_inner();
    for caption in captions.read() {
        let ink = if caption.speaker == Speaker::Sound {
            FADED
        } else {
            INK
        };
        let arrow = |side: Side, key: &'static str| {
            (
                CaptionArrow(side),
                label(Phrase::new(key), 22.0, ACCENT),
                Node {
                    display: Display::None,
                    ..default()
                },
            )
        };
        let parts = CaptionParts {
            arrows: [
                commands.spawn(arrow(Side::Left, "caption-from-left")).id(),
                commands
                    .spawn(arrow(Side::Right, "caption-from-right"))
                    .id(),
            ],
            name: commands
                .spawn((CaptionName, label(Phrase::blank(), 22.0, ACCENT)))
                .id(),
            words: commands
                .spawn((CaptionWords, label(Phrase::blank(), 22.0, ink)))
                .id(),
        };
        let layout = caption.lay_out(settings.captions.mode, &words);
        let line = commands
            .spawn((
                Name::new("Caption"),
                CaptionOnScreen {
                    caption: caption.clone(),
                    left_s: if caption.lasts_while.is_some() {
                        f32::INFINITY
                    } else {
                        layout.shown_s(0)
                    },
                    layout,
                    page: 0,
                    place: CaptionPlace::Waiting,
                    parts,
                },
                DespawnOnExit(*place.get()),
                Node {
                    padding: UiRect::axes(px(12), px(5)),
                    max_width: percent(96),
                    column_gap: px(8),
                    align_items: AlignItems::Center,
                    ..default()
                },
                BackgroundColor(Color::NONE),
            ))
            .add_children(&[parts.arrows[0], parts.name, parts.words, parts.arrows[1]])
            .id();
        commands.entity(caption_box).add_child(line);
    }
}

/// Gives the places on screen to the captions with something to show, oldest first; the rest wait.
fn give_places(
    caption_box: Single<Option<&Children>, With<CaptionBox>>,
    mut captions: Query<&mut CaptionOnScreen>,
) {
    let mut shown = 0;
    for child in caption_box.into_inner().into_iter().flatten() {
        let Ok(mut on_screen) = captions.get_mut(*child) else {
            continue;
        };
        let place = if on_screen.layout.pages.is_empty() {
            CaptionPlace::NotInThisMode
        } else if shown < MOST_CAPTIONS {
            shown += 1;
            CaptionPlace::Shown
        } else {
            CaptionPlace::Waiting
        };
        if on_screen.place != place {
            if on_screen.place == CaptionPlace::Waiting && on_screen.caption.lasts_while.is_none() {
                // Read in the words it shows now, whatever changed while it waited.
                on_screen.left_s = on_screen.layout.shown_s(on_screen.page);
            }
            on_screen.place = place;
        }
    }
}

/// A change of mode or language lays every caption out again, in the words now shown.
fn lay_out_again(
    settings: Res<CurrentSettings>,
    words: Res<Words>,
    mut captions: Query<&mut CaptionOnScreen>,
) {
    if !settings.is_changed() && !words.is_changed() {
        return;
    }
    for mut on_screen in &mut captions {
        let layout = on_screen.caption.lay_out(settings.captions.mode, &words);
        if layout != on_screen.layout {
            on_screen.page = on_screen.page.min(layout.pages.len().saturating_sub(1));
            on_screen.layout = layout;
        }
    }
}

/// Writes each caption's page, name, size, colours and backing as they are now.
fn show_pages(
    settings: Res<CurrentSettings>,
    windows: Query<&Window, With<PrimaryWindow>>,
    mut captions: Query<(&CaptionOnScreen, &mut BackgroundColor, &mut Node)>,
    mut texts: Query<(&mut Phrase, &mut TextFont, &mut TextColor)>,
) {
    let height = windows
        .iter()
        .next()
        .map_or(REFERENCE_HEIGHT_PX, Window::height);
    let size = caption_px(&settings, height);
    let scale = size / 22.0;
    let backing = Color::BLACK.with_alpha(settings.captions.background_opacity);
    for (on_screen, mut background, mut node) in &mut captions {
        let display = if on_screen.place == CaptionPlace::Shown {
            Display::Flex
        } else {
            Display::None
        };
        if node.display != display {
            node.display = display;
        }
        background.set_if_neq(BackgroundColor(backing));
        let padding = UiRect::axes(px(12.0 * scale), px(5.0 * scale));
        if node.padding != padding {
            node.padding = padding;
            node.column_gap = px(8.0 * scale);
        }
        let parts = on_screen.parts;
        let page = on_screen.layout.pages.get(on_screen.page);
        let shown = [
            (parts.words, page.map(Page::text), None),
            (
                parts.name,
                on_screen.layout.label.clone(),
                Some(name_colour(
                    &on_screen.caption.speaker,
                    settings.captions.speaker_colours,
                )),
            ),
        ];
        for (entity, text, colour) in shown {
            let Ok((mut phrase, mut font, mut ink)) = texts.get_mut(entity) else {
                continue;
            };
            phrase.set_if_neq(text.map_or_else(Phrase::blank, Phrase::verbatim));
            if font.font_size != FontSize::Px(size) {
                font.font_size = FontSize::Px(size);
            }
            if let Some(colour) = colour {
                ink.set_if_neq(TextColor(colour));
            }
        }
        for arrow in parts.arrows {
            if let Ok((_, mut font, _)) = texts.get_mut(arrow)
                && font.font_size != FontSize::Px(size)
            {
                font.font_size = FontSize::Px(size);
            }
        }
    }
}

/// Shows the arrow on the side of a caption whose source is off screen, every frame, as the head turns.
fn point_arrows(
    eyes: Query<(&GlobalTransform, &Projection), With<Head>>,
    captions: Query<&CaptionOnScreen>,
    mut arrows: Query<(&CaptionArrow, &mut Node)>,
) {
    let eye = eyes.iter().next();
    for on_screen in &captions {
        let side = match (eye, on_screen.caption.source) {
            (Some((eye, Projection::Perspective(view))), Some(source)) => {
                off_screen_side(eye, view.fov, view.aspect_ratio, source)
            }
            _ => None,
        };
        for entity in on_screen.parts.arrows {
            let Ok((arrow, mut node)) = arrows.get_mut(entity) else {
                continue;
            };
            let display = if side == Some(arrow.0) {
                Display::Flex
            } else {
                Display::None
            };
            if node.display != display {
                node.display = display;
            }
        }
    }
}

/// Counts down the page showing; when it is read the next one shows, and after the last the caption goes.
fn age_captions(
    mut commands: Commands,
    time: Res<Time>,
    mut captions: Query<(Entity, &mut CaptionOnScreen)>,
    alive: Query<()>,
) {
    for (entity, mut on_screen) in &mut captions {
        if let Some(lasts_while) = on_screen.caption.lasts_while {
            if !alive.contains(lasts_while) {
                commands.entity(entity).despawn();
            }
            continue;
        }
        if on_screen.place == CaptionPlace::Waiting {
            continue;
        }
        on_screen.left_s -= time.delta_secs();
        if on_screen.left_s > 0.0 {
            continue;
        }
        let next = on_screen.page + 1;
        if next < on_screen.layout.pages.len() {
            on_screen.page = next;
            on_screen.left_s += on_screen.layout.shown_s(next);
        } else {
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
