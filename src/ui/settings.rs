//! The settings screen, over the title or the pause menu: sections as tabs, one row per setting, every
//! change applied at once (and previewed where it matters: the ringing at its chosen mode, a rumble at its
//! strength, seen on the felt pulse at the screen's edges as well). Keyboard, mouse and gamepad each reach
//! everything alone: up and down move between the tabs and the rows, left and right change, confirm
//! switches or rebinds, back always leads out. Not offered at an exhibition station, where the operator's
//! settings rule.

use std::time::Duration;

use bevy::{
    input::gamepad::{GamepadRumbleIntensity, GamepadRumbleRequest},
    prelude::*,
};

use super::pulse::PulsePreview;
use super::theme::{ACCENT, FADED, INK, NIGHT, label};
use crate::hearing::TinnitusPreview;
use crate::input::{Action, Bindings, Control, Controls};
use crate::journey::{Kiosk, Pause, Screen};
use crate::settings::{
    CameraSway, CaptionMode, CaptionSize, CurrentSettings, HearTheRoom, Settings, TinnitusMode,
    limits,
};
use crate::words::{Language, Phrase};

/// Text of a setting that warns (a binding shared with another action).
const WARNING: Color = Color::srgb(1.0, 0.45, 0.35);
/// The focused row's backing.
const FOCUS: Color = Color::srgba(1.0, 0.72, 0.35, 0.22);
/// How long a rumble preview lasts.
const RUMBLE_PREVIEW: Duration = Duration::from_millis(350);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SettingsMenu>()
        .add_systems(
            Update,
            (
                open_settings.run_if(not(resource_exists::<Kiosk>)),
                (capture_binding, navigate, click).run_if(settings_open),
                show_the_screen,
            )
                .chain()
                .in_set(SettingsScreenSystems),
        )
        .add_systems(OnExit(Pause::Paused), close_settings)
        .add_systems(OnExit(Screen::Title), close_settings);
}

/// The settings screen's systems. Menus under it run before them, so the press that opens or closes the
/// screen is not also theirs.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SettingsScreenSystems;

/// The settings screen is showing.
pub fn settings_open(menu: Res<SettingsMenu>) -> bool {
    menu.open
}

/// Where the player is on the settings screen.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SettingsMenu {
    pub open: bool,
    pub section: Section,
    /// 0 is the row of tabs; 1 and on are the section's settings.
    pub focus: usize,
    /// Waiting for the key or button to bind to this action.
    pub capturing: Option<Action>,
}

/// The settings screen's sections, in tab order.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    #[default]
    Sound,
    Captions,
    Language,
    Controls,
    Comfort,
    Haptics,
    Story,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Sound,
        Section::Captions,
        Section::Language,
        Section::Controls,
        Section::Comfort,
        Section::Haptics,
        Section::Story,
    ];

    pub fn title(self) -> Phrase {
        Phrase::new(match self {
            Section::Sound => "settings-section-sound",
            Section::Captions => "settings-section-captions",
            Section::Language => "settings-section-language",
            Section::Controls => "settings-section-controls",
            Section::Comfort => "settings-section-comfort",
            Section::Haptics => "settings-section-haptics",
            Section::Story => "settings-section-story",
        })
    }

    /// The settings of the section, top to bottom.
    pub fn items(self) -> Vec<Item> {
        match self {
            Section::Sound => vec![
                Item::MasterVolume,
                Item::Tinnitus,
                Item::HearTheRoom,
                Item::SoundIndicator,
            ],
            Section::Captions => vec![
                Item::Captions,
                Item::CaptionSize,
                Item::CaptionBackground,
                Item::SpeakerColours,
            ],
            Section::Language => vec![Item::Language],
            Section::Controls => {
                let mut items = vec![
                    Item::MouseSensitivity,
                    Item::InvertY,
                    Item::StickSensitivity,
                    Item::StickDeadZone,
                    Item::HitWindow,
                ];
                items.extend(
                    Action::ALL
                        .into_iter()
                        .filter(|action| action.remappable())
                        .map(Item::Bind),
                );
                items.push(Item::ResetControls);
                items
            }
            Section::Comfort => vec![
                Item::CameraSway,
                Item::FieldOfView,
                Item::StillnessTolerance,
                Item::ReduceFlashing,
            ],
            Section::Haptics => vec![Item::Haptics, Item::HapticIntensity],
            Section::Story => vec![Item::SkipHearingTest],
        }
    }

    fn next(self, step: i32) -> Self {
        let at = Self::ALL.iter().position(|s| *s == self).unwrap_or(0) as i32;
        Self::ALL[(at + step).rem_euclid(Self::ALL.len() as i32) as usize]
    }
}

