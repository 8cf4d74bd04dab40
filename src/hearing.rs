//! The bridge from the story to the ears: progression component -> hearing profile -> effect
//! parameters, every frame; hard cuts (a change of place) and perspective changes jump, everything else glides.

use bevy::prelude::*;
use hearing::{BandGains, BandLevels, Ear, HearingProfile, MaskingNoise, Tinnitus};

use crate::audio::{AudioOutput, AudioSystems, HardCut, Voice};
use crate::journey::{AppSystems, PausableSystems, TinnitusOnset};
use crate::settings::{CurrentSettings, TinnitusMode};

/// How far the drummer's hearing has gone: 0 is normal hearing, 1 is profound loss.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
#[require(EarSounds)]
pub struct HearingProgression(pub f32);

/// Beside a [`HearingProgression`]: one ear is further along than the other by `lead` (of progression;
/// negative: behind), as a drummer's ear on the side of the cymbals often is. Without it both ears are
/// alike.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct LeadingEar {
    pub ear: Ear,
    pub lead: f32,
}

/// The sounds the drummer's ears make on their own, raised and lowered by the story's beats.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq)]
pub struct EarSounds {
    pub ringing: Option<Ringing>,
    pub masking_noise: Option<MaskingNoise>,
}

/// A ringing designed by its loudness at the ear, whatever the threshold does beneath it: as the
/// loss deepens the ringing stays what the story asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ringing {
    pub frequency_hz: f32,
    pub level_db_spl: f32,
    pub rise_s: f32,
    pub fall_s: f32,
}

/// The onset, as the ears live it: seconds after it begins, and what they do from then on.
/// The ringing rises first; the rush of noise buries everything, holds, and ebbs; the ringing stays,
/// softer.
pub const ONSET: [(f32, EarSounds); 3] = [
    (
        0.0,
        EarSounds {
            ringing: Some(ONSET_RINGING),
            masking_noise: None,
        },
    ),
    (
        1.5,
        EarSounds {
            ringing: Some(ONSET_RINGING),
            masking_noise: Some(MaskingNoise {
                level_db_spl: 78.0,
                rise_s: 0.8,
                fall_s: 2.5,
            }),
        },
    ),
    (
        7.0,
        EarSounds {
            ringing: Some(Ringing {
                level_db_spl: 62.0,
                ..ONSET_RINGING
            }),
            masking_noise: None,
        },
    ),
];

/// The ringing of the onset: high, narrow, rising over a second and a half.
pub const ONSET_RINGING: Ringing = Ringing {
    frequency_hz: 6300.0,
    level_db_spl: 74.0,
    rise_s: 1.5,
    fall_s: 4.0,
};

/// How long ago the onset began, while its ear sounds are still changing.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq)]
pub struct OnsetClock(pub f32);

/// Whose ears the player hears through. Switching is a hard cut.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq, Reflect)]
pub enum Perspective {
    #[default]
    YourEars,
    TheRoomAsItIs,
}

/// A few seconds of the onset's ringing at the chosen tinnitus mode, asked for by the settings screen so
/// the player hears (or sees) what they chose. Runs while paused.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct TinnitusPreview {
    pub left_s: f32,
}

impl TinnitusPreview {
    pub const LENGTH_S: f32 = 2.5;

    pub fn play(&mut self) {
        self.left_s = Self::LENGTH_S;
    }
}

/// The profile the ears are using now, as last sent to the effect.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct CurrentProfile(pub HearingProfile);

impl Default for CurrentProfile {
    fn default() -> Self {
        Self(HearingProfile::normal())
    }
}

/// What the ears measure now, read from their own detectors: each band's level reaching them (the room
/// as it is) and the gain they are giving that band.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct EarsReading {
    pub room: BandLevels,
    pub gains: BandGains,
}

impl Default for EarsReading {
    fn default() -> Self {
        Self {
            room: BandLevels::SILENT,
            gains: BandGains::NONE,
        }
    }
}

impl EarsReading {
    /// What the ears make of a sound that brings them these band levels: each band after the gain the
    /// ears are giving it, the rule the ears themselves follow.
    pub fn heard(&self, at_the_ears: &BandLevels) -> BandLevels {
        at_the_ears.heard_through(&self.gains)
    }

