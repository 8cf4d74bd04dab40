//! What the ears measure in each audiometric band, and what a sound there becomes in them. One place
//! for the ears' own account and for anything that shows what is heard (the game's sound indicator):
//! a sound's heard level is its band levels, as the ears' detectors read them, after the gain the ears
//! are giving each band.

use std::sync::LazyLock;

use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;
use crate::dsp::loss::DETECTOR_Q;
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

    /// How loud it is, all bands together, in the ear it is louder in (dB SPL): each band weighted by
    /// its share (see [`band_weights`]), so a tone reads at its own level wherever it lies.
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

/// Each band's share of a sound's total power. The detectors overlap (band-passes of Q 1.4, about half
/// an octave apart), so a tone lights three to five of them and a plain sum of their powers reads it
/// about 4 dB high. Each band counts for the stretch of log frequency it covers (half the way to each
/// neighbour) over the log-frequency width of one band-pass,
/// `∫|H|² d(ln f) = 2 acos(1/2Q) / √(4Q² − 1)`; each end band also takes what its missing outer
/// neighbours would have added at its centre. A tone anywhere from 125 Hz to 8 kHz then reads within
/// about half a decibel of its level.
pub fn band_weights() -> &'static [f32; BANDS] {
    static WEIGHTS: LazyLock<[f32; BANDS]> = LazyLock::new(|| {
        let two_q = 2.0 * DETECTOR_Q;
        let width = 2.0 * (1.0 / two_q).acos() / (two_q * two_q - 1.0).sqrt();
        let ln_hz = AUDIOMETRIC_FREQUENCIES_HZ.map(f32::ln);
        let mut weights: [f32; BANDS] = std::array::from_fn(|k| {
            let below = if k > 0 { ln_hz[k] - ln_hz[k - 1] } else { 0.0 };
            let above = ln_hz.get(k + 1).map_or(0.0, |next| next - ln_hz[k]);
            (below + above) / 2.0 / width
        });
        for end in [0, BANDS - 1] {
            let centre_hz = AUDIOMETRIC_FREQUENCIES_HZ[end];
            let from_others: f32 = (0..BANDS)
                .filter(|k| *k != end)
                .map(|k| weights[k] * band_pass_power(centre_hz, AUDIOMETRIC_FREQUENCIES_HZ[k]))
                .sum();
            weights[end] = 1.0 - from_others;
        }
        weights
    });
    &WEIGHTS
}

/// The power a detector centred on `centre_hz` passes of a tone at `frequency_hz` (1 at its centre).
fn band_pass_power(frequency_hz: f32, centre_hz: f32) -> f32 {
    let detuning = frequency_hz / centre_hz - centre_hz / frequency_hz;
    1.0 / (1.0 + (DETECTOR_Q * detuning).powi(2))
}

/// Bands at or under [`SILENT_DB_SPL`] add nothing.
fn power_sum_db(levels: &[f32; BANDS]) -> f32 {
    let power: f32 = levels
        .iter()
        .zip(band_weights())
        .filter(|(db, _)| **db > SILENT_DB_SPL)
        .map(|(db, weight)| weight * 10f32.powf(db / 10.0))
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
    fn bands_add_as_weighted_powers_and_the_louder_ear_counts() {
        let weights = band_weights();
        let mut levels = BandLevels::SILENT;
        levels.0.left[3] = 60.0;
        levels.0.left[5] = 60.0;
        levels.0.right[5] = 50.0;
        let both = 60.0 + 10.0 * (weights[3] + weights[5]).log10();
        assert!((levels.total_db_spl() - both).abs() < 0.01);
        levels.0.right[5] = 70.0;
        let right = 70.0 + 10.0 * weights[5].log10();
        assert!((levels.total_db_spl() - right.max(both)).abs() < 0.01);
        assert_eq!(BandLevels::SILENT.total_db_spl(), SILENT_DB_SPL);
    }

    #[test]
    fn every_band_counts_for_less_than_itself_as_its_neighbours_overlap_it() {
        for weight in band_weights() {
            assert!((0.2..1.0).contains(weight), "{:?}", band_weights());
        }
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