/// One row of the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    MasterVolume,
    Tinnitus,
    HearTheRoom,
    SoundIndicator,
    Captions,
    CaptionSize,
    CaptionBackground,
    SpeakerColours,
    Language,
    MouseSensitivity,
    InvertY,
    StickSensitivity,
    StickDeadZone,
    HitWindow,
    Bind(Action),
    ResetControls,
    CameraSway,
    FieldOfView,
    StillnessTolerance,
    ReduceFlashing,
    Haptics,
    HapticIntensity,
    SkipHearingTest,
}

impl Item {
    pub fn label(self) -> Phrase {
        Phrase::new(match self {
            Item::MasterVolume => "settings-volume",
            Item::Tinnitus => "settings-tinnitus",
            Item::HearTheRoom => "settings-hear-the-room",
            Item::SoundIndicator => "settings-sound-indicator",
            Item::Captions => "settings-captions",
            Item::CaptionSize => "settings-caption-size",
            Item::CaptionBackground => "settings-caption-background",
            Item::SpeakerColours => "settings-speaker-colours",
            Item::Language => "settings-language",
            Item::MouseSensitivity => "settings-mouse-sensitivity",
            Item::InvertY => "settings-invert-y",
            Item::StickSensitivity => "settings-stick-sensitivity",
            Item::StickDeadZone => "settings-stick-dead-zone",
            Item::HitWindow => "settings-hit-window",
            Item::Bind(action) => return action_title(action),
            Item::ResetControls => "settings-reset-controls",
            Item::CameraSway => "settings-camera-sway",
            Item::FieldOfView => "settings-field-of-view",
            Item::StillnessTolerance => "settings-stillness-tolerance",
            Item::ReduceFlashing => "settings-reduce-flashing",
            Item::Haptics => "settings-vibration",
            Item::HapticIntensity => "settings-vibration-strength",
            Item::SkipHearingTest => "settings-skip-hearing-test",
        })
    }