    /// The room as the drummer hears it.
    pub fn room_heard(&self) -> BandLevels {
        self.heard(&self.room)
    }
}

/// Set by whatever shows sounds: while it is, each sound source playing from a point in the world is
/// measured on its own at the ears ([`AtTheEars`]).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MeasureSources(pub bool);

/// Beside a sound source playing from a point in the world, while [`MeasureSources`] is set: what it
/// alone brings each ear, band by band (after distance and direction, before the ears).
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct AtTheEars(pub BandLevels);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Perspective>()
        .init_resource::<TinnitusPreview>()
        .init_resource::<CurrentProfile>()
        .init_resource::<EarsReading>()
        .init_resource::<MeasureSources>()
        .add_systems(
            PostUpdate,
            read_the_ears
                .after(AudioSystems)
                .run_if(resource_exists::<AudioOutput>),
        )
        .add_systems(
            Update,
            (start_the_onset, ring_through_the_onset)
                .chain()
                .in_set(AppSystems::Update)
                .in_set(PausableSystems),
        )
        .add_systems(
            PostUpdate,
            (send_profile, cut_perspective)
                .in_set(AudioSystems)
                .run_if(resource_exists::<AudioOutput>),
        );
}

fn start_the_onset(
    mut onsets: MessageReader<TinnitusOnset>,
    mut commands: Commands,
    ears: Query<Entity, With<HearingProgression>>,
) {
    if onsets.read().count() > 0 {
        for entity in &ears {
            commands.entity(entity).insert(OnsetClock(0.0));
        }
    }
}

fn ring_through_the_onset(time: Res<Time>, mut ears: Query<(&mut OnsetClock, &mut EarSounds)>) {
    for (mut clock, mut sounds) in &mut ears {
        clock.0 += time.delta_secs();
        if let Some((_, now)) = ONSET.iter().rev().find(|(at_s, _)| clock.0 >= *at_s) {
            sounds.set_if_neq(*now);
        }
    }
}

/// The profile for a moment of the story.
pub fn profile_for(
    progression: HearingProgression,
    leading: Option<LeadingEar>,
    ears: EarSounds,
    comfort: TinnitusMode,
) -> HearingProfile {
    let mut profile = match leading {
        Some(LeadingEar { ear, lead }) => HearingProfile::at_with_lead(progression.0, ear, lead),
        None => HearingProfile::at(progression.0),
    };
    if let Some(ringing) = ears.ringing {
        // Each ear rings at the same loudness over its own threshold.
        for ear in Ear::BOTH {
            let threshold = profile.audiogram(ear).threshold_db_hl(ringing.frequency_hz);
            let level_db_sl = match comfort {
                TinnitusMode::Full => ringing.level_db_spl - threshold,
                TinnitusMode::Reduced => ringing.level_db_spl - 12.0 - threshold,
                TinnitusMode::VisualOnly => Tinnitus::SILENT_DB_SL,
            };
            profile.tinnitus.set(
                ear,
                Tinnitus {
                    frequency_hz: ringing.frequency_hz,
                    level_db_sl,
                    rise_s: ringing.rise_s,
                    fall_s: ringing.fall_s,
                },
            );
        }
    }
    if let Some(noise) = ears.masking_noise {
        profile = profile.with_masking_noise(noise);
    }
    profile
}

fn send_profile(
    ears: Query<(&HearingProgression, Option<&LeadingEar>, &EarSounds)>,
    settings: Res<CurrentSettings>,
    time: Res<Time<Real>>,
    mut preview: ResMut<TinnitusPreview>,
    cut: Res<HardCut>,
    mut current: ResMut<CurrentProfile>,
    mut output: ResMut<AudioOutput>,
) {
    let (progression, leading, mut sounds) = match ears.single() {
        Ok((progression, leading, sounds)) => (*progression, leading.copied(), *sounds),
        Err(_) => (HearingProgression(0.0), None, EarSounds::default()),
    };
    if preview.left_s > 0.0 {
        preview.left_s = (preview.left_s - time.delta_secs()).max(0.0);
        sounds.ringing = Some(ONSET_RINGING);
    }
    let profile = profile_for(progression, leading, sounds, settings.sound.tinnitus);
    if cut.0 {
        output.hearing().jump_to_profile(profile);
    } else if profile != current.0 {
        output.hearing().set_profile(profile);
    }
    current.0 = profile;
}

