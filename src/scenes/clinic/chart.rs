//! The audiogram the test ends with, drawn the way audiologists draw it: frequency on a log axis along the
//! top (125 Hz to 8 kHz), hearing level in dB HL downward (-10 at the top, 120 at the bottom), one octave as
//! wide as 20 dB is tall, the degrees of loss shaded. Both ears on one chart: the right ear a red "O", the
//! left a blue "X", each joined by a line of its colour; a tone not heard at the audiometer's limit is the
//! symbol there with an arrow pointing down and away from the head (down-left for the right ear, down-right
//! for the left). Beside it, the same chart of the ears as the game simulates them.

use bevy::prelude::*;
use hearing::{Audiogram, Ear, Ears, MeasuredAudiogram, Threshold};

use crate::scenes::kit::InPlace;
use crate::ui::theme::{INK, NIGHT, label};
use crate::words::Phrase;

/// The chart on screen (the root of its interface).
#[derive(Component, Debug)]
pub struct AudiogramChart;

/// A symbol drawn for a measured threshold.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct MeasuredSymbol {
    pub ear: Ear,
    pub frequency_hz: f32,
    pub threshold: Threshold,
}

const LOW_HZ: f32 = 125.0;
const TOP_DB: f32 = -10.0;
const BOTTOM_DB: f32 = 120.0;
/// Pixels per octave and per dB: an octave as wide as 20 dB is tall, as the standard asks.
const PX_PER_OCTAVE: f32 = 60.0;
const PX_PER_DB: f32 = 3.0;
const PLOT_W: f32 = PX_PER_OCTAVE * 6.0;
const PLOT_H: f32 = PX_PER_DB * (BOTTOM_DB - TOP_DB);
const LEFT_PX: f32 = 40.0;
const TOP_PX: f32 = 24.0;
/// Room right of the plot for the degrees of loss.
const RIGHT_PX: f32 = 70.0;

const PAPER: Color = Color::srgb(0.98, 0.98, 0.96);
const GRID: Color = Color::srgb(0.62, 0.63, 0.66);
const GRID_FAINT: Color = Color::srgb(0.8, 0.81, 0.83);
const AXIS_TEXT: Color = Color::srgb(0.85, 0.85, 0.85);
const RIGHT_EAR: Color = Color::srgb(0.85, 0.1, 0.1);
const LEFT_EAR: Color = Color::srgb(0.1, 0.3, 0.85);
/// How strongly an ear's colour tints its simulated threshold's band.
const BAND_ALPHA: f32 = 0.12;

/// An ear's colour on the chart.
fn colour(ear: Ear) -> Color {
    match ear {
        Ear::Right => RIGHT_EAR,
        Ear::Left => LEFT_EAR,
    }
}

/// The degrees of hearing loss (after Clark 1981, as ASHA draws them), by their lower edge in dB HL.
const DEGREES: [(&str, f32, f32, Color); 5] = [
    (
        "chart-normal",
        -10.0,
        25.0,
        Color::srgba(0.3, 0.7, 0.4, 0.16),
    ),
    ("chart-mild", 25.0, 40.0, Color::srgba(0.9, 0.8, 0.2, 0.2)),
    (
        "chart-moderate",
        40.0,
        70.0,
        Color::srgba(0.95, 0.6, 0.2, 0.2),
    ),
    ("chart-severe", 70.0, 90.0, Color::srgba(0.9, 0.3, 0.2, 0.2)),
    (
        "chart-profound",
        90.0,
        120.0,
        Color::srgba(0.6, 0.2, 0.5, 0.2),
    ),
];

/// Where a frequency lies across the plot (px from its left edge).
pub fn x_px(frequency_hz: f32) -> f32 {
    (frequency_hz / LOW_HZ).log2() * PX_PER_OCTAVE
}

/// Where a hearing level lies down the plot (px from its top edge).
pub fn y_px(level_db_hl: f32) -> f32 {
    (level_db_hl - TOP_DB) * PX_PER_DB
}