    /// The value as shown, and whether it warns.
    pub fn value(self, settings: &Settings, bindings: &Bindings) -> (Phrase, bool) {
        let on_off = |on: bool| Phrase::new(if on { "settings-on" } else { "settings-off" });
        let times = |x: f32| Phrase::new("settings-times").with_decimal("times", f64::from(x), 2);
        let percent = |share: f32| {
            Phrase::new("settings-percent").with_decimal("percent", f64::from(share) * 100.0, 0)
        };
        let shown = match self {
            Item::MasterVolume => Phrase::new("settings-decibels").with_decimal(
                "decibels",
                f64::from(settings.sound.master_volume_db),
                0,
            ),
            Item::Tinnitus => Phrase::new(match settings.sound.tinnitus {
                TinnitusMode::Full => "settings-tinnitus-full",
                TinnitusMode::Reduced => "settings-tinnitus-reduced",
                TinnitusMode::VisualOnly => "settings-tinnitus-visual",
            }),
            Item::HearTheRoom => Phrase::new(match settings.sound.hear_the_room {
                HearTheRoom::Hold => "settings-hear-the-room-hold",
                HearTheRoom::Toggle => "settings-hear-the-room-toggle",
            }),
            Item::Captions => Phrase::new(match settings.captions.mode {
                CaptionMode::Perceived => "settings-captions-perceived",
                CaptionMode::Transcript => "settings-captions-transcript",
            }),
            Item::CaptionSize => Phrase::new(match settings.captions.size {
                CaptionSize::Small => "settings-caption-size-small",
                CaptionSize::Medium => "settings-caption-size-medium",
                CaptionSize::Large => "settings-caption-size-large",
                CaptionSize::ExtraLarge => "settings-caption-size-extra-large",
            }),
            Item::CaptionBackground => percent(settings.captions.background_opacity),
            Item::SpeakerColours => on_off(settings.captions.speaker_colours),
            Item::Language => {
                Phrase::verbatim(Language::from_code(&settings.language).map_or_else(
                    || settings.language.clone(),
                    |language| language.own_name().to_string(),
                ))
            }
            Item::MouseSensitivity => times(settings.controls.mouse_sensitivity),
            Item::InvertY => on_off(settings.controls.invert_y),
            Item::StickSensitivity => times(settings.controls.stick_sensitivity),
            Item::StickDeadZone => percent(settings.controls.stick_dead_zone),
            Item::HitWindow => times(settings.controls.hit_window),
            Item::Bind(action) => {
                let bound = bindings.label(action);
                let mut conflicts = bindings.conflicts_of(action).into_iter().map(action_title);
                match conflicts.next() {
                    None => bound,
                    Some(first) => {
                        let others = conflicts.fold(first, |list, next| {
                            Phrase::new("settings-list")
                                .with("list", list)
                                .with("next", next)
                        });
                        return (
                            Phrase::new("settings-binding-shared")
                                .with("controls", bound)
                                .with("actions", others),
                            true,
                        );
                    }
                }
            }
            Item::ResetControls => Phrase::blank(),
            Item::CameraSway => Phrase::new(match settings.comfort.camera_sway {
                CameraSway::On => "settings-on",
                CameraSway::Reduced => "settings-reduced",
                CameraSway::Off => "settings-off",
            }),
            Item::FieldOfView => Phrase::new("settings-degrees").with_decimal(
                "degrees",
                f64::from(settings.comfort.field_of_view_deg),
                0,
            ),
            Item::StillnessTolerance => percent(settings.comfort.stillness_tolerance),
            Item::ReduceFlashing => on_off(settings.comfort.reduce_flashing),
            Item::SoundIndicator => on_off(settings.sound.sound_indicator),
            Item::Haptics => on_off(settings.haptics.enabled),
            Item::HapticIntensity => percent(settings.haptics.intensity),
            Item::SkipHearingTest => on_off(settings.story.skip_hearing_test),
        };
        (shown, false)
    }

    /// Changes the setting one step up (`1`) or down (`-1`); choices wrap round, numbers stop at their
    /// limits.
    pub fn step(self, settings: &mut Settings, direction: i32) {
        let number = |value: &mut f32, step: f32, range: std::ops::RangeInclusive<f32>| {
            let stepped = ((*value / step).round() + direction as f32) * step;
            *value = stepped.clamp(*range.start(), *range.end());
        };
        match self {
            Item::MasterVolume => number(
                &mut settings.sound.master_volume_db,
                2.0,
                limits::MASTER_VOLUME_DB,
            ),
            Item::Tinnitus => {
                let modes = [
                    TinnitusMode::Full,
                    TinnitusMode::Reduced,
                    TinnitusMode::VisualOnly,
                ];
                settings.sound.tinnitus = cycle(&modes, settings.sound.tinnitus, direction);
            }
            Item::HearTheRoom => {
                let ways = [HearTheRoom::Hold, HearTheRoom::Toggle];
                settings.sound.hear_the_room =
                    cycle(&ways, settings.sound.hear_the_room, direction);
            }
            Item::Captions => {
                let modes = [CaptionMode::Perceived, CaptionMode::Transcript];
                settings.captions.mode = cycle(&modes, settings.captions.mode, direction);
            }
            Item::CaptionSize => {
                settings.captions.size =
                    cycle(&CaptionSize::ALL, settings.captions.size, direction);
            }
            Item::CaptionBackground => number(
                &mut settings.captions.background_opacity,
                0.1,
                limits::CAPTION_BACKGROUND_OPACITY,
            ),
            Item::SpeakerColours => settings.captions.speaker_colours ^= true,
            Item::Language => {
                let codes: Vec<String> = Language::ALL
                    .iter()
                    .map(|language| language.code().to_string())
                    .collect();
                settings.language = cycle(&codes, settings.language.clone(), direction);
            }
            Item::MouseSensitivity => number(
                &mut settings.controls.mouse_sensitivity,
                0.25,
                limits::SENSITIVITY,
            ),
            Item::InvertY => settings.controls.invert_y ^= true,
            Item::StickSensitivity => number(
                &mut settings.controls.stick_sensitivity,
                0.25,
                limits::SENSITIVITY,
            ),
            Item::StickDeadZone => number(
                &mut settings.controls.stick_dead_zone,
                0.05,
                limits::STICK_DEAD_ZONE,
            ),
            Item::HitWindow => number(&mut settings.controls.hit_window, 0.25, limits::HIT_WINDOW),
            Item::Bind(_) | Item::ResetControls => {}
            Item::CameraSway => {
                let ways = [CameraSway::On, CameraSway::Reduced, CameraSway::Off];
                settings.comfort.camera_sway =
                    cycle(&ways, settings.comfort.camera_sway, direction);
            }
            Item::FieldOfView => number(
                &mut settings.comfort.field_of_view_deg,
                5.0,
                limits::FIELD_OF_VIEW_DEG,
            ),
            Item::StillnessTolerance => number(
                &mut settings.comfort.stillness_tolerance,
                0.1,
                limits::STILLNESS_TOLERANCE,
            ),
            Item::ReduceFlashing => settings.comfort.reduce_flashing ^= true,
            Item::SoundIndicator => settings.sound.sound_indicator ^= true,
            Item::Haptics => settings.haptics.enabled ^= true,
            Item::HapticIntensity => number(
                &mut settings.haptics.intensity,
                0.1,
                limits::HAPTIC_INTENSITY,
            ),
            Item::SkipHearingTest => settings.story.skip_hearing_test ^= true,
        }
    }
}

