//! Using things: what the visitor looks at within reach gets the focus, and the use action uses it.

use bevy::prelude::*;

use super::look::Head;
use crate::input::{Action, Controls};
use crate::journey::{AppSystems, PausableSystems};
use crate::words::Phrase;

/// How far from the eyes something can be used.
pub const REACH_M: f32 = 3.2;
/// How far off the line of sight something can be and still be the one looked at.
pub const AIM_RAD: f32 = 0.45;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Focus>()
        .add_message::<Interacted>()
        .add_systems(
            Update,
            (update_focus, press_to_use)
                .chain()
                .in_set(AppSystems::RecordInput)
                .in_set(PausableSystems),
        );
}

/// Something the visitor can use; the prompt says what using it does.
#[derive(Component, Debug, Clone, PartialEq, Reflect)]
#[require(Transform)]
pub struct Interactable {
    #[reflect(ignore)]
    pub prompt: Phrase,
}

/// What the visitor would use with the use action now.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct Focus(pub Option<Entity>);

/// The visitor used this entity.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interacted(pub Entity);

fn update_focus(
    mut focus: ResMut<Focus>,
    heads: Query<&GlobalTransform, With<Head>>,
    usables: Query<(Entity, &GlobalTransform), With<Interactable>>,
) {
    let Some(eye) = heads.iter().next() else {
        focus.0 = None;
        return;
    };
    let forward = eye.forward();
    let best = usables
        .iter()
        .filter_map(|(entity, at)| {
            let to = at.translation() - eye.translation();
            let distance = to.length();
            if !(1e-3..=REACH_M).contains(&distance) {
                return None;
            }
            let off_rad = forward.angle_between(to / distance);
            (off_rad <= AIM_RAD).then_some((entity, off_rad))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(entity, _)| entity);
    focus.set_if_neq(Focus(best));
}

fn press_to_use(controls: Controls, focus: Res<Focus>, mut used: MessageWriter<Interacted>) {
    if let (true, Some(entity)) = (controls.just_pressed(Action::Use), focus.0) {
        used.write(Interacted(entity));
    }
}
