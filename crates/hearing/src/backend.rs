//! Output without a sound card: a kira backend that renders offline on demand, and one that tries the
//! audio device first and falls back to offline rendering, saying why. A [`DeviceSocket`] stands in for
//! a sound card that can be pulled out and plugged back in, so a station's handling of a lost device can
//! be tried end to end without hardware.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use kira::backend::{Backend, Renderer};
use kira::track::MainTrackBuilder;
use kira::{AudioManager, AudioManagerSettings, Frame};

use crate::effect::{HearingEffectBuilder, HearingHandle};

/// The sample rate offline rendering runs at.
pub const OFFLINE_SAMPLE_RATE: u32 = 48_000;

/// Renders a kira mixer on request, from any thread: tests, the `render` command, a headless game.
pub struct OfflineBackend {
    renderer: Arc<Mutex<Option<Renderer>>>,
    internal_buffer_size: usize,
    sample_rate: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfflineSettings {
    pub sample_rate: u32,
}

impl Default for OfflineSettings {
    fn default() -> Self {
        Self {
            sample_rate: OFFLINE_SAMPLE_RATE,
        }
    }
}

impl Backend for OfflineBackend {
    type Settings = OfflineSettings;
    type Error = std::convert::Infallible;

    fn setup(
        settings: Self::Settings,
        internal_buffer_size: usize,
    ) -> Result<(Self, u32), Self::Error> {
        Ok((
            Self {
                renderer: Arc::new(Mutex::new(None)),
                internal_buffer_size: internal_buffer_size.max(1),
                sample_rate: settings.sample_rate,
            },
            settings.sample_rate,
        ))
    }

    fn start(&mut self, renderer: Renderer) -> Result<(), Self::Error> {
        *self.renderer.lock().unwrap_or_else(PoisonError::into_inner) = Some(renderer);
        Ok(())
    }
}

impl OfflineBackend {
    /// A handle that renders this backend's mixer.
    pub fn renderer(&self) -> OfflineRenderer {
        OfflineRenderer {
            renderer: self.renderer.clone(),
            internal_buffer_size: self.internal_buffer_size,
            sample_rate: self.sample_rate,
            scratch: Vec::new(),
            socket: None,
        }
    }
}

/// Pulls frames out of an offline mixer, block by block, exactly as a sound card would.
pub struct OfflineRenderer {
    renderer: Arc<Mutex<Option<Renderer>>>,
    internal_buffer_size: usize,
    sample_rate: u32,
    scratch: Vec<f32>,
    /// The stand-in sound card this renderer feeds, and how often it had been pulled out when the stream
    /// opened: a pulled card breaks the stream for good, as a real one does.
    socket: Option<(DeviceSocket, u32)>,
}

impl OfflineRenderer {
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Renders `out.len()` frames. Commands sent to kira since the last call take effect at the
    /// first block.
    pub fn render_into(&mut self, out: &mut [Frame]) {
        if let Some((socket, pulls)) = &self.socket
            && !socket.streams_since(*pulls)
        {
            // A card that is gone, or was gone, pulls no sound: the mixer does not run at all.
            out.fill(Frame::ZERO);
            return;
        }
        let mut guard = self.renderer.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(renderer) = guard.as_mut() else {
            out.fill(Frame::ZERO);
            return;
        };
        self.scratch.resize(self.internal_buffer_size * 2, 0.0);
        for block in out.chunks_mut(self.internal_buffer_size) {
            renderer.on_start_processing();
            let samples = &mut self.scratch[..block.len() * 2];
            renderer.process(samples, 2);
            for (frame, pair) in block.iter_mut().zip(samples.chunks_exact(2)) {
                *frame = Frame::new(pair[0], pair[1]);
            }
        }
    }

