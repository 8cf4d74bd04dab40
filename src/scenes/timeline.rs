//! A place's story as data: beats with lengths, hearing keyframes and timed cues. Pure logic, no Bevy.

/// The hearing progression at a moment of a beat, in seconds from the beat's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keyframe {
    pub at_s: f32,
    pub progression: f32,
}

/// Something that happens at a moment of a beat, in seconds from the beat's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue<C> {
    pub at_s: f32,
    pub what: C,
}

/// How long a beat lasts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    Seconds(f32),
    /// Until the visitor does what the beat waits for (see [`StoryClock::proceed`]).
    UntilTheVisitorActs,
}

/// One stretch of a place's story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beat<B: 'static, C: 'static> {
    pub name: B,
    pub length: Length,
    /// Interpolated linearly; before the first keyframe and after the last, their values hold.
    pub progression: &'static [Keyframe],
    pub cues: &'static [Cue<C>],
}

/// The beats of a place, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Story<B: 'static, C: 'static> {
    pub beats: &'static [Beat<B, C>],
}

/// What advancing the clock made happen, in story order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Happening<B, C> {
    Began(B),
    Cue(C),
    /// The last beat ended.
    Finished,
}

/// Where the story is: which beat, and how far into it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryClock {
    beat: usize,
    in_beat_s: f32,
    finished: bool,
    /// Cues at or after this time in the current beat have not fired yet.
    fired_until_s: f32,
    /// The visitor did what an open beat waits for.
    proceeded: bool,
}

impl<B: Copy + PartialEq, C: Copy> Story<B, C> {
    /// A clock at the start of `beat`. The first `advance` announces the beat and fires its cues at 0 s.
    pub fn clock_at(&self, beat: B) -> StoryClock {
        let index = self
            .beats
            .iter()
            .position(|b| b.name == beat)
            .expect("every beat named in code is in its story");
        StoryClock {
            beat: index,
            in_beat_s: 0.0,
            finished: false,
            fired_until_s: -1.0,
            proceeded: false,
        }
    }

    /// Seconds of the beats with a set length: the story as told, without the waits for the visitor.
    pub fn told_s(&self) -> f32 {
        self.length_s(|_| 0.0)
    }

    /// Seconds of the whole story when each open beat takes `open_s(beat)` (a visitor's walks and acts).
    pub fn length_s(&self, open_s: impl Fn(B) -> f32) -> f32 {
        self.beats
            .iter()
            .map(|beat| Self::beat_s(beat, &open_s))
            .sum()
    }

    /// Seconds from the story's start to the start of `beat`, each open beat before it taking `open_s`.
    pub fn starts_s(&self, beat: B, open_s: impl Fn(B) -> f32) -> f32 {
        self.beats
            .iter()
            .take_while(|b| b.name != beat)
            .map(|b| Self::beat_s(b, &open_s))
            .sum()
    }

    /// The first two neighbouring beats between which the hearing jumps: within a place it only glides
    /// (the cuts between places are where it jumps).
    pub fn jump(&self) -> Option<(B, B)> {
        self.beats.windows(2).find_map(|pair| {
            let end = pair[0].progression.last().map(|key| key.progression);
            let start = pair[1].progression.first().map(|key| key.progression);
            (end != start).then_some((pair[0].name, pair[1].name))
        })
    }

