//! Fast approximations used on the control path of the audio thread, where thousands of
//! logarithms a second would otherwise dominate the cost.

/// How the hot loops multiply and add: fused where the CPU can (one rounding, half the latency),
/// separately everywhere else. The processor picks one at run time.
pub(crate) trait MulAdd {
    fn mul_add(a: f32, b: f32, c: f32) -> f32;
}

pub(crate) struct Fused;

impl MulAdd for Fused {
    #[inline(always)]
    fn mul_add(a: f32, b: f32, c: f32) -> f32 {
        a.mul_add(b, c)
    }
}

pub(crate) struct Separate;

impl MulAdd for Separate {
    #[inline(always)]
    fn mul_add(a: f32, b: f32, c: f32) -> f32 {
        a * b + c
    }
}

/// log2(x) for x > 0, within 1e-4 (about 0.003 dB when used for decibels).
#[inline(always)]
pub(crate) fn log2(x: f32) -> f32 {
    let bits = x.max(f32::MIN_POSITIVE).to_bits();
    let exponent = ((bits >> 23) & 0xff) as f32 - 127.0;
    let mantissa = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    // Least-squares polynomial for log2 on [1, 2), error 3e-5.
    let m = mantissa;
    let poly = -2.786_813
        + m * (5.046_876
            + m * (-3.492_494_3 + m * (1.593_901_4 + m * (-0.404_867_2 + m * 0.043_428_91))));
    exponent + poly
}

/// 2^x within 1e-5 relative error, for |x| < 120.
#[inline(always)]
pub(crate) fn exp2(x: f32) -> f32 {
    let x = x.clamp(-126.0, 126.0);
    // Rounding towards zero, then down for negative fractions: `floor` without a library call on
    // CPUs that have no rounding instruction.
    let truncated = x as i32 as f32;
    let whole = if truncated > x {
        truncated - 1.0
    } else {
        truncated
    };
    let fraction = x - whole;
    // Least-squares polynomial for 2^f on [0, 1).
    let poly = 1.000_007_3
        + fraction
            * (0.692_931_3
                + fraction * (0.241_710_2 + fraction * (0.051_666_9 + fraction * 0.013_676_5)));
    f32::from_bits(((whole as i32 + 127) as u32) << 23) * poly
}

/// 10^(db / 20): a level in decibels as an amplitude ratio.
#[inline(always)]
pub(crate) fn db_to_amplitude(db: f32) -> f32 {
    const OCTAVES_PER_DB: f32 = 0.166_096_4;
    exp2(db * OCTAVES_PER_DB)
}

/// Decibels per doubling of power: 10 * log10(2).
pub(crate) const DB_PER_OCTAVE: f32 = 3.010_3;

/// 10 * log10(x) for a power ratio.
#[inline(always)]
pub(crate) fn power_db(power: f32) -> f32 {
    DB_PER_OCTAVE * log2(power)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp2_is_accurate_across_the_range_we_use() {
        let mut x = -100.0f32;
        while x < 100.0 {
            let relative = (exp2(x) / x.exp2() - 1.0).abs();
            assert!(relative < 2e-5, "exp2({x}) off by {relative}");
            x += 0.173;
        }
    }

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
