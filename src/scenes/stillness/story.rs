//! The stillness as a story: near silence that is meant, then the body, one layer after another, then
//! the end card. Pure data and the place's answers to the story kit; `body.rs` acts it out.
//!
//! The body is heard from inside the head, through the same failing ears as everything else: bone
//! conduction and the occlusion of the ears lift its low rumble, and that low end is where the drummer's
//! hearing holds out longest, so the body is what is left to hear. Each layer is set at the ear loud
//! enough to come through the hearing at 0.9 to 1.0 (recruitment lets a loud low band through nearly
//! whole), and the room itself is almost nothing.

use bevy::prelude::*;

use super::layout::{FACING, START};
use crate::autopilot::Guide;
use crate::journey::Place;
use crate::scenes::kit::PlaceBeat;
use crate::scenes::timeline::{Beat, Cue, Keyframe, Length, Story};

/// The stretches of the stillness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum StillnessBeat {
    /// The room swallows everything: near silence, meant.
    Silence,
    /// The body becomes audible, one layer after another.
    Body,
    /// Everything the body makes, and nothing else; then the end card.
    Limit,
}

/// The sounds of the drummer's body, in the order they become audible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum BodySound {
    BloodRush,
    Heartbeat,
    Breath,
    Tendons,
    Swallow,
    Blink,
}

/// How a layer keeps sounding once it has arrived.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sounding {
    /// A loop that plays on.
    Loop,
    /// A one-shot that comes again about every so many seconds.
    Every(f32),
}

impl BodySound {
    /// The order they arrive in.
    pub const IN_ORDER: [BodySound; 6] = [
        BodySound::BloodRush,
        BodySound::Heartbeat,
        BodySound::Breath,
        BodySound::Tendons,
        BodySound::Swallow,
        BodySound::Blink,
    ];

    /// The sound file's stem.
    pub fn stem(self) -> &'static str {
        match self {
            BodySound::BloodRush => "blood_rush",
            BodySound::Heartbeat => "heartbeat",
            BodySound::Breath => "breath_slow",
            BodySound::Tendons => "tendon_creak",
            BodySound::Swallow => "swallow",
            BodySound::Blink => "blink",
        }
    }

    /// The caption shown when the layer arrives.
    pub fn caption(self) -> &'static str {
        match self {
            BodySound::BloodRush => "stillness-rush-own-blood",
            BodySound::Heartbeat => "stillness-heartbeat",
            BodySound::Breath => "stillness-breath-slow",
            BodySound::Tendons => "stillness-tendon-creaks-neck",
            BodySound::Swallow => "stillness-swallow",
            BodySound::Blink => "stillness-blink-hear",
        }
    }

    pub fn sounding(self) -> Sounding {
        match self {
            BodySound::BloodRush | BodySound::Heartbeat | BodySound::Breath => Sounding::Loop,
            BodySound::Tendons => Sounding::Every(7.5),
            BodySound::Swallow => Sounding::Every(12.0),
            BodySound::Blink => Sounding::Every(4.5),
        }
    }

    /// Gain on the file, at the ear (dB; 0 dBFS is 100 dB SPL): loud enough that the layer comes through
    /// ears at the limit of hearing.
    pub fn volume_db(self) -> f32 {
        match self {
            BodySound::BloodRush => -12.0,
            BodySound::Heartbeat => -14.0,
            BodySound::Breath => -17.0,
            BodySound::Tendons => 0.0,
            BodySound::Swallow => 0.0,
            BodySound::Blink => 2.0,
        }
    }
}

/// What happens at a moment of the stillness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StillnessCue {
    /// A caption for what the drummer notices.
    Notice(&'static str),
    /// The silence that is meant begins, labelled until the body is heard; the message names what the
    /// room still makes meanwhile.
    Silent(&'static str),
    /// A layer of the body becomes audible.
    Arrives(BodySound),
}

/// A layer rises from nothing over this long rather than popping in (s).
pub const FADE_IN_S: f32 = 4.0;
/// Seconds between layers.
const LAYER_EVERY_S: f32 = 7.0;
/// While the visitor moves, the body takes longer to come (story seconds per second).
pub const MOVING_PACE: f32 = 0.6;
/// Held this long, the visitor counts as still.
pub const STILL_AFTER_S: f32 = 0.5;

/// The stillness, about one minute and a quarter.
pub const STORY: Story<StillnessBeat, StillnessCue> = Story {
    beats: &[
        Beat {
            name: StillnessBeat::Silence,
            length: Length::Seconds(12.0),
            progression: &[Keyframe {
                at_s: 0.0,
                progression: 0.9,
            }],
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: StillnessCue::Silent("stillness-silence-room"),
                },
                Cue {
                    at_s: 6.0,
                    what: StillnessCue::Notice("stillness-echo-hum-room"),
                },
            ],
        },
        Beat {
            name: StillnessBeat::Body,
            length: Length::Seconds(6.0 * LAYER_EVERY_S),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.9,
                },
                Keyframe {
                    at_s: 6.0 * LAYER_EVERY_S,
                    progression: 0.95,
                },
            ],
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: StillnessCue::Arrives(BodySound::BloodRush),
                },
                Cue {
                    at_s: LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Heartbeat),
                },
                Cue {
                    at_s: 2.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Breath),
                },
                Cue {
                    at_s: 3.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Tendons),
                },
                Cue {
                    at_s: 4.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Swallow),
                },
                Cue {
                    at_s: 5.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Blink),
                },
            ],
        },
        Beat {
            name: StillnessBeat::Limit,
            length: Length::Seconds(22.0),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.95,
                },
                Keyframe {
                    at_s: 22.0,
                    progression: 1.0,
                },
            ],
            cues: &[Cue {
                at_s: 4.0,
                what: StillnessCue::Notice("stillness-body-nothing-else"),
            }],
        },
    ],
};

impl PlaceBeat for StillnessBeat {
    const PLACE: Place = Place::Stillness;
    type Cue = StillnessCue;
    const STORY: Story<StillnessBeat, StillnessCue> = STORY;

    /// Behind the chair, facing past it.
    fn arrival(self) -> (Vec3, Vec3) {
        (START, FACING)
    }

    /// Stillness is the task from the first moment to the last.
    fn guide(self) -> Guide {
        Guide::HoldStill
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stillness_lasts_about_a_minute_and_a_quarter() {
        let told_s = STORY.told_s();
        assert!((60.0..=90.0).contains(&told_s), "{told_s} s");
    }

    #[test]
    fn the_body_arrives_layer_by_layer_in_order() {
        let arrivals: Vec<BodySound> = STORY
            .beats
            .iter()
            .flat_map(|beat| beat.cues)
            .filter_map(|cue| match cue.what {
                StillnessCue::Arrives(sound) => Some(sound),
                StillnessCue::Notice(_) | StillnessCue::Silent(_) => None,
            })
            .collect();
        assert_eq!(arrivals, BodySound::IN_ORDER);
    }

    #[test]
    fn hearing_stays_at_the_limit() {
        for beat in STORY.beats {
            for keyframe in beat.progression {
                assert!((0.9..=1.0).contains(&keyframe.progression));
            }
        }
    }
}
