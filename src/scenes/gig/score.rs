//! The drum score during the set: which input plays which drum, where the bar is, and how the hits land.

use bevy::prelude::*;

use super::drums::{Judgement, SONG};
use super::set::TheSet;
use crate::input::{Action, Bindings};
use crate::journey::AppSystems;
use crate::scenes::kit::ThePlace;
use crate::ui::theme::{ACCENT, FADED, INK, SCRIM, label};
use crate::words::Phrase;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            spawn_score.run_if(resource_added::<TheSet>),
            show_score.run_if(resource_exists::<TheSet>),
        )
            .chain()
            .in_set(AppSystems::Update),
    );
}

#[derive(Component, Debug, Default, Clone, Copy)]
struct BarCounter;

#[derive(Component, Debug, Default, Clone, Copy)]
struct Tally;

fn spawn_score(mut commands: Commands, place: ThePlace, bindings: Res<Bindings>) {
    commands.spawn((
        Name::new("Drum score"),
        place.own(),
        Node {
            position_type: PositionType::Absolute,
            top: px(18),
            right: px(18),
            flex_direction: FlexDirection::Column,
            row_gap: px(4),
            padding: UiRect::all(px(12)),
            ..default()
        },
        BackgroundColor(SCRIM),
        children![
            label(
                Phrase::new("score-kick").with("control", bindings.label(Action::Kick)),
                18.0,
                INK
            ),
            label(
                Phrase::new("score-snare").with("control", bindings.label(Action::Snare)),
                18.0,
                INK
            ),
            label(Phrase::new("score-pattern"), 16.0, FADED),
            (BarCounter, label(Phrase::blank(), 30.0, ACCENT)),
            (Tally, label(Phrase::blank(), 18.0, INK)),
        ],
    ));
}

fn show_score(
    set: Res<TheSet>,
    mut counter: Query<&mut Phrase, (With<BarCounter>, Without<Tally>)>,
    mut tally: Query<&mut Phrase, (With<Tally>, Without<BarCounter>)>,
) {
    let beat = (set.song_s / SONG.beat_s()).floor() as usize % 4;
    let bar = ["b1", "b2", "b3", "b4"].into_iter().enumerate().fold(
        Phrase::new("score-bar"),
        |bar, (i, name)| {
            let drum = Phrase::new(if i % 2 == 0 {
                "score-kick-letter"
            } else {
                "score-snare-letter"
            });
            let cell = Phrase::new(if i == beat {
                "score-beat-now"
            } else {
                "score-beat"
            });
            bar.with(name, cell.with("drum", drum))
        },
    );
    for mut phrase in &mut counter {
        phrase.set_if_neq(bar.clone());
    }
    let counts = |phrase: Phrase| {
        phrase
            .with_count("tight", i64::from(set.score.tight))
            .with_count("loose", i64::from(set.score.loose))
            .with_count("off", i64::from(set.score.off))
    };
    let line = match set.last_hit {
        None => counts(Phrase::new("score-tally")),
        Some(hit) => {
            let when = if hit.error_ms < 0.0 {
                "score-early"
            } else {
                "score-late"
            };
            let verdict = match hit.judgement {
                Judgement::Tight => "score-tight",
                Judgement::Loose => "score-loose",
                Judgement::Off => "score-off",
            };
            counts(Phrase::new("score-tally-last"))
                .with("verdict", Phrase::new(verdict))
                .with_decimal("ms", f64::from(hit.error_ms.abs()), 0)
                .with("when", Phrase::new(when))
        }
    };
    for mut phrase in &mut tally {
        phrase.set_if_neq(line.clone());
    }
}