    pub fn render(&mut self, frames: usize) -> Vec<Frame> {
        let mut out = vec![Frame::ZERO; frames];
        self.render_into(&mut out);
        out
    }
}

/// Where the sound goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputChoice {
    /// The default audio device, or offline rendering if there is none.
    PreferDevice,
    /// Offline rendering only (tests, the `render` command, silent kiosks).
    Offline,
    /// The stand-in sound card in this socket (pulled as offline rendering is, while it is plugged in),
    /// or offline rendering if it is out.
    Socket(DeviceSocket),
}

/// A stand-in sound card that can be pulled out and plugged back in: while it is in, it takes sound as a
/// device does (pulled by whoever renders, as offline rendering is); pulled out, it takes none, reports
/// the loss once as a device's error, and will not open until it is back. Clones are the same socket.
#[derive(Debug, Clone, Default)]
pub struct DeviceSocket(Arc<SocketState>);

#[derive(Debug, Default)]
struct SocketState {
    pulled_out: AtomicBool,
    pulls: AtomicU32,
    loss_unread: AtomicBool,
    opens_tried: AtomicU32,
}

impl DeviceSocket {
    /// A socket with its card plugged in.
    pub fn new() -> Self {
        Self::default()
    }

    /// Pulls the card out: the stream playing on it breaks, and stays broken when it is back (it must
    /// be opened again, as a real card's).
    pub fn pull_out(&self) {
        if !self.0.pulled_out.swap(true, Ordering::AcqRel) {
            self.0.pulls.fetch_add(1, Ordering::AcqRel);
            self.0.loss_unread.store(true, Ordering::Release);
        }
    }

    pub fn plug_in(&self) {
        self.0.pulled_out.store(false, Ordering::Release);
    }

    pub fn is_plugged_in(&self) -> bool {
        !self.0.pulled_out.load(Ordering::Acquire)
    }

    /// Whether a stream opened after `pulls` pulls still plays.
    fn streams_since(&self, pulls: u32) -> bool {
        self.is_plugged_in() && self.0.pulls.load(Ordering::Acquire) == pulls
    }

    /// How many times something tried to open the card, in or out.
    pub fn opens_tried(&self) -> u32 {
        self.0.opens_tried.load(Ordering::Acquire)
    }

    /// The card's loss, once, as a sound card reports a stream that broke.
    pub fn pop_error(&self) -> Option<String> {
        self.0
            .loss_unread
            .swap(false, Ordering::AcqRel)
            .then(|| "the stream was lost: the device is no longer available".to_string())
    }
}

impl PartialEq for DeviceSocket {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for DeviceSocket {}

/// Errors opening the output; only possible when even offline rendering cannot start.
#[derive(Debug)]
pub struct OutputError(String);

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutputError {}

/// Either a real device or the offline renderer, behind one kira backend type.
pub enum HearingBackend {
    #[cfg(feature = "device")]
    Device(kira::backend::cpal::CpalBackend),
    Offline(OfflineBackend),
    /// The stand-in card in a [`DeviceSocket`], rendered on demand.
    Socket(OfflineBackend, DeviceSocket),
}

impl HearingBackend {
    /// The renderer that pulls the sound, when nothing else does (offline, or a stand-in card).
    pub fn offline_renderer(&self) -> Option<OfflineRenderer> {
        match self {
            Self::Offline(backend) => Some(backend.renderer()),
            Self::Socket(backend, socket) => Some(OfflineRenderer {
                socket: Some((socket.clone(), socket.0.pulls.load(Ordering::Acquire))),
                ..backend.renderer()
            }),
            #[cfg(feature = "device")]
            Self::Device(_) => None,
        }
    }

    /// Whether the sound is rendered offline, reaching no device.
    pub fn is_offline(&self) -> bool {
        matches!(self, Self::Offline(_))
    }

    /// The device's oldest error not yet read (a lost device, a broken stream).
    pub fn pop_device_error(&mut self) -> Option<String> {
        match self {
            #[cfg(feature = "device")]
            Self::Device(device) => device.pop_error().map(|error| error.to_string()),
            Self::Socket(_, socket) => socket.pop_error(),
            Self::Offline(_) => None,
        }
    }
}

/// Why the device backend could not start.
#[derive(Debug)]
pub struct HearingBackendError(String);

impl fmt::Display for HearingBackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Backend for HearingBackend {
    type Settings = OutputChoice;
    type Error = HearingBackendError;

