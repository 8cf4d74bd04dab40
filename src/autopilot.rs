//! The ghost visitor: what each place asks of the visitor now (`Guide`), and the autopilot that does it
//! with the same keys and mouse a visitor would use. The attract loop, `render` and the tests all ride it.

use bevy::{
    ecs::system::SystemParam,
    input::{InputSystems, mouse::AccumulatedMouseMotion},
    prelude::*,
};

use leafwing_input_manager::plugin::InputManagerSystem;

use crate::input::{Action, Bindings};
use crate::journey::Screen;
use crate::player::{Head, LookSensitivity, Player, yaw_toward};
use crate::settings::CurrentSettings;

/// The autopilot counts a spot as reached this close to it, on the floor plan.
pub const REACHED_M: f32 = 0.3;
/// It turns no faster than this, so the attract loop looks like someone looking around.
const TURN_RAD_PER_S: f32 = 3.0;
/// It walks only while facing within this of where it is going.
const WALK_WHEN_FACING_RAD: f32 = 0.6;
/// It uses a thing once it faces it this closely.
const USE_WHEN_AIMED_RAD: f32 = 0.08;
/// If nothing it does brings it closer for this long, it gives up on the spot and takes the next.
const STUCK_S: f32 = 4.0;
/// Presses on a thing are this far apart while the place still asks for it.
const USE_AGAIN_S: f32 = 1.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Guide>()
        .init_resource::<Autopilot>()
        .add_systems(OnExit(Screen::Playing), forget_the_guide)
        .add_systems(
            PreUpdate,
            drive
                .after(InputSystems)
                // Before the actions are read from the devices, so its presses count this frame.
                .before(InputManagerSystem::Unify)
                .run_if(|pilot: Res<Autopilot>| pilot.engaged || !pilot.held.is_empty()),
        );
}

/// What the place in view asks of the visitor right now. Each place keeps it up to date as its story
/// moves; the autopilot reads it, and so can a prompt.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub enum Guide {
    /// Nothing to do: let the story play.
    #[default]
    Watch,
    /// Walk through these spots on the floor plan, in order, and stay at the last one.
    Walk(Vec<Vec3>),
    /// Walk the route, look at `thing` and use it (the use action).
    Use { route: Vec<Vec3>, thing: Vec3 },
    /// Neither walk nor move the view.
    HoldStill,
    /// Do `action` once for each new `prompt` number: a sign's answer, a response to a tone, a drum.
    Answer { action: Action, prompt: u32 },
}

/// The ghost visitor. While engaged it presses keys and moves the mouse as the `Guide` asks; disengaging
/// lets go of everything it held.
#[derive(Resource, Debug, Default)]
pub struct Autopilot {
    pub engaged: bool,
    /// The guide it is following, and how far along the route it is.
    following: Option<Guide>,
    next_spot: usize,
    best_distance_m: f32,
    since_progress_s: f32,
    since_use_s: f32,
    answered: Option<u32>,
    held: Vec<KeyCode>,
}

impl Autopilot {
    pub fn engage(&mut self) {
        self.engaged = true;
    }

    /// Stops; its keys are let go on the next frame.
    pub fn disengage(&mut self) {
        self.engaged = false;
        self.following = None;
    }
}

fn forget_the_guide(mut guide: ResMut<Guide>) {
    *guide = Guide::Watch;
}

/// What the autopilot does with its hands this frame.
#[derive(Debug, Default, PartialEq)]
struct Hands {
    walk: bool,
    turn_rad: Vec2,
    tap: Option<Action>,
}

/// The drummer the ghost steers: the body, its head, and how the controls are set.
#[derive(SystemParam)]
struct TheDrummer<'w, 's> {
    players: Query<
        'w,
        's,
        (
            &'static Transform,
            &'static LookSensitivity,
            &'static Children,
        ),
        With<Player>,
    >,
    heads: Query<'w, 's, (&'static Head, &'static Transform)>,
    settings: Res<'w, CurrentSettings>,
}

