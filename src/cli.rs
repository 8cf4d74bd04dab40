//! The command line: `stillness` opens on the title screen, `stillness play` starts in any place,
//! `stillness render` renders a walk-through headless, `stillness hear` puts any WAV through the ears.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use hearing::{
    Audiogram, Calibration, HearingProfile, ProcessorSettings, Tinnitus, parse_audiogram,
};

use crate::Opening;
use crate::journey::Place;
use crate::scenes::gig::GigBeat;
use crate::scenes::kit::OpeningBeat;

/// A first-person experience of losing your hearing, heard through the drummer's failing ears.
#[derive(Parser, Debug)]
#[command(name = "stillness", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start in a place, skipping the title screen.
    Play(PlayArgs),
    /// Render a scripted walk-through of a place as the drummer hears it, headless, to a WAV file.
    Render(RenderArgs),
    /// Put any WAV file (mono or stereo, 44.1/48 kHz, 16/24-bit or float) through simulated ears.
    Hear(HearArgs),
    /// Run an exhibition station: kiosk window, attract loop, idle reset, operator overlay, session log.
    Exhibit(ExhibitArgs),
}

#[derive(clap::Args, Debug)]
pub struct ExhibitArgs {
    /// The station's settings (see deploy/exhibit.toml).
    #[arg(long, required_unless_present = "hash_pin")]
    pub config: Option<PathBuf>,
    /// Check the settings file and exit without starting.
    #[arg(long, requires = "config")]
    pub check: bool,
    /// Print the hashed form of a new operator PIN for the settings file, and exit.
    #[arg(long, value_name = "PIN", conflicts_with = "config", value_parser = operator_pin)]
    pub hash_pin: Option<String>,
    /// Run in a normal window instead of borderless fullscreen (for setting up).
    #[arg(long)]
    pub windowed: bool,
    /// Run without a window or a sound card, sound rendered offline (checks and tests of a station).
    #[arg(long, conflicts_with = "windowed")]
    pub headless: bool,
}

/// PINs are 6 to 12 digits: typed on a keyboard's number row or keypad at the station.
fn operator_pin(text: &str) -> Result<String, String> {
    let digits = crate::exhibit::PIN_DIGITS;
    if digits.contains(&text.len()) && text.chars().all(|c| c.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "a PIN is {} to {} digits",
            digits.start(),
            digits.end()
        ))
    }
}

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    #[arg(long, value_enum, default_value_t = Place::Gig)]
    pub place: Place,
    /// How much to render.
    #[arg(long, default_value_t = 60.0, value_parser = positive_seconds)]
    pub seconds: f32,
    /// Where to write what the drummer hears (48 kHz stereo float WAV).
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the room as it is, frame for frame with `--out`.
    #[arg(long)]
    pub room_out: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct HearArgs {
    /// A preset (normal, N1-N7, S1-S3, notch) or thresholds such as `250:20,500:25,1000:30` (Hz:dB HL).
    #[arg(long, value_parser = audiogram)]
    pub audiogram: Audiogram,
    /// Add the colours of this stage of the story (0 normal .. 1 profound): occlusion and muffling.
    #[arg(long, value_parser = unit_interval)]
    pub progression: Option<f32>,
    /// Ringing at this frequency...
    #[arg(long, requires = "tinnitus_db")]
    pub tinnitus_hz: Option<f32>,
    /// ...this many dB above the threshold there (dB SL).
    #[arg(long, requires = "tinnitus_hz")]
    pub tinnitus_db: Option<f32>,
    /// The sound pressure a full-scale sine stands for at the ear.
    #[arg(long, default_value_t = Calibration::DEFAULT_DB_SPL_AT_FULL_SCALE)]
    pub calibration_db_spl: f32,
    /// The safety limiter's ceiling (dBFS true peak, -60..0).
    #[arg(long, default_value_t = hearing::DEFAULT_CEILING_DBFS, allow_negative_numbers = true, value_parser = ceiling)]
    pub ceiling_dbfs: f32,
    pub input: PathBuf,
    pub output: PathBuf,
}

impl HearArgs {
    pub fn profile(&self) -> HearingProfile {
        let mut profile = match self.progression {
            Some(progression) => HearingProfile {
                audiogram: self.audiogram,
                ..HearingProfile::at(progression)
            },
            None => HearingProfile::from_audiogram(self.audiogram),
        };
        if let (Some(frequency_hz), Some(level_db_sl)) = (self.tinnitus_hz, self.tinnitus_db) {
            profile.tinnitus = Tinnitus {
                frequency_hz,
                level_db_sl,
                ..Tinnitus::silent()
            };
        }
        profile
    }

    pub fn settings(&self) -> ProcessorSettings {
        ProcessorSettings {
            calibration: Calibration {
                db_spl_at_full_scale: self.calibration_db_spl,
            },
            ceiling_dbfs: self.ceiling_dbfs,
            ..ProcessorSettings::default()
        }
    }

