//! The flash limit, as pure logic: a light asks for a level each frame, the governor answers with the
//! level it may show. A flash is a rise and a fall of a light's luminance by at least a tenth of its range
//! (WCAG 2.3.1, XAG 118); no second may hold more than a set number of them.
//!
//! The governor counts changes, not flashes: each rise or fall of a tenth (from the last turning point)
//! is one change, and a second holds at most twice the flashes allowed, so however the changes pair up
//! into flashes no second holds more. It only ever keeps a light up: a fall that would spend the
//! second's budget waits, held within a tenth of the peak, and a fall is only let through while a rise
//! after it would still fit. So a light is never darker than asked (but for rounding), and a pulse that
//! is asked for is always seen.

use std::collections::VecDeque;

/// A change of this share of a light's range, up or down, is half a flash.
pub const FLASH_STEP: f32 = 0.1;
/// A light's level read back from its units (an opacity, lumens) is rounded, so a change within this of a
/// tenth may read as a tenth or not: the governor never shows one. A change asked for that close is shown
/// this much clear of a tenth, above or below it, as the light's brighter side: never darker than asked
/// by more than twice this, and that only at the very top of the range.
const ROUNDING: f32 = 1e-3;
/// A fall waits this close to its peak: inside a tenth, with room for rounding in the lights' units.
const HELD_WITHIN: f32 = 0.9 * FLASH_STEP;
/// The window the flashes are counted in.
pub const WINDOW_S: f64 = 1.0;
/// A change leaves the governor's window this much after it leaves a second measured from outside, so
/// sums of frame lengths never let one more in.
const SLACK_S: f64 = 1e-3;
/// No second holds more flashes than this.
pub const MOST_FLASHES_PER_S: u32 = 3;
/// With flashing reduced, no second holds more than this.
pub const REDUCED_FLASHES_PER_S: u32 = 1;

/// Where a light is between its turning points.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Swing {
    /// Before the first change: the lowest and the highest seen.
    Starting { low: f32, high: f32 },
    /// Last change was a rise: the highest since.
    Rising { peak: f32 },
    /// Last change was a fall: the lowest since.
    Falling { trough: f32 },
}

/// The limit on one light.
#[derive(Debug, Clone, PartialEq)]
pub struct FlashGovernor {
    flashes_per_s: u32,
    now_s: f64,
    swing: Option<Swing>,
    /// When each change of the last second happened.
    changes_s: VecDeque<f64>,
}

impl FlashGovernor {
    /// A governor allowing `flashes_per_s` flashes in any second (at least one).
    pub fn new(flashes_per_s: u32) -> Self {
        Self {
            flashes_per_s: flashes_per_s.max(1),
            now_s: 0.0,
            swing: None,
            changes_s: VecDeque::new(),
        }
    }

    /// Changes the budget from the next frame on (the player switched reduced flashing).
    pub fn set_flashes_per_s(&mut self, flashes_per_s: u32) {
        self.flashes_per_s = flashes_per_s.max(1);
    }

    pub fn flashes_per_s(&self) -> u32 {
        self.flashes_per_s
    }

