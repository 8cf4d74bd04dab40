//! What the visitor can do and the keys, mouse buttons and gamepad buttons that do it. One table holds
//! the defaults; [`Bindings`] holds what is bound now (the defaults and the player's changes), and
//! `leafwing-input-manager` reads the devices through it as actions. The player, the set, the sign lesson,
//! the hearing test, the captions, the menus and the autopilot all read actions; nothing else names a key
//! a visitor presses.

use std::collections::BTreeMap;

use bevy::{ecs::system::SystemParam, prelude::*};
use leafwing_input_manager::{plugin::InputManagerSystem, prelude::*};
use serde::{Deserialize, Serialize, de::IntoDeserializer};

use crate::words::Phrase;

/// Something the visitor does with a key or a button.
#[derive(
    Actionlike,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Reflect,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    WalkForward,
    WalkBack,
    WalkLeft,
    WalkRight,
    /// Turning and looking without a mouse.
    TurnLeft,
    TurnRight,
    LookUp,
    LookDown,
    /// Use what is in focus (the prompt says what it does).
    Use,
    /// A tone heard, in the hearing test.
    AnswerTone,
    /// A sign's movement, in the lesson.
    SignUp,
    SignDown,
    SignLeft,
    SignRight,
    /// The kick drum, during the set.
    Kick,
    /// The snare drum, during the set.
    Snare,
    /// Hear the room as it is (held, or switched, as the player chose).
    HearTheRoom,
    /// Captions: what the drummer perceives, or the whole transcript.
    SwitchCaptions,
    /// Pause and resume.
    Pause,
    /// Quit, while paused (never at an exhibition).
    Quit,
    /// The visitor's volume, at an exhibition.
    VolumeDown,
    VolumeUp,
    /// The settings screen, from the title or the pause menu.
    OpenSettings,
    /// Moving through a menu and choosing in it; fixed, so a player can always find the way back.
    MenuUp,
    MenuDown,
    MenuLeft,
    MenuRight,
    Confirm,
    Back,
}

/// One key, mouse button or gamepad button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Control {
    Key(KeyCode),
    Mouse(MouseButton),
    Pad(GamepadButton),
}

/// The default inputs of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub mouse: &'static [MouseButton],
    pub gamepad: &'static [GamepadButton],
}

/// Which gamepad stick walks and which looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stick {
    Left,
    Right,
}

/// The stick that walks; the mouse and the other stick look.
pub const WALK_STICK: Stick = Stick::Left;
pub const LOOK_STICK: Stick = Stick::Right;

const NO_MOUSE: &[MouseButton] = &[];
const NO_PAD: &[GamepadButton] = &[];

impl Action {
    pub const ALL: [Action; 29] = [
        Action::WalkForward,
        Action::WalkBack,
        Action::WalkLeft,
        Action::WalkRight,
        Action::TurnLeft,
        Action::TurnRight,
        Action::LookUp,
        Action::LookDown,
        Action::Use,
        Action::AnswerTone,
        Action::SignUp,
        Action::SignDown,
        Action::SignLeft,
        Action::SignRight,
        Action::Kick,
        Action::Snare,
        Action::HearTheRoom,
        Action::SwitchCaptions,
        Action::Pause,
        Action::Quit,
        Action::VolumeDown,
        Action::VolumeUp,
        Action::OpenSettings,
        Action::MenuUp,
        Action::MenuDown,
        Action::MenuLeft,
        Action::MenuRight,
        Action::Confirm,
        Action::Back,
    ];