    /// Processes the file; says what it did, or why it could not.
    pub fn run(&self) -> Result<String, String> {
        if self.input == self.output {
            return Err(format!(
                "{} would be overwritten by its own output; choose another OUT.wav",
                self.output.display()
            ));
        }
        if let Some(frequency_hz) = self.tinnitus_hz
            && !(20.0..=20_000.0).contains(&frequency_hz)
        {
            return Err(format!(
                "--tinnitus-hz {frequency_hz} is outside 20-20000 Hz"
            ));
        }
        let report =
            hearing::wav::hear_file(&self.input, &self.output, self.profile(), self.settings())
                .map_err(|error| error.to_string())?;
        Ok(format!(
            "{}: {:.1} s, {} channel(s) at {} Hz, heard through {}",
            self.output.display(),
            report.frames as f32 / report.sample_rate as f32,
            report.channels,
            report.sample_rate,
            self.audiogram
        ))
    }
}

fn audiogram(text: &str) -> Result<Audiogram, String> {
    parse_audiogram(text).map_err(|error| error.to_string())
}

fn unit_interval(text: &str) -> Result<f32, String> {
    let value: f32 = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number"))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{value} is outside 0..1 (0 normal hearing, 1 profound loss)"
        ))
    }
}

fn ceiling(text: &str) -> Result<f32, String> {
    let value: f32 = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number"))?;
    if (-60.0..=0.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} dBFS is outside -60..0 dBFS"))
    }
}

fn positive_seconds(text: &str) -> Result<f32, String> {
    let value: f32 = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number"))?;
    if value > 0.0 && value <= 3600.0 {
        Ok(value)
    } else {
        Err(format!("{value} s is outside 0..3600 s"))
    }
}

#[derive(clap::Args, Debug)]
pub struct PlayArgs {
    /// The place to start in.
    #[arg(long, value_enum, default_value_t = Place::Gig)]
    pub place: Place,
    /// Where in the gig's story to start (only with `--place gig`): behind the merch table, the onset,
    /// in the room facing the stage, or seated at the kit as the set begins.
    #[arg(long, value_enum)]
    pub beat: Option<GigBeat>,
}

impl Cli {
    /// Where the app opens, or why the arguments do not make sense together.
    pub fn opening(&self) -> Result<Opening, String> {
        match &self.command {
            None | Some(Command::Render(_) | Command::Hear(_) | Command::Exhibit(_)) => {
                Ok(Opening::Title)
            }
            Some(Command::Play(PlayArgs {
                place,
                beat: Some(_),
            })) if *place != Place::Gig => {
                Err(format!("--beat only applies to the gig, not to {place}"))
            }
            Some(Command::Play(PlayArgs { place, .. })) => Ok(Opening::Place(*place)),
        }
    }

    /// The beat the gig opens at, when the command line names one.
    pub fn gig_opening(&self) -> Option<OpeningBeat<GigBeat>> {
        match &self.command {
            Some(Command::Play(PlayArgs {
                beat: Some(beat), ..
            })) => Some(OpeningBeat(*beat)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opening(args: &[&str]) -> Result<Opening, String> {
        Cli::try_parse_from(args)
            .map_err(|e| e.to_string())?
            .opening()
    }

    #[test]
    fn hear_reads_presets_specs_and_tinnitus() {
        let cli = Cli::try_parse_from([
            "stillness",
            "hear",
            "--audiogram",
            "250:20,1000:40",
            "--tinnitus-hz",
            "4000",
            "--tinnitus-db",
            "20",
            "--ceiling-dbfs",
            "-3",
            "in.wav",
            "out.wav",
        ])
        .unwrap();
        let Some(Command::Hear(args)) = cli.command else {
            panic!("not hear")
        };
        let profile = args.profile();
        assert_eq!(profile.audiogram.threshold_db_hl(1000.0), 40.0);
        assert_eq!(profile.tinnitus.frequency_hz, 4000.0);
        assert_eq!(args.settings().ceiling_dbfs, -3.0);
    }

    #[test]
    fn hear_refuses_nonsense_with_a_reason() {
        let refusal = |options: &str| {
            let args = format!("stillness hear {options} a.wav b.wav");
            Cli::try_parse_from(args.split_whitespace())
                .unwrap_err()
                .to_string()
        };
        assert!(refusal("--audiogram N9").contains("neither a preset"));
        assert!(refusal("--audiogram N3 --progression 2").contains("outside 0..1"));
        assert!(refusal("--audiogram N3 --ceiling-dbfs 6").contains("outside -60..0"));
        assert!(refusal("--audiogram N3 --tinnitus-hz 4000").contains("--tinnitus-db"));
    }

    #[test]
    fn no_arguments_open_on_the_title_screen() {
        assert_eq!(opening(&["stillness"]), Ok(Opening::Title));
    }

    #[test]
    fn play_starts_in_the_named_place() {
        assert_eq!(
            opening(&["stillness", "play", "--place", "morning"]),
            Ok(Opening::Place(Place::Morning))
        );
        assert_eq!(
            opening(&["stillness", "play"]),
            Ok(Opening::Place(Place::Gig))
        );
    }

    #[test]
    fn play_can_start_the_gig_at_the_stage() {
        let args = ["stillness", "play", "--place", "gig", "--beat", "stage"];
        assert_eq!(opening(&args), Ok(Opening::Place(Place::Gig)));
        let cli = Cli::try_parse_from(args).unwrap();
        assert_eq!(cli.gig_opening(), Some(OpeningBeat(GigBeat::WalkToStage)));
    }

    #[test]
    fn a_beat_outside_the_gig_is_refused() {
        let refused = opening(&["stillness", "play", "--place", "house", "--beat", "set"]);
        assert_eq!(
            refused,
            Err("--beat only applies to the gig, not to house".to_string())
        );
    }
}
