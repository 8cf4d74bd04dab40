//! Fast approximations used on the control path of the audio thread, where thousands of
//! logarithms a second would otherwise dominate the cost.

/// log2(x) for x > 0, within 1e-4 (about 0.003 dB when used for decibels).
#[inline]
pub(crate) fn log2(x: f32) -> f32 {
    let bits = x.max(f32::MIN_POSITIVE).to_bits();
    let exponent = ((bits >> 23) & 0xff) as f32 - 127.0;
    let mantissa = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    // Least-squares polynomial for log2 on [1, 2), error 3e-5.
    let m = mantissa;
    let poly = -2.786_813
        + m * (5.046_876 + m * (-3.492_494_3 + m * (1.593_901_4 + m * (-0.404_867_2 + m * 0.043_428_91))));
    exponent + poly
}

/// 10 * log10(x) for a power ratio.
#[inline]
pub(crate) fn power_db(power: f32) -> f32 {
    const DB_PER_OCTAVE: f32 = 3.010_299_9;
    DB_PER_OCTAVE * log2(power)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log2_is_accurate_across_the_range_we_use() {
        let mut x = 1e-12f32;
        while x < 1e12 {
            let error = (log2(x) - x.log2()).abs();
            assert!(error < 1e-4, "log2({x}) off by {error}");
            x *= 1.37;
        }
    }
}
