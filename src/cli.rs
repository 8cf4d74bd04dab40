//! The command line: `stillness` opens on the title screen, `stillness play` starts in any place,
//! `stillness render` renders a walk-through headless, `stillness hear` puts any WAV through the ears.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use hearing::{
    Audiogram, Calibration, Carrier, Ears, HearingProfile, ImplantSettings, ProcessorSettings,
    Smearing, Tinnitus, TinnitusEars, parse_audiogram,
};

use crate::Opening;
use crate::journey::Place;
use crate::scenes::gig::GigBeat;
use crate::scenes::kit::OpeningBeat;
use crate::settings::CaptionMode;
use crate::words::Language;

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
    /// Put any WAV file (mono or stereo, 8-192 kHz, 16/24-bit or float) through simulated ears.
    Hear(Box<HearArgs>),
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
    /// Also write the captions shown, as WebVTT on the same timeline as `--out`.
    #[arg(long)]
    pub captions_out: Option<PathBuf>,
    /// The captions' language: en, es, de or fr.
    #[arg(long, default_value = "en", value_parser = language, requires = "captions_out")]
    pub language: Language,
    /// The captions' mode: what the drummer makes out (`perceived`) or everything said (`transcript`).
    #[arg(long = "captions", default_value = "perceived", value_parser = caption_mode, requires = "captions_out")]
    pub caption_mode: CaptionMode,
}

fn language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| {
        let known: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        format!(
            "no captions are written in `{code}`: choose {}",
            known.join(", ")
        )
    })
}

fn caption_mode(text: &str) -> Result<CaptionMode, String> {
    match text {
        "perceived" => Ok(CaptionMode::Perceived),
        "transcript" => Ok(CaptionMode::Transcript),
        other => Err(format!(
            "`{other}` is no caption mode: choose perceived or transcript"
        )),
    }
}

#[derive(clap::Args, Debug)]
pub struct HearArgs {
    /// Both ears: a preset (normal, N1-N7, S1-S3, notch) or thresholds such as
    /// `250:20,500:25,1000:30` (Hz:dB HL).
    #[arg(long, value_parser = audiogram)]
    pub audiogram: Option<Audiogram>,
    /// The left ear (instead of `--audiogram` there).
    #[arg(long, value_parser = audiogram)]
    pub audiogram_left: Option<Audiogram>,
    /// The right ear (instead of `--audiogram` there).
    #[arg(long, value_parser = audiogram)]
    pub audiogram_right: Option<Audiogram>,
    /// Both ears act on the mean of their band levels, as linked hearing aids do.
    #[arg(long)]
    pub linked_ears: bool,
    /// Add the colours of this stage of the story (0 normal .. 1 profound): occlusion and muffling.
    #[arg(long, value_parser = unit_interval)]
    pub progression: Option<f32>,
    /// Ringing at this frequency (Hz, 20-20000)...
    #[arg(long, requires = "tinnitus_db", value_parser = tinnitus_hz)]
    pub tinnitus_hz: Option<f32>,
    /// ...this many dB above the threshold there (dB SL, -120..100)...
    #[arg(long, requires = "tinnitus_hz", allow_negative_numbers = true, value_parser = tinnitus_db)]
    pub tinnitus_db: Option<f32>,
    /// ...in these ears: left, right or both.
    #[arg(long, requires = "tinnitus_hz", default_value = "both", value_parser = tinnitus_ears)]
    pub tinnitus_ear: TinnitusEars,
    /// How loud the file is at the ear: `msbg` (digital RMS 1.0 is 120 dB SPL, as the MSBG
    /// simulator assumes), `3dti` (a 0 dBFS peak is 100 dB SPL, as 3D Tune-In assumes) or the
    /// level of a full-scale sine in dB SPL.
    #[arg(long, default_value = "3dti", value_parser = calibration)]
    pub calibration: CalibrationChoice,
    /// The safety limiter's ceiling (dBFS true peak, -60..0).
    #[arg(long, default_value_t = hearing::DEFAULT_CEILING_DBFS, allow_negative_numbers = true, value_parser = ceiling)]
    pub ceiling_dbfs: f32,
    /// Broadened auditory filters: `auto` (each ear's class from its loss at 2-8 kHz, as MSBG),
    /// `off`, or `LOWER,UPPER` broadening factors (1-8) for both ears.
    #[arg(long, default_value = "auto", value_parser = smearing)]
    pub smearing: Smearing,
    /// Hear through cochlear implants with this many channels (4-22) instead of the ears.
    #[arg(long, value_name = "CHANNELS")]
    pub implant: Option<u8>,
    /// The implant's carriers: `noise` (breathy) or `sine` (metallic).
    #[arg(long, requires = "implant", default_value = "noise", value_parser = carrier)]
    pub carrier: Carrier,
    /// The envelope low-pass of each implant channel (Hz, 50-400).
    #[arg(long, requires = "implant", value_parser = number)]
    pub envelope_hz: Option<f32>,
    /// How far towards the base the electrodes sit (mm, 0-10): higher, "Donald Duck" voices.
    #[arg(long, requires = "implant", value_parser = number)]
    pub shift_mm: Option<f32>,
    /// Keep only the N strongest channels at each moment (n-of-m), as ACE strategies do.
    #[arg(long, requires = "implant", value_name = "N")]
    pub n_of_m: Option<u8>,
    pub input: PathBuf,
    pub output: PathBuf,
}

