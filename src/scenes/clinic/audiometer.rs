//! The hearing test in the booth: the modified Hughson-Westlake procedure of `hearing::audiometry`, timed,
//! on the right ear and then on the left, as an audiologist tests them.
//!
//! Each presentation is a one-second pure tone (25 ms ramps) played in one ear, as through one side of the
//! audiometer's headphones, through the hearing effect like every other sound; the visitor answers with the
//! answer action when they hear one. A press counts while the tone plays and for a moment after; then comes
//! a gap of random length (seeded, so a run can be replayed) so that the next tone cannot be anticipated.
//! Nothing on screen shows when a tone plays and no caption names it: that would give the answers away. A
//! deaf visitor sees the booth, the audiologist behind the glass and the instruction, presses whenever they
//! like, and the chart then shows, in their own measured results, what the test found (for most of them "no
//! response" arrows at the audiometer's limits, as it would in a clinic).

use bevy::prelude::*;
use hearing::{Ear, Ears, HearingProfile, HughsonWestlake, MeasuredAudiogram, Presentation};

use super::chart::spawn_chart;
use super::story::ClinicBeat;
use crate::audio::{InOneEar, OneShot, SoundEmitter, SoundKey};
use crate::autopilot::Guide;
use crate::hearing::CurrentProfile;
use crate::input::{Action, Controls};
use crate::journey::{AppSystems, Journey, PausableSystems, Place};
use crate::scenes::kit::{BeatBegins, Clock, ThePlace};
use crate::settings::CurrentSettings;

/// The ears in the order they are tested: the right, then the left.
pub const TEST_ORDER: [Ear; 2] = [Ear::Right, Ear::Left];
/// A press counts from the tone's onset until this long after it (s).
pub const RESPONSE_WINDOW_S: f32 = 1.5;
/// After a response, the next tone comes this long after the press (random within, s).
pub const GAP_AFTER_RESPONSE_S: (f32, f32) = (0.8, 1.4);
/// After a miss, the next tone comes this long after the response window closes (random within, s).
pub const GAP_AFTER_MISS_S: (f32, f32) = (0.2, 1.0);
/// The seed of the gaps between tones.
const GAP_SEED: u64 = 0xC1_1A1C;

/// The level of the audiometer files at the ear: their sine peaks at -3 dBFS, which reads -3 dBFS (AES17)
/// and, with 0 dBFS = 100 dB SPL at the ear, 97 dB SPL.
pub const TONE_FILE_DB_SPL: f32 = 97.0;

/// The play volume that presents a tone at `level_db_hl`.
///
/// The hearing model's recruitment rule (crates/hearing/src/recruitment.rs) compares a band's level in
/// dB SPL directly with the ear's threshold in dB HL, as the MSBG simulator does: 0 dB HL is taken as
/// 0 dB SPL at every frequency. So the audiometer presents X dB HL as X dB SPL at the ear. Its maxima
/// (`audiometry::max_level_db_hl`, 95 dB HL at most) stay under the safety limiter's ceiling of -1 dBFS =
/// 99 dB SPL; its softest tones (-10 dB HL, -107 dB) lie under kira's floor of -60 dB, which the audio
/// module plays through by scaling the samples of such quiet one-shots.
pub fn volume_db(level_db_hl: f32) -> f32 {
    level_db_hl - TONE_FILE_DB_SPL
}

/// The sound file of the audiometer's tone at a frequency.
pub fn tone_sound(frequency_hz: f32) -> SoundKey {
    const STEMS: [(f32, &str); 6] = [
        (250.0, "audiometer_250"),
        (500.0, "audiometer_500"),
        (1000.0, "audiometer_1000"),
        (2000.0, "audiometer_2000"),
        (4000.0, "audiometer_4000"),
        (8000.0, "audiometer_8000"),
    ];
    let nearest = STEMS
        .iter()
        .min_by(|a, b| {
            (a.0 / frequency_hz)
                .ln()
                .abs()
                .total_cmp(&(b.0 / frequency_hz).ln().abs())
        })
        .expect("stems exist");
    SoundKey(nearest.1)
}

