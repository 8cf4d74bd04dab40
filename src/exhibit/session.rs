//! Visits at a station: the attract loop the autopilot plays, a session that starts on any button, the
//! two-tier idle reset, the session cap, and the operator's defaults restored for every visitor.

use std::time::Duration;

use bevy::{
    ecs::system::SystemParam,
    input::{
        ButtonState,
        gamepad::{GamepadAxisChangedEvent, GamepadButtonChangedEvent},
        keyboard::KeyboardInput,
        mouse::{MouseButtonInput, MouseMotion},
    },
    prelude::*,
};

use super::config::ExhibitConfig;
use super::station::{
    OperatorDefaults, Outcome, OverlayOpen, SECRET_KEY, SessionClock, SessionEnded, SettingChange,
    Visit, end_session,
};
use crate::audio::AudioOutput;
use crate::autopilot::{Autopilot, Guide};
use crate::hearing::Perspective;
use crate::input::{Action, Controls};
use crate::journey::{Itinerary, Journey, Place, Screen, StoryLengths};
use crate::settings::{CaptionMode, CurrentSettings, Settings};
use crate::ui::CONTENT_NOTE;
use crate::ui::theme::{ACCENT, FADED, INK, SCRIM, label};
use crate::words::{Language, Phrase};

/// Stick travel under this is a resting hand, not a visitor.
const STICK_ACTIVITY: f32 = 0.3;
/// Each press of a volume key moves the volume this far.
const VOLUME_STEP_DB: f32 = 3.0;

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Visit>()
        .init_resource::<IdleClock>()
        .init_resource::<SessionClock>()
        .init_resource::<VisitorVolume>()
        .add_message::<SessionEnded>()
        .add_systems(Startup, apply_operator_settings)
        .add_systems(OnEnter(Visit::Attract), play_to_nobody)
        .add_systems(
            OnEnter(Visit::Session),
            (welcome_a_visitor, warn_the_visitor),
        )
        .add_systems(OnEnter(Screen::Title), go_round_again)
        .add_systems(
            Update,
            (
                begin_on_any_button.run_if(in_state(Visit::Attract)),
                (
                    count_the_session,
                    keep_track_of_places,
                    watch_for_idle,
                    show_the_countdown,
                    turn_the_volume,
                    note_caption_mode,
                    choose_a_language,
                    take_the_note_down,
                )
                    .chain()
                    .run_if(in_state(Visit::Session)),
            )
                .run_if(not(resource_exists::<OverlayOpen>)),
        );
}

/// Seconds since the visitor last touched anything (real time: a paused game still runs down).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct IdleClock {
    pub idle_s: f32,
}

/// The visitor's volume on the main output (dB), within the operator's range.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct VisitorVolume {
    pub db: f32,
}

/// What the visitor's hands did since the last frame, read from the devices' own messages (the autopilot
/// presses keys without them, so it never counts as a visitor).
#[derive(SystemParam)]
pub struct VisitorHands<'w, 's> {
    keys: MessageReader<'w, 's, KeyboardInput>,
    buttons: MessageReader<'w, 's, MouseButtonInput>,
    motion: MessageReader<'w, 's, MouseMotion>,
    pad_buttons: MessageReader<'w, 's, GamepadButtonChangedEvent>,
    pad_axes: MessageReader<'w, 's, GamepadAxisChangedEvent>,
}

impl VisitorHands<'_, '_> {
    /// A key or button went down (not the operator's secret key).
    pub fn pressed_any(&mut self) -> bool {
        let keys = self
            .keys
            .read()
            .any(|k| k.state == ButtonState::Pressed && k.key_code != SECRET_KEY);
        let buttons = self.buttons.read().any(|b| b.state == ButtonState::Pressed);
        let pad = self
            .pad_buttons
            .read()
            .any(|b| b.state == ButtonState::Pressed);
        keys || buttons || pad
    }

