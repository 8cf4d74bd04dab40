//! Hands that sign: the people of the house talk with their hands (each in their own way, taking turns),
//! and the mentor teaches the visitor a few signs, shown as handshape and movement, answered with a
//! direction.

use std::f32::consts::TAU;

use bevy::prelude::*;

use super::story::HouseBeat;
use crate::autopilot::Guide;
use crate::input::{Action, Bindings, Controls};
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::scenes::kit::{Clock, ThePlace};
use crate::ui::captions::Caption;
use crate::ui::theme::{ACCENT, FADED, INK, SCRIM, label};
use crate::words::Phrase;

pub(super) fn plugin(app: &mut App) {
    app.add_observer(begin_the_lesson)
        .add_systems(OnExit(Place::House), |mut commands: Commands| {
            commands.remove_resource::<Lesson>()
        })
        .add_systems(
            Update,
            (
                move_the_hands.in_set(AppSystems::Update),
                answer_the_sign.in_set(AppSystems::RecordInput),
            )
                .run_if(in_state(Place::House))
                .in_set(PausableSystems),
        );
}

/// The mentor, who runs the house and teaches the signs.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Mentor;

/// The mentor's own way of signing.
pub const MENTOR_STYLE: u8 = 6;

/// A person who talks with their hands.
#[derive(Component, Debug, Clone, Copy, PartialEq, Reflect)]
pub struct Signer {
    /// Their own way of signing: paths, speed and handshapes differ from person to person.
    pub style: u8,
    pub height_m: f32,
    pub signing: Signing,
    /// Seconds since they began what they sign now.
    pub clock_s: f32,
}

/// What a signer's hands are doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Reflect)]
pub enum Signing {
    /// Hands in the lap or on the table, watching someone else.
    Resting,
    /// Talking: phrases of movement with pauses between them.
    Chatting,
    /// Showing one of the [`SIGNS`], over and over.
    Showing(usize),
}

/// One of a signer's two hands, a child of the signer.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Reflect)]
pub struct Hand {
    pub right: bool,
}

/// Handshapes, as the scale of a hand.
const FLAT: Vec3 = Vec3::new(1.25, 0.45, 1.45);
const FIST: Vec3 = Vec3::ONE;
const POINT: Vec3 = Vec3::new(0.7, 0.75, 1.9);
const CUPPED: Vec3 = Vec3::new(1.2, 0.8, 1.1);
const SHAPES: [Vec3; 4] = [FLAT, FIST, POINT, CUPPED];

impl Signer {
    pub fn new(style: u8, height_m: f32) -> Self {
        Self {
            style,
            height_m,
            signing: Signing::Resting,
            clock_s: 0.0,
        }
    }

    /// Where a hand rests, in the signer's own frame (x right, y up, -z forward).
    pub fn rest(&self, right: bool) -> Vec3 {
        let side = if right { 1.0 } else { -1.0 };
        Vec3::new(0.15 * side, self.height_m * 0.55, -0.24)
    }

    /// Where a hand is and what shape it makes, `clock_s` into what the signer does.
    pub fn pose(&self, right: bool, clock_s: f32) -> (Vec3, Vec3) {
        let rest = self.rest(right);
        match self.signing {
            Signing::Resting => {
                let breath = 0.006 * (clock_s * 1.3 + self.style as f32).sin();
                (rest + Vec3::Y * breath, FIST)
            }
            Signing::Chatting => self.chatting(right, clock_s),
            Signing::Showing(sign) => SIGNS[sign % SIGNS.len()].pose(self.height_m, right, clock_s),
        }
    }

    fn chatting(&self, right: bool, clock_s: f32) -> (Vec3, Vec3) {
        let style = self.style as f32;
        // Phrases of a few seconds with a short pause between them, each in its own handshape.
        let phrase_s = 2.4 + 0.35 * (style % 3.0);
        let phrase = (clock_s / phrase_s).floor();
        let in_phrase = clock_s - phrase * phrase_s;
        let pausing = in_phrase > phrase_s - 0.45;
        let shape = SHAPES[((phrase as usize) + self.style as usize + usize::from(right)) % 4];
        let side = if right { 1.0 } else { -1.0 };
        let up = self.height_m * 0.72;
        let base = Vec3::new(0.12 * side, up, -0.3);
        if pausing {
            return (base - Vec3::Y * 0.06, shape);
        }
        let f = 1.1 + 0.17 * style;
        let a = TAU * f * clock_s;
        let offset = match self.style % 4 {
            // Circles with the strong hand; the other hand a steady base.
            0 if right => Vec3::new(0.08 * a.cos(), 0.08 * a.sin() + 0.06, 0.0),
            0 => Vec3::new(0.05, -0.02, 0.0),
            // Hands alternating up and down.
            1 => Vec3::new(
                0.0,
                0.1 * (a + if right { 0.0 } else { TAU / 2.0 }).sin(),
                0.0,
            ),
            // The strong hand taps the other palm and slides away.
            2 if right => Vec3::new(
                -0.04 + 0.14 * (a / TAU).fract(),
                0.03 * a.sin().abs(),
                -0.04,
            ),
            2 => Vec3::new(0.06, -0.05, -0.02),
            // Both hands arc out and back.
            _ => Vec3::new(
                side * 0.12 * a.sin().abs(),
                0.05 * (2.0 * a).sin(),
                -0.06 * a.cos(),
            ),
        };
        (base + offset, shape)
    }
}

