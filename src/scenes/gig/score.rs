//! The drum score during the set: which input plays which drum, where the bar is, and how the hits land.

use bevy::prelude::*;

use super::drums::{Judgement, SONG};
use super::set::TheSet;
use crate::input::{Action, Bindings};
use crate::journey::AppSystems;
use crate::scenes::kit::ThePlace;
use crate::ui::theme::{ACCENT, FADED, INK, SCRIM, label};

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
            label(format!("Kick: {}", bindings.label(Action::Kick)), 18.0, INK),
            label(
                format!("Snare: {}", bindings.label(Action::Snare)),
                18.0,
                INK
            ),
            label("Kick on 1 and 3, snare on 2 and 4", 16.0, FADED),
            (BarCounter, label("", 30.0, ACCENT)),
            (Tally, label("", 18.0, INK)),
        ],
    ));
}

fn show_score(
    set: Res<TheSet>,
    mut counter: Query<&mut Text, (With<BarCounter>, Without<Tally>)>,
    mut tally: Query<&mut Text, (With<Tally>, Without<BarCounter>)>,
) {
    let beat = (set.song_s / SONG.beat_s()).floor() as usize % 4;
    let bar: String = ["K", "S", "K", "S"]
        .iter()
        .enumerate()
        .map(|(i, drum)| {
            if i == beat {
                format!("[{drum}]")
            } else {
                format!(" {drum} ")
            }
        })
        .collect();
    for mut text in &mut counter {
        if text.0 != bar {
            text.0.clone_from(&bar);
        }
    }
    let last = match set.last_hit {
        None => String::new(),
        Some(hit) => {
            let when = if hit.error_ms < 0.0 { "early" } else { "late" };
            let verdict = match hit.judgement {
                Judgement::Tight => "in time",
                Judgement::Loose => "loose",
                Judgement::Off => "off the beat",
            };
            format!("\n{verdict}, {:.0} ms {when}", hit.error_ms.abs())
        }
    };
    let line = format!(
        "in time {}  loose {}  off {}{last}",
        set.score.tight, set.score.loose, set.score.off
    );
    for mut text in &mut tally {
        if text.0 != line {
            text.0 = line.clone();
        }
    }
}