/// The audiometer's tone at `level_db_hl` in one ear: a sound that plays once and goes.
pub fn tone(ear: Ear, frequency_hz: f32, level_db_hl: f32) -> impl Bundle {
    (
        Name::new(format!("Tone, {} ear", ear.name())),
        OneShot,
        SoundEmitter {
            sound: tone_sound(frequency_hz),
            looping: false,
            volume_db: volume_db(level_db_hl),
            in_head: true,
        },
        InOneEar(ear),
    )
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Place::Clinic), |mut commands: Commands| {
        commands.insert_resource(HearingTest::default())
    })
    .add_systems(OnExit(Place::Clinic), |mut commands: Commands| {
        commands.remove_resource::<HearingTest>()
    })
    .add_systems(
        Update,
        (
            listen_for_responses.in_set(AppSystems::RecordInput),
            (run_the_test, show_the_audiogram).in_set(AppSystems::Update),
        )
            .run_if(in_state(Place::Clinic))
            .in_set(PausableSystems),
    );
}

/// Where the test is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    /// Before the first tone: the instruction.
    Waiting,
    /// A tone has begun; its response window is open.
    Presenting { since_s: f32 },
    /// Silence until the next tone.
    Gap { left_s: f32 },
    /// Every threshold of both ears is found.
    Over,
}

/// The hearing test under way: read it to know which tone is being presented, to which ear, and what has
/// been measured.
#[derive(Resource, Debug, Clone)]
pub struct HearingTest {
    /// One procedure per ear, in [`TEST_ORDER`].
    procedures: [HughsonWestlake; 2],
    /// The ear under test, as an index into [`TEST_ORDER`]; `TEST_ORDER.len()` when both are done.
    at: usize,
    stage: Stage,
    /// Whether the visitor responded to the tone being presented.
    responded: bool,
    /// Presses outside any response window.
    pub false_alarms: u32,
    /// Every presentation so far, to which ear, and whether it was heard; numbered across both ears.
    pub log: Vec<(Ear, Presentation, bool)>,
    rng: u64,
}

impl Default for HearingTest {
    fn default() -> Self {
        Self {
            procedures: [HughsonWestlake::default(), HughsonWestlake::default()],
            at: 0,
            stage: Stage::Waiting,
            responded: false,
            false_alarms: 0,
            log: Vec::new(),
            rng: GAP_SEED,
        }
    }
}

impl HearingTest {
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The tone being presented now (its response window open) and its ear, if any.
    pub fn presentation(&self) -> Option<(Ear, Presentation)> {
        match self.stage {
            Stage::Presenting { .. } => self.next_tone(),
            _ => None,
        }
    }

    /// The thresholds measured so far in an ear (all of them once the test is over).
    pub fn measured(&self, ear: Ear) -> &MeasuredAudiogram {
        let index = TEST_ORDER.iter().position(|e| *e == ear).unwrap_or(0);
        self.procedures[index].result()
    }

    /// Runs the whole test at once, every tone answered exactly as `ears` hear it: the result a player
    /// who skips the test is shown.
    pub fn answer_as_the_ears_would(&mut self, ears: &HearingProfile) {
        while let Some((ear, presentation)) = self.next_tone() {
            self.record(audible(ear, &presentation, ears));
        }
        self.stage = Stage::Over;
    }

    pub fn is_over(&self) -> bool {
        self.at >= TEST_ORDER.len()
    }

    /// The tone to play now or next, numbered across both ears (from 1).
    fn next_tone(&self) -> Option<(Ear, Presentation)> {
        let ear = *TEST_ORDER.get(self.at)?;
        let presentation = self.procedures[self.at].presentation()?;
        Some((
            ear,
            Presentation {
                number: self.log.len() as u32 + 1,
                ..presentation
            },
        ))
    }

    /// Whether the tone now was heard; moves on to the next tone, and to the next ear once this one is done.
    fn record(&mut self, heard: bool) {
        let Some((ear, presentation)) = self.next_tone() else {
            return;
        };
        self.log.push((ear, presentation, heard));
        let procedure = &mut self.procedures[self.at];
        procedure.respond(heard);
        if procedure.is_done() {
            self.at += 1;
        }
    }