    /// The level (0..=1 of the light's range) the light may show this frame, `dt_s` after the last,
    /// when `requested` is asked for.
    pub fn allow(&mut self, dt_s: f32, requested: f32) -> f32 {
        self.now_s += f64::from(dt_s.max(0.0));
        while self
            .changes_s
            .front()
            .is_some_and(|at_s| *at_s < self.now_s - WINDOW_S - SLACK_S)
        {
            self.changes_s.pop_front();
        }
        let requested = if requested.is_finite() {
            requested.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let budget = 2 * self.flashes_per_s as usize;
        let changes = self.changes_s.len();
        // A fall goes through only while a rise after it would still fit in the window.
        let may_fall = changes + 2 <= budget;
        let may_rise = changes < budget;
        let Some(swing) = self.swing else {
            self.swing = Some(Swing::Starting {
                low: requested,
                high: requested,
            });
            return requested;
        };
        let (allowed, swing) = match swing {
            // Nothing has changed yet, so the budget is whole: the first change goes through.
            Swing::Starting { low, high } => {
                if requested >= low + FLASH_STEP - ROUNDING {
                    match clear_rise(low, requested) {
                        Some(shown) => {
                            self.changes_s.push_back(self.now_s);
                            (shown, Swing::Rising { peak: shown })
                        }
                        None => {
                            let shown = low + FLASH_STEP - ROUNDING;
                            (
                                shown,
                                Swing::Starting {
                                    low,
                                    high: high.max(shown),
                                },
                            )
                        }
                    }
                } else if requested <= high - FLASH_STEP - ROUNDING {
                    self.changes_s.push_back(self.now_s);
                    (requested, Swing::Falling { trough: requested })
                } else {
                    let shown = requested.max(high - FLASH_STEP + ROUNDING);
                    (
                        shown,
                        Swing::Starting {
                            low: low.min(shown),
                            high: high.max(shown),
                        },
                    )
                }
            }
            Swing::Rising { peak } => {
                if requested <= peak - FLASH_STEP - ROUNDING {
                    if may_fall {
                        self.changes_s.push_back(self.now_s);
                        (requested, Swing::Falling { trough: requested })
                    } else {
                        (peak - HELD_WITHIN, Swing::Rising { peak })
                    }
                } else {
                    let shown = requested.max(peak - FLASH_STEP + ROUNDING);
                    (
                        shown,
                        Swing::Rising {
                            peak: peak.max(shown),
                        },
                    )
                }
            }
            Swing::Falling { trough } => {
                if requested >= trough + FLASH_STEP - ROUNDING {
                    match clear_rise(trough, requested) {
                        Some(shown) if may_rise => {
                            self.changes_s.push_back(self.now_s);
                            (shown, Swing::Rising { peak: shown })
                        }
                        Some(_) => (trough + HELD_WITHIN, Swing::Falling { trough }),
                        None => (trough + FLASH_STEP - ROUNDING, Swing::Falling { trough }),
                    }
                } else {
                    (
                        requested,
                        Swing::Falling {
                            trough: trough.min(requested),
                        },
                    )
                }
            }
        };
        self.swing = Some(swing);
        allowed
    }
}

/// The level that shows a rise from `turning` to `requested` (at least a tenth, less the rounding) clear of
/// the rounding; `None` when the top of the range leaves no room to.
fn clear_rise(turning: f32, requested: f32) -> Option<f32> {
    let shown = requested.max(turning + FLASH_STEP + ROUNDING);
    (shown <= 1.0).then_some(shown)
}

/// Counts the changes of a tenth of the range in a recorded light (levels 0..=1, one per frame), as a
/// photosensitivity check reads them: each entry is when a rise or fall from the last turning point
/// reached a tenth. Two changes make a flash.
pub fn changes_at(levels: &[(f64, f32)]) -> Vec<f64> {
    let mut changes = Vec::new();
    let Some(&(_, first)) = levels.first() else {
        return changes;
    };
    // The turning point, and whether the light is rising from it (None: not yet moved).
    let (mut low, mut high, mut rising) = (first, first, None::<bool>);
    for &(at_s, level) in &levels[1..] {
        low = low.min(level);
        high = high.max(level);
        let rose = level - low >= FLASH_STEP && rising != Some(true);
        let fell = high - level >= FLASH_STEP && rising != Some(false);
        if rose || fell {
            changes.push(at_s);
            rising = Some(rose);
            (low, high) = (level, level);
        }
    }
    changes
}

/// The most changes in any window of [`WINDOW_S`].
pub fn most_changes_in_a_second(changes: &[f64]) -> usize {
    let mut most = 0;
    let mut first = 0;
    for (last, at_s) in changes.iter().enumerate() {
        while changes[first] <= at_s - WINDOW_S {
            first += 1;
        }
        most = most.max(last - first + 1);
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FRAME_S: f32 = 1.0 / 60.0;

    /// Runs `requested` (one level a frame) through a governor: what it allowed, timed.
    fn govern(flashes_per_s: u32, requested: &[f32]) -> Vec<(f64, f32)> {
        let mut governor = FlashGovernor::new(flashes_per_s);
        requested
            .iter()
            .enumerate()
            .map(|(frame, level)| {
                (
                    frame as f64 * f64::from(FRAME_S),
                    governor.allow(FRAME_S, *level),
                )
            })
            .collect()
    }

    /// A light switched fully on and off `per_s` times a second for `secs`.
    fn strobe(per_s: f32, secs: f32) -> Vec<f32> {
        let frames = (secs / FRAME_S) as usize;
        (0..frames)
            .map(|frame| {
                let phase = (frame as f32 * FRAME_S * per_s).fract();
                if phase < 0.5 { 1.0 } else { 0.0 }
            })
            .collect()
    }

    #[test]
    fn a_slow_pulse_passes_unchanged() {
        let asked = strobe(2.0, 5.0);
        let allowed = govern(MOST_FLASHES_PER_S, &asked);
        for ((_, allowed), asked) in allowed.iter().zip(&asked) {
            assert_eq!(allowed, asked);
        }
    }

    #[test]
    fn a_strobe_is_held_to_three_flashes_a_second_or_one_when_reduced() {
        let asked = strobe(10.0, 5.0);
        let timed: Vec<(f64, f32)> = asked
            .iter()
            .enumerate()
            .map(|(frame, level)| (frame as f64 * f64::from(FRAME_S), *level))
            .collect();
        assert!(most_changes_in_a_second(&changes_at(&timed)) >= 19);
        let allowed = govern(MOST_FLASHES_PER_S, &asked);
        let most = most_changes_in_a_second(&changes_at(&allowed));
        assert!((4..=6).contains(&most), "{most} changes in a second");
        let reduced = govern(REDUCED_FLASHES_PER_S, &asked);
        let most = most_changes_in_a_second(&changes_at(&reduced));
        assert!((1..=2).contains(&most), "{most} changes in a second");
    }

    #[test]
    fn the_counter_finds_each_rise_and_fall_of_a_tenth() {
        let timed = |levels: &[f32]| -> Vec<(f64, f32)> {
            levels
                .iter()
                .enumerate()
                .map(|(i, level)| (i as f64 * 0.1, *level))
                .collect()
        };
        assert_eq!(changes_at(&timed(&[0.0, 0.05, 0.0, 0.09])).len(), 0);
        assert_eq!(changes_at(&timed(&[0.0, 0.1, 0.0])).len(), 2);
        assert_eq!(changes_at(&timed(&[0.5, 0.38, 0.45, 0.3, 0.9])).len(), 2);
        assert_eq!(most_changes_in_a_second(&[0.0, 0.5, 0.99, 1.0, 1.49]), 4);
    }

    /// A strength stepped by a tenth (the settings' vibration strength, 1.0 and 0.9) lands a hair either
    /// side of a tenth, and a check reading the light back from its units (an opacity, lumens) rounds
    /// again: the governor's changes must be the ones the check counts.
    #[test]
    fn a_step_of_a_hair_under_a_tenth_reads_back_as_the_governor_counted_it() {
        for ulps in -3i32..=3 {
            let near = f32::from_bits(0.9f32.to_bits().wrapping_add_signed(ulps));
            // Pulses of 21 frames with a frame of dark between, alternating near 0.9 and 1.0.
            let asked: Vec<f32> = (0..8)
                .flat_map(|pulse| {
                    let level = if pulse % 2 == 0 { near } else { 1.0 };
                    std::iter::repeat_n(level, 21).chain([0.0])
                })
                .collect();
            for units in [0.6f32, 0.45, 30.0, 1.5e6, 5e6] {
                for flashes_per_s in [REDUCED_FLASHES_PER_S, MOST_FLASHES_PER_S] {
                    let read_back: Vec<(f64, f32)> = govern(flashes_per_s, &asked)
                        .into_iter()
                        .map(|(at_s, shown)| (at_s, shown * units / units))
                        .collect();
                    let most = most_changes_in_a_second(&changes_at(&read_back));
                    assert!(
                        most <= 2 * flashes_per_s as usize,
                        "{most} changes in a second: {near} and 1.0 in units of {units}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn no_second_holds_more_flashes_than_allowed_and_no_light_is_darker_than_asked(
            asked in prop::collection::vec(
                prop_oneof![Just(0.0f32), Just(1.0f32), Just(0.9f32), 0.0f32..=1.0], 1..900),
            reduced in any::<bool>(),
            dt_s in 0.004f32..0.05,
            units in prop_oneof![Just(0.6f32), 0.01f32..1e7],
        ) {
            let flashes_per_s = if reduced { REDUCED_FLASHES_PER_S } else { MOST_FLASHES_PER_S };
            let mut governor = FlashGovernor::new(flashes_per_s);
            let mut allowed = Vec::with_capacity(asked.len());
            for (frame, level) in asked.iter().enumerate() {
                let shown = governor.allow(dt_s, *level);
                prop_assert!((0.0..=1.0).contains(&shown));
                prop_assert!(shown >= level - 2.0 * ROUNDING - 1e-6, "{shown} shown, {level} asked");
                // Read back as a check would: from the light's own units (an opacity, lumens).
                let read_back = shown * units / units;
                allowed.push(((frame + 1) as f64 * f64::from(dt_s), read_back));
            }
            let most = most_changes_in_a_second(&changes_at(&allowed));
            prop_assert!(most <= 2 * flashes_per_s as usize, "{most} changes in a second");
        }
    }
}
