//! What the ears measure in each audiometric band, and what a sound there becomes in them. One place
//! for the ears' own account and for anything that shows what is heard (the game's sound indicator):
//! a sound's heard level is its band levels, as the ears' detectors read them, after the gain the ears
//! are giving each band.

use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;
use crate::profile::{Ear, Ears};

/// The ears' bands: one at each audiometric frequency.
pub const BANDS: usize = AUDIOMETRIC_FREQUENCIES_HZ.len();

/// Below this a band counts as silent (dB SPL): under any threshold, and the floor of the read-outs.
pub const SILENT_DB_SPL: f32 = -20.0;

/// Each band's level at each ear (dB SPL), as the ears' detectors read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandLevels(pub Ears<[f32; BANDS]>);

/// The gain each ear gives each band (dB): 0 for an ear that loses nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandGains(pub Ears<[f32; BANDS]>);

impl BandLevels {
    pub const SILENT: Self = Self(Ears::both([SILENT_DB_SPL; BANDS]));

    /// How loud it is, all bands together, in the ear it is louder in (dB SPL).
    pub fn total_db_spl(&self) -> f32 {
        Ear::BOTH
            .map(|ear| power_sum_db(&self.0.get(ear)))
            .into_iter()
            .fold(SILENT_DB_SPL, f32::max)
    }

    /// The same sound as the ears hear it, given the gains they are giving each band.
    pub fn heard_through(&self, gains: &BandGains) -> Self {
        let heard = |ear: Ear| {
            let (levels, gains) = (self.0.get(ear), gains.0.get(ear));
            std::array::from_fn(|k| (levels[k] + gains[k]).max(SILENT_DB_SPL))
        };
        Self(Ears {
            left: heard(Ear::Left),
            right: heard(Ear::Right),
        })
    }
}

impl BandGains {
    pub const NONE: Self = Self(Ears::both([0.0; BANDS]));
}

/// Bands at or under [`SILENT_DB_SPL`] add nothing.
fn power_sum_db(levels: &[f32; BANDS]) -> f32 {
    let power: f32 = levels
        .iter()
        .filter(|db| **db > SILENT_DB_SPL)
        .map(|db| 10f32.powf(db / 10.0))
        .sum();
    if power > 0.0 {
        (10.0 * power.log10()).max(SILENT_DB_SPL)
    } else {
        SILENT_DB_SPL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_add_as_powers_and_the_louder_ear_counts() {
        let mut levels = BandLevels::SILENT;
        levels.0.left[3] = 60.0;
        levels.0.left[5] = 60.0;
        levels.0.right[5] = 50.0;
        assert!((levels.total_db_spl() - 63.01).abs() < 0.01);
        assert_eq!(BandLevels::SILENT.total_db_spl(), SILENT_DB_SPL);
    }

    #[test]
    fn a_sound_is_heard_after_each_band_s_gain() {
        let mut levels = BandLevels::SILENT;
        levels.0 = Ears::both([70.0; BANDS]);
        let mut gains = BandGains::NONE;
        gains.0.left = [-30.0; BANDS];
        gains.0.right = [-200.0; BANDS];
        let heard = levels.heard_through(&gains);
        assert_eq!(heard.0.left, [40.0; BANDS]);
        assert_eq!(heard.0.right, [SILENT_DB_SPL; BANDS]);
        assert_eq!(levels.heard_through(&BandGains::NONE), levels);
    }
}
