//! Andrew Simper's trapezoidal state-variable filter (Cytomic, "SvfLinearTrapOptimised2"): cheap,
//! exact in magnitude after the bilinear transform, and well-behaved while its parameters move.

use std::f32::consts::PI;

use super::fastmath;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    LowShelf,
    Bell,
    HighShelf,
    LowPass,
}

/// The coefficients of one section, derived from its shape, centre, Q and gain.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Coefficients {
    g: f32,
    k: f32,
    a1: f32,
    a2: f32,
    a3: f32,
    m0: f32,
    m1: f32,
    m2: f32,
}

impl Coefficients {
    pub(crate) const IDENTITY: Self = Self {
        g: 0.0,
        k: 1.0,
        a1: 1.0,
        a2: 0.0,
        a3: 0.0,
        m0: 1.0,
        m1: 0.0,
        m2: 0.0,
    };

    /// `prewarped` is `tan(pi * centre_hz / sample_rate)`.
    pub(crate) fn new(shape: Shape, prewarped: f32, q: f32, gain_db: f32) -> Self {
        let a = fastmath::db_to_amplitude(0.5 * gain_db);
        let (g, k, m0, m1, m2) = match shape {
            Shape::LowShelf => {
                let k = 1.0 / q;
                (prewarped / a.sqrt(), k, 1.0, k * (a - 1.0), a * a - 1.0)
            }
            Shape::Bell => {
                let k = 1.0 / (q * a);
                (prewarped, k, 1.0, k * (a * a - 1.0), 0.0)
            }
            Shape::HighShelf => {
                let k = 1.0 / q;
                (
                    prewarped * a.sqrt(),
                    k,
                    a * a,
                    k * (1.0 - a) * a,
                    1.0 - a * a,
                )
            }
            Shape::LowPass => (prewarped, 1.0 / q, 0.0, 0.0, 1.0),
        };
        let a1 = 1.0 / (1.0 + g * (g + k));
        let a2 = g * a1;
        let a3 = g * a2;
        Self {
            g,
            k,
            a1,
            a2,
            a3,
            m0,
            m1,
            m2,
        }
    }

    /// Magnitude response (dB) at a prewarped frequency `w = tan(pi * f / sample_rate)`.
    pub(crate) fn magnitude_db(&self, w: f32) -> f32 {
        fastmath::power_db(self.power_ratio(w))
    }

    /// Squared magnitude response at a prewarped frequency.
    pub(crate) fn power_ratio(&self, w: f32) -> f32 {
        let g2 = self.g * self.g;
        let d_re = g2 - w * w;
        let d_im = self.g * self.k * w;
        let n_re = self.m0 * d_re + self.m2 * g2;
        let n_im = self.m0 * d_im + self.m1 * self.g * w;
        (n_re * n_re + n_im * n_im) / (d_re * d_re + d_im * d_im).max(1e-30)
    }
}

/// One section rearranged so that its output is an affine function of its input,
/// `out = alpha * in + beta`, with `beta` computed from the state before the input arrives.
/// In a cascade that leaves one multiply-add per section on the path from input to output, and
/// the state updates of all sections become independent lanes the compiler can vectorise.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AffineCoefficients {
    pub(crate) alpha: f32,
    /// Input weights of the two state updates.
    pub(crate) in1: f32,
    pub(crate) in2: f32,
    /// State transition: `ic1' = in1 * v0 + s11 * ic1 + s12 * ic2`, `ic2' = in2 * v0 + s21 * ic1 + s22 * ic2`.
    pub(crate) s11: f32,
    pub(crate) s12: f32,
    pub(crate) s21: f32,
    pub(crate) s22: f32,
    /// `beta = b1 * ic1 + b2 * ic2`.
    pub(crate) b1: f32,
    pub(crate) b2: f32,
}

impl From<Coefficients> for AffineCoefficients {
    fn from(c: Coefficients) -> Self {
        Self {
            alpha: c.m0 + c.m1 * c.a2 + c.m2 * c.a3,
            in1: 2.0 * c.a2,
            in2: 2.0 * c.a3,
            s11: 2.0 * c.a1 - 1.0,
            s12: -2.0 * c.a2,
            s21: 2.0 * c.a2,
            s22: 1.0 - 2.0 * c.a3,
            b1: c.m1 * c.a1 + c.m2 * c.a2,
            b2: c.m2 * (1.0 - c.a3) - c.m1 * c.a2,
        }
    }
}

