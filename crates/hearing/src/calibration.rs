//! The one constant that ties digital level to sound pressure: how loud full scale is at the ear.

/// Maps digital level (dBFS) to sound pressure level at the ear (dB SPL).
///
/// Levels use the AES17 convention: a full-scale sine (peak amplitude 1.0) reads 0 dBFS, so its
/// RMS of 0.707 is 0 dBFS as well. With the default, a full-scale sine is heard at 100 dB SPL.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    pub db_spl_at_full_scale: f32,
}

impl Calibration {
    pub const DEFAULT_DB_SPL_AT_FULL_SCALE: f32 = 100.0;
    /// The calibrations the simulation accepts (dB SPL at full scale).
    pub const RANGE_DB_SPL: (f32, f32) = (40.0, 160.0);

    pub fn db_spl(self, dbfs: f32) -> f32 {
        dbfs + self.db_spl_at_full_scale
    }

    pub fn dbfs(self, db_spl: f32) -> f32 {
        db_spl - self.db_spl_at_full_scale
    }

    /// Peak amplitude of a sine heard at `db_spl`.
    pub fn sine_amplitude(self, db_spl: f32) -> f32 {
        db_to_amplitude(self.dbfs(db_spl))
    }
}

impl Default for Calibration {
    fn default() -> Self {
        Self {
            db_spl_at_full_scale: Self::DEFAULT_DB_SPL_AT_FULL_SCALE,
        }
    }
}

pub fn db_to_amplitude(db: f32) -> f32 {
    10f32.powf(db / 20.0)
}

pub fn amplitude_to_db(amplitude: f32) -> f32 {
    20.0 * amplitude.max(1e-12).log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_scale_sine_is_heard_at_the_calibration_level() {
        let calibration = Calibration::default();
        assert!((calibration.sine_amplitude(100.0) - 1.0).abs() < 1e-6);
        assert!((calibration.sine_amplitude(80.0) - 0.1).abs() < 1e-6);
        assert_eq!(calibration.db_spl(-20.0), 80.0);
    }
}