/// Draws the measured audiogram of both ears beside the simulated one, over the place (`in_place`) until
/// it ends.
pub fn spawn_chart(
    commands: &mut Commands,
    in_place: InPlace,
    measured: Ears<&MeasuredAudiogram>,
    simulated: &Ears<Audiogram>,
) {
    let measured_plot = commands.spawn(plot()).id();
    draw_grid(commands, measured_plot);
    let simulated_plot = commands.spawn(plot()).id();
    draw_grid(commands, simulated_plot);
    // The left ear first, so the right ear's red is on top where they meet.
    for ear in [Ear::Left, Ear::Right] {
        draw_measured(commands, measured_plot, ear, measured.get(ear));
        let frequencies: Vec<f32> = measured
            .get(ear)
            .thresholds
            .iter()
            .map(|(f, _)| *f)
            .collect();
        draw_simulated(
            commands,
            simulated_plot,
            ear,
            &simulated.get(ear),
            &frequencies,
        );
    }

    let measured_chart = chart_frame(commands, "chart-measured", measured_plot);
    let simulated_chart = chart_frame(commands, "chart-simulated", simulated_plot);
    let legend = legend(commands);
    let charts = commands
        .spawn(Node {
            column_gap: px(48),
            ..default()
        })
        .add_children(&[measured_chart, simulated_chart])
        .id();
    commands
        .spawn((
            in_place,
            AudiogramChart,
            Name::new("Audiogram"),
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                row_gap: px(10),
                ..default()
            },
            BackgroundColor(NIGHT.with_alpha(0.9)),
            GlobalZIndex(5),
        ))
        .with_child(label(Phrase::new("chart-title"), 26.0, INK))
        .add_children(&[charts, legend]);
}

fn plot() -> impl Bundle {
    (
        Name::new("Plot"),
        Node {
            position_type: PositionType::Absolute,
            left: px(LEFT_PX),
            top: px(TOP_PX),
            width: px(PLOT_W),
            height: px(PLOT_H),
            border: UiRect::all(px(1)),
            ..default()
        },
        BackgroundColor(PAPER),
        BorderColor::all(GRID),
    )
}

/// A titled chart: the axis labels around `plot`.
fn chart_frame(commands: &mut Commands, title: &'static str, plot: Entity) -> Entity {
    let frame = commands
        .spawn(Node {
            width: px(LEFT_PX + PLOT_W + RIGHT_PX),
            height: px(TOP_PX + PLOT_H + 20.0),
            ..default()
        })
        .add_child(plot)
        .id();
    for (frequency_hz, text) in [
        (125.0, "125"),
        (250.0, "250"),
        (500.0, "500"),
        (1000.0, "1k"),
        (2000.0, "2k"),
        (4000.0, "4k"),
        (8000.0, "8k"),
    ] {
        let at = commands
            .spawn((
                Node {
                    position_type: PositionType::Absolute,
                    left: px(LEFT_PX + x_px(frequency_hz) - 20.0),
                    top: px(2),
                    width: px(40),
                    justify_content: JustifyContent::Center,
                    ..default()
                },
                children![label(Phrase::verbatim(text), 14.0, AXIS_TEXT)],
            ))
            .id();
        commands.entity(frame).add_child(at);
    }
    let mut level = TOP_DB;
    while level <= BOTTOM_DB {
        let at = commands
            .spawn((
                Node {
                    position_type: PositionType::Absolute,
                    left: px(0),
                    top: px(TOP_PX + y_px(level) - 9.0),
                    width: px(LEFT_PX - 6.0),
                    justify_content: JustifyContent::End,
                    ..default()
                },
                children![label(Phrase::verbatim(format!("{level}")), 13.0, AXIS_TEXT)],
            ))
            .id();
        commands.entity(frame).add_child(at);
        level += 10.0;
    }
    let axis = commands
        .spawn(Node {
            position_type: PositionType::Absolute,
            left: px(LEFT_PX),
            top: px(TOP_PX + PLOT_H + 2.0),
            width: px(PLOT_W),
            justify_content: JustifyContent::SpaceBetween,
            ..default()
        })
        .with_children(|axis| {
            axis.spawn(label(Phrase::new("chart-level-axis"), 12.0, AXIS_TEXT));
            axis.spawn(label(Phrase::new("chart-frequency-axis"), 12.0, AXIS_TEXT));
        })
        .id();
    commands.entity(frame).add_child(axis);
    commands
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: px(4),
            ..default()
        })
        .with_child(label(Phrase::new(title), 17.0, INK))
        .add_child(frame)
        .id()
}

