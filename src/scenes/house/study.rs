//! The mentor's study: "sit, and do nothing". The visitor holds still, neither walking nor looking
//! around; the house quiets as they hold, moving starts it over, and holding long enough opens the way on.
//! The quiet is the story's, meant: once the hold has quieted the house it is labelled as an intentional
//! silence (his ears hear nothing of the house by then; the transcript says what it still makes), until
//! the visitor moves.

use bevy::prelude::*;

use super::rooms::RoomSound;
use super::story::HouseBeat;
use crate::audio::SoundEmitter;
use crate::journey::{AppSystems, Itinerary, PausableSystems, Place};
use crate::player::{Player, Stillness, StillnessCounted};
use crate::scenes::kit::{Clock, ThePlace};
use crate::ui::silence::IntentionalSilence;
use crate::ui::theme::{INK, SCRIM};
use crate::words::Phrase;

/// Story seconds of stillness that open the way on (divided by the place's pace).
pub const HOLD_S: f32 = 20.0;
/// How much quieter the house is at the end of the hold (dB).
pub const QUIETEST_DB: f32 = 24.0;
/// How much further the ears close at the end of the hold (progression).
pub const DEEPEST_EXTRA: f32 = 0.06;
/// Volume changes smaller than this are not sent (the emitter glides anyway).
const VOLUME_STEP_DB: f32 = 0.5;
/// How far the hold has come when the house is quiet enough to call silent: a quarter, 6 dB down, as
/// the mentor's hands come to rest.
pub const SILENT_FROM: f32 = 0.25;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            hold_in_the_study,
            quiet_the_house,
            mark_the_silence,
            show_the_hold,
        )
            .chain()
            // The hold reads this frame's stillness: a look around starts it over at once.
            .after(StillnessCounted)
            .in_set(AppSystems::Update)
            .run_if(in_state(Place::House))
            .in_set(PausableSystems),
    )
    .add_systems(OnExit(Place::House), |mut commands: Commands| {
        commands.remove_resource::<StudyHold>()
    });
}

/// The hold in the study.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct StudyHold {
    /// Seconds held still since sitting down, or since the last movement.
    pub held_s: f32,
    /// Seconds that open the way on, at this visit's pace.
    pub required_s: f32,
}

impl StudyHold {
    /// How far the hold has come (0..1): how quiet the house is.
    pub fn quiet(&self) -> f32 {
        if self.required_s <= 0.0 {
            0.0
        } else {
            (self.held_s / self.required_s).clamp(0.0, 1.0)
        }
    }
}

/// The thin line that fills as the visitor holds.
#[derive(Component, Debug, Default, Clone, Copy)]
struct HoldLine;

#[derive(Component, Debug, Default, Clone, Copy)]
struct HoldFill;

/// The visitor sat down in the study: the hold begins.
pub fn begin(commands: &mut Commands, place: &ThePlace, itinerary: &Itinerary) {
    commands.insert_resource(StudyHold {
        held_s: 0.0,
        required_s: HOLD_S / itinerary.pace(Place::House).max(1e-3),
    });
    commands.spawn((
        place.own(),
        Name::new("Hold line"),
        HoldLine,
        Node {
            position_type: PositionType::Absolute,
            bottom: percent(22),
            width: percent(100),
            justify_content: JustifyContent::Center,
            ..default()
        },
        children![(
            Node {
                width: px(220),
                height: px(3),
                ..default()
            },
            BackgroundColor(SCRIM),
            children![(
                HoldFill,
                Node {
                    width: percent(0),
                    height: percent(100),
                    ..default()
                },
                BackgroundColor(INK.with_alpha(0.55)),
            )],
        )],
    ));
}

fn hold_in_the_study(
    mut clock: ResMut<Clock<HouseBeat>>,
    hold: Option<ResMut<StudyHold>>,
    player: Single<&Stillness, With<Player>>,
) {
    let Some(mut hold) = hold else {
        return;
    };
    if clock.beat() != HouseBeat::Study {
        return;
    }
    // Only stillness since sitting down counts.
    hold.held_s = player.held_s.min(clock.in_beat_s());
    if hold.held_s >= hold.required_s {
        clock.proceed();
    }
}

/// The house goes quiet as the visitor holds still, and the ears close a little further.
fn quiet_the_house(
    hold: Option<Res<StudyHold>>,
    mut clock: ResMut<Clock<HouseBeat>>,
    mut sounds: Query<(&RoomSound, &mut SoundEmitter)>,
) {
    let quiet = hold.map_or(0.0, |hold| hold.quiet());
    clock.deeper = DEEPEST_EXTRA * quiet;
    for (room, mut emitter) in &mut sounds {
        let wanted = room.full_db - QUIETEST_DB * quiet;
        let close = (wanted - emitter.volume_db).abs() < VOLUME_STEP_DB;
        // Small steps wait for a bigger one; a reset to full loudness is sent at once.
        if !close || (quiet == 0.0 && emitter.volume_db != wanted) {
            emitter.volume_db = wanted;
        }
    }
}

/// The silence is meant from the moment the hold has quieted the house until the visitor moves (the
/// house comes back) or the stay moves on.
fn mark_the_silence(
    mut commands: Commands,
    place: ThePlace,
    hold: Option<Res<StudyHold>>,
    clock: Res<Clock<HouseBeat>>,
    silences: Query<Entity, With<IntentionalSilence>>,
) {
    let quiet = hold
        .filter(|_| clock.beat() == HouseBeat::Study)
        .map_or(0.0, |hold| hold.quiet());
    if silences.is_empty() && quiet >= SILENT_FROM {
        commands.spawn((
            place.own(),
            Name::new("The study's silence"),
            IntentionalSilence {
                room: Phrase::new("house-study-silence-room"),
            },
        ));
    } else if quiet == 0.0 {
        for silence in &silences {
            commands.entity(silence).despawn();
        }
    }
}

fn show_the_hold(hold: Option<Res<StudyHold>>, mut fills: Query<&mut Node, With<HoldFill>>) {
    let Some(hold) = hold else {
        return;
    };
    for mut node in &mut fills {
        node.width = percent(100.0 * hold.quiet());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_house_is_quietest_when_the_hold_is_done() {
        let mut hold = StudyHold {
            held_s: 0.0,
            required_s: 10.0,
        };
        assert_eq!(hold.quiet(), 0.0);
        hold.held_s = 5.0;
        assert!((hold.quiet() - 0.5).abs() < 1e-6);
        hold.held_s = 30.0;
        assert_eq!(hold.quiet(), 1.0);
    }
}
