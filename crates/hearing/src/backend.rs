//! Output without a sound card: a kira backend that renders offline on demand, and one that tries the
//! audio device first and falls back to offline rendering, saying why.

use std::fmt;
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
        }
    }
}

/// Pulls frames out of an offline mixer, block by block, exactly as a sound card would.
pub struct OfflineRenderer {
    renderer: Arc<Mutex<Option<Renderer>>>,
    internal_buffer_size: usize,
    sample_rate: u32,
    scratch: Vec<f32>,
}

impl OfflineRenderer {
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Renders `out.len()` frames. Commands sent to kira since the last call take effect at the
    /// first block.
    pub fn render_into(&mut self, out: &mut [Frame]) {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputChoice {
    /// The default audio device, or offline rendering if there is none.
    PreferDevice,
    /// Offline rendering only (tests, the `render` command, silent kiosks).
    Offline,
}

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
}

impl HearingBackend {
    /// The offline renderer, when this output renders offline.
    pub fn offline_renderer(&self) -> Option<OfflineRenderer> {
        match self {
            Self::Offline(backend) => Some(backend.renderer()),
            #[cfg(feature = "device")]
            Self::Device(_) => None,
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
            Self::Offline(backend) => {
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
        match attempt(choice) {
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