    /// The default bindings: the one table.
    pub const fn binding(self) -> Binding {
        use GamepadButton as Pad;
        use KeyCode as Key;
        let (keys, mouse, gamepad): (&[KeyCode], &[MouseButton], &[GamepadButton]) = match self {
            Action::WalkForward => (&[Key::KeyW, Key::ArrowUp], NO_MOUSE, NO_PAD),
            Action::WalkBack => (&[Key::KeyS, Key::ArrowDown], NO_MOUSE, NO_PAD),
            Action::WalkLeft => (&[Key::KeyA, Key::ArrowLeft], NO_MOUSE, NO_PAD),
            Action::WalkRight => (&[Key::KeyD, Key::ArrowRight], NO_MOUSE, NO_PAD),
            Action::TurnLeft => (&[Key::Comma], NO_MOUSE, NO_PAD),
            Action::TurnRight => (&[Key::Period], NO_MOUSE, NO_PAD),
            Action::LookUp => (&[Key::PageUp], NO_MOUSE, NO_PAD),
            Action::LookDown => (&[Key::PageDown], NO_MOUSE, NO_PAD),
            Action::Use => (&[Key::KeyE], NO_MOUSE, &[Pad::South]),
            Action::AnswerTone => (&[Key::Space], NO_MOUSE, &[Pad::South]),
            Action::SignUp => (&[Key::ArrowUp], NO_MOUSE, &[Pad::DPadUp]),
            Action::SignDown => (&[Key::ArrowDown], NO_MOUSE, &[Pad::DPadDown]),
            Action::SignLeft => (&[Key::ArrowLeft], NO_MOUSE, &[Pad::DPadLeft]),
            Action::SignRight => (&[Key::ArrowRight], NO_MOUSE, &[Pad::DPadRight]),
            Action::Kick => (
                &[Key::KeyJ],
                &[MouseButton::Left],
                &[Pad::LeftTrigger2, Pad::LeftTrigger],
            ),
            Action::Snare => (
                &[Key::KeyK],
                &[MouseButton::Right],
                &[Pad::RightTrigger2, Pad::RightTrigger],
            ),
            Action::HearTheRoom => (&[Key::Tab], NO_MOUSE, &[Pad::West]),
            Action::SwitchCaptions => (&[Key::KeyC], NO_MOUSE, &[Pad::North]),
            Action::Pause => (&[Key::Escape], NO_MOUSE, &[Pad::Start]),
            Action::Quit => (&[Key::KeyQ], NO_MOUSE, NO_PAD),
            Action::VolumeDown => (&[Key::Minus], NO_MOUSE, &[Pad::DPadDown]),
            Action::VolumeUp => (&[Key::Equal], NO_MOUSE, &[Pad::DPadUp]),
            Action::OpenSettings => (&[Key::KeyO, Key::F1], NO_MOUSE, &[Pad::Select]),
            Action::MenuUp => (&[Key::ArrowUp, Key::KeyW], NO_MOUSE, &[Pad::DPadUp]),
            Action::MenuDown => (&[Key::ArrowDown, Key::KeyS], NO_MOUSE, &[Pad::DPadDown]),
            Action::MenuLeft => (&[Key::ArrowLeft, Key::KeyA], NO_MOUSE, &[Pad::DPadLeft]),
            Action::MenuRight => (&[Key::ArrowRight, Key::KeyD], NO_MOUSE, &[Pad::DPadRight]),
            Action::Confirm => (&[Key::Enter, Key::Space], NO_MOUSE, &[Pad::South]),
            Action::Back => (&[Key::Escape, Key::Backspace], NO_MOUSE, &[Pad::East]),
        };
        Binding {
            keys,
            mouse,
            gamepad,
        }
    }

    /// The default key a visitor reaches for first.
    pub const fn key(self) -> KeyCode {
        self.binding().keys[0]
    }

    /// Whether the player may bind the action to other inputs. The menus' own actions stay fixed, so a
    /// player can always find the way back.
    pub const fn remappable(self) -> bool {
        !matches!(
            self,
            Action::MenuUp
                | Action::MenuDown
                | Action::MenuLeft
                | Action::MenuRight
                | Action::Confirm
                | Action::Back
        )
    }

    /// Actions used at the same moment of play: they must not share an input.
    pub const fn used_together(self) -> bool {
        matches!(
            self,
            Action::WalkForward
                | Action::WalkBack
                | Action::WalkLeft
                | Action::WalkRight
                | Action::TurnLeft
                | Action::TurnRight
                | Action::LookUp
                | Action::LookDown
                | Action::Use
                | Action::HearTheRoom
                | Action::SwitchCaptions
                | Action::Pause
                | Action::Kick
                | Action::Snare
        )
    }

    /// The name settings files use (`walk-forward`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The action a settings file names.
    pub fn named(name: &str) -> Option<Self> {
        let deserializer: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            name.into_deserializer();
        Self::deserialize(deserializer).ok()
    }
}

impl Control {
    /// The name settings files use: `KeyJ`, `MouseLeft`, `PadSouth`.
    pub fn name(self) -> String {
        let plain = |value: serde_json::Value| value.as_str().map(str::to_string);
        match self {
            Control::Key(key) => serde_json::to_value(key).ok().and_then(plain),
            Control::Mouse(button) => serde_json::to_value(button)
                .ok()
                .and_then(plain)
                .map(|name| format!("Mouse{name}")),
            Control::Pad(button) => serde_json::to_value(button)
                .ok()
                .and_then(plain)
                .map(|name| format!("Pad{name}")),
        }
        .unwrap_or_else(|| format!("{self:?}"))
    }