    /// The beat named `beat`.
    pub fn named(&self, beat: B) -> &'static Beat<B, C> {
        self.beats
            .iter()
            .find(|b| b.name == beat)
            .expect("every beat named in code is in its story")
    }

    fn beat_s(beat: &Beat<B, C>, open_s: &impl Fn(B) -> f32) -> f32 {
        match beat.length {
            Length::Seconds(s) => s,
            Length::UntilTheVisitorActs => open_s(beat.name),
        }
    }

    pub fn beat(&self, clock: &StoryClock) -> B {
        self.beats[clock.beat].name
    }

    /// The hearing progression at the clock's moment.
    pub fn progression(&self, clock: &StoryClock) -> f32 {
        interpolate(self.beats[clock.beat].progression, clock.in_beat_s)
    }

    /// Moves the clock on by `dt_s`, crossing into following beats as they end.
    pub fn advance(&self, clock: &mut StoryClock, dt_s: f32) -> Vec<Happening<B, C>> {
        let mut happened = Vec::new();
        if clock.finished {
            return happened;
        }
        let mut left_s = dt_s;
        loop {
            let beat = &self.beats[clock.beat];
            if clock.fired_until_s < 0.0 {
                happened.push(Happening::Began(beat.name));
                clock.fired_until_s = 0.0;
            }
            let end_s = match beat.length {
                Length::Seconds(s) => Some(s),
                Length::UntilTheVisitorActs if clock.proceeded => Some(clock.in_beat_s),
                Length::UntilTheVisitorActs => None,
            };
            let step_s = end_s.map_or(left_s, |end| left_s.min(end - clock.in_beat_s).max(0.0));
            let to_s = clock.in_beat_s + step_s;
            let ends_now = end_s.is_some_and(|end| to_s >= end);
            happened.extend(
                beat.cues
                    .iter()
                    .filter(|cue| {
                        cue.at_s >= clock.fired_until_s
                            && (cue.at_s < to_s || (ends_now && cue.at_s <= to_s))
                    })
                    .map(|cue| Happening::Cue(cue.what)),
            );
            clock.in_beat_s = to_s;
            clock.fired_until_s = to_s;
            left_s -= step_s;
            if !ends_now {
                return happened;
            }
            if clock.beat + 1 == self.beats.len() {
                clock.finished = true;
                happened.push(Happening::Finished);
                return happened;
            }
            *clock = StoryClock {
                beat: clock.beat + 1,
                in_beat_s: 0.0,
                finished: false,
                fired_until_s: -1.0,
                proceeded: false,
            };
        }
    }
}

impl StoryClock {
    /// Ends an open beat on the next `advance`.
    pub fn proceed(&mut self) {
        self.proceeded = true;
    }

    /// Seconds since the current beat began.
    pub fn in_beat_s(&self) -> f32 {
        self.in_beat_s
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }
}

