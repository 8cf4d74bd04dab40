//! A real-time simulation of failing ears for kira.
//!
//! An [`Audiogram`] and a [`HearingProfile`] describe the ear; the [`HearingEffectBuilder`] puts the
//! simulation on any kira track, each ear on its own: spectral smearing, audiogram-shaped attenuation
//! with loudness recruitment (or a cochlear implant's vocoder), tinnitus, masking noise, occlusion, a
//! sample-exact bypass and, last, a true-peak safety limiter. Everything the effect needs is allocated before the first block; `process` never
//! allocates, locks or panics.

pub mod analysis;
pub mod audiogram;
pub mod audiometry;
pub mod backend;
pub mod bands;
pub mod calibration;
mod dsp;
pub mod effect;
pub mod meter;
pub mod processor;
pub mod profile;
pub mod recruitment;
pub mod wav;

pub use audiogram::{
    AUDIOMETRIC_FREQUENCIES_HZ, Audiogram, AudiogramError, AudiogramPreset, parse_audiogram,
};
pub use audiometry::{HughsonWestlake, MeasuredAudiogram, Presentation, Threshold};
pub use backend::{
    DeviceSocket, HearingBackend, HearingOutput, OfflineBackend, OfflineRenderer, OutputChoice,
};
pub use bands::{BANDS, BandGains, BandLevels};
pub use calibration::Calibration;
pub use dsp::implant::{
    Carrier, IMPLANT_LATENCY_FRAMES, Implant, ImplantSettings, ImplantSettingsError, MAX_CHANNELS,
    greenwood_hz, place_mm,
};
pub use dsp::limiter::TruePeakLimiter;
pub use dsp::smearing::{
    Broadening, BroadeningError, CROSSFADE_FRAMES, SMEARING_LATENCY_FRAMES, Smearer,
    SmearingMatrix, smear_like_msbg,
};
pub use effect::{HearingEffectBuilder, HearingHandle};
pub use meter::{BandMeterBuilder, BandMeterHandle};
pub use processor::{
    Arithmetic, DEFAULT_CEILING_DBFS, EarReadout, HearingProcessor, LATENCY_FRAMES,
    MIN_CEILING_DBFS, ProcessorSettings, SAMPLE_RATES_HZ,
};
pub use profile::{
    Ear, Ears, HearingProfile, HearingStage, MaskingNoise, Smearing, Tinnitus, TinnitusEars,
};