fn draw_grid(commands: &mut Commands, plot: Entity) {
    let mut children = Vec::new();
    for (name, top, bottom, tint) in DEGREES {
        children.push(
            commands
                .spawn((
                    Node {
                        position_type: PositionType::Absolute,
                        left: px(0),
                        top: px(y_px(top)),
                        width: px(PLOT_W),
                        height: px(y_px(bottom) - y_px(top)),
                        ..default()
                    },
                    BackgroundColor(tint),
                    children![(
                        Node {
                            position_type: PositionType::Absolute,
                            left: px(PLOT_W + 6.0),
                            top: px(0),
                            height: percent(100),
                            align_items: AlignItems::Center,
                            border: UiRect::left(px(3)),
                            padding: UiRect::left(px(4)),
                            ..default()
                        },
                        BorderColor::all(tint.with_alpha(0.8)),
                        children![label(Phrase::new(name), 13.0, AXIS_TEXT)],
                    )],
                ))
                .id(),
        );
    }
    let mut level = TOP_DB + 10.0;
    while level < BOTTOM_DB {
        let colour = if level == 0.0 { GRID } else { GRID_FAINT };
        let width = if level == 0.0 { 2.0 } else { 1.0 };
        children.push(
            commands
                .spawn(segment(
                    Vec2::new(0.0, y_px(level)),
                    Vec2::new(PLOT_W, y_px(level)),
                    width,
                    colour,
                ))
                .id(),
        );
        level += 10.0;
    }
    for frequency_hz in [250.0, 500.0, 1000.0, 2000.0, 4000.0] {
        children.push(
            commands
                .spawn(segment(
                    Vec2::new(x_px(frequency_hz), 0.0),
                    Vec2::new(x_px(frequency_hz), PLOT_H),
                    1.0,
                    GRID,
                ))
                .id(),
        );
    }
    for frequency_hz in [750.0, 1500.0, 3000.0, 6000.0] {
        children.push(
            commands
                .spawn(segment(
                    Vec2::new(x_px(frequency_hz), 0.0),
                    Vec2::new(x_px(frequency_hz), PLOT_H),
                    1.0,
                    GRID_FAINT,
                ))
                .id(),
        );
    }
    commands.entity(plot).add_children(&children);
}

fn draw_measured(commands: &mut Commands, plot: Entity, ear: Ear, measured: &MeasuredAudiogram) {
    let point = |(frequency_hz, threshold): &(f32, Threshold)| {
        Vec2::new(x_px(*frequency_hz), y_px(threshold.level_db_hl()))
    };
    let mut children = Vec::new();
    // Lines join the thresholds that were found; no line runs to a "no response".
    for pair in measured.thresholds.windows(2) {
        if pair[0].1.is_response() && pair[1].1.is_response() {
            let (from, to) = (point(&pair[0]), point(&pair[1]));
            let gap = (to - from).normalize_or_zero() * 9.0;
            children.push(
                commands
                    .spawn(segment(from + gap, to - gap, 2.0, colour(ear)))
                    .id(),
            );
        }
    }
    for entry in &measured.thresholds {
        let at = point(entry);
        let symbol = MeasuredSymbol {
            ear,
            frequency_hz: entry.0,
            threshold: entry.1,
        };
        let drawn = ear_symbol(commands, at, ear);
        commands.entity(drawn[0]).insert(symbol);
        children.extend(drawn);
        if !entry.1.is_response() {
            children.extend(no_response_arrow(commands, at, ear));
        }
    }
    commands.entity(plot).add_children(&children);
}

fn draw_simulated(
    commands: &mut Commands,
    plot: Entity,
    ear: Ear,
    simulated: &Audiogram,
    frequencies: &[f32],
) {
    let mut children = Vec::new();
    // The curve, with a band of +-5 dB: how closely a test in 5 dB steps can find it.
    let steps = 72;
    let at = |i: usize| {
        let frequency_hz = LOW_HZ * 2f32.powf(6.0 * i as f32 / steps as f32);
        let level = simulated.threshold_db_hl(frequency_hz).min(BOTTOM_DB);
        Vec2::new(x_px(frequency_hz), y_px(level))
    };
    for i in 0..=steps {
        let point = at(i);
        children.push(
            commands
                .spawn((
                    Node {
                        position_type: PositionType::Absolute,
                        left: px(point.x - PLOT_W / steps as f32 / 2.0),
                        top: px(point.y - 5.0 * PX_PER_DB),
                        width: px(PLOT_W / steps as f32),
                        height: px(10.0 * PX_PER_DB),
                        ..default()
                    },
                    BackgroundColor(colour(ear).with_alpha(BAND_ALPHA)),
                ))
                .id(),
        );
    }
    for i in 0..steps {
        children.push(
            commands
                .spawn(segment(at(i), at(i + 1), 1.5, colour(ear)))
                .id(),
        );
    }
    // The ear's symbol where the test looked.
    for frequency_hz in frequencies {
        let point = Vec2::new(
            x_px(*frequency_hz),
            y_px(simulated.threshold_db_hl(*frequency_hz)),
        );
        children.extend(ear_symbol(commands, point, ear));
    }
    commands.entity(plot).add_children(&children);
}