/// A sign the mentor teaches: how it looks, and the direction that answers it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sign {
    pub meaning: &'static str,
    pub handshape: &'static str,
    pub movement: &'static str,
    /// The direction that answers it.
    pub answer: Action,
}

/// The signs of the lesson, in order.
pub const SIGNS: [Sign; 3] = [
    Sign {
        meaning: "sign-hello",
        handshape: "sign-hello-handshape",
        movement: "sign-hello-movement",
        answer: Action::SignRight,
    },
    Sign {
        meaning: "sign-thank-you",
        handshape: "sign-thank-you-handshape",
        movement: "sign-thank-you-movement",
        answer: Action::SignDown,
    },
    Sign {
        meaning: "sign-friend",
        handshape: "sign-friend-handshape",
        movement: "sign-friend-movement",
        answer: Action::SignUp,
    },
];

/// The directions a visitor can answer with; any other input is ignored.
const ANSWERS: [Action; 4] = [
    Action::SignUp,
    Action::SignDown,
    Action::SignLeft,
    Action::SignRight,
];

/// One showing of a sign lasts this long, then it repeats.
const SHOWING_S: f32 = 1.8;

impl Sign {
    fn pose(&self, height_m: f32, right: bool, clock_s: f32) -> (Vec3, Vec3) {
        let u = (clock_s % SHOWING_S) / SHOWING_S;
        // Out over the first half, a held moment, back quickly.
        let m = if u < 0.15 {
            0.0
        } else if u < 0.55 {
            smooth((u - 0.15) / 0.4)
        } else if u < 0.8 {
            1.0
        } else {
            1.0 - smooth((u - 0.8) / 0.2)
        };
        let h = height_m;
        let side = if right { 1.0 } else { -1.0 };
        let resting = (Vec3::new(0.15 * side, h * 0.55, -0.24), FIST);
        match self.meaning {
            "sign-hello" if right => (
                Vec3::new(0.1, h - 0.1, -0.1).lerp(Vec3::new(0.4, h - 0.05, -0.32), m),
                FLAT,
            ),
            "sign-thank-you" if right => (
                Vec3::new(0.0, h - 0.24, -0.14).lerp(Vec3::new(0.05, h - 0.45, -0.48), m),
                FLAT,
            ),
            "sign-friend" => {
                // Hooked at the chest; the hands swap over as they flip.
                let top = Vec3::new(0.02 * side, h * 0.74 + 0.05, -0.3);
                let bottom = Vec3::new(0.02 * side, h * 0.74 - 0.05, -0.3);
                let (from, to) = if right { (top, bottom) } else { (bottom, top) };
                (
                    from.lerp(to, m) + Vec3::Z * -0.08 * (m * TAU / 2.0).sin(),
                    POINT,
                )
            }
            _ => resting,
        }
    }
}

fn smooth(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

fn move_the_hands(
    time: Res<Time>,
    mut signers: Query<(&mut Signer, &Children)>,
    mut hands: Query<(&Hand, &mut Transform)>,
) {
    for (mut signer, children) in &mut signers {
        signer.clock_s += time.delta_secs();
        for child in children.iter() {
            if let Ok((hand, mut transform)) = hands.get_mut(child) {
                let (at, shape) = signer.pose(hand.right, signer.clock_s);
                // Glide toward the pose so a change of sign or turn never jumps.
                let follow = (time.delta_secs() * 18.0).min(1.0);
                transform.translation = transform.translation.lerp(at, follow);
                transform.scale = transform.scale.lerp(shape, follow);
            }
        }
    }
}

/// Begins the lesson at the table.
#[derive(Event, Debug, Clone, Copy)]
pub struct LessonBegins;

/// Where the lesson is.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lesson {
    /// Index into [`SIGNS`] of the sign shown now.
    pub sign: usize,
    /// Counts every showing, a repeat after a wrong answer included.
    pub prompt: u32,
}

impl Lesson {
    pub fn current(&self) -> Option<&'static Sign> {
        SIGNS.get(self.sign)
    }
}

#[derive(Component, Debug, Default, Clone, Copy)]
struct SignCard;

#[derive(Component, Debug, Default, Clone, Copy)]
struct CardWords;

#[derive(Component, Debug, Default, Clone, Copy)]
struct CardArrow;

/// The card's words and its arrow.
type CardText = Or<(With<CardWords>, With<CardArrow>)>;

