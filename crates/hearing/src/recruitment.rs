//! Loudness recruitment: how much a failing ear attenuates a band, given its threshold and the band level.
//!
//! The rule is the linear-in-dB expansion used by the MSBG simulator (Moore, Stone, Baer & Glasberg;
//! Baer & Moore 1993/1994; the model behind the Clarity challenge) and by 3D Tune-In's hearing-loss
//! simulator: the impaired ear's loudness grows faster than a normal ear's, from its raised threshold
//! up to the point of full recruitment where both hear the same.
//!
//! In terms of levels at the ear, a band at `L` dB SPL in an ear with threshold `HL` dB HL is heard
//! like a normal ear would hear `O = (L - HL) * Lmax / (Lmax - HL)`, so the simulator attenuates it by
//!
//! `attenuation = L - O = HL * (Lmax - L) / (Lmax - HL)`, clamped to `[0, MAX_ATTENUATION_DB]`.
//!
//! At threshold (`L = HL`) the output lands on the normal threshold (0 dB); at `Lmax` nothing is lost;
//! in between loudness grows `Lmax / (Lmax - HL)` times faster than normal (the expansion ratio).
//! Thresholds in dB HL are treated as dB SPL above the normal threshold, as MSBG does.

/// Level at which the impaired ear hears as loudly as a normal one (dB SPL).
pub const FULL_RECRUITMENT_DB_SPL: f32 = 100.0;

/// The deepest cut the simulator applies (dB): beyond this a band is simply gone.
pub const MAX_ATTENUATION_DB: f32 = 100.0;

/// The attenuation (dB, positive) the rule asks for a band at `level_db_spl` in an ear with
/// `threshold_db_hl`.
pub fn attenuation_db(threshold_db_hl: f32, level_db_spl: f32) -> f32 {
    let headroom = FULL_RECRUITMENT_DB_SPL - threshold_db_hl;
    if threshold_db_hl <= 0.0 {
        return 0.0;
    }
    if headroom <= 0.0 {
        return MAX_ATTENUATION_DB;
    }
    let attenuation = threshold_db_hl * (FULL_RECRUITMENT_DB_SPL - level_db_spl) / headroom;
    attenuation.clamp(0.0, MAX_ATTENUATION_DB)
}

/// How much faster than normal loudness grows in a band with this threshold (output dB per input dB).
pub fn expansion_ratio(threshold_db_hl: f32) -> f32 {
    FULL_RECRUITMENT_DB_SPL / (FULL_RECRUITMENT_DB_SPL - threshold_db_hl.max(0.0)).max(1e-3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_at_threshold_lands_on_the_normal_threshold() {
        for threshold in [10.0, 35.0, 60.0, 90.0] {
            let heard = threshold - attenuation_db(threshold, threshold);
            assert!(
                heard.abs() < 1e-3 || attenuation_db(threshold, threshold) == MAX_ATTENUATION_DB
            );
        }
    }

    #[test]
    fn loud_sounds_come_through_and_soft_ones_vanish() {
        assert_eq!(attenuation_db(60.0, FULL_RECRUITMENT_DB_SPL), 0.0);
        assert!(attenuation_db(60.0, 80.0) < attenuation_db(60.0, 50.0));
        assert_eq!(attenuation_db(60.0, 0.0), MAX_ATTENUATION_DB);
    }

    #[test]
    fn normal_hearing_attenuates_nothing() {
        assert_eq!(attenuation_db(0.0, 40.0), 0.0);
        assert_eq!(expansion_ratio(0.0), 1.0);
    }

    #[test]
    fn loudness_grows_faster_in_a_damaged_band() {
        // 30 dB more input gives 30 * ratio dB more output.
        let growth = (80.0 - attenuation_db(50.0, 80.0)) - (50.0 - attenuation_db(50.0, 50.0));
        assert!((growth - 30.0 * expansion_ratio(50.0)).abs() < 1e-3);
        assert!((expansion_ratio(50.0) - 2.0).abs() < 1e-6);
    }
}