/// Prewarps a frequency for [`Coefficients`].
pub(crate) fn prewarp(frequency_hz: f32, sample_rate: f32) -> f32 {
    (PI * (frequency_hz / sample_rate).min(0.49)).tan()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsp::DENORMAL_GUARD;

    /// The section run the textbook way, one state update after another: the reference.
    #[derive(Debug, Clone, Copy, Default)]
    struct State {
        ic1: f32,
        ic2: f32,
    }

    impl State {
        #[inline(always)]
        fn tick(&mut self, c: &Coefficients, v0: f32) -> f32 {
            let v3 = v0 - self.ic2;
            let v1 = c.a1 * self.ic1 + c.a2 * v3;
            let v2 = self.ic2 + c.a2 * self.ic1 + c.a3 * v3;
            self.ic1 = 2.0 * v1 - self.ic1 + DENORMAL_GUARD;
            self.ic2 = 2.0 * v2 - self.ic2;
            c.m0 * v0 + c.m1 * v1 + c.m2 * v2
        }
    }

    fn measured_gain_db(shape: Shape, centre_hz: f32, q: f32, gain_db: f32, probe_hz: f32) -> f32 {
        let sample_rate = 48_000.0;
        let c = Coefficients::new(shape, prewarp(centre_hz, sample_rate), q, gain_db);
        let mut state = State::default();
        let (mut sum_in, mut sum_out) = (0.0f64, 0.0f64);
        for n in 0..48_000 {
            let x = (2.0 * PI * probe_hz * n as f32 / sample_rate).sin();
            let y = state.tick(&c, x);
            if n >= 24_000 {
                sum_in += (x * x) as f64;
                sum_out += (y * y) as f64;
            }
        }
        10.0 * (sum_out / sum_in).log10() as f32
    }

    #[test]
    fn the_closed_form_matches_what_the_filter_does() {
        let sample_rate = 48_000.0;
        for (shape, centre_hz, gain_db) in [
            (Shape::Bell, 1000.0, -30.0),
            (Shape::LowShelf, 180.0, -12.0),
            (Shape::HighShelf, 7000.0, -40.0),
            (Shape::LowPass, 2000.0, 0.0),
        ] {
            let c = Coefficients::new(shape, prewarp(centre_hz, sample_rate), 1.4, gain_db);
            for probe_hz in [100.0, 700.0, 1000.0, 3000.0, 9000.0] {
                let predicted = c.magnitude_db(prewarp(probe_hz, sample_rate));
                let measured = measured_gain_db(shape, centre_hz, 1.4, gain_db, probe_hz);
                assert!(
                    (predicted - measured).abs() < 0.1,
                    "{shape:?} at {probe_hz} Hz: predicted {predicted}, measured {measured}"
                );
            }
        }
    }

    #[test]
    fn the_affine_form_computes_the_same_filter() {
        let c = Coefficients::new(Shape::Bell, prewarp(1000.0, 48_000.0), 1.4, -18.0);
        let affine = AffineCoefficients::from(c);
        let mut direct = State::default();
        let (mut ic1, mut ic2) = (0.0f32, 0.0f32);
        for n in 0..2000 {
            let x = ((n * 7919) % 200) as f32 / 100.0 - 1.0;
            let expected = direct.tick(&c, x);
            let out = affine.alpha * x + affine.b1 * ic1 + affine.b2 * ic2;
            let next1 = affine.in1 * x + affine.s11 * ic1 + affine.s12 * ic2;
            let next2 = affine.in2 * x + affine.s21 * ic1 + affine.s22 * ic2;
            ic1 = next1;
            ic2 = next2;
            assert!(
                (out - expected).abs() < 1e-4,
                "sample {n}: {out} vs {expected}"
            );
        }
    }

    #[test]
    fn a_bell_reaches_its_gain_at_its_centre() {
        let gain = measured_gain_db(Shape::Bell, 1000.0, 1.4, -24.0, 1000.0);
        assert!((gain + 24.0).abs() < 0.05, "{gain}");
    }
}
