//! The hearing effect for kira, in kira's own style: a builder, a handle with game-thread setters,
//! and the effect that reads their commands at the start of each block and processes in place.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use kira::Frame;
use kira::command::{CommandReader, CommandWriter, command_writer_and_reader};
use kira::effect::{Effect, EffectBuilder};
use kira::info::Info;

use crate::processor::{EarReadout, HearingProcessor, LATENCY_FRAMES, ProcessorSettings};
use crate::profile::HearingProfile;

/// Configures the hearing effect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HearingEffectBuilder {
    pub profile: HearingProfile,
    pub settings: ProcessorSettings,
    pub bypass: bool,
    /// Keep a copy of what reaches the ear before the effect ("the room as it is"), up to this
    /// many frames between reads: for offline renders that need both at once.
    pub room_capture_frames: Option<usize>,
}

impl HearingEffectBuilder {
    pub fn new() -> Self {
        Self {
            profile: HearingProfile::normal(),
            settings: ProcessorSettings::default(),
            bypass: false,
            room_capture_frames: None,
        }
    }

    pub fn capture_room(mut self, frames: usize) -> Self {
        self.room_capture_frames = Some(frames);
        self
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
    room: Option<rtrb::Consumer<Frame>>,
}

impl HearingHandle {
    /// Moves the captured "room as it is" frames (see [`HearingEffectBuilder::capture_room`]) into
    /// `out`; they line up frame for frame with what the effect put out over the same span.
    pub fn take_room(&mut self, out: &mut Vec<Frame>) {
        if let Some(room) = &mut self.room {
            while let Ok(frame) = room.pop() {
                out.push(frame);
            }
        }
    }

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
    room: Option<rtrb::Producer<Frame>>,
    /// The last frames of input, so the captured room is delayed exactly like the output.
    room_delay: [Frame; LATENCY_FRAMES],
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
        let (room_producer, room_consumer) = match self.room_capture_frames {
            Some(frames) => {
                let (producer, consumer) = rtrb::RingBuffer::new(frames.max(1));
                (Some(producer), Some(consumer))
            }
            None => (None, None),
        };
        let effect = HearingEffect {
            processor: HearingProcessor::new(48_000, self.settings),
            builder: self,
            set_profile,
            jump_to_profile,
            set_bypass,
            set_ceiling_dbfs,
            readout: readout.clone(),
            room: room_producer,
            room_delay: [Frame::ZERO; LATENCY_FRAMES],
        };
        let handle = HearingHandle {
            set_profile: set_profile_writer,
            jump_to_profile: jump_writer,
            set_bypass: bypass_writer,
            set_ceiling_dbfs: ceiling_writer,
            readout,
            room: room_consumer,
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
        if let Some(room) = &mut self.room {
            for frame in input.iter() {
                // Delayed by the effect's latency so the two renders line up; when nobody reads,
                // the capture simply stops filling.
                let delayed = self.room_delay[0];
                self.room_delay.copy_within(1.., 0);
                self.room_delay[LATENCY_FRAMES - 1] = *frame;
                let _ = room.push(delayed);
            }
        }
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
