//! The hearing effect for kira, in kira's own style: a builder, a handle with game-thread setters,
//! and the effect that reads their commands at the start of each block and processes in place.
//!
//! Smearing matrices take milliseconds and allocations to build, so the handle builds them on the
//! game thread when a profile asks for a new broadening and sends them through a queue; the effect
//! sends back the ones it lets go, and the handle drops them. The audio thread neither allocates nor
//! frees.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use rtrb::{Consumer, Producer, RingBuffer};

use kira::Frame;
use kira::command::{CommandReader, CommandWriter, command_writer_and_reader};
use kira::effect::{Effect, EffectBuilder};
use kira::info::Info;

use crate::bands::{BANDS, BandGains, BandLevels, SILENT_DB_SPL};
use crate::dsp::smearing::{Broadening, SmearingMatrix};
use crate::processor::{EarReadout, HearingProcessor, LATENCY_FRAMES, ProcessorSettings};
use crate::profile::{Ear, Ears, HearingProfile};

/// The sample rate smearing matrices are built for until the effect reports its own.
const ASSUMED_SAMPLE_RATE: u32 = 48_000;
/// Matrix changes in flight at once: two ears, a few profiles deep.
const SMEARING_QUEUE: usize = 16;

/// A new smearing matrix for one ear (`None`: smearing off), built for `sample_rate`.
struct SmearingChange {
    ear: Ear,
    sample_rate: u32,
    matrix: Option<Box<SmearingMatrix>>,
}

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
    /// The rate the effect runs at (0 until it starts).
    sample_rate: AtomicU32,
    /// Counts the times the effect was set up afresh (and so lost its smearing).
    configurations: AtomicU32,
    /// The ears' band levels (dB SPL), left ear's bands then right ear's, as `f32` bits.
    band_levels_db_spl: [AtomicU32; 2 * BANDS],
    /// The gains the ears are giving those bands (dB), in the same order.
    band_gains_db: [AtomicU32; 2 * BANDS],
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
    smearing: SmearingSender,
}

/// The game-thread side of the smearing queues.
#[derive(Debug)]
struct SmearingSender {
    changes: Producer<SmearingChange>,
    released: Consumer<Box<SmearingMatrix>>,
    /// What was last sent, at which rate, and for which set-up of the effect.
    sent: Ears<Option<Broadening>>,
    sent_rate: u32,
    sent_configuration: u32,
}

impl std::fmt::Debug for SmearingChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmearingChange")
            .field("ear", &self.ear)
            .field("sample_rate", &self.sample_rate)
            .finish_non_exhaustive()
    }
}

impl SmearingSender {
    /// Builds and sends the matrices `profile` needs that the effect does not have.
    fn send_for(&mut self, profile: &HearingProfile, shared: &SharedReadout) {
        while let Ok(matrix) = self.released.pop() {
            drop(matrix);
        }
        let rate = match shared.sample_rate.load(Ordering::Relaxed) {
            0 => ASSUMED_SAMPLE_RATE,
            rate => rate,
        };
        let configuration = shared.configurations.load(Ordering::Relaxed);
        let fresh = rate != self.sent_rate || configuration != self.sent_configuration;
        let wanted = profile.broadening();
        for ear in Ear::BOTH {
            if !fresh && wanted.get(ear) == self.sent.get(ear) {
                continue;
            }
            let change = SmearingChange {
                ear,
                sample_rate: rate,
                matrix: wanted
                    .get(ear)
                    .map(|broadening| Box::new(SmearingMatrix::new(rate, broadening))),
            };
            // A full queue means the audio thread has stopped; what was not sent goes next time.
            if self.changes.push(change).is_ok() {
                self.sent.set(ear, wanted.get(ear));
            } else {
                self.sent_configuration = u32::MAX;
                return;
            }
        }
        self.sent_rate = rate;
        self.sent_configuration = configuration;
    }
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

    /// Glides to a new profile within a scene (its smearing cross-fades).
    pub fn set_profile(&mut self, profile: HearingProfile) {
        self.smearing.send_for(&profile, &self.readout);
        self.set_profile.write(profile);
    }

