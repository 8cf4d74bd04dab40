//! Prompts: what the use action would do now, and hints of where the story waits.

use bevy::prelude::*;

use super::theme::{ACCENT, INK, SCRIM, label};
use crate::input::Action;
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

/// A quiet hint at the top of the screen.
pub fn hint(text: &str) -> impl Bundle {
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
            children![label(text, 20.0, INK)],
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
    focus: Res<Focus>,
    usables: Query<&Interactable>,
    prompt: Single<(&mut Text, &mut Visibility), With<InteractionPrompt>>,
) {
    let (mut text, mut visibility) = prompt.into_inner();
    match focus.0.and_then(|entity| usables.get(entity).ok()) {
        Some(usable) => {
            let line = format!("{}  {}", Action::Use.label(), usable.prompt);
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