    /// The control a settings file names.
    pub fn named(name: &str) -> Option<Self> {
        fn read<'de, T: Deserialize<'de>>(name: &'de str) -> Option<T> {
            let deserializer: serde::de::value::StrDeserializer<'de, serde::de::value::Error> =
                name.into_deserializer();
            T::deserialize(deserializer).ok()
        }
        if let Some(button) = name.strip_prefix("Mouse") {
            return read(button).map(Control::Mouse);
        }
        if let Some(button) = name.strip_prefix("Pad") {
            return read(button).map(Control::Pad);
        }
        read(name).map(Control::Key)
    }

    /// How prompts and the settings screen show it.
    pub fn label(self) -> Phrase {
        match self {
            Control::Key(key) => key_label(key),
            Control::Mouse(MouseButton::Left) => Phrase::new("control-mouse-left"),
            Control::Mouse(MouseButton::Right) => Phrase::new("control-mouse-right"),
            Control::Mouse(MouseButton::Middle) => Phrase::new("control-mouse-middle"),
            Control::Mouse(button) => {
                Phrase::new("control-mouse-other").with_verbatim("button", format!("{button:?}"))
            }
            Control::Pad(button) => pad_label(button),
        }
    }
}

fn key_label(key: KeyCode) -> Phrase {
    let named = match key {
        // Words, not arrows: the interface's font has no arrow glyphs.
        KeyCode::ArrowUp => "control-key-up",
        KeyCode::ArrowDown => "control-key-down",
        KeyCode::ArrowLeft => "control-key-left",
        KeyCode::ArrowRight => "control-key-right",
        KeyCode::Escape => "control-key-escape",
        KeyCode::Space => "control-key-space",
        KeyCode::Enter => "control-key-enter",
        KeyCode::Tab => "control-key-tab",
        KeyCode::Backspace => "control-key-backspace",
        KeyCode::PageUp => "control-key-page-up",
        KeyCode::PageDown => "control-key-page-down",
        _ => {
            let legend = match key {
                KeyCode::Minus => "-".to_string(),
                KeyCode::Equal => "=".to_string(),
                KeyCode::Comma => ",".to_string(),
                KeyCode::Period => ".".to_string(),
                _ => {
                    let name = Control::Key(key).name();
                    name.strip_prefix("Key")
                        .or_else(|| name.strip_prefix("Digit"))
                        .unwrap_or(&name)
                        .to_string()
                }
            };
            return Phrase::verbatim(legend);
        }
    };
    Phrase::new(named)
}

fn pad_label(button: GamepadButton) -> Phrase {
    use GamepadButton as Pad;
    let legend = match button {
        Pad::South => "(A)",
        Pad::East => "(B)",
        Pad::West => "(X)",
        Pad::North => "(Y)",
        Pad::LeftTrigger => "LB",
        Pad::LeftTrigger2 => "LT",
        Pad::RightTrigger => "RB",
        Pad::RightTrigger2 => "RT",
        Pad::LeftThumb => "L3",
        Pad::RightThumb => "R3",
        Pad::Start => return Phrase::new("control-pad-start"),
        Pad::Select => return Phrase::new("control-pad-select"),
        Pad::DPadUp => return Phrase::new("control-pad-up"),
        Pad::DPadDown => return Phrase::new("control-pad-down"),
        Pad::DPadLeft => return Phrase::new("control-pad-left"),
        Pad::DPadRight => return Phrase::new("control-pad-right"),
        _ => return Phrase::new("control-pad-other"),
    };
    Phrase::verbatim(legend)
}

/// What is bound now: the defaults, with the player's changes over them.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct Bindings(BTreeMap<Action, Vec<Control>>);

impl Default for Bindings {
    fn default() -> Self {
        Self(
            Action::ALL
                .into_iter()
                .map(|action| (action, default_controls(action)))
                .collect(),
        )
    }
}

fn default_controls(action: Action) -> Vec<Control> {
    let binding = action.binding();
    let keys = binding.keys.iter().map(|key| Control::Key(*key));
    let mouse = binding.mouse.iter().map(|button| Control::Mouse(*button));
    let pad = binding.gamepad.iter().map(|button| Control::Pad(*button));
    keys.chain(mouse).chain(pad).collect()
}

impl Bindings {
    /// The defaults with `changes` (action to controls) over them.
    pub fn with_changes(changes: impl IntoIterator<Item = (Action, Vec<Control>)>) -> Self {
        let mut bindings = Self::default();
        for (action, controls) in changes {
            if action.remappable() {
                bindings.0.insert(action, controls);
            }
        }
        bindings
    }