    fn setup(
        choice: OutputChoice,
        internal_buffer_size: usize,
    ) -> Result<(Self, u32), Self::Error> {
        match choice {
            #[cfg(feature = "device")]
            OutputChoice::PreferDevice => {
                let (backend, sample_rate) = kira::backend::cpal::CpalBackend::setup(
                    Default::default(),
                    internal_buffer_size,
                )
                .map_err(|error| HearingBackendError(error.to_string()))?;
                Ok((Self::Device(backend), sample_rate))
            }
            OutputChoice::Socket(socket) => {
                socket.0.opens_tried.fetch_add(1, Ordering::AcqRel);
                if !socket.is_plugged_in() {
                    return Err(HearingBackendError(
                        "the device is not available".to_string(),
                    ));
                }
                let Ok((backend, sample_rate)) =
                    OfflineBackend::setup(OfflineSettings::default(), internal_buffer_size);
                Ok((Self::Socket(backend, socket), sample_rate))
            }
            _ => {
                let Ok((backend, sample_rate)) =
                    OfflineBackend::setup(OfflineSettings::default(), internal_buffer_size);
                Ok((Self::Offline(backend), sample_rate))
            }
        }
    }

    fn start(&mut self, renderer: Renderer) -> Result<(), Self::Error> {
        match self {
            #[cfg(feature = "device")]
            Self::Device(backend) => backend
                .start(renderer)
                .map_err(|error| HearingBackendError(error.to_string())),
            Self::Offline(backend) | Self::Socket(backend, _) => {
                let Ok(()) = backend.start(renderer);
                Ok(())
            }
        }
    }
}

/// One kira output whose main track carries the hearing effect.
pub struct HearingOutput {
    pub manager: AudioManager<HearingBackend>,
    pub hearing: HearingHandle,
    /// Why the device was not used, when `PreferDevice` fell back to offline rendering.
    pub fallback_reason: Option<String>,
}

impl HearingOutput {
    /// Opens the output. With [`OutputChoice::PreferDevice`], a missing or broken device falls back to
    /// offline rendering and `fallback_reason` names the cause.
    pub fn open(
        choice: OutputChoice,
        effect: HearingEffectBuilder,
        configure: impl Fn(AudioManagerSettings<HearingBackend>) -> AudioManagerSettings<HearingBackend>,
    ) -> Result<Self, OutputError> {
        let attempt = |choice: OutputChoice| {
            let mut main_track = MainTrackBuilder::new();
            let hearing = main_track.add_effect(effect);
            let settings = configure(AudioManagerSettings {
                capacities: Default::default(),
                main_track_builder: main_track,
                internal_buffer_size: 128,
                backend_settings: choice,
            });
            AudioManager::new(settings).map(|manager| (manager, hearing))
        };
        match attempt(choice.clone()) {
            Ok((manager, hearing)) => Ok(Self {
                manager,
                hearing,
                fallback_reason: None,
            }),
            Err(device_error) if choice != OutputChoice::Offline => {
                let reason = format!("no audio device could be opened ({device_error})");
                let (manager, hearing) = attempt(OutputChoice::Offline).map_err(|error| {
                    OutputError(format!("{reason}; offline rendering failed too ({error})"))
                })?;
                Ok(Self {
                    manager,
                    hearing,
                    fallback_reason: Some(reason),
                })
            }
            Err(error) => Err(OutputError(format!(
                "offline rendering failed to start ({error})"
            ))),
        }
    }

    /// The offline renderer, when this output renders offline.
    pub fn offline_renderer(&mut self) -> Option<OfflineRenderer> {
        self.manager.backend_mut().offline_renderer()
    }
}