    /// Anything at all: a press, a release, the mouse moved, a stick pushed.
    pub fn touched_anything(&mut self) -> bool {
        let keys = self.keys.read().count() > 0;
        let buttons = self.buttons.read().count() > 0;
        let motion = self.motion.read().count() > 0;
        let pad = self.pad_buttons.read().count() > 0;
        let sticks = self
            .pad_axes
            .read()
            .any(|axis| axis.value.abs() > STICK_ACTIVITY);
        keys || buttons || motion || pad || sticks
    }
}

/// The operator's settings that hold for the whole run: the places and their pace (the ceiling is the
/// output's from its first sample: see `ExhibitPlugin`); and the first attract loop's level.
fn apply_operator_settings(
    defaults: Res<OperatorDefaults>,
    lengths: Res<StoryLengths>,
    mut itinerary: ResMut<Itinerary>,
    output: Option<ResMut<AudioOutput>>,
) {
    let config = &defaults.0;
    *itinerary = itinerary_for(config, &lengths);
    // The first attract loop began before the output opened (a state's first transition runs before
    // `PreStartup`), so its rise starts here.
    ramp_in(
        output,
        config.sound.attract_volume_db,
        config.sound.ramp_in_s,
    );
}

/// The places an operator chose, each at the pace that fits the seconds they gave it (`lengths`: each
/// place's story as written).
pub fn itinerary_for(config: &ExhibitConfig, lengths: &StoryLengths) -> Itinerary {
    let mut itinerary = Itinerary::through(config.places.clone());
    for &(place, seconds) in &config.place_seconds {
        if let Some(told_s) = lengths.told_s(place) {
            itinerary.set_pace(place, (told_s / seconds).max(1.0));
        }
    }
    itinerary
}

/// Puts back every setting a visitor can change, from the operator's defaults.
#[derive(SystemParam)]
struct VisitorSettings<'w> {
    defaults: Res<'w, OperatorDefaults>,
    volume: ResMut<'w, VisitorVolume>,
    settings: ResMut<'w, CurrentSettings>,
    perspective: ResMut<'w, Perspective>,
}

impl VisitorSettings<'_> {
    fn restore(&mut self) {
        let config = &self.defaults.0;
        self.volume.db = config.sound.volume_db;
        let mut settings = Settings::default();
        settings.sound.tinnitus = config.tinnitus;
        settings.haptics.enabled = config.haptics;
        settings.language = config.default_language.to_string();
        self.settings.0 = settings;
        *self.perspective = Perspective::YourEars;
    }
}

/// Drops the output to silence and lets it rise to `volume_db` over `ramp_s` (the safe-listening ramp-in).
fn ramp_in(output: Option<ResMut<AudioOutput>>, volume_db: f32, ramp_s: f32) {
    if let Some(mut output) = output {
        output
            .level()
            .rise_from_silence(volume_db, Duration::from_secs_f32(ramp_s));
    }
}

/// The banner over the attract loop.
#[derive(Component)]
struct AttractBanner;

fn play_to_nobody(
    mut commands: Commands,
    mut settings: VisitorSettings,
    mut pilot: ResMut<Autopilot>,
    output: Option<ResMut<AudioOutput>>,
    screen: Res<State<Screen>>,
    mut journey: Journey,
) {
    settings.restore();
    pilot.engage();
    let sound = settings.defaults.0.sound;
    ramp_in(output, sound.attract_volume_db, sound.ramp_in_s);
    // Through the title, so the loop starts again at the first place (a state does not re-enter itself);
    // from the title itself (after an end card) straight on.
    if *screen.get() == Screen::Title {
        journey.begin();
    } else {
        journey.back_to_title();
    }
    commands.spawn((
        Name::new("Attract banner"),
        AttractBanner,
        DespawnOnExit(Visit::Attract),
        Node {
            position_type: PositionType::Absolute,
            top: px(28),
            width: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: px(6),
            ..default()
        },
        GlobalZIndex(20),
        children![
            (
                Node {
                    padding: UiRect::axes(px(26), px(12)),
                    ..default()
                },
                BackgroundColor(SCRIM),
                children![label(Phrase::new("exhibit-begin"), 34.0, ACCENT)],
            ),
            label(Phrase::new("exhibit-banner"), 18.0, INK),
            (
                Node {
                    max_width: percent(70),
                    ..default()
                },
                children![(
                    label(CONTENT_NOTE, 16.0, FADED),
                    TextLayout::justify(Justify::Center)
                )],
            ),
        ],
    ));
}

