//! Prompts: what the use action would do now, and hints of where the story waits.

use bevy::prelude::*;

use super::theme::{ACCENT, INK, SCRIM, label};
use crate::input::{Action, Bindings};
use crate::journey::{AppSystems, Screen};
use crate::player::{Focus, Interactable};
use crate::words::Phrase;

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

/// `phrase` with a variable for every action, named as the action is (`{ $answer-tone }`), that says
/// how the action's inputs are bound now.
pub fn with_bindings(phrase: Phrase, bindings: &Bindings) -> Phrase {
    Action::ALL.into_iter().fold(phrase, |phrase, action| {
        phrase.with(action.name(), bindings.label(action))
    })
}

/// A quiet hint at the top of the screen; `{ $action-name }` in it names the action's inputs.
pub fn hint(phrase: Phrase, bindings: &Bindings) -> impl Bundle {
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
            children![label(with_bindings(phrase, bindings), 20.0, INK)],
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
            label(Phrase::blank(), 24.0, ACCENT),
            Visibility::Hidden
        )],
    ));
}

fn show_prompt(
    bindings: Res<Bindings>,
    focus: Res<Focus>,
    usables: Query<&Interactable>,
    prompt: Single<(&mut Phrase, &mut Visibility), With<InteractionPrompt>>,
) {
    let (mut phrase, mut visibility) = prompt.into_inner();
    match focus.0.and_then(|entity| usables.get(entity).ok()) {
        Some(usable) => {
            let line = Phrase::new("prompt-use")
                .with("control", bindings.label(Action::Use))
                .with("what", usable.prompt.clone());
            phrase.set_if_neq(line);
            visibility.set_if_neq(Visibility::Inherited);
        }
        None => {
            visibility.set_if_neq(Visibility::Hidden);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::input::Control;
    use crate::words::{Language, Phrasebook};

    #[test]
    fn hints_name_the_inputs_bound_now() {
        let book = Phrasebook::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/locales"))
            .unwrap();
        let mut bindings = Bindings::default();
        let instruction = Phrase::new("clinic-instruction");
        let english = |bindings: &Bindings| {
            book.text(
                Language::English,
                &with_bindings(instruction.clone(), bindings),
            )
            .unwrap()
        };
        assert!(
            english(&bindings).starts_with("Press Space / (A) "),
            "{}",
            english(&bindings)
        );
        bindings.rebind(Action::AnswerTone, Control::Key(KeyCode::KeyH));
        assert!(
            english(&bindings).starts_with("Press H / (A) "),
            "{}",
            english(&bindings)
        );
    }
}