    /// Jumps to a profile on the next block: a hard cut between scenes.
    pub fn jump_to_profile(&mut self, profile: HearingProfile) {
        self.smearing.send_for(&profile, &self.readout);
        self.jump_to_profile.write(profile);
    }

    /// Cuts between "your ears" (false) and "the room as it is" (true), with no crossfade.
    pub fn set_bypass(&mut self, bypass: bool) {
        self.set_bypass.write(bypass);
    }

    pub fn set_ceiling_dbfs(&mut self, ceiling_dbfs: f32) {
        self.set_ceiling_dbfs.write(ceiling_dbfs);
    }

    /// Each band's level reaching each ear (dB SPL), before any loss: the room as it is, as the ears'
    /// detectors measure it.
    pub fn band_levels(&self) -> BandLevels {
        BandLevels(
            self.read_bands(&self.readout.band_levels_db_spl)
                .map(|ear| ear.map(|db| db.max(SILENT_DB_SPL))),
        )
    }

    /// The gain each ear is giving each band now (dB).
    pub fn band_gains(&self) -> BandGains {
        BandGains(self.read_bands(&self.readout.band_gains_db))
    }

    fn read_bands(&self, lanes: &[AtomicU32; 2 * BANDS]) -> Ears<[f32; BANDS]> {
        let read = |lane: usize| f32::from_bits(lanes[lane].load(Ordering::Relaxed));
        Ears {
            left: std::array::from_fn(read),
            right: std::array::from_fn(|k| read(BANDS + k)),
        }
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
    smearing_changes: Consumer<SmearingChange>,
    released_smearing: Producer<Box<SmearingMatrix>>,
}

impl HearingEffect {
    fn configure(&mut self, sample_rate: u32) {
        self.processor = HearingProcessor::new(sample_rate, self.builder.settings);
        self.processor.jump_to_profile(self.builder.profile);
        self.processor.set_bypass(self.builder.bypass);
        self.readout
            .sample_rate
            .store(self.processor.sample_rate(), Ordering::Relaxed);
        self.readout.configurations.fetch_add(1, Ordering::Relaxed);
    }

    /// Takes the matrices the handle built; those for another rate go straight back.
    fn take_smearing(&mut self) {
        while let Ok(change) = self.smearing_changes.pop() {
            let released = if change.sample_rate == self.processor.sample_rate() {
                self.processor
                    .set_smearing_matrix(change.ear, change.matrix)
            } else {
                change.matrix
            };
            if let Some(matrix) = released {
                // The return queue holds every matrix that can be in flight: it is never full.
                let _ = self.released_smearing.push(matrix);
            }
        }
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
        let (changes, smearing_changes) = RingBuffer::new(SMEARING_QUEUE);
        // Every matrix sent, plus the two each smearer may still hold, can come back at once.
        let (released_smearing, released) = RingBuffer::new(SMEARING_QUEUE + 4);
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
            smearing_changes,
            released_smearing,
        };
        let mut smearing = SmearingSender {
            changes,
            released,
            sent: Ears::both(None),
            sent_rate: 0,
            sent_configuration: 0,
        };
        smearing.send_for(&self.profile, &readout);
        let handle = HearingHandle {
            set_profile: set_profile_writer,
            jump_to_profile: jump_writer,
            set_bypass: bypass_writer,
            set_ceiling_dbfs: ceiling_writer,
            readout,
            room: room_consumer,
            smearing,
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
        self.take_smearing();
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
        let levels = self.processor.band_levels_db_spl();
        let gains = self.processor.band_gains_db();
        let shared = &self.readout;
        for (published, value) in shared
            .band_levels_db_spl
            .iter()
            .zip(levels.left.iter().chain(&levels.right))
        {
            published.store(value.to_bits(), Ordering::Relaxed);
        }
        for (published, value) in shared
            .band_gains_db
            .iter()
            .zip(gains.left.iter().chain(&gains.right))
        {
            published.store(value.to_bits(), Ordering::Relaxed);
        }
        let readout = self.processor.readout();
        self.readout
            .vibration_db_spl
            .store(readout.vibration_db_spl.to_bits(), Ordering::Relaxed);
        self.readout
            .limiter_reduction_db
            .store(readout.limiter_reduction_db.to_bits(), Ordering::Relaxed);
    }
}