    pub fn controls(&self, action: Action) -> &[Control] {
        self.0.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to the action, if any (what the autopilot presses).
    pub fn key(&self, action: Action) -> Option<KeyCode> {
        self.controls(action)
            .iter()
            .find_map(|control| match control {
                Control::Key(key) => Some(*key),
                _ => None,
            })
    }

    /// How prompts name the action's inputs: the keyboard's or mouse's first, then the gamepad's.
    pub fn label(&self, action: Action) -> Phrase {
        let controls = self.controls(action);
        let desk = controls
            .iter()
            .find(|control| !matches!(control, Control::Pad(_)));
        let pad = controls
            .iter()
            .find(|control| matches!(control, Control::Pad(_)));
        match (desk, pad) {
            (Some(desk), Some(pad)) => Phrase::new("control-either")
                .with("desk", desk.label())
                .with("pad", pad.label()),
            (Some(only), None) | (None, Some(only)) => only.label(),
            (None, None) => Phrase::new("control-unbound"),
        }
    }

    /// Binds `control` to `action` in place of the action's inputs of the same kind (keyboard and mouse,
    /// or gamepad): the other kind stays.
    pub fn rebind(&mut self, action: Action, control: Control) {
        if !action.remappable() {
            return;
        }
        let on_pad = matches!(control, Control::Pad(_));
        let controls = self.0.entry(action).or_default();
        controls.retain(|bound| matches!(bound, Control::Pad(_)) != on_pad);
        controls.insert(0, control);
    }

    /// The actions whose inputs differ from the defaults, with their inputs.
    pub fn changes(&self) -> impl Iterator<Item = (Action, &[Control])> {
        self.0
            .iter()
            .filter(|(action, controls)| **controls != default_controls(**action))
            .map(|(action, controls)| (*action, controls.as_slice()))
    }

    /// Pairs of actions used together that share an input.
    pub fn conflicts(&self) -> Vec<(Action, Action, Control)> {
        let together: Vec<_> = self
            .0
            .iter()
            .filter(|(action, _)| action.used_together())
            .collect();
        let mut found = Vec::new();
        for (i, (a, a_controls)) in together.iter().enumerate() {
            for (b, b_controls) in &together[i + 1..] {
                if let Some(shared) = a_controls.iter().find(|c| b_controls.contains(c)) {
                    found.push((**a, **b, *shared));
                }
            }
        }
        found
    }

    /// The actions that share an input with `action` while it is used.
    pub fn conflicts_of(&self, action: Action) -> Vec<Action> {
        self.conflicts()
            .into_iter()
            .filter_map(|(a, b, _)| {
                if a == action {
                    Some(b)
                } else if b == action {
                    Some(a)
                } else {
                    None
                }
            })
            .collect()
    }

    fn input_map(&self) -> InputMap<Action> {
        let mut map = InputMap::default();
        for (action, controls) in &self.0 {
            for control in controls {
                match *control {
                    Control::Key(key) => map.insert(*action, key),
                    Control::Mouse(button) => map.insert(*action, button),
                    Control::Pad(button) => map.insert(*action, button),
                };
            }
        }
        map
    }
}

/// The entity whose action state every system reads.
#[derive(Component)]
struct VisitorControls;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(InputManagerPlugin::<Action>::default())
        .init_resource::<Bindings>()
        .add_systems(
            PreUpdate,
            (
                apply_bindings.before(InputManagerSystem::Update),
                keep_quick_taps.in_set(InputManagerSystem::ManualControl),
            ),
        );
    let map = app.world().resource::<Bindings>().input_map();
    app.world_mut().spawn((
        Name::new("Visitor controls"),
        VisitorControls,
        map,
        ActionState::<Action>::default(),
    ));
}

fn apply_bindings(
    bindings: Res<Bindings>,
    mut maps: Query<&mut InputMap<Action>, With<VisitorControls>>,
) {
    if bindings.is_changed() {
        for mut map in &mut maps {
            *map = bindings.input_map();
        }
    }
}

/// A key or button that went down this frame and also came up within it (a quick tap at a low frame rate),
/// or came up and went down again, reads to the action map as released: it applies the release last. Every
/// control that went down this frame presses its actions.
fn keep_quick_taps(
    bindings: Res<Bindings>,
    keys: Res<ButtonInput<KeyCode>>,
    mouse: Res<ButtonInput<MouseButton>>,
    gamepads: Query<&Gamepad>,
    mut actions: Query<&mut ActionState<Action>, With<VisitorControls>>,
) {
    let tapped = |control: &Control| match *control {
        Control::Key(key) => keys.just_pressed(key),
        Control::Mouse(button) => mouse.just_pressed(button),
        Control::Pad(button) => gamepads.iter().any(|pad| pad.just_pressed(button)),
    };
    for mut state in &mut actions {
        for (action, controls) in &bindings.0 {
            if !state.just_pressed(action) && controls.iter().any(tapped) {
                state.press(action);
            }
        }
    }
}