/// What the symbols mean.
fn legend(commands: &mut Commands) -> Entity {
    let item = |commands: &mut Commands, symbol: Vec<Entity>, key: &'static str| {
        let swatch = commands
            .spawn(Node {
                width: px(40),
                height: px(24),
                ..default()
            })
            .add_children(&symbol)
            .id();
        commands
            .spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(4),
                ..default()
            })
            .add_child(swatch)
            .with_child(label(Phrase::new(key), 14.0, INK))
            .id()
    };
    let centre = Vec2::new(20.0, 12.0);
    let o = ear_symbol(commands, centre, Ear::Right);
    let right = item(commands, o, "chart-right-ear");
    let x = ear_symbol(commands, centre, Ear::Left);
    let left = item(commands, x, "chart-left-ear");
    let mut arrow = ear_symbol(commands, centre - Vec2::new(0.0, 4.0), Ear::Right);
    arrow.extend(no_response_arrow(
        commands,
        centre - Vec2::new(0.0, 4.0),
        Ear::Right,
    ));
    let none = item(commands, arrow, "chart-no-response");
    let line = [(Ear::Right, 9.0), (Ear::Left, 15.0)]
        .map(|(ear, y)| {
            commands
                .spawn(segment(
                    Vec2::new(4.0, y),
                    Vec2::new(36.0, y),
                    1.5,
                    colour(ear),
                ))
                .id()
        })
        .to_vec();
    let simulated = item(commands, line, "chart-simulated-threshold");
    commands
        .spawn(Node {
            column_gap: px(24),
            align_items: AlignItems::Center,
            ..default()
        })
        .add_children(&[right, left, none, simulated])
        .id()
}

/// A straight line from `from` to `to` (px, in its parent's frame), `width_px` thick.
fn segment(from: Vec2, to: Vec2, width_px: f32, colour: Color) -> impl Bundle {
    let middle = (from + to) / 2.0;
    let delta = to - from;
    let length = delta.length();
    (
        Node {
            position_type: PositionType::Absolute,
            left: px(middle.x - length / 2.0),
            top: px(middle.y - width_px / 2.0),
            width: px(length),
            height: px(width_px),
            ..default()
        },
        UiTransform::from_rotation(Rot2::radians(delta.y.atan2(delta.x))),
        BackgroundColor(colour),
    )
}

/// An ear's symbol centred on `at`: the right ear's "O" or the left ear's "X". The first entity is the
/// symbol's own (the cross's first stroke).
fn ear_symbol(commands: &mut Commands, at: Vec2, ear: Ear) -> Vec<Entity> {
    match ear {
        Ear::Right => vec![commands.spawn(circle(at, RIGHT_EAR)).id()],
        Ear::Left => cross(commands, at, LEFT_EAR),
    }
}

/// The right ear's "O", centred on `at`.
fn circle(at: Vec2, colour: Color) -> impl Bundle {
    const SIZE: f32 = 15.0;
    (
        Node {
            position_type: PositionType::Absolute,
            left: px(at.x - SIZE / 2.0),
            top: px(at.y - SIZE / 2.0),
            width: px(SIZE),
            height: px(SIZE),
            border: UiRect::all(px(2.5)),
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BorderColor::all(colour),
    )
}

/// The left ear's "X", centred on `at`.
fn cross(commands: &mut Commands, at: Vec2, colour: Color) -> Vec<Entity> {
    const HALF: f32 = 6.5;
    vec![
        commands
            .spawn(segment(
                at + Vec2::new(-HALF, -HALF),
                at + Vec2::new(HALF, HALF),
                2.5,
                colour,
            ))
            .id(),
        commands
            .spawn(segment(
                at + Vec2::new(-HALF, HALF),
                at + Vec2::new(HALF, -HALF),
                2.5,
                colour,
            ))
            .id(),
    ]
}

/// "No response": an arrow from the symbol pointing down and outward (down-left for the right ear,
/// down-right for the left, as the ears sit facing the chart).
fn no_response_arrow(commands: &mut Commands, at: Vec2, ear: Ear) -> Vec<Entity> {
    let outward = match ear {
        Ear::Right => -1.0,
        Ear::Left => 1.0,
    };
    let start = at + Vec2::new(6.0 * outward, 6.0);
    let tip = at + Vec2::new(17.0 * outward, 17.0);
    let colour = colour(ear);
    vec![
        commands.spawn(segment(start, tip, 2.0, colour)).id(),
        commands
            .spawn(segment(
                tip,
                tip + Vec2::new(-6.0 * outward, 0.0),
                2.0,
                colour,
            ))
            .id(),
        commands
            .spawn(segment(tip, tip + Vec2::new(0.0, -6.0), 2.0, colour))
            .id(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_octave_is_as_wide_as_20_db_is_tall() {
        let octave = x_px(2000.0) - x_px(1000.0);
        let twenty_db = y_px(40.0) - y_px(20.0);
        assert!((octave - twenty_db).abs() < 1e-3);
        assert_eq!(x_px(125.0), 0.0);
        assert!((x_px(8_000.0) - PLOT_W).abs() < 1e-3);
        assert_eq!(y_px(-10.0), 0.0);
        assert!((y_px(120.0) - PLOT_H).abs() < 1e-3);
    }
}
