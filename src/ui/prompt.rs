//! Prompts: what the use action would do now, and hints of where the story waits.

use bevy::prelude::*;

use super::theme::{ACCENT, INK, SCRIM, label};
use crate::input::{Action, Bindings};
use crate::journey::{AppSystems, Screen};
use crate::player::{Focus, Interactable};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_prompt)
        .add_systems(
            Update,
            show_prompt
                .in_set(AppSystems::Update)
                .run_if(in_state(Screen::Playing)),
        );
}

/// The line that says what the use action would do.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct InteractionPrompt;

/// `text` with each `{action-name}` replaced by how the action's inputs are bound now.
pub fn with_bindings(text: &str, bindings: &Bindings) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        match Action::named(&after[..close]) {
            Some(action) => filled.push_str(&bindings.label(action)),
            None => filled.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    filled.push_str(rest);
    filled
}

/// A quiet hint at the top of the screen; `{action-name}` in it names the action's inputs.
pub fn hint(text: &str, bindings: &Bindings) -> impl Bundle {
    (
        Name::new("Hint"),
        Node {
            position_type: PositionType::Absolute,
            top: percent(6),
            width: percent(100),
            justify_content: JustifyContent::Center,
            ..default()
        },
        children![(
            Node {
                padding: UiRect::axes(px(14), px(6)),
                ..default()
            },
            BackgroundColor(SCRIM),
            children![label(with_bindings(text, bindings), 20.0, INK)],
        )],
    )
}

fn spawn_prompt(mut commands: Commands) {
    commands.spawn((
        Name::new("Interaction prompt"),
        DespawnOnExit(Screen::Playing),
        Node {
            position_type: PositionType::Absolute,
            top: percent(58),
            width: percent(100),
            justify_content: JustifyContent::Center,
            ..default()
        },
        children![(
            InteractionPrompt,
            label("", 24.0, ACCENT),
            Visibility::Hidden
        )],
    ));
}

fn show_prompt(
    bindings: Res<Bindings>,
    focus: Res<Focus>,
    usables: Query<&Interactable>,
    prompt: Single<(&mut Text, &mut Visibility), With<InteractionPrompt>>,
) {
    let (mut text, mut visibility) = prompt.into_inner();
    match focus.0.and_then(|entity| usables.get(entity).ok()) {
        Some(usable) => {
            let line = format!("{}  {}", bindings.label(Action::Use), usable.prompt);
            if text.0 != line {
                text.0 = line;
            }
            visibility.set_if_neq(Visibility::Inherited);
        }
        None => {
            visibility.set_if_neq(Visibility::Hidden);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Control;

    #[test]
    fn hints_name_the_inputs_bound_now() {
        let mut bindings = Bindings::default();
        let text = "Press {answer-tone} when you hear a tone {not-an-action}.";
        assert_eq!(
            with_bindings(text, &bindings),
            "Press SPACE / (A) when you hear a tone {not-an-action}."
        );
        bindings.rebind(Action::AnswerTone, Control::Key(KeyCode::KeyH));
        assert_eq!(
            with_bindings(text, &bindings),
            "Press H / (A) when you hear a tone {not-an-action}."
        );
        assert_eq!(with_bindings("a { b", &bindings), "a { b");
    }
}
