//! The hearing effect for kira, in kira's own style: a builder, a handle with game-thread setters,
//! and the effect that reads their commands at the start of each block and processes in place.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use kira::Frame;
use kira::command::{CommandReader, CommandWriter, command_writer_and_reader};
use kira::effect::{Effect, EffectBuilder};
use kira::info::Info;

use crate::processor::{EarReadout, HearingProcessor, ProcessorSettings};
use crate::profile::HearingProfile;

/// Configures the hearing effect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HearingEffectBuilder {
    pub profile: HearingProfile,
    pub settings: ProcessorSettings,
    pub bypass: bool,
}

impl HearingEffectBuilder {
    pub fn new() -> Self {
        Self {
            profile: HearingProfile::normal(),
            settings: ProcessorSettings::default(),
            bypass: false,
        }
    }

    pub fn profile(mut self, profile: HearingProfile) -> Self {
        self.profile = profile;
        self
    }

    pub fn settings(mut self, settings: ProcessorSettings) -> Self {
        self.settings = settings;
        self
    }
}

impl Default for HearingEffectBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// Shared read-outs, written by the audio thread without locking.
#[derive(Debug, Default)]
struct SharedReadout {
    vibration_db_spl: AtomicU32,
    limiter_reduction_db: AtomicU32,
}

/// Controls the hearing effect from gameplay code.
#[derive(Debug)]
pub struct HearingHandle {
    set_profile: CommandWriter<HearingProfile>,
    jump_to_profile: CommandWriter<HearingProfile>,
    set_bypass: CommandWriter<bool>,
    set_ceiling_dbfs: CommandWriter<f32>,
    readout: Arc<SharedReadout>,
}

impl HearingHandle {
    /// Glides to a new profile within a scene.
    pub fn set_profile(&mut self, profile: HearingProfile) {
        self.set_profile.write(profile);
    }

    /// Jumps to a profile on the next block: a hard cut between scenes.
    pub fn jump_to_profile(&mut self, profile: HearingProfile) {
        self.jump_to_profile.write(profile);
    }

    /// Cuts between "your ears" (false) and "the room as it is" (true), with no crossfade.
    pub fn set_bypass(&mut self, bypass: bool) {
        self.set_bypass.write(bypass);
    }

    pub fn set_ceiling_dbfs(&mut self, ceiling_dbfs: f32) {
        self.set_ceiling_dbfs.write(ceiling_dbfs);
    }

    pub fn readout(&self) -> EarReadout {
        EarReadout {
            vibration_db_spl: f32::from_bits(self.readout.vibration_db_spl.load(Ordering::Relaxed)),
            limiter_reduction_db: f32::from_bits(
                self.readout.limiter_reduction_db.load(Ordering::Relaxed),
            ),
        }
    }
}

struct HearingEffect {
    processor: HearingProcessor,
    builder: HearingEffectBuilder,
    set_profile: CommandReader<HearingProfile>,
    jump_to_profile: CommandReader<HearingProfile>,
    set_bypass: CommandReader<bool>,
    set_ceiling_dbfs: CommandReader<f32>,
    readout: Arc<SharedReadout>,
}

impl HearingEffect {
    fn configure(&mut self, sample_rate: u32) {
        self.processor = HearingProcessor::new(sample_rate, self.builder.settings);
        self.processor.jump_to_profile(self.builder.profile);
        self.processor.set_bypass(self.builder.bypass);
    }
}

impl EffectBuilder for HearingEffectBuilder {
    type Handle = HearingHandle;

    fn build(self) -> (Box<dyn Effect>, Self::Handle) {
        let (set_profile_writer, set_profile) = command_writer_and_reader();
        let (jump_writer, jump_to_profile) = command_writer_and_reader();
        let (bypass_writer, set_bypass) = command_writer_and_reader();
        let (ceiling_writer, set_ceiling_dbfs) = command_writer_and_reader();
        let readout = Arc::new(SharedReadout::default());
        let effect = HearingEffect {
            processor: HearingProcessor::new(48_000, self.settings),
            builder: self,
            set_profile,
            jump_to_profile,
            set_bypass,
            set_ceiling_dbfs,
            readout: readout.clone(),
        };
        let handle = HearingHandle {
            set_profile: set_profile_writer,
            jump_to_profile: jump_writer,
            set_bypass: bypass_writer,
            set_ceiling_dbfs: ceiling_writer,
            readout,
        };
        (Box::new(effect), handle)
    }
}

impl Effect for HearingEffect {
    // Buffers are sized here, off the audio thread's steady state; `process` never allocates.
    fn init(&mut self, sample_rate: u32, _internal_buffer_size: usize) {
        self.configure(sample_rate);
    }

    fn on_change_sample_rate(&mut self, sample_rate: u32) {
        let bypass = self.processor.bypass();
        self.configure(sample_rate);
        self.processor.set_bypass(bypass);
    }

    fn on_start_processing(&mut self) {
        if let Some(profile) = self.jump_to_profile.read() {
            self.builder.profile = profile;
            self.processor.jump_to_profile(profile);
        }
        if let Some(profile) = self.set_profile.read() {
            self.builder.profile = profile;
            self.processor.set_profile(profile);
        }
        if let Some(bypass) = self.set_bypass.read() {
            self.builder.bypass = bypass;
            self.processor.set_bypass(bypass);
        }
        if let Some(ceiling_dbfs) = self.set_ceiling_dbfs.read() {
            self.builder.settings.ceiling_dbfs = ceiling_dbfs;
            self.processor.set_ceiling_dbfs(ceiling_dbfs);
        }
    }

    fn process(&mut self, input: &mut [Frame], _dt: f64, _info: &Info) {
        self.processor.process(input);
        let readout = self.processor.readout();
        self.readout
            .vibration_db_spl
            .store(readout.vibration_db_spl.to_bits(), Ordering::Relaxed);
        self.readout
            .limiter_reduction_db
            .store(readout.limiter_reduction_db.to_bits(), Ordering::Relaxed);
    }
}