/// Linear interpolation between keyframes sorted by time; the ends hold.
pub fn interpolate(keyframes: &[Keyframe], at_s: f32) -> f32 {
    let Some(first) = keyframes.first() else {
        return 0.0;
    };
    if at_s <= first.at_s {
        return first.progression;
    }
    for pair in keyframes.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if at_s <= b.at_s {
            let span_s = b.at_s - a.at_s;
            if span_s <= 0.0 {
                return b.progression;
            }
            let t = (at_s - a.at_s) / span_s;
            return a.progression + (b.progression - a.progression) * t;
        }
    }
    keyframes[keyframes.len() - 1].progression
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Act {
        Talk,
        Wait,
        Play,
    }

    const TALK_KEYS: &[Keyframe] = &[Keyframe {
        at_s: 0.0,
        progression: 0.0,
    }];
    const WAIT_KEYS: &[Keyframe] = &[
        Keyframe {
            at_s: 0.0,
            progression: 0.2,
        },
        Keyframe {
            at_s: 10.0,
            progression: 0.4,
        },
    ];
    const PLAY_KEYS: &[Keyframe] = &[
        Keyframe {
            at_s: 0.0,
            progression: 0.4,
        },
        Keyframe {
            at_s: 4.0,
            progression: 0.8,
        },
    ];

    const STORY: Story<Act, u8> = Story {
        beats: &[
            Beat {
                name: Act::Talk,
                length: Length::Seconds(3.0),
                progression: TALK_KEYS,
                cues: &[
                    Cue { at_s: 0.0, what: 1 },
                    Cue { at_s: 1.0, what: 2 },
                    Cue { at_s: 3.0, what: 3 },
                ],
            },
            Beat {
                name: Act::Wait,
                length: Length::UntilTheVisitorActs,
                progression: WAIT_KEYS,
                cues: &[Cue { at_s: 0.5, what: 4 }],
            },
            Beat {
                name: Act::Play,
                length: Length::Seconds(4.0),
                progression: PLAY_KEYS,
                cues: &[],
            },
        ],
    };

    fn cues(happened: &[Happening<Act, u8>]) -> Vec<u8> {
        happened
            .iter()
            .filter_map(|h| match h {
                Happening::Cue(c) => Some(*c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn keyframes_interpolate_linearly_and_hold_at_the_ends() {
        assert_eq!(interpolate(WAIT_KEYS, -1.0), 0.2);
        assert!((interpolate(WAIT_KEYS, 5.0) - 0.3).abs() < 1e-6);
        assert_eq!(interpolate(WAIT_KEYS, 60.0), 0.4);
        assert_eq!(interpolate(&[], 1.0), 0.0);
    }

    #[test]
    fn every_cue_fires_exactly_once_whatever_the_frame_length() {
        for dt_s in [1.0 / 60.0, 0.1, 0.25, 1.0, 2.9] {
            let mut clock = STORY.clock_at(Act::Talk);
            let mut fired = Vec::new();
            for _ in 0..((3.0 / dt_s) as usize + 2) {
                fired.extend(cues(&STORY.advance(&mut clock, dt_s)));
            }
            let talk: Vec<u8> = fired.iter().copied().filter(|&c| c <= 3).collect();
            assert_eq!(talk, [1, 2, 3], "frame of {dt_s} s");
            assert_eq!(STORY.beat(&clock), Act::Wait);
        }
    }

    #[test]
    fn an_open_beat_waits_for_the_visitor_then_hands_over() {
        let mut clock = STORY.clock_at(Act::Wait);
        let happened = STORY.advance(&mut clock, 100.0);
        assert_eq!(
            happened,
            vec![Happening::Began(Act::Wait), Happening::Cue(4)]
        );
        assert_eq!(STORY.beat(&clock), Act::Wait);
        assert_eq!(STORY.progression(&clock), 0.4);

        clock.proceed();
        let happened = STORY.advance(&mut clock, 1.0);
        assert_eq!(happened, vec![Happening::Began(Act::Play)]);
        assert!((STORY.progression(&clock) - 0.5).abs() < 1e-6);
    }

    #[test]
    fn the_last_beat_finishes_the_story_once() {
        let mut clock = STORY.clock_at(Act::Play);
        STORY.advance(&mut clock, 3.0);
        assert!(!clock.is_finished());
        let happened = STORY.advance(&mut clock, 2.0);
        assert_eq!(happened, vec![Happening::Finished]);
        assert!(clock.is_finished());
        assert_eq!(STORY.progression(&clock), 0.8);
        assert!(STORY.advance(&mut clock, 2.0).is_empty());
    }

    #[test]
    fn a_jump_in_hearing_between_beats_is_found() {
        // Wait ends at 0.4 and Play begins at 0.4; Talk ends at 0.0 and Wait begins at 0.2.
        assert_eq!(STORY.jump(), Some((Act::Talk, Act::Wait)));
        let glides = Story {
            beats: &STORY.beats[1..],
        };
        assert_eq!(glides.jump(), None);
    }

    #[test]
    fn a_story_is_as_long_as_its_beats_and_the_visitors_acts() {
        assert_eq!(STORY.told_s(), 7.0);
        assert_eq!(STORY.length_s(|_| 5.0), 12.0);
        assert_eq!(STORY.starts_s(Act::Play, |_| 5.0), 8.0);
        assert_eq!(STORY.starts_s(Act::Talk, |_| 5.0), 0.0);
        assert_eq!(STORY.named(Act::Wait).cues.len(), 1);
    }

    #[test]
    fn a_long_frame_crosses_several_beats_in_order() {
        let mut clock = STORY.clock_at(Act::Talk);
        let happened = STORY.advance(&mut clock, 10.0);
        assert_eq!(
            happened,
            vec![
                Happening::Began(Act::Talk),
                Happening::Cue(1),
                Happening::Cue(2),
                Happening::Cue(3),
                Happening::Began(Act::Wait),
                Happening::Cue(4),
            ]
        );
        assert!((clock.in_beat_s() - 7.0).abs() < 1e-5);
    }
}
