//! Hands that sign: the people of the house talk with their hands (each in their own way, taking turns),
//! and the mentor teaches the visitor a few signs, shown as handshape and movement, answered with a
//! direction.

use std::f32::consts::TAU;

use bevy::prelude::*;

use super::story::HouseBeat;
use crate::autopilot::Guide;
use crate::input::{Action, Controls};
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::scenes::kit::{Clock, ThePlace};
use crate::ui::captions::Caption;
use crate::ui::theme::{ACCENT, FADED, INK, NIGHT, label};
use crate::words::Phrase;

pub(super) fn plugin(app: &mut App) {
    app.add_observer(begin_the_lesson)
        .add_systems(OnEnter(Place::House), |mut commands: Commands| {
            commands.insert_resource(SignsLearnt::default())
        })
        .add_systems(OnExit(Place::House), |mut commands: Commands| {
            commands.remove_resource::<Lesson>();
            commands.remove_resource::<SignsLearnt>();
        })
        .add_systems(
            Update,
            (
                (move_the_hands, play_the_card).in_set(AppSystems::Update),
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

    /// Where a hand is, what shape it makes and how it is turned, `clock_s` into what the signer does.
    pub fn pose(&self, right: bool, clock_s: f32) -> HandPose {
        let rest = self.rest(right);
        match self.signing {
            Signing::Resting => {
                let breath = 0.006 * (clock_s * 1.3 + self.style as f32).sin();
                HandPose::still(rest + Vec3::Y * breath, FIST)
            }
            Signing::Chatting => {
                let (at, shape) = self.chatting(right, clock_s);
                HandPose::still(at, shape)
            }
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

/// Where a hand is in the signer's own frame, its shape (as its scale) and its roll about the axis the
/// signer faces along (radians, turning the fingertips toward the signer's right).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HandPose {
    pub at: Vec3,
    pub shape: Vec3,
    pub roll: f32,
}

impl HandPose {
    fn still(at: Vec3, shape: Vec3) -> Self {
        Self {
            at,
            shape,
            roll: 0.0,
        }
    }
}

/// A sign the mentor teaches: how it looks, and the direction that answers it: the way the strong
/// hand moves, seen as in a mirror.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sign {
    pub meaning: &'static str,
    pub handshape: &'static str,
    /// The direction that answers it.
    pub answer: Action,
}

/// The signs of the lesson, in order.
pub const SIGNS: [Sign; 3] = [
    Sign {
        meaning: "sign-hello",
        handshape: "sign-hello-handshape",
        answer: Action::SignRight,
    },
    Sign {
        meaning: "sign-thank-you",
        handshape: "sign-thank-you-handshape",
        answer: Action::SignDown,
    },
    Sign {
        meaning: "sign-friend",
        handshape: "sign-friend-handshape",
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
    /// The hands `clock_s` into showing the sign, over and over.
    pub fn pose(&self, height_m: f32, right: bool, clock_s: f32) -> HandPose {
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
        let resting = HandPose::still(Vec3::new(0.15 * side, h * 0.55, -0.24), FIST);
        match self.meaning {
            // From the temple out to the side, the fingertips tipping outward.
            "sign-hello" if right => HandPose {
                at: Vec3::new(0.1, h - 0.1, -0.1).lerp(Vec3::new(0.4, h - 0.05, -0.32), m),
                shape: FLAT,
                roll: 0.7 * m,
            },
            // From the chin forward and down, the palm opening toward the other person.
            "sign-thank-you" if right => HandPose {
                at: Vec3::new(0.0, h - 0.24, -0.14).lerp(Vec3::new(0.05, h - 0.45, -0.48), m),
                shape: FLAT,
                roll: -0.35 * m,
            },
            "sign-friend" => {
                // Hooked at the chest; the hands swap over as they flip, the strong hand coming up on top.
                let top = Vec3::new(0.02 * side, h * 0.74 + 0.05, -0.3);
                let bottom = Vec3::new(0.02 * side, h * 0.74 - 0.05, -0.3);
                let (from, to) = if right { (bottom, top) } else { (top, bottom) };
                HandPose {
                    at: from.lerp(to, m) + Vec3::Z * -0.08 * (m * TAU / 2.0).sin(),
                    shape: POINT,
                    roll: side * TAU / 2.0 * m,
                }
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
                let pose = signer.pose(hand.right, signer.clock_s);
                // Glide toward the pose so a change of sign or turn never jumps.
                let follow = (time.delta_secs() * 18.0).min(1.0);
                transform.translation = transform.translation.lerp(pose.at, follow);
                transform.scale = transform.scale.lerp(pose.shape, follow);
                // The signer faces along -z: a roll toward their right turns about -z.
                let roll = Quat::from_rotation_z(-pose.roll);
                transform.rotation = transform.rotation.slerp(roll, follow);
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

/// The signs the visitor has learnt in the lesson, which they catch from then on when someone signs.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SignsLearnt(u8);

impl SignsLearnt {
    /// The visitor has learnt `sign`, an index into [`SIGNS`].
    pub fn learn(&mut self, sign: usize) {
        self.0 |= 1 << sign;
    }

    pub fn knows(&self, sign: usize) -> bool {
        self.0 & (1 << sign) != 0
    }

    /// What a hearing newcomer follows of a line that holds `signs` (indices into [`SIGNS`], in the
    /// order they come): nothing before the lesson; the signs learnt since, with gaps between.
    pub fn follows(&self, signs: &[usize]) -> Phrase {
        let caught: Vec<usize> = signs.iter().copied().filter(|s| self.knows(*s)).collect();
        let Some((last, before)) = caught.split_last() else {
            return Phrase::new("caption-signing-lost");
        };
        let meaning = |sign: usize| Phrase::new(SIGNS[sign].meaning);
        let chain = before.iter().rev().fold(meaning(*last), |rest, sign| {
            Phrase::new("caption-signs-then")
                .with("first", meaning(*sign))
                .with("rest", rest)
        });
        Phrase::new("caption-signing-caught").with("signs", chain)
    }
}

/// The card of the lesson: the sign's name and handshape, and the sign itself played on a small figure,
/// over and over, as in a mirror (the strong hand on the card's right). It never shows the answer.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq)]
pub struct SignCard {
    /// Index into [`SIGNS`] of the sign it shows.
    pub sign: usize,
    /// Seconds into showing it.
    pub clock_s: f32,
}

/// A hand on the card's figure.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardHand {
    pub right: bool,
}

#[derive(Component, Debug, Default, Clone, Copy)]
struct CardWords;

/// The figure on the card is the mentor, drawn at this scale in a stage of this size.
pub const MENTOR_HEIGHT_M: f32 = 1.74;
const STAGE_PX: Vec2 = Vec2::new(300.0, 230.0);
const PX_PER_M: f32 = 240.0;
/// The stage's top edge, this far above the crown of the head (m).
const HEADROOM_M: f32 = 0.08;

/// Where a point of the signer's frame falls on the stage (px from its top left), and how much larger a
/// hand drawn there looks for being nearer.
fn on_stage(at: Vec3) -> (Vec2, f32) {
    let x = STAGE_PX.x / 2.0 + at.x * PX_PER_M;
    let y = (MENTOR_HEIGHT_M + HEADROOM_M - at.y) * PX_PER_M;
    let nearer = 1.0 + (-at.z - 0.24);
    (Vec2::new(x, y), nearer)
}

/// A hand's drawn size from its shape: a flat hand tall and narrow with the fingers up, a fist square.
fn hand_px(shape: Vec3) -> Vec2 {
    Vec2::new(20.0 * shape.x, 26.0 * shape.z)
}

fn card_text(sign: &Sign) -> Phrase {
    Phrase::new("sign-card")
        .with("meaning", Phrase::new(sign.meaning))
        .with("handshape", Phrase::new(sign.handshape))
}

/// The figure's head, chin and body, in signer-frame metres: (centre, size, round).
fn figure_parts() -> [(Vec3, Vec2, bool); 2] {
    let h = MENTOR_HEIGHT_M;
    [
        (Vec3::new(0.0, h - 0.12, 0.0), Vec2::splat(0.22), true),
        (
            Vec3::new(0.0, h * 0.82 - 0.3, 0.0),
            Vec2::new(0.44, 0.6),
            false,
        ),
    ]
}

fn stage() -> impl Bundle {
    let mut parts = Vec::new();
    for (centre, size_m, round) in figure_parts() {
        let (at, _) = on_stage(centre);
        let size = size_m * PX_PER_M;
        parts.push((
            Node {
                position_type: PositionType::Absolute,
                left: px(at.x - size.x / 2.0),
                top: px(at.y - size.y / 2.0),
                width: px(size.x),
                height: px(size.y),
                border_radius: if round {
                    BorderRadius::MAX
                } else {
                    BorderRadius::top_left(px(40)).with_top_right(px(40))
                },
                ..default()
            },
            BackgroundColor(FADED.with_alpha(0.5)),
        ));
    }
    (
        Name::new("The sign, played"),
        Node {
            width: px(STAGE_PX.x),
            height: px(STAGE_PX.y),
            margin: UiRect::vertical(px(8)),
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.04)),
        Children::spawn((
            SpawnIter(parts.into_iter()),
            Spawn(card_hand(false)),
            Spawn(card_hand(true)),
        )),
    )
}

fn card_hand(right: bool) -> impl Bundle {
    (
        Name::new(if right { "Strong hand" } else { "Other hand" }),
        CardHand { right },
        Node {
            position_type: PositionType::Absolute,
            ..default()
        },
        UiTransform::IDENTITY,
        BackgroundColor(if right { ACCENT } else { INK.with_alpha(0.7) }),
    )
}

fn begin_the_lesson(
    _: On<LessonBegins>,
    mut commands: Commands,
    place: ThePlace,
    mut guide: ResMut<Guide>,
    mut mentor: Query<&mut Signer, With<Mentor>>,
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
        SignCard::default(),
        place.own(),
        Node {
            position_type: PositionType::Absolute,
            top: percent(6),
            right: percent(3),
            width: px(360),
            padding: UiRect::all(px(14)),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            ..default()
        },
        // Darker than a caption's backing: the card is read while the room behind it is bright.
        BackgroundColor(NIGHT.with_alpha(0.86)),
        children![
            (CardWords, label(card_text(sign), 20.0, INK)),
            stage(),
            label(Phrase::new("sign-card-watch"), 16.0, INK),
        ],
    ));
}

/// The card's hands play the sign in step with the mentor's, over and over.
fn play_the_card(
    time: Res<Time>,
    mut cards: Query<&mut SignCard>,
    mut hands: Query<(&CardHand, &mut Node, &mut UiTransform)>,
) {
    for mut card in &mut cards {
        card.clock_s += time.delta_secs();
        let sign = &SIGNS[card.sign % SIGNS.len()];
        for (hand, mut node, mut transform) in &mut hands {
            let pose = sign.pose(MENTOR_HEIGHT_M, hand.right, card.clock_s);
            let (at, nearer) = on_stage(pose.at);
            let size = hand_px(pose.shape);
            node.left = px(at.x - size.x / 2.0);
            node.top = px(at.y - size.y / 2.0);
            node.width = px(size.x);
            node.height = px(size.y);
            node.border_radius = BorderRadius::all(px(size.x.min(size.y) / 2.0));
            transform.rotation = Rot2::radians(pose.roll);
            transform.scale = Vec2::splat(nearer);
        }
    }
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
    mut learnt: ResMut<SignsLearnt>,
    mut clock: ResMut<Clock<HouseBeat>>,
    mut guide: ResMut<Guide>,
    mut captions: MessageWriter<Caption>,
    mut mentor: Query<&mut Signer, With<Mentor>>,
    mut card_words: Query<&mut Phrase, With<CardWords>>,
    mut cards: Query<(Entity, &mut SignCard)>,
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
        learnt.learn(lesson.sign);
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
            for mut words in &mut card_words {
                *words = card_text(next);
            }
            for (_, mut card) in &mut cards {
                *card = SignCard {
                    sign: lesson.sign,
                    clock_s: 0.0,
                };
            }
        }
        None => {
            for mut signer in &mut mentor {
                signer.signing = Signing::Resting;
            }
            for (card, _) in &cards {
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
            let start = signer.pose(true, 0.0).at;
            let middle = signer.pose(true, SHOWING_S * 0.65).at;
            let end = signer.pose(true, SHOWING_S * 0.999).at;
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
                    .map(|i| signer.pose(true, i as f32 * 0.1).at)
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