    /// A uniform draw in `[low, high)` from the seeded generator (SplitMix64).
    fn draw(&mut self, (low, high): (f32, f32)) -> f32 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let unit = (z >> 40) as f32 / (1u64 << 24) as f32;
        low + (high - low) * unit
    }
}

/// Whether a tone in `ear` is at or above that ear's threshold in `ears`: what the ghost visitor answers
/// by.
pub fn audible(ear: Ear, presentation: &Presentation, ears: &HearingProfile) -> bool {
    presentation.level_db_hl
        >= ears
            .audiogram(ear)
            .threshold_db_hl(presentation.frequency_hz)
}

/// The answer action during a response window counts as "heard"; at any other time it is a false alarm.
fn listen_for_responses(controls: Controls, mut test: ResMut<HearingTest>) {
    if !controls.just_pressed(Action::AnswerTone) {
        return;
    }
    match test.stage {
        Stage::Presenting { .. } => test.responded = true,
        Stage::Gap { .. } => test.false_alarms += 1,
        Stage::Waiting | Stage::Over => {}
    }
}

#[allow(clippy::too_many_arguments)]
fn run_the_test(
    time: Res<Time>,
    settings: Res<CurrentSettings>,
    ears: Res<CurrentProfile>,
    mut test: ResMut<HearingTest>,
    mut clock: ResMut<Clock<ClinicBeat>>,
    journey: Journey,
    mut commands: Commands,
    place: ThePlace,
    mut guide: ResMut<Guide>,
) {
    if clock.beat() != ClinicBeat::Tones {
        return;
    }
    let dt = journey.story_s(Place::Clinic, time.delta_secs());
    if settings.story.skip_hearing_test && test.stage == Stage::Waiting {
        test.answer_as_the_ears_would(&ears.0);
        clock.proceed();
        return;
    }
    let mut begin_tone = false;
    match test.stage {
        Stage::Waiting => begin_tone = true,
        Stage::Presenting { since_s } => {
            let since_s = since_s + dt;
            test.stage = Stage::Presenting { since_s };
            let heard = test.responded;
            if heard || since_s >= RESPONSE_WINDOW_S {
                test.record(heard);
                test.responded = false;
                *guide = Guide::Watch;
                if test.is_over() {
                    test.stage = Stage::Over;
                    clock.proceed();
                } else {
                    // After a response the gap runs from the press; after a miss, from the window's end.
                    let gap = if heard {
                        test.draw(GAP_AFTER_RESPONSE_S)
                    } else {
                        test.draw(GAP_AFTER_MISS_S)
                    };
                    test.stage = Stage::Gap { left_s: gap };
                }
            }
        }
        Stage::Gap { left_s } => {
            let left_s = left_s - dt;
            test.stage = Stage::Gap { left_s };
            begin_tone = left_s <= 0.0;
        }
        Stage::Over => {}
    }
    if begin_tone && let Some((ear, presentation)) = test.next_tone() {
        test.stage = Stage::Presenting { since_s: 0.0 };
        test.responded = false;
        commands.spawn((
            place.own(),
            tone(ear, presentation.frequency_hz, presentation.level_db_hl),
        ));
        *guide = if audible(ear, &presentation, &ears.0) {
            Guide::Answer {
                action: Action::AnswerTone,
                prompt: presentation.number,
            }
        } else {
            Guide::Watch
        };
    }
}