/// The devices, read as actions.
#[derive(SystemParam)]
pub struct Controls<'w, 's> {
    actions: Query<'w, 's, &'static ActionState<Action>, With<VisitorControls>>,
    bindings: Res<'w, Bindings>,
    keys: Res<'w, ButtonInput<KeyCode>>,
    mouse: Res<'w, ButtonInput<MouseButton>>,
    gamepads: Query<'w, 's, &'static Gamepad>,
}

impl Controls<'_, '_> {
    /// The action's input went down this frame.
    pub fn just_pressed(&self, action: Action) -> bool {
        self.actions.iter().any(|state| state.just_pressed(&action))
    }

    /// The action's input is held down.
    pub fn pressed(&self, action: Action) -> bool {
        self.actions.iter().any(|state| state.pressed(&action))
    }

    /// Which of `actions` went down this frame, first in their order.
    pub fn first_just_pressed(&self, actions: &[Action]) -> Option<Action> {
        actions
            .iter()
            .copied()
            .find(|action| self.just_pressed(*action))
    }

    /// Any key, mouse button or gamepad button at all went down this frame.
    pub fn anything_pressed(&self) -> bool {
        self.keys.get_just_pressed().len() > 0
            || self.mouse.get_just_pressed().len() > 0
            || self
                .gamepads
                .iter()
                .any(|pad| pad.get_just_pressed().next().is_some())
    }

    /// Where the stick of every gamepad points, summed.
    pub fn stick(&self, stick: Stick) -> Vec2 {
        self.gamepads
            .iter()
            .map(|pad| match stick {
                Stick::Left => pad.left_stick(),
                Stick::Right => pad.right_stick(),
            })
            .sum()
    }

    /// How prompts name the action's inputs now.
    pub fn label(&self, action: Action) -> Phrase {
        self.bindings.label(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_key_and_a_label() {
        let bindings = Bindings::default();
        for action in Action::ALL {
            assert!(!action.binding().keys.is_empty(), "{action:?}");
            assert!(bindings.key(action).is_some(), "{action:?}");
            assert_ne!(
                bindings.label(action).key(),
                "control-unbound",
                "{action:?}"
            );
        }
    }

    #[test]
    fn the_defaults_never_share_an_input_between_actions_used_together() {
        assert_eq!(Bindings::default().conflicts(), vec![]);
    }

    #[test]
    fn names_read_back_as_what_they_name() {
        for action in Action::ALL {
            assert_eq!(Action::named(&action.name()), Some(action));
            for control in Bindings::default().controls(action) {
                assert_eq!(
                    Control::named(&control.name()),
                    Some(*control),
                    "{control:?}"
                );
            }
        }
        assert_eq!(Action::named("walk-forward"), Some(Action::WalkForward));
        assert_eq!(Control::named("KeyJ"), Some(Control::Key(KeyCode::KeyJ)));
        assert_eq!(
            Control::named("MouseLeft"),
            Some(Control::Mouse(MouseButton::Left))
        );
        assert_eq!(
            Control::named("PadSouth"),
            Some(Control::Pad(GamepadButton::South))
        );
        assert_eq!(Control::named("Banana"), None);
        assert_eq!(Action::named("jump"), None);
    }

    #[test]
    fn rebinding_replaces_the_inputs_of_its_kind_and_shows_conflicts() {
        let mut bindings = Bindings::default();
        bindings.rebind(Action::Kick, Control::Key(KeyCode::KeyE));
        assert_eq!(
            bindings.controls(Action::Kick),
            [
                Control::Key(KeyCode::KeyE),
                Control::Pad(GamepadButton::LeftTrigger2),
                Control::Pad(GamepadButton::LeftTrigger)
            ]
        );
        assert_eq!(bindings.conflicts_of(Action::Kick), [Action::Use]);
        assert_eq!(
            bindings.label(Action::Kick),
            Phrase::new("control-either")
                .with("desk", Phrase::verbatim("E"))
                .with("pad", Phrase::verbatim("LT"))
        );
        let changes: Vec<_> = bindings.changes().map(|(action, _)| action).collect();
        assert_eq!(changes, [Action::Kick]);
        bindings.rebind(Action::Back, Control::Key(KeyCode::KeyX));
        assert_eq!(
            bindings.controls(Action::Back)[0],
            Control::Key(KeyCode::Escape)
        );
    }
}