/// A calibration, by the simulator whose convention it follows or by its level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalibrationChoice {
    pub name: Option<&'static str>,
    pub calibration: Calibration,
}

impl CalibrationChoice {
    /// A full-scale sine has an RMS 3 dB under 1.0.
    const RMS_OF_FULL_SCALE_SINE_DB: f32 = -3.0103;

    /// What the command assumed, in words.
    pub fn describe(&self) -> String {
        let sine = self.calibration.db_spl_at_full_scale;
        let rms_one = sine - Self::RMS_OF_FULL_SCALE_SINE_DB;
        let name = self
            .name
            .map(|name| format!("{name}: "))
            .unwrap_or_default();
        format!(
            "{name}a full-scale sine is {sine:.1} dB SPL (digital RMS 1.0 is {rms_one:.1} dB SPL)"
        )
    }
}

impl HearArgs {
    /// Each ear's audiogram: `--audiogram` for both, a side's own option over it.
    pub fn audiograms(&self) -> Result<Ears<Audiogram>, String> {
        let side = |own: Option<Audiogram>, name: &str| {
            own.or(self.audiogram).ok_or_else(|| {
                format!("no audiogram for the {name} ear: give --audiogram, or --audiogram-left and --audiogram-right")
            })
        };
        Ok(Ears {
            left: side(self.audiogram_left, "left")?,
            right: side(self.audiogram_right, "right")?,
        })
    }

    pub fn profile(&self) -> Result<HearingProfile, String> {
        let audiograms = self.audiograms()?;
        let mut profile = match self.progression {
            Some(progression) => HearingProfile {
                audiograms,
                ..HearingProfile::at(progression)
            },
            None => HearingProfile::from_audiograms(audiograms.left, audiograms.right),
        };
        profile.smearing = self.smearing;
        profile.implant = self.implant_settings()?;
        if let (Some(frequency_hz), Some(level_db_sl)) = (self.tinnitus_hz, self.tinnitus_db) {
            profile = profile.with_tinnitus_in(
                self.tinnitus_ear,
                Tinnitus {
                    frequency_hz,
                    level_db_sl,
                    ..Tinnitus::silent()
                },
            );
        }
        Ok(profile)
    }

    /// The implant asked for, if any, or why it cannot be built.
    pub fn implant_settings(&self) -> Result<Option<ImplantSettings>, String> {
        let Some(channels) = self.implant else {
            return Ok(None);
        };
        let mut settings = ImplantSettings::new(channels, self.carrier)
            .and_then(|settings| settings.with_n_of_m(self.n_of_m));
        if let Some(envelope_hz) = self.envelope_hz {
            settings = settings.and_then(|settings| settings.with_envelope_hz(envelope_hz));
        }
        if let Some(shift_mm) = self.shift_mm {
            settings = settings.and_then(|settings| settings.with_shift_mm(shift_mm));
        }
        settings
            .map(Some)
            .map_err(|error| format!("--implant: {error}"))
    }

    pub fn settings(&self) -> ProcessorSettings {
        ProcessorSettings {
            calibration: self.calibration.calibration,
            ceiling_dbfs: self.ceiling_dbfs,
            linked_ears: self.linked_ears,
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
        let profile = self.profile()?;
        let report = hearing::wav::hear_file(&self.input, &self.output, profile, self.settings())
            .map_err(|error| error.to_string())?;
        let ears = if profile.audiograms.left == profile.audiograms.right {
            format!("both ears {}", profile.audiograms.left)
        } else {
            format!(
                "left ear {}, right ear {}",
                profile.audiograms.left, profile.audiograms.right
            )
        };
        Ok(format!(
            "{}: {:.1} s, {} channel(s) at {} Hz, heard through {ears}\ncalibration {}",
            self.output.display(),
            report.frames as f32 / report.sample_rate as f32,
            report.channels,
            report.sample_rate,
            self.calibration.describe(),
        ))
    }
}

fn audiogram(text: &str) -> Result<Audiogram, String> {
    parse_audiogram(text).map_err(|error| error.to_string())
}

fn number(text: &str) -> Result<f32, String> {
    text.parse::<f32>()
        .ok()
        .filter(|value| value.is_finite())
        .ok_or_else(|| format!("\"{text}\" is not a number"))
}

fn tinnitus_hz(text: &str) -> Result<f32, String> {
    let value = number(text)?;
    let (low, high) = Tinnitus::FREQUENCY_RANGE_HZ;
    if (low..=high).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} Hz is outside {low}-{high} Hz"))
    }
}

