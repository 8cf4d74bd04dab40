//! Walking, applied at the fixed rate: the intent turned by the body's yaw, then kept out of colliders.

use bevy::prelude::*;

use super::body::{BODY_RADIUS_M, MovementIntent, Player, Seated, WALK_SPEED_M_PER_S};
use super::collision::{Collider, Rect2, push_out};
use crate::journey::PausableSystems;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(FixedUpdate, walk.in_set(PausableSystems));
}

/// Bodies that can walk: the drummer, unless seated.
type Walking = (With<Player>, Without<Seated>);

fn walk(
    time: Res<Time>,
    mut walkers: Query<(&mut Transform, &MovementIntent), Walking>,
    colliders: Query<(&Collider, &Transform), Without<Player>>,
) {
    let boxes: Vec<Rect2> = colliders
        .iter()
        .map(|(collider, transform)| Rect2::around(transform.translation.xz(), collider.half_size))
        .collect();
    for (mut transform, intent) in &mut walkers {
        let wish = Vec3::new(intent.0.x, 0.0, -intent.0.y);
        let step = transform.rotation * wish * WALK_SPEED_M_PER_S * time.delta_secs();
        let to = push_out(
            transform.translation.xz() + step.xz(),
            BODY_RADIUS_M,
            &boxes,
        );
        transform.translation.x = to.x;
        transform.translation.z = to.y;
    }
}