/// How long the content note stays over the first place of a session.
const CONTENT_NOTE_S: f32 = 10.0;

/// The content note over a session's first screen (the station skips the title, where it lives).
#[derive(Component)]
struct SessionContentNote {
    shown_s: f32,
}

/// One of the operator's languages on the session's first screen, lit while it is the one in use.
#[derive(Component, Debug)]
struct LanguageChoice {
    code: &'static str,
}

/// The operator's languages, each named in itself after the number that picks it.
fn language_choices(languages: &[&'static str]) -> impl Bundle {
    let choices: Vec<_> = languages
        .iter()
        .enumerate()
        .map(|(n, code)| {
            let name = Language::from_code(code).map_or(*code, Language::own_name);
            (
                LanguageChoice { code },
                label(
                    Phrase::new("exhibit-language-choice")
                        .with_count("number", n as i64 + 1)
                        .with_verbatim("language", name),
                    20.0,
                    FADED,
                ),
            )
        })
        .collect();
    (
        Node {
            column_gap: px(22),
            margin: UiRect::top(px(10)),
            flex_wrap: FlexWrap::Wrap,
            justify_content: JustifyContent::Center,
            ..default()
        },
        Children::spawn(SpawnIter(choices.into_iter())),
    )
}

fn warn_the_visitor(mut commands: Commands, defaults: Res<OperatorDefaults>) {
    let note = commands
        .spawn((
            Name::new("Content note"),
            SessionContentNote { shown_s: 0.0 },
            DespawnOnExit(Visit::Session),
            Node {
                position_type: PositionType::Absolute,
                top: px(28),
                width: percent(100),
                justify_content: JustifyContent::Center,
                ..default()
            },
            GlobalZIndex(20),
        ))
        .id();
    let words = commands
        .spawn((
            ChildOf(note),
            Node {
                max_width: percent(70),
                padding: UiRect::axes(px(22), px(12)),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                ..default()
            },
            BackgroundColor(SCRIM),
            children![(
                label(CONTENT_NOTE, 20.0, INK),
                TextLayout::justify(Justify::Center)
            )],
        ))
        .id();
    let languages = &defaults.0.languages;
    if languages.len() > 1 {
        commands.spawn((
            ChildOf(words),
            Node {
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                margin: UiRect::top(px(12)),
                ..default()
            },
            children![
                label(Phrase::new("exhibit-choose-language"), 18.0, INK),
                language_choices(languages),
            ],
        ));
    }
}

/// The keys that pick the operator's first, second, ... language on the session's first screen.
const LANGUAGE_KEYS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// While the session's first screen (the content note) is up, the visitor picks one of the operator's
/// languages: by its number, or the D-pad's left and right. Only the operator's languages can be picked;
/// the next session starts in the operator's default again (see [`VisitorSettings::restore`]).
fn choose_a_language(
    keys: Res<ButtonInput<KeyCode>>,
    pads: Query<&Gamepad>,
    first_screen: Query<(), With<SessionContentNote>>,
    defaults: Res<OperatorDefaults>,
    mut settings: ResMut<CurrentSettings>,
    mut clock: ResMut<SessionClock>,
    mut choices: Query<(&LanguageChoice, &mut TextColor)>,
) {
    if first_screen.is_empty() {
        return;
    }
    let languages = &defaults.0.languages;
    let at = languages
        .iter()
        .position(|code| *code == settings.language)
        .unwrap_or(0);
    let step = pads
        .iter()
        .map(|pad| {
            i32::from(pad.just_pressed(GamepadButton::DPadRight))
                - i32::from(pad.just_pressed(GamepadButton::DPadLeft))
        })
        .sum::<i32>();
    let picked = LANGUAGE_KEYS
        .iter()
        .take(languages.len())
        .position(|key| keys.just_pressed(*key))
        .or((step != 0).then(|| (at as i32 + step).rem_euclid(languages.len() as i32) as usize));
    if let Some(picked) = picked
        && languages[picked] != settings.language
    {
        settings.language = languages[picked].to_string();
        clock.settings_changed.push(SettingChange {
            setting: "language",
            value: languages[picked].to_string(),
        });
    }
    for (choice, mut color) in &mut choices {
        let lit = if choice.code == settings.language {
            ACCENT
        } else {
            FADED
        };
        color.set_if_neq(TextColor(lit));
    }
}

fn take_the_note_down(
    mut commands: Commands,
    time: Res<Time<Real>>,
    mut notes: Query<(Entity, &mut SessionContentNote)>,
) {
    for (entity, mut note) in &mut notes {
        note.shown_s += time.delta_secs();
        if note.shown_s >= CONTENT_NOTE_S {
            commands.entity(entity).despawn();
        }
    }
}

/// A press this soon after the loop starts again is the last visitor's, or the operator's, not a new
/// visitor's.
const ATTRACT_GRACE_S: f32 = 0.5;

fn begin_on_any_button(
    time: Res<Time<Real>>,
    mut since_s: Local<f32>,
    visit: Res<State<Visit>>,
    mut hands: VisitorHands,
    mut next: ResMut<NextState<Visit>>,
) {
    // Read either way, so presses from before the loop began are not taken for new ones later.
    let pressed = hands.pressed_any();
    if visit.is_changed() {
        *since_s = 0.0;
    }
    *since_s += time.delta_secs();
    if pressed && *since_s > ATTRACT_GRACE_S {
        next.set(Visit::Session);
    }
}

fn welcome_a_visitor(
    mut settings: VisitorSettings,
    mut pilot: ResMut<Autopilot>,
    mut guide: ResMut<Guide>,
    output: Option<ResMut<AudioOutput>>,
    mut clock: ResMut<SessionClock>,
    mut idle: ResMut<IdleClock>,
    mut screen: ResMut<NextState<Screen>>,
) {
    settings.restore();
    pilot.disengage();
    *guide = Guide::Watch;
    let sound = settings.defaults.0.sound;
    ramp_in(output, sound.volume_db, sound.ramp_in_s);
    *clock = SessionClock::default();
    *idle = IdleClock::default();
    screen.set(Screen::Title);
}

/// On the title (never shown at a station): the loop or a new session starts at the first place; a
/// session that has been somewhere is over.
fn go_round_again(
    visit: Res<State<Visit>>,
    mut journey: Journey,
    mut clock: ResMut<SessionClock>,
    mut ended: MessageWriter<SessionEnded>,
    mut next_visit: ResMut<NextState<Visit>>,
) {
    if *visit.get() == Visit::Session && clock.underway {
        let outcome = if clock.capped {
            Outcome::SessionCap
        } else {
            Outcome::Completed
        };
        end_session(&mut clock, outcome, &mut ended);
        next_visit.set(Visit::Attract);
        return;
    }
    clock.underway = *visit.get() == Visit::Session;
    journey.begin();
}

fn count_the_session(
    time: Res<Time<Real>>,
    defaults: Res<OperatorDefaults>,
    mut clock: ResMut<SessionClock>,
    screen: Res<State<Screen>>,
    mut next_screen: ResMut<NextState<Screen>>,
) {
    clock.elapsed_s += time.delta_secs();
    if clock.elapsed_s >= defaults.0.session_cap_s
        && !clock.capped
        && *screen.get() == Screen::Playing
    {
        clock.capped = true;
        next_screen.set(Screen::EndCard);
    }
}

fn keep_track_of_places(place: Option<Res<State<Place>>>, mut clock: ResMut<SessionClock>) {
    let (Some(place), true) = (place, clock.underway) else {
        return;
    };
    if clock.places.last() != Some(place.get()) {
        clock.places.push(*place.get());
    }
}

/// Stillness is the task in the study and the anechoic room: not touching anything there is not absence.
fn stillness_is_the_task(guide: &Guide, place: Option<&State<Place>>) -> bool {
    *guide == Guide::HoldStill || place.is_some_and(|p| *p.get() == Place::Stillness)
}

#[allow(clippy::too_many_arguments)]
fn watch_for_idle(
    time: Res<Time<Real>>,
    screen: Res<State<Screen>>,
    defaults: Res<OperatorDefaults>,
    guide: Res<Guide>,
    place: Option<Res<State<Place>>>,
    mut hands: VisitorHands,
    mut idle: ResMut<IdleClock>,
    mut clock: ResMut<SessionClock>,
    mut ended: MessageWriter<SessionEnded>,
    mut visit: ResMut<NextState<Visit>>,
) {
    if hands.touched_anything() {
        idle.idle_s = 0.0;
        return;
    }
    // The end card goes back by itself; holding still is the task in some places.
    if *screen.get() == Screen::EndCard || stillness_is_the_task(&guide, place.as_deref()) {
        return;
    }
    idle.idle_s += time.delta_secs();
    if idle.idle_s >= defaults.0.idle_reset_s {
        end_session(&mut clock, Outcome::IdleReset, &mut ended);
        visit.set(Visit::Attract);
    }
}

/// The "still there?" countdown, on screen between the two idle times.
#[derive(Component)]
pub struct StillThere;

fn show_the_countdown(
    mut commands: Commands,
    defaults: Res<OperatorDefaults>,
    idle: Res<IdleClock>,
    shown: Query<Entity, With<StillThere>>,
    mut seconds: Query<&mut Phrase, With<StillThereSeconds>>,
) {
    let config = &defaults.0;
    let warning = idle.idle_s >= config.idle_warning_s;
    match (warning, shown.single()) {
        (false, Ok(entity)) => commands.entity(entity).despawn(),
        (true, Err(_)) => {
            commands.spawn((
                Name::new("Still there?"),
                StillThere,
                DespawnOnExit(Visit::Session),
                Node {
                    position_type: PositionType::Absolute,
                    width: percent(100),
                    height: percent(100),
                    flex_direction: FlexDirection::Column,
                    justify_content: JustifyContent::Center,
                    align_items: AlignItems::Center,
                    row_gap: px(14),
                    ..default()
                },
                BackgroundColor(SCRIM),
                GlobalZIndex(30),
                children![
                    label(Phrase::new("exhibit-still-there"), 52.0, INK),
                    (StillThereSeconds, label(Phrase::blank(), 30.0, ACCENT)),
                    label(Phrase::new("exhibit-keep-playing"), 22.0, FADED),
                ],
            ));
        }
        _ => {}
    }
    if warning {
        let left_s = (config.idle_reset_s - idle.idle_s).max(0.0).ceil();
        let countdown = Phrase::new("exhibit-starting-over").with_count("seconds", left_s as i64);
        for mut phrase in &mut seconds {
            phrase.set_if_neq(countdown.clone());
        }
    }
}

#[derive(Component)]
struct StillThereSeconds;

fn turn_the_volume(
    controls: Controls,
    defaults: Res<OperatorDefaults>,
    mut volume: ResMut<VisitorVolume>,
    mut clock: ResMut<SessionClock>,
    output: Option<ResMut<AudioOutput>>,
) {
    let step = if controls.just_pressed(Action::VolumeUp) {
        VOLUME_STEP_DB
    } else if controls.just_pressed(Action::VolumeDown) {
        -VOLUME_STEP_DB
    } else {
        return;
    };
    let limits = defaults.0.sound;
    let db = (volume.db + step).clamp(limits.visitor_min_db, limits.visitor_max_db);
    if db == volume.db {
        return;
    }
    volume.db = db;
    clock.settings_changed.push(SettingChange {
        setting: "volume_db",
        value: format!("{db}"),
    });
    if let Some(mut output) = output {
        output.level().set_volume_db(db, Duration::from_millis(60));
    }
}

/// The visitor switched between perceived captions and the full transcript.
fn note_caption_mode(
    settings: Res<CurrentSettings>,
    mut last: Local<CaptionMode>,
    mut clock: ResMut<SessionClock>,
) {
    let mode = settings.captions.mode;
    // The change the session's start makes (restoring the default) happens before it is under way.
    if mode != *last && clock.underway {
        clock.settings_changed.push(SettingChange {
            setting: "captions",
            value: format!("{mode:?}").to_lowercase(),
        });
    }
    *last = mode;
}