fn tinnitus_db(text: &str) -> Result<f32, String> {
    let value = number(text)?;
    let (low, high) = (Tinnitus::SILENT_DB_SL, Tinnitus::MAX_DB_SL);
    if (low..=high).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} dB SL is outside {low}..{high} dB SL"))
    }
}

fn smearing(text: &str) -> Result<Smearing, String> {
    text.parse()
}

fn carrier(text: &str) -> Result<Carrier, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "noise" => Ok(Carrier::Noise),
        "sine" => Ok(Carrier::Sine),
        other => Err(format!("\"{other}\" is not a carrier: use noise or sine")),
    }
}

fn tinnitus_ears(text: &str) -> Result<TinnitusEars, String> {
    text.parse()
}

fn calibration(text: &str) -> Result<CalibrationChoice, String> {
    let named = |name, db_spl_at_full_scale| CalibrationChoice {
        name: Some(name),
        calibration: Calibration {
            db_spl_at_full_scale,
        },
    };
    match text.trim().to_ascii_lowercase().as_str() {
        "msbg" => Ok(named(
            "msbg",
            120.0 + CalibrationChoice::RMS_OF_FULL_SCALE_SINE_DB,
        )),
        "3dti" => Ok(named("3dti", 100.0)),
        _ => {
            let value = number(text)
                .map_err(|_| format!("\"{text}\" is neither msbg, 3dti nor a level in dB SPL"))?;
            let (low, high) = Calibration::RANGE_DB_SPL;
            if (low..=high).contains(&value) {
                Ok(CalibrationChoice {
                    name: None,
                    calibration: Calibration {
                        db_spl_at_full_scale: value,
                    },
                })
            } else {
                Err(format!("{value} dB SPL is outside {low}..{high} dB SPL"))
            }
        }
    }
}

fn unit_interval(text: &str) -> Result<f32, String> {
    let value = number(text)?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{value} is outside 0..1 (0 normal hearing, 1 profound loss)"
        ))
    }
}

fn ceiling(text: &str) -> Result<f32, String> {
    let value = number(text)?;
    if (-60.0..=0.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} dBFS is outside -60..0 dBFS"))
    }
}