fn cycle<T: PartialEq + Clone>(choices: &[T], now: T, direction: i32) -> T {
    let at = choices.iter().position(|c| *c == now).unwrap_or(0) as i32;
    choices[(at + direction).rem_euclid(choices.len() as i32) as usize].clone()
}

/// How the settings screen names an action.
pub fn action_title(action: Action) -> Phrase {
    Phrase::new(match action {
        Action::WalkForward => "action-walk-forward",
        Action::WalkBack => "action-walk-back",
        Action::WalkLeft => "action-walk-left",
        Action::WalkRight => "action-walk-right",
        Action::TurnLeft => "action-turn-left",
        Action::TurnRight => "action-turn-right",
        Action::LookUp => "action-look-up",
        Action::LookDown => "action-look-down",
        Action::Use => "action-use",
        Action::AnswerTone => "action-answer-tone",
        Action::SignUp => "action-sign-up",
        Action::SignDown => "action-sign-down",
        Action::SignLeft => "action-sign-left",
        Action::SignRight => "action-sign-right",
        Action::Kick => "action-kick",
        Action::Snare => "action-snare",
        Action::HearTheRoom => "action-hear-the-room",
        Action::SwitchCaptions => "action-switch-captions",
        Action::Pause => "action-pause",
        Action::Quit => "action-quit",
        Action::VolumeDown => "action-volume-down",
        Action::VolumeUp => "action-volume-up",
        Action::OpenSettings => "action-open-settings",
        Action::MenuUp => "action-menu-up",
        Action::MenuDown => "action-menu-down",
        Action::MenuLeft => "action-menu-left",
        Action::MenuRight => "action-menu-right",
        Action::Confirm => "action-confirm",
        Action::Back => "action-back",
    })
}

/// Something on screen that opens the settings when clicked (on the title and the pause menu).
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct OpensSettings;

fn open_settings(
    controls: Controls,
    screen: Res<State<Screen>>,
    pause: Option<Res<State<Pause>>>,
    buttons: Query<&Interaction, (Changed<Interaction>, With<OpensSettings>)>,
    mut menu: ResMut<SettingsMenu>,
) {
    if menu.open {
        return;
    }
    let paused = pause.is_some_and(|pause| *pause.get() == Pause::Paused);
    let where_offered = *screen.get() == Screen::Title || paused;
    let clicked = buttons.iter().any(|i| *i == Interaction::Pressed);
    if where_offered && (controls.just_pressed(Action::OpenSettings) || clicked) {
        *menu = SettingsMenu {
            open: true,
            ..default()
        };
    }
}