fn drive(
    time: Res<Time>,
    guide: Res<Guide>,
    mut pilot: ResMut<Autopilot>,
    bindings: Res<Bindings>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
    mut mouse: ResMut<AccumulatedMouseMotion>,
    drummer: TheDrummer,
) {
    // Keys held last frame and not wanted now come up; a key wanted again stays down (letting go and
    // pressing in one frame would read, as the devices do, as never having let go).
    let mut wanted = Vec::new();
    let Some(hands) = pilot.hands(&time, &guide, &mut mouse, &drummer) else {
        for key in std::mem::take(&mut pilot.held) {
            keys.release(key);
        }
        return;
    };
    if hands.walk {
        wanted.extend(bindings.key(Action::WalkForward));
    }
    if let Some(action) = hands.tap {
        wanted.extend(bindings.key(action));
    }
    for key in std::mem::take(&mut pilot.held) {
        if !wanted.contains(&key) {
            keys.release(key);
        }
    }
    for key in wanted {
        if !keys.pressed(key) {
            keys.press(key);
        }
        pilot.held.push(key);
    }
}

impl Autopilot {
    /// What the ghost's hands do this frame: `None` when it is not driving. Turning is done here, with
    /// the mouse.
    fn hands(
        &mut self,
        time: &Time,
        guide: &Guide,
        mouse: &mut AccumulatedMouseMotion,
        drummer: &TheDrummer,
    ) -> Option<Hands> {
        let pilot = self;
        if !pilot.engaged {
            return None;
        }
        let Ok((body, sensitivity, children)) = drummer.players.single() else {
            pilot.following = None;
            return None;
        };
        let (head, head_at) = children
            .iter()
            .find_map(|child| drummer.heads.get(child).ok())?;
        if pilot.following.as_ref() != Some(guide) {
            pilot.following = Some(guide.clone());
            pilot.next_spot = 0;
            pilot.best_distance_m = f32::INFINITY;
            pilot.since_progress_s = 0.0;
            pilot.since_use_s = USE_AGAIN_S;
        }
        let dt = time.delta_secs();
        let (yaw_now, _, _) = body.rotation.to_euler(EulerRot::YXZ);
        let eye = body.translation + body.rotation * head_at.translation;
        let view = View {
            feet: body.translation,
            eye,
            yaw_rad: yaw_now,
            pitch_rad: head.pitch_rad,
        };
        let hands = match guide {
            Guide::Watch | Guide::HoldStill => Hands::default(),
            Guide::Walk(route) => pilot.walk(route, &view, dt).unwrap_or_default(),
            Guide::Use { route, thing } => match pilot.walk(route, &view, dt) {
                Some(hands) => hands,
                None => pilot.use_thing(*thing, &view, dt),
            },
            Guide::Answer { action, prompt } => {
                if pilot.answered == Some(*prompt) {
                    Hands::default()
                } else {
                    pilot.answered = Some(*prompt);
                    Hands {
                        tap: Some(*action),
                        ..default()
                    }
                }
            }
        };
        // The look system turns by -delta * sensitivity, so this is the motion a hand on a mouse would make.
        let chosen = &drummer.settings.controls;
        let vertical = if chosen.invert_y { -1.0 } else { 1.0 };
        mouse.delta =
            -hands.turn_rad / (sensitivity.0 * chosen.mouse_sensitivity) * Vec2::new(1.0, vertical);
        Some(hands)
    }
}

/// Where the drummer stands and looks.
struct View {
    feet: Vec3,
    eye: Vec3,
    yaw_rad: f32,
    pitch_rad: f32,
}

impl View {
    /// The turn (yaw, pitch) toward `target`, no faster than a person turns; level when not `tilt`.
    fn turn_toward(&self, target: Vec3, tilt: bool, dt: f32) -> (Vec2, f32) {
        let yaw = wrap_rad(yaw_toward(self.eye, target) - self.yaw_rad);
        let pitch = if tilt {
            let to = target - self.eye;
            to.y.atan2(to.xz().length()) - self.pitch_rad
        } else {
            -self.pitch_rad
        };
        let wanted = Vec2::new(yaw, pitch);
        let off_rad = wanted.length();
        let turn = wanted.clamp_length_max(TURN_RAD_PER_S * dt);
        (turn, off_rad)
    }
}