/// The test is over: the measured audiogram of both ears beside the simulated one.
fn show_the_audiogram(
    mut begun: MessageReader<BeatBegins<ClinicBeat>>,
    mut commands: Commands,
    place: ThePlace,
    test: Res<HearingTest>,
    ears: Res<CurrentProfile>,
) {
    for BeatBegins(beat) in begun.read() {
        if *beat == ClinicBeat::Audiogram {
            let measured = Ears {
                left: test.measured(Ear::Left),
                right: test.measured(Ear::Right),
            };
            spawn_chart(&mut commands, place.own(), measured, &ears.0.audiograms);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenes::clinic::story::{CHART_S, INTRO_S, PROGRESSION, TEST_S};
    use hearing::Threshold;
    use hearing::audiometry::{TEST_ORDER_HZ, max_level_db_hl};

    #[test]
    fn every_tested_frequency_has_its_tone_file() {
        for frequency_hz in TEST_ORDER_HZ {
            let stem = tone_sound(frequency_hz).0;
            assert_eq!(stem, format!("audiometer_{}", frequency_hz as u32));
        }
    }

    #[test]
    fn the_loudest_tone_stays_under_the_limiter() {
        for frequency_hz in TEST_ORDER_HZ {
            let at_ear_dbfs = volume_db(max_level_db_hl(frequency_hz)) + TONE_FILE_DB_SPL - 100.0;
            assert!(
                at_ear_dbfs <= hearing::DEFAULT_CEILING_DBFS - 3.0,
                "{frequency_hz} Hz"
            );
        }
    }

    #[test]
    fn gaps_are_random_but_seeded() {
        let mut a = HearingTest::default();
        let mut b = HearingTest::default();
        let draws: Vec<f32> = (0..20).map(|_| a.draw(GAP_AFTER_MISS_S)).collect();
        let again: Vec<f32> = (0..20).map(|_| b.draw(GAP_AFTER_MISS_S)).collect();
        assert_eq!(draws, again);
        assert!(draws.iter().all(|g| (0.2..1.0).contains(g)));
        let spread = draws.iter().cloned().fold(f32::MIN, f32::max)
            - draws.iter().cloned().fold(f32::MAX, f32::min);
        assert!(spread > 0.4, "{draws:?}");
    }

    #[test]
    fn the_right_ear_is_tested_first_then_the_left_and_both_are_measured_as_they_hear() {
        let ears = HearingProfile::at_with_lead(0.5, Ear::Left, 0.3);
        let mut test = HearingTest::default();
        test.answer_as_the_ears_would(&ears);
        assert!(test.is_over());
        let order: Vec<Ear> = test.log.iter().map(|(ear, _, _)| *ear).collect();
        let switch = order.iter().position(|ear| *ear == Ear::Left).unwrap();
        assert!(switch > 0);
        assert!(order[..switch].iter().all(|ear| *ear == Ear::Right));
        assert!(order[switch..].iter().all(|ear| *ear == Ear::Left));
        for (number, (_, presentation, _)) in test.log.iter().enumerate() {
            assert_eq!(presentation.number, number as u32 + 1);
        }
        for ear in TEST_ORDER {
            for (frequency_hz, threshold) in &test.measured(ear).thresholds {
                let truth = ears.audiogram(ear).threshold_db_hl(*frequency_hz);
                let Threshold::Measured(level) = threshold else {
                    panic!("{} ear, {frequency_hz} Hz: no response", ear.name());
                };
                assert!(
                    (level - truth).abs() <= 5.0,
                    "{} ear, {frequency_hz} Hz: measured {level}, simulated {truth}",
                    ear.name()
                );
            }
        }
        let at_4k = |ear| test.measured(ear).at(4000.0).unwrap().level_db_hl();
        assert!(
            at_4k(Ear::Left) > at_4k(Ear::Right),
            "the leading ear is worse"
        );
    }

    #[test]
    fn the_test_of_both_severe_ears_lasts_about_three_minutes() {
        // A listener who answers at once: heard tones last the press plus the gap, missed ones the window
        // plus the gap (mean gaps).
        let ears = HearingProfile::at(PROGRESSION);
        let mut test = HearingTest::default();
        let mut story_s = INTRO_S + CHART_S;
        while let Some((ear, presentation)) = test.next_tone() {
            let heard = audible(ear, &presentation, &ears);
            story_s += if heard {
                0.3 + (GAP_AFTER_RESPONSE_S.0 + GAP_AFTER_RESPONSE_S.1) / 2.0
            } else {
                RESPONSE_WINDOW_S + (GAP_AFTER_MISS_S.0 + GAP_AFTER_MISS_S.1) / 2.0
            };
            test.record(heard);
        }
        println!("{story_s} s, told {} s", TEST_S + CHART_S);
        assert!(
            (0.75 * (TEST_S + CHART_S)..=1.25 * (TEST_S + CHART_S)).contains(&story_s),
            "{story_s} s"
        );
    }
}
