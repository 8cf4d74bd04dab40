//! Walls and props block the body: a circle on the floor plan pushed out of axis-aligned boxes, so it slides
//! along what it touches. Pure geometry plus the `Collider` component.

use bevy::prelude::*;

/// A box on the floor plan that the body cannot enter, centred on its entity's `Transform` (entities with
/// colliders hang straight under their place's root, which stands at the origin, and are never rotated).
#[derive(Component, Debug, Clone, Copy, PartialEq, Reflect)]
#[require(Transform)]
pub struct Collider {
    /// Half the box's extent along X and along Z.
    pub half_size: Vec2,
}

impl Collider {
    /// The footprint of a box `size` metres wide (X), high (Y) and deep (Z).
    pub fn footprint(size: Vec3) -> Self {
        Self {
            half_size: Vec2::new(size.x, size.z) / 2.0,
        }
    }
}

/// An axis-aligned rectangle on the floor plan (world X and Z).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect2 {
    pub min: Vec2,
    pub max: Vec2,
}

impl Rect2 {
    pub fn around(center: Vec2, half_size: Vec2) -> Self {
        Self {
            min: center - half_size,
            max: center + half_size,
        }
    }
}

/// Moves a circle of `radius` at `center` out of every box it overlaps, by the shortest way. A few passes
/// settle corners where two boxes meet.
pub fn push_out(mut center: Vec2, radius: f32, boxes: &[Rect2]) -> Vec2 {
    for _ in 0..4 {
        let mut moved = false;
        for b in boxes {
            let closest = center.clamp(b.min, b.max);
            let away = center - closest;
            let distance = away.length();
            if distance >= radius {
                continue;
            }
            moved = true;
            center = if distance > 1e-6 {
                closest + away / distance * radius
            } else {
                // The centre is inside the box: leave through the nearest side.
                let exits = [
                    (center.x - b.min.x, Vec2::new(b.min.x - radius, center.y)),
                    (b.max.x - center.x, Vec2::new(b.max.x + radius, center.y)),
                    (center.y - b.min.y, Vec2::new(center.x, b.min.y - radius)),
                    (b.max.y - center.y, Vec2::new(center.x, b.max.y + radius)),
                ];
                exits
                    .into_iter()
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .map_or(center, |(_, exit)| exit)
            };
        }
        if !moved {
            break;
        }
    }
    center
}

#[cfg(test)]
mod tests {
    use super::*;

    const WALL: Rect2 = Rect2 {
        min: Vec2::new(-5.0, -0.1),
        max: Vec2::new(5.0, 0.1),
    };

    #[test]
    fn a_circle_clear_of_every_box_stays_where_it_is() {
        let at = Vec2::new(0.0, 2.0);
        assert_eq!(push_out(at, 0.3, &[WALL]), at);
    }

    #[test]
    fn a_circle_touching_a_wall_is_pushed_back_to_its_surface() {
        let out = push_out(Vec2::new(1.0, 0.25), 0.3, &[WALL]);
        assert!((out - Vec2::new(1.0, 0.4)).length() < 1e-5, "{out}");
    }

    #[test]
    fn walking_diagonally_into_a_wall_slides_along_it() {
        let start = Vec2::new(0.0, 0.4);
        let step = Vec2::new(0.1, -0.1);
        let out = push_out(start + step, 0.3, &[WALL]);
        assert!((out.y - 0.4).abs() < 1e-5, "kept off the wall: {out}");
        assert!(
            (out.x - 0.1).abs() < 1e-5,
            "kept the sideways part of the step: {out}"
        );
    }

    #[test]
    fn a_centre_inside_a_box_leaves_by_the_nearest_side() {
        let out = push_out(Vec2::new(4.9, 0.05), 0.3, &[WALL]);
        assert!((out - Vec2::new(4.9, 0.4)).length() < 1e-5, "{out}");
    }

    #[test]
    fn a_corner_of_two_walls_holds_the_circle_inside() {
        let side = Rect2 {
            min: Vec2::new(4.9, -5.0),
            max: Vec2::new(5.1, 5.0),
        };
        let out = push_out(Vec2::new(4.8, 0.2), 0.3, &[WALL, side]);
        assert!(
            out.x <= 4.9 - 0.3 + 1e-5 && out.y >= 0.1 + 0.3 - 1e-5,
            "{out}"
        );
    }
}