fn positive_seconds(text: &str) -> Result<f32, String> {
    let value = number(text)?;
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
    fn render_takes_a_captions_file_in_a_language_and_names_a_bad_one() {
        let cli = Cli::try_parse_from(["stillness", "render", "--out", "gig.wav"]).unwrap();
        let Some(Command::Render(args)) = cli.command else {
            panic!("not render")
        };
        assert_eq!(args.captions_out, None);
        let cli = Cli::try_parse_from([
            "stillness",
            "render",
            "--out",
            "gig.wav",
            "--captions-out",
            "gig.vtt",
            "--language",
            "de",
            "--captions",
            "transcript",
        ])
        .unwrap();
        let Some(Command::Render(args)) = cli.command else {
            panic!("not render")
        };
        assert_eq!(
            (args.language, args.caption_mode),
            (Language::German, CaptionMode::Transcript)
        );
        let error = Cli::try_parse_from([
            "stillness",
            "render",
            "--out",
            "gig.wav",
            "--captions-out",
            "gig.vtt",
            "--language",
            "xx",
        ])
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("`xx`") && error.contains("en, es, de, fr"),
            "{error}"
        );
        let error = Cli::try_parse_from([
            "stillness",
            "render",
            "--out",
            "gig.wav",
            "--captions-out",
            "gig.vtt",
            "--captions",
            "all",
        ])
        .unwrap_err()
        .to_string();
        assert!(error.contains("`all`"), "{error}");
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
        let profile = args.profile().unwrap();
        assert_eq!(profile.audiograms.left.threshold_db_hl(1000.0), 40.0);
        assert_eq!(profile.audiograms.right.threshold_db_hl(1000.0), 40.0);
        assert_eq!(profile.tinnitus.left.frequency_hz, 4000.0);
        assert_eq!(profile.tinnitus.right.frequency_hz, 4000.0);
        assert_eq!(args.settings().ceiling_dbfs, -3.0);
        assert_eq!(args.settings().calibration.db_spl_at_full_scale, 100.0);
    }

    fn hear_args(options: &str) -> HearArgs {
        let args = format!("stillness hear {options} a.wav b.wav");
        match Cli::try_parse_from(args.split_whitespace())
            .unwrap()
            .command
        {
            Some(Command::Hear(args)) => *args,
            _ => panic!("not hear"),
        }
    }

    #[test]
    fn hear_takes_each_ear_its_own_audiogram_and_ringing() {
        let args = hear_args(
            "--audiogram-left N2 --audiogram-right S3 --tinnitus-hz 6000 --tinnitus-db 10 --tinnitus-ear left",
        );
        let profile = args.profile().unwrap();
        assert_eq!(
            profile.audiograms.left,
            hearing::AudiogramPreset::N2.audiogram()
        );
        assert_eq!(
            profile.audiograms.right,
            hearing::AudiogramPreset::S3.audiogram()
        );
        assert!(!profile.tinnitus.left.is_silent());
        assert!(profile.tinnitus.right.is_silent());

        let one_side = hear_args("--audiogram N3 --audiogram-right N5")
            .profile()
            .unwrap();
        assert_eq!(
            one_side.audiograms.left,
            hearing::AudiogramPreset::N3.audiogram()
        );
        assert_eq!(
            one_side.audiograms.right,
            hearing::AudiogramPreset::N5.audiogram()
        );

        let missing = hear_args("--audiogram-left N2").profile().unwrap_err();
        assert!(missing.contains("right ear"), "{missing}");
    }

    #[test]
    fn hear_takes_smearing_and_an_implant() {
        let args = hear_args(
            "--audiogram N4 --smearing 2.4,1.6 --implant 12 --carrier sine --envelope-hz 160 --shift-mm 2 --n-of-m 8",
        );
        let profile = args.profile().unwrap();
        assert_eq!(
            profile.smearing,
            Smearing::Broadened(hearing::Broadening::MODERATE)
        );
        let implant = profile.implant.unwrap();
        assert_eq!(implant.channels(), 12);
        assert_eq!(implant.carrier(), Carrier::Sine);
        assert_eq!(implant.envelope_hz(), 160.0);
        assert_eq!(implant.shift_mm(), 2.0);
        assert_eq!(implant.n_of_m(), Some(8));
        assert_eq!(
            hear_args("--audiogram N4").profile().unwrap().smearing,
            Smearing::Auto
        );
        let too_many = hear_args("--audiogram N4 --implant 40")
            .profile()
            .unwrap_err();
        assert!(too_many.contains("--implant"), "{too_many}");
        let nonsense = hear_args("--audiogram N4 --implant 12 --envelope-hz 5000")
            .profile()
            .unwrap_err();
        assert!(nonsense.contains("--implant"), "{nonsense}");
    }

    #[test]
    fn hear_names_the_calibration_it_assumes() {
        let msbg = hear_args("--audiogram N2 --calibration msbg");
        assert!((msbg.settings().calibration.db_spl_at_full_scale - 116.99).abs() < 0.01);
        assert!(
            msbg.calibration
                .describe()
                .contains("RMS 1.0 is 120.0 dB SPL")
        );
        let tune_in = hear_args("--audiogram N2 --calibration 3dti");
        assert_eq!(tune_in.settings().calibration.db_spl_at_full_scale, 100.0);
        let own = hear_args("--audiogram N2 --calibration 94");
        assert_eq!(own.settings().calibration.db_spl_at_full_scale, 94.0);
        assert!(own.calibration.describe().contains("94.0 dB SPL"));
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
        assert!(
            refusal("--audiogram N3 --tinnitus-hz NaN --tinnitus-db 10").contains("not a number")
        );
        assert!(
            refusal("--audiogram N3 --tinnitus-hz 40000 --tinnitus-db 10")
                .contains("outside 20-20000 Hz")
        );
        assert!(
            refusal("--audiogram N3 --tinnitus-hz 4000 --tinnitus-db inf").contains("not a number")
        );
        assert!(
            refusal("--audiogram N3 --tinnitus-hz 4000 --tinnitus-db 10 --tinnitus-ear middle")
                .contains("not an ear")
        );
        assert!(refusal("--audiogram N3 --calibration loud").contains("neither msbg, 3dti"));
        assert!(refusal("--audiogram N3 --calibration 500").contains("outside 40..160"));
        assert!(refusal("--audiogram N3 --ceiling-dbfs NaN").contains("not a number"));
        assert!(refusal("--audiogram N3 --smearing 0.5,2").contains("lower"));
        assert!(refusal("--audiogram N3 --smearing wide").contains("neither auto, off"));
        assert!(refusal("--audiogram N3 --carrier sine").contains("--implant"));
        assert!(refusal("--audiogram N3 --implant 12 --carrier square").contains("not a carrier"));
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