fn close_settings(mut menu: ResMut<SettingsMenu>) {
    menu.set_if_neq(SettingsMenu::default());
}

fn navigate(
    controls: Controls,
    mut menu: ResMut<SettingsMenu>,
    mut settings: ResMut<CurrentSettings>,
    mut preview: Previews,
) {
    if menu.capturing.is_some() {
        return;
    }
    if controls.just_pressed(Action::Back) {
        *menu = SettingsMenu::default();
        return;
    }
    let items = menu.section.items();
    let vertical = i32::from(controls.just_pressed(Action::MenuDown))
        - i32::from(controls.just_pressed(Action::MenuUp));
    if vertical != 0 {
        let rows = items.len() as i32 + 1;
        menu.focus = (menu.focus as i32 + vertical).rem_euclid(rows) as usize;
    }
    let sideways = i32::from(controls.just_pressed(Action::MenuRight))
        - i32::from(controls.just_pressed(Action::MenuLeft));
    let confirm = controls.just_pressed(Action::Confirm);
    if menu.focus == 0 {
        if sideways != 0 {
            menu.section = menu.section.next(sideways);
        } else if confirm {
            menu.section = menu.section.next(1);
        }
        return;
    }
    let Some(item) = items.get(menu.focus - 1).copied() else {
        menu.focus = 0;
        return;
    };
    if sideways != 0 {
        change(item, sideways, &mut menu, &mut settings, &mut preview);
    } else if confirm {
        change(item, 1, &mut menu, &mut settings, &mut preview);
    }
}

/// What previews a change: the ringing, and the motors with the pulse that shows them.
#[derive(bevy::ecs::system::SystemParam)]
struct Previews<'w, 's> {
    ringing: ResMut<'w, TinnitusPreview>,
    pulse: ResMut<'w, PulsePreview>,
    gamepads: Query<'w, 's, Entity, With<Gamepad>>,
    rumble: MessageWriter<'w, GamepadRumbleRequest>,
}

fn change(
    item: Item,
    direction: i32,
    menu: &mut SettingsMenu,
    settings: &mut CurrentSettings,
    preview: &mut Previews,
) {
    match item {
        Item::Bind(action) => menu.capturing = Some(action),
        Item::ResetControls => settings.controls.bindings.clear(),
        _ => item.step(settings, direction),
    }
    match item {
        Item::Tinnitus => preview.ringing.play(),
        Item::Haptics | Item::HapticIntensity if settings.haptics.enabled => {
            let strength = settings.haptics.intensity;
            preview.pulse.play(strength, RUMBLE_PREVIEW.as_secs_f32());
            for gamepad in &preview.gamepads {
                preview.rumble.write(GamepadRumbleRequest::Add {
                    duration: RUMBLE_PREVIEW,
                    intensity: GamepadRumbleIntensity {
                        strong_motor: strength,
                        weak_motor: strength * 0.5,
                    },
                    gamepad,
                });
            }
        }
        _ => {}
    }
}

/// While waiting for a binding, the next key, mouse button or gamepad button is it. Escape or a
/// gamepad's Start gives up and keeps the old binding.
fn capture_binding(
    keys: Res<ButtonInput<KeyCode>>,
    mouse: Res<ButtonInput<MouseButton>>,
    gamepads: Query<&Gamepad>,
    mut menu: ResMut<SettingsMenu>,
    mut settings: ResMut<CurrentSettings>,
    bindings: Res<Bindings>,
) {
    // Runs before the navigation that starts a capture: the press that asked for it is not the binding.
    let Some(action) = menu.capturing else {
        return;
    };
    let pressed = keys
        .get_just_pressed()
        .next()
        .map(|key| Control::Key(*key))
        .or_else(|| mouse.get_just_pressed().next().map(|b| Control::Mouse(*b)))
        .or_else(|| {
            gamepads
                .iter()
                .find_map(|pad| pad.get_just_pressed().next().map(|b| Control::Pad(*b)))
        });
    let Some(control) = pressed else {
        return;
    };
    menu.capturing = None;
    if matches!(
        control,
        Control::Key(KeyCode::Escape) | Control::Pad(GamepadButton::Start)
    ) {
        return;
    }
    let mut rebound = bindings.clone();
    rebound.rebind(action, control);
    let names = rebound
        .controls(action)
        .iter()
        .map(|control| control.name())
        .collect();
    settings.controls.bindings.insert(action.name(), names);
}

