//! What the visitor can do and the keys, mouse buttons and gamepad buttons that do it, in one table. The
//! player, the set, the sign lesson, the hearing test, the captions, the menus and the autopilot all read
//! it; nothing else names a key a visitor presses.

use bevy::{ecs::system::SystemParam, prelude::*};

/// Something the visitor does with a key or a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum Action {
    WalkForward,
    WalkBack,
    WalkLeft,
    WalkRight,
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
    /// Hear the room as it is, while held.
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
}

/// The inputs that do an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub mouse: &'static [MouseButton],
    pub gamepad: &'static [GamepadButton],
    /// How prompts name it.
    pub label: &'static str,
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
    /// The default bindings: the one table.
    pub const fn binding(self) -> Binding {
        use GamepadButton as Pad;
        use KeyCode as Key;
        let (keys, mouse, gamepad, label): (&[KeyCode], &[MouseButton], &[GamepadButton], &str) =
            match self {
                Action::WalkForward => (&[Key::KeyW, Key::ArrowUp], NO_MOUSE, NO_PAD, "W"),
                Action::WalkBack => (&[Key::KeyS, Key::ArrowDown], NO_MOUSE, NO_PAD, "S"),
                Action::WalkLeft => (&[Key::KeyA, Key::ArrowLeft], NO_MOUSE, NO_PAD, "A"),
                Action::WalkRight => (&[Key::KeyD, Key::ArrowRight], NO_MOUSE, NO_PAD, "D"),
                Action::Use => (&[Key::KeyE], NO_MOUSE, &[Pad::South], "E / (A)"),
                Action::AnswerTone => (&[Key::Space], NO_MOUSE, &[Pad::South], "SPACE / (A)"),
                Action::SignUp => (&[Key::ArrowUp], NO_MOUSE, &[Pad::DPadUp], "↑"),
                Action::SignDown => (&[Key::ArrowDown], NO_MOUSE, &[Pad::DPadDown], "↓"),
                Action::SignLeft => (&[Key::ArrowLeft], NO_MOUSE, &[Pad::DPadLeft], "←"),
                Action::SignRight => (&[Key::ArrowRight], NO_MOUSE, &[Pad::DPadRight], "→"),
                Action::Kick => (
                    &[Key::KeyJ],
                    &[MouseButton::Left],
                    &[Pad::LeftTrigger2, Pad::LeftTrigger],
                    "J, left click, LT",
                ),
                Action::Snare => (
                    &[Key::KeyK],
                    &[MouseButton::Right],
                    &[Pad::RightTrigger2, Pad::RightTrigger],
                    "K, right click, RT",
                ),
                Action::HearTheRoom => (&[Key::Tab], NO_MOUSE, &[Pad::West], "Tab / (X)"),
                Action::SwitchCaptions => (&[Key::KeyC], NO_MOUSE, NO_PAD, "C"),
                Action::Pause => (&[Key::Escape], NO_MOUSE, &[Pad::Start], "Esc / Start"),
                Action::Quit => (&[Key::KeyQ], NO_MOUSE, NO_PAD, "Q"),
                Action::VolumeDown => (&[Key::Minus], NO_MOUSE, &[Pad::DPadDown], "−"),
                Action::VolumeUp => (&[Key::Equal], NO_MOUSE, &[Pad::DPadUp], "="),
            };
        Binding {
            keys,
            mouse,
            gamepad,
            label,
        }
    }

    /// The key a visitor reaches for first (and the one the autopilot presses).
    pub const fn key(self) -> KeyCode {
        self.binding().keys[0]
    }

    /// How prompts name the inputs.
    pub const fn label(self) -> &'static str {
        self.binding().label
    }
}

/// The devices, read as actions.
#[derive(SystemParam)]
pub struct Controls<'w, 's> {
    keys: Res<'w, ButtonInput<KeyCode>>,
    mouse: Res<'w, ButtonInput<MouseButton>>,
    gamepads: Query<'w, 's, &'static Gamepad>,
}

impl Controls<'_, '_> {
    /// The action's input went down this frame.
    pub fn just_pressed(&self, action: Action) -> bool {
        let binding = action.binding();
        self.keys.any_just_pressed(binding.keys.iter().copied())
            || self.mouse.any_just_pressed(binding.mouse.iter().copied())
            || self
                .gamepads
                .iter()
                .any(|pad| pad.any_just_pressed(binding.gamepad.iter().copied()))
    }

    /// The action's input is held down.
    pub fn pressed(&self, action: Action) -> bool {
        let binding = action.binding();
        self.keys.any_pressed(binding.keys.iter().copied())
            || self.mouse.any_pressed(binding.mouse.iter().copied())
            || self
                .gamepads
                .iter()
                .any(|pad| pad.any_pressed(binding.gamepad.iter().copied()))
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
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [Action; 18] = [
        Action::WalkForward,
        Action::WalkBack,
        Action::WalkLeft,
        Action::WalkRight,
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
    ];

    #[test]
    fn every_action_has_a_key_and_a_label() {
        for action in ACTIONS {
            let binding = action.binding();
            assert!(!binding.keys.is_empty(), "{action:?}");
            assert!(!binding.label.is_empty(), "{action:?}");
        }
    }

    #[test]
    fn actions_that_can_happen_at_once_never_share_a_key() {
        // Walking, using, hearing the room, the captions and pausing all work together.
        let together = [
            Action::WalkForward,
            Action::WalkBack,
            Action::WalkLeft,
            Action::WalkRight,
            Action::Use,
            Action::HearTheRoom,
            Action::SwitchCaptions,
            Action::Pause,
            Action::Kick,
            Action::Snare,
        ];
        for (i, a) in together.iter().enumerate() {
            for b in &together[i + 1..] {
                let (a_keys, b_keys) = (a.binding().keys, b.binding().keys);
                assert!(
                    a_keys.iter().all(|key| !b_keys.contains(key)),
                    "{a:?} and {b:?} share a key"
                );
            }
        }
    }
}