impl Autopilot {
    /// Hands for walking the route; none once the last spot is reached.
    fn walk(&mut self, route: &[Vec3], view: &View, dt: f32) -> Option<Hands> {
        while let Some(spot) = route.get(self.next_spot) {
            let distance_m = view.feet.xz().distance(spot.xz());
            if distance_m <= REACHED_M {
                self.next_spot += 1;
                self.best_distance_m = f32::INFINITY;
                self.since_progress_s = 0.0;
                continue;
            }
            if distance_m < self.best_distance_m - 0.05 {
                self.best_distance_m = distance_m;
                self.since_progress_s = 0.0;
            } else {
                self.since_progress_s += dt;
                if self.since_progress_s > STUCK_S {
                    warn!("Autopilot: stuck on its way to {spot}; taking the next spot");
                    self.next_spot += 1;
                    self.best_distance_m = f32::INFINITY;
                    self.since_progress_s = 0.0;
                    continue;
                }
            }
            let aim_at = Vec3::new(spot.x, view.eye.y, spot.z);
            let (turn_rad, off_rad) = view.turn_toward(aim_at, false, dt);
            return Some(Hands {
                walk: off_rad < WALK_WHEN_FACING_RAD,
                turn_rad,
                tap: None,
            });
        }
        None
    }

    fn use_thing(&mut self, thing: Vec3, view: &View, dt: f32) -> Hands {
        let (turn_rad, off_rad) = view.turn_toward(thing, true, dt);
        self.since_use_s += dt;
        let tap = (off_rad < USE_WHEN_AIMED_RAD && self.since_use_s >= USE_AGAIN_S).then(|| {
            self.since_use_s = 0.0;
            Action::Use
        });
        Hands {
            walk: false,
            turn_rad,
            tap,
        }
    }
}

/// The same angle within (-π, π].
pub fn wrap_rad(rad: f32) -> f32 {
    use std::f32::consts::{PI, TAU};
    let wrapped = (rad + PI).rem_euclid(TAU) - PI;
    if wrapped <= -PI {
        wrapped + TAU
    } else {
        wrapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing_at(feet: Vec3, yaw_rad: f32) -> View {
        View {
            feet,
            eye: feet + Vec3::Y * 1.6,
            yaw_rad,
            pitch_rad: 0.0,
        }
    }

    #[test]
    fn it_turns_before_it_walks_and_no_faster_than_a_person() {
        let mut pilot = Autopilot::default();
        let behind = [Vec3::new(0.0, 0.0, 5.0)];
        let hands = pilot
            .walk(&behind, &standing_at(Vec3::ZERO, 0.0), 0.1)
            .unwrap();
        assert!(!hands.walk, "facing away, it turns first");
        assert!((hands.turn_rad.length() - TURN_RAD_PER_S * 0.1).abs() < 1e-4);
        let ahead = [Vec3::new(0.0, 0.0, -5.0)];
        let hands = pilot
            .walk(&ahead, &standing_at(Vec3::ZERO, 0.0), 0.1)
            .unwrap();
        assert!(hands.walk);
    }

    #[test]
    fn it_takes_the_spots_in_order_and_stops_at_the_last() {
        let mut pilot = Autopilot::default();
        let route = [Vec3::new(0.0, 0.0, -1.0), Vec3::new(3.0, 0.0, -1.0)];
        assert!(
            pilot
                .walk(&route, &standing_at(Vec3::new(0.0, 0.0, -0.9), 0.0), 0.1)
                .is_some()
        );
        assert_eq!(pilot.next_spot, 1);
        assert!(
            pilot
                .walk(&route, &standing_at(Vec3::new(3.0, 0.0, -1.1), 0.0), 0.1)
                .is_none()
        );
    }

    #[test]
    fn a_blocked_spot_is_given_up_after_a_while() {
        let mut pilot = Autopilot::default();
        let route = [Vec3::new(0.0, 0.0, -5.0)];
        let view = standing_at(Vec3::ZERO, 0.0);
        let mut frames = 0;
        while pilot.walk(&route, &view, 0.1).is_some() {
            frames += 1;
            assert!(frames < 100, "never gave up");
        }
        assert!(frames as f32 * 0.1 >= STUCK_S - 0.2, "gave up too soon");
    }

    #[test]
    fn it_uses_a_thing_once_aimed_and_not_every_frame() {
        let mut pilot = Autopilot {
            since_use_s: USE_AGAIN_S,
            ..default()
        };
        let view = standing_at(Vec3::ZERO, 0.0);
        let ahead = view.eye + Vec3::new(0.0, 0.0, -2.0);
        assert_eq!(pilot.use_thing(ahead, &view, 0.016).tap, Some(Action::Use));
        assert_eq!(pilot.use_thing(ahead, &view, 0.016).tap, None);
        let aside = view.eye + Vec3::new(2.0, 0.0, 0.0);
        pilot.since_use_s = USE_AGAIN_S;
        assert_eq!(pilot.use_thing(aside, &view, 0.016).tap, None);
    }
}