/// A row of the settings screen, for the mouse.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingsRow {
    /// As [`SettingsMenu::focus`].
    pub focus: usize,
    pub focused: bool,
}

/// A tab of the settings screen.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingsTab(pub Section);

/// The small arrows that step a row's value.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
struct StepButton {
    focus: usize,
    direction: i32,
}

/// The way back, for the mouse.
#[derive(Component, Debug, Clone, Copy)]
struct BackButton;

fn click(
    rows: Query<(&Interaction, &SettingsRow), Changed<Interaction>>,
    tabs: Query<(&Interaction, &SettingsTab), Changed<Interaction>>,
    steps: Query<(&Interaction, &StepButton), Changed<Interaction>>,
    back: Query<&Interaction, (Changed<Interaction>, With<BackButton>)>,
    mut menu: ResMut<SettingsMenu>,
    mut settings: ResMut<CurrentSettings>,
    mut preview: Previews,
) {
    if menu.capturing.is_some() {
        return;
    }
    for (interaction, row) in &rows {
        if *interaction == Interaction::Hovered && menu.focus != row.focus {
            menu.focus = row.focus;
        }
    }
    for (interaction, tab) in &tabs {
        if *interaction == Interaction::Pressed {
            menu.section = tab.0;
            menu.focus = 0;
        }
    }
    for (interaction, step) in &steps {
        if *interaction != Interaction::Pressed {
            continue;
        }
        if let Some(item) = menu.section.items().get(step.focus - 1).copied() {
            menu.focus = step.focus;
            change(item, step.direction, &mut menu, &mut settings, &mut preview);
        }
    }
    if back.iter().any(|i| *i == Interaction::Pressed) {
        *menu = SettingsMenu::default();
    }
}

/// The screen itself.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct SettingsScreen;