fn card_text(sign: &Sign) -> Phrase {
    Phrase::new("sign-card")
        .with("meaning", Phrase::new(sign.meaning))
        .with("handshape", Phrase::new(sign.handshape))
        .with("movement", Phrase::new(sign.movement))
}

fn begin_the_lesson(
    _: On<LessonBegins>,
    mut commands: Commands,
    place: ThePlace,
    mut guide: ResMut<Guide>,
    mut mentor: Query<&mut Signer, With<Mentor>>,
    bindings: Res<Bindings>,
) {
    let lesson = Lesson { sign: 0, prompt: 1 };
    commands.insert_resource(lesson);
    let sign = &SIGNS[0];
    show(&mut mentor, 0);
    *guide = Guide::Answer {
        action: sign.answer,
        prompt: lesson.prompt,
    };
    commands.spawn((
        Name::new("Sign card"),
        SignCard,
        place.own(),
        Node {
            position_type: PositionType::Absolute,
            top: percent(8),
            right: percent(3),
            width: px(360),
            padding: UiRect::all(px(14)),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(SCRIM),
        children![
            (CardWords, label(card_text(sign), 20.0, INK)),
            (CardArrow, label(bindings.label(sign.answer), 72.0, ACCENT)),
            label(Phrase::new("sign-card-watch"), 16.0, FADED),
        ],
    ));
}

fn show(mentor: &mut Query<&mut Signer, With<Mentor>>, sign: usize) {
    for mut signer in mentor.iter_mut() {
        signer.signing = Signing::Showing(sign);
        signer.clock_s = 0.0;
    }
}

#[allow(clippy::too_many_arguments)]
fn answer_the_sign(
    controls: Controls,
    lesson: Option<ResMut<Lesson>>,
    mut clock: ResMut<Clock<HouseBeat>>,
    mut guide: ResMut<Guide>,
    mut captions: MessageWriter<Caption>,
    mut mentor: Query<&mut Signer, With<Mentor>>,
    mut card: Query<(&mut Phrase, Has<CardArrow>), CardText>,
    cards: Query<Entity, With<SignCard>>,
    mut commands: Commands,
) {
    let Some(mut lesson) = lesson else {
        return;
    };
    if clock.beat() != HouseBeat::Signs {
        return;
    }
    let Some(sign) = lesson.current() else {
        return;
    };
    let Some(answer) = controls.first_just_pressed(&ANSWERS) else {
        return;
    };
    lesson.prompt += 1;
    if answer == sign.answer {
        captions.write(Caption::sound(
            Phrase::new("sign-mentor-nods").with("sign", Phrase::new(sign.meaning)),
        ));
        lesson.sign += 1;
    } else {
        captions.write(Caption::sound(
            Phrase::new("sign-mentor-again").with("sign", Phrase::new(sign.meaning)),
        ));
    }
    match lesson.current() {
        Some(next) => {
            show(&mut mentor, lesson.sign);
            *guide = Guide::Answer {
                action: next.answer,
                prompt: lesson.prompt,
            };
            for (mut phrase, is_arrow) in &mut card {
                *phrase = if is_arrow {
                    controls.label(next.answer)
                } else {
                    card_text(next)
                };
            }
        }
        None => {
            for mut signer in &mut mentor {
                signer.signing = Signing::Resting;
            }
            for card in &cards {
                commands.entity(card).despawn();
            }
            commands.remove_resource::<Lesson>();
            *guide = Guide::Watch;
            clock.proceed();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sign_is_answered_by_its_own_direction() {
        for (i, a) in SIGNS.iter().enumerate() {
            assert!(ANSWERS.contains(&a.answer));
            for b in &SIGNS[i + 1..] {
                assert_ne!(a.answer, b.answer);
            }
        }
    }

    #[test]
    fn a_showing_moves_the_hand_away_from_where_it_starts_and_back() {
        for (i, sign) in SIGNS.iter().enumerate() {
            let mut signer = Signer::new(6, 1.74);
            signer.signing = Signing::Showing(i);
            let start = signer.pose(true, 0.0).0;
            let middle = signer.pose(true, SHOWING_S * 0.65).0;
            let end = signer.pose(true, SHOWING_S * 0.999).0;
            assert!(start.distance(middle) > 0.08, "{}", sign.meaning);
            assert!(start.distance(end) < 0.02, "{}", sign.meaning);
        }
    }

    #[test]
    fn people_sign_differently() {
        let paths: Vec<Vec<Vec3>> = (0..6)
            .map(|style| {
                let mut signer = Signer::new(style, 1.3);
                signer.signing = Signing::Chatting;
                (0..20)
                    .map(|i| signer.pose(true, i as f32 * 0.1).0)
                    .collect()
            })
            .collect();
        for (i, a) in paths.iter().enumerate() {
            for b in &paths[i + 1..] {
                let apart: f32 = a.iter().zip(b).map(|(p, q)| p.distance(*q)).sum();
                assert!(apart > 0.2, "{apart}");
            }
        }
    }
}