fn read_the_ears(
    mut commands: Commands,
    measure: Res<MeasureSources>,
    mut output: ResMut<AudioOutput>,
    mut reading: ResMut<EarsReading>,
    voices: Query<(Entity, &Voice, Has<AtTheEars>)>,
) {
    let hearing = output.hearing();
    reading.set_if_neq(EarsReading {
        room: hearing.band_levels(),
        gains: hearing.band_gains(),
    });
    let mixer = output.mixer();
    if measure.is_changed() {
        mixer.measure_spatial_tracks(measure.0);
    }
    for (entity, voice, measured) in &voices {
        match (measure.0, voice.spatial_track()) {
            (true, Some(track)) => {
                commands
                    .entity(entity)
                    .insert(AtTheEars(mixer.spatial_track_levels(track)));
            }
            _ if measured => {
                commands.entity(entity).remove::<AtTheEars>();
            }
            _ => {}
        }
    }
}

fn cut_perspective(perspective: Res<Perspective>, mut output: ResMut<AudioOutput>) {
    if perspective.is_changed() {
        output
            .hearing()
            .set_bypass(*perspective == Perspective::TheRoomAsItIs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comfort_softens_or_silences_the_ringing() {
        let ears = EarSounds {
            ringing: Some(ONSET_RINGING),
            masking_noise: None,
        };
        let heard_db_spl = |comfort| {
            let profile = profile_for(HearingProgression(0.3), None, ears, comfort);
            profile.tinnitus.left.level_db_sl
                + profile
                    .audiograms
                    .left
                    .threshold_db_hl(ONSET_RINGING.frequency_hz)
        };
        assert!((heard_db_spl(TinnitusMode::Full) - ONSET_RINGING.level_db_spl).abs() < 1e-3);
        assert!(
            (heard_db_spl(TinnitusMode::Reduced) - (ONSET_RINGING.level_db_spl - 12.0)).abs()
                < 1e-3
        );
        let silent = profile_for(
            HearingProgression(0.3),
            None,
            ears,
            TinnitusMode::VisualOnly,
        );
        assert_eq!(silent.tinnitus.left.level_db_sl, Tinnitus::SILENT_DB_SL);
        assert_eq!(silent.tinnitus.right.level_db_sl, Tinnitus::SILENT_DB_SL);
    }

    #[test]
    fn the_ringing_keeps_its_loudness_as_the_loss_deepens() {
        let ears = EarSounds {
            ringing: Some(ONSET_RINGING),
            masking_noise: None,
        };
        for progression in [0.1, 0.5, 0.9] {
            let profile = profile_for(
                HearingProgression(progression),
                None,
                ears,
                TinnitusMode::Full,
            );
            for ear in Ear::BOTH {
                let heard = profile.tinnitus.get(ear).level_db_sl
                    + profile
                        .audiogram(ear)
                        .threshold_db_hl(ONSET_RINGING.frequency_hz);
                assert!((heard - ONSET_RINGING.level_db_spl).abs() < 1e-3);
            }
        }
    }

    #[test]
    fn a_leading_ear_is_further_along_and_the_other_follows_the_story() {
        let leading = LeadingEar {
            ear: Ear::Left,
            lead: 0.1,
        };
        let quiet = EarSounds::default();
        let profile = profile_for(
            HearingProgression(0.5),
            Some(leading),
            quiet,
            TinnitusMode::Full,
        );
        assert_eq!(
            profile.audiograms.left,
            HearingProfile::at(0.6).audiograms.left
        );
        assert_eq!(
            profile.audiograms.right,
            HearingProfile::at(0.5).audiograms.right
        );
        let alike = profile_for(HearingProgression(0.5), None, quiet, TinnitusMode::Full);
        assert_eq!(alike, HearingProfile::at(0.5));
    }
}
