//! The end card: a short, plain safe-listening message and the credits, then back to the title, by itself
//! or on any key or button once the card has been up a moment.

use bevy::prelude::*;

use super::theme::{ACCENT, FADED, INK, NIGHT, label};
use crate::input::Controls;
use crate::journey::Screen;
use crate::words::Phrase;

/// What the visitor takes home.
pub const SAFE_LISTENING: Phrase = Phrase::new("end-safe-listening");

/// Who made it, and with what.
pub const CREDITS: [Phrase; 4] = [
    Phrase::new("end-credits-homage"),
    Phrase::new("end-credits-made-with"),
    Phrase::new("end-credits-sounds"),
    Phrase::new("end-credits-thanks"),
];

/// How long the card stays up: keys and buttons do nothing for `min_s` (so a key still held from the
/// last place does not skip it), and after `max_s` it returns to the title by itself. An exhibition may
/// change both.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct EndCardTiming {
    pub min_s: f32,
    pub max_s: f32,
}

impl EndCardTiming {
    pub const STANDARD: Self = Self {
        min_s: 3.0,
        max_s: 20.0,
    };
}

impl Default for EndCardTiming {
    fn default() -> Self {
        Self::STANDARD
    }
}

/// How long the end card has been up (s).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct EndCardClock(pub f32);

/// The line that says a key now leads back; shown once `min_s` has passed.
#[derive(Component, Debug, Default, Clone, Copy)]
struct ReturnHint;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EndCardTiming>()
        .add_systems(OnEnter(Screen::EndCard), spawn_end_card)
        .add_systems(
            Update,
            (back_to_the_title, show_the_way_back)
                .chain()
                .run_if(in_state(Screen::EndCard)),
        );
}

fn spawn_end_card(mut commands: Commands) {
    commands.insert_resource(EndCardClock::default());
    commands
        .spawn((
            Name::new("End card"),
            DespawnOnExit(Screen::EndCard),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                row_gap: px(18),
                padding: UiRect::horizontal(percent(16)),
                ..default()
            },
            BackgroundColor(NIGHT),
        ))
        .with_children(|card| {
            card.spawn((
                Name::new("Title"),
                label(Phrase::new("title-name"), 44.0, INK),
            ));
            card.spawn((
                Name::new("Safe listening"),
                label(SAFE_LISTENING, 22.0, INK),
                TextLayout::justify(Justify::Center),
                Node {
                    margin: UiRect::vertical(px(14)),
                    ..default()
                },
            ));
            for (i, line) in CREDITS.into_iter().enumerate() {
                card.spawn((
                    Name::new(format!("Credits {}", i + 1)),
                    label(line, 17.0, FADED),
                    TextLayout::justify(Justify::Center),
                ));
            }
            card.spawn((
                Name::new("Return hint"),
                ReturnHint,
                label(Phrase::new("title-begin"), 20.0, ACCENT),
                Node {
                    margin: UiRect::top(px(18)),
                    ..default()
                },
                Visibility::Hidden,
            ));
        });
}

fn back_to_the_title(
    time: Res<Time>,
    timing: Res<EndCardTiming>,
    mut clock: ResMut<EndCardClock>,
    controls: Controls,
    mut screen: ResMut<NextState<Screen>>,
) {
    clock.0 += time.delta_secs();
    let pressed = controls.anything_pressed();
    if (clock.0 >= timing.min_s && pressed) || clock.0 >= timing.max_s {
        screen.set(Screen::Title);
    }
}

/// Once a key may lead back, the card says so.
fn show_the_way_back(
    timing: Res<EndCardTiming>,
    clock: Res<EndCardClock>,
    mut hints: Query<&mut Visibility, With<ReturnHint>>,
) {
    let shown = if clock.0 >= timing.min_s {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    for mut hint in &mut hints {
        hint.set_if_neq(shown);
    }
}