/// Drawn again whenever what it shows changes: it is small, and that keeps it true.
fn show_the_screen(
    mut commands: Commands,
    menu: Res<SettingsMenu>,
    settings: Res<CurrentSettings>,
    bindings: Res<Bindings>,
    screens: Query<Entity, With<SettingsScreen>>,
) {
    if !menu.is_changed() && !settings.is_changed() && !bindings.is_changed() {
        return;
    }
    for screen in &screens {
        commands.entity(screen).despawn();
    }
    if !menu.open {
        return;
    }
    let root = commands
        .spawn((
            Name::new("Settings screen"),
            SettingsScreen,
            Node {
                width: percent(100),
                height: percent(100),
                position_type: PositionType::Absolute,
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                padding: UiRect::axes(percent(8), px(28)),
                row_gap: px(10),
                ..default()
            },
            // Opaque: the title or the paused scene must not read through the rows.
            BackgroundColor(NIGHT),
            GlobalZIndex(20),
        ))
        .id();
    commands.spawn((
        label(Phrase::new("settings-title"), 40.0, INK),
        ChildOf(root),
    ));
    let tabs = commands
        .spawn((
            Node {
                column_gap: px(8),
                padding: UiRect::all(px(6)),
                border: UiRect::all(px(2)),
                ..default()
            },
            SettingsRow {
                focus: 0,
                focused: menu.focus == 0,
            },
            Button,
            BorderColor::all(if menu.focus == 0 { ACCENT } else { Color::NONE }),
            ChildOf(root),
        ))
        .id();
    for section in Section::ALL {
        let chosen = section == menu.section;
        commands.spawn((
            Button,
            SettingsTab(section),
            Node {
                padding: UiRect::axes(px(12), px(6)),
                ..default()
            },
            BackgroundColor(if chosen { FOCUS } else { Color::NONE }),
            children![label(
                section.title(),
                22.0,
                if chosen { ACCENT } else { FADED }
            )],
            ChildOf(tabs),
        ));
    }
    let list = commands
        .spawn((
            Node {
                flex_direction: FlexDirection::Column,
                width: percent(100),
                max_width: px(980),
                row_gap: px(2),
                overflow: Overflow::clip_y(),
                flex_grow: 1.0,
                ..default()
            },
            ChildOf(root),
        ))
        .id();
    let items = menu.section.items();
    // Long sections scroll with the focus: the rows before it give way (the screen holds this many at
    // 720 lines).
    const ROWS_SHOWN: usize = 11;
    let first = menu.focus.saturating_sub(ROWS_SHOWN).min(items.len());
    for (index, item) in items.iter().enumerate().skip(first).take(ROWS_SHOWN) {
        let focus = index + 1;
        let focused = menu.focus == focus;
        let capturing_this = matches!(item, Item::Bind(action) if menu.capturing == Some(*action));
        let (value, warns) = if capturing_this {
            (Phrase::new("settings-press-to-bind"), false)
        } else {
            item.value(&settings, &bindings)
        };
        let steps = !matches!(item, Item::Bind(_) | Item::ResetControls);
        let row = commands
            .spawn((
                Name::new(format!("{item:?}")),
                SettingsRow { focus, focused },
                Button,
                Node {
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::Center,
                    padding: UiRect::axes(px(14), px(5)),
                    ..default()
                },
                BackgroundColor(if focused { FOCUS } else { Color::NONE }),
                ChildOf(list),
            ))
            .id();
        commands.spawn((
            label(item.label(), 22.0, if focused { ACCENT } else { INK }),
            ChildOf(row),
        ));
        let value_box = commands
            .spawn((
                Node {
                    column_gap: px(10),
                    align_items: AlignItems::Center,
                    ..default()
                },
                ChildOf(row),
            ))
            .id();
        if steps {
            commands.spawn((
                Button,
                StepButton {
                    focus,
                    direction: -1,
                },
                children![label(Phrase::new("settings-step-down"), 22.0, FADED)],
                ChildOf(value_box),
            ));
        }
        commands.spawn((
            label(value, 22.0, if warns { WARNING } else { INK }),
            ChildOf(value_box),
        ));
        if steps {
            commands.spawn((
                Button,
                StepButton {
                    focus,
                    direction: 1,
                },
                children![label(Phrase::new("settings-step-up"), 22.0, FADED)],
                ChildOf(value_box),
            ));
        }
    }
    commands.spawn((
        Button,
        BackButton,
        Node {
            padding: UiRect::axes(px(14), px(6)),
            ..default()
        },
        children![label(Phrase::new("settings-help"), 18.0, FADED)],
        ChildOf(root),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_changes_and_numbers_stay_in_their_limits() {
        for section in Section::ALL {
            for item in section.items() {
                if matches!(item, Item::Bind(_) | Item::ResetControls | Item::Language) {
                    continue;
                }
                let mut settings = Settings::default();
                let before = settings.clone();
                item.step(&mut settings, 1);
                item.step(&mut settings, 1);
                if settings == before {
                    item.step(&mut settings, -1);
                    item.step(&mut settings, -1);
                    item.step(&mut settings, -1);
                }
                assert_ne!(settings, before, "{item:?} does not change");
                for _ in 0..100 {
                    item.step(&mut settings, 1);
                }
                let (_, problems) = Settings::parse(&settings.to_toml(), &Anything);
                assert_eq!(problems, vec![], "{item:?} left its limits");
                for _ in 0..200 {
                    item.step(&mut settings, -1);
                }
                let (_, problems) = Settings::parse(&settings.to_toml(), &Anything);
                assert_eq!(problems, vec![], "{item:?} left its limits");
            }
        }
    }

    struct Anything;

    impl crate::settings::model::BindingVocabulary for Anything {
        fn check(&self, _: &str, _: &[String]) -> Result<(), String> {
            Ok(())
        }
    }

    #[test]
    fn every_remappable_action_has_a_row() {
        let items = Section::Controls.items();
        for action in Action::ALL.into_iter().filter(|a| a.remappable()) {
            assert!(items.contains(&Item::Bind(action)), "{action:?}");
        }
    }
}
