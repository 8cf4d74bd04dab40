//! The operator's `exhibit.toml`: parsed, checked against safe limits, and refused with the file, line and
//! key of the first problem. Pure logic, no Bevy: nothing runs on a guess.

use std::{
    collections::BTreeMap,
    fmt,
    ops::Range,
    path::{Path, PathBuf},
};

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};
use serde::Deserialize;
use toml::Spanned;

use crate::journey::Place;
use crate::settings::TinnitusMode;

/// Caption languages the experience carries.
pub const CAPTION_LANGUAGES: [&str; 4] = ["en", "es", "de", "fr"];
/// No exhibition may set the limiter's ceiling above this (the effect's own default).
pub const MAX_CEILING_DBFS: f32 = -1.0;
/// Below this the experience is inaudible on any headphones; a ceiling this low is a typo.
pub const MIN_CEILING_DBFS: f32 = -40.0;

/// An exhibition's settings, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ExhibitConfig {
    /// The places that run, in story order.
    pub places: Vec<Place>,
    /// Story length per place in seconds, where the operator shortened it.
    pub place_seconds: Vec<(Place, f32)>,
    /// No input for this long shows the "still there?" countdown.
    pub idle_warning_s: f32,
    /// No input for this long returns to the attract loop.
    pub idle_reset_s: f32,
    /// A session ends with the end card after this long, whatever happens.
    pub session_cap_s: f32,
    pub languages: Vec<&'static str>,
    pub default_language: &'static str,
    pub sound: SoundLimits,
    pub haptics: bool,
    pub tinnitus: TinnitusMode,
    pub log_directory: PathBuf,
    pub log_keep_days: u32,
    pub operator_pin: PinHash,
    /// No sound reaching a device for this long stops the watchdog's heartbeat (systemd restarts).
    pub silent_restart_s: f32,
    /// Where the fleet's figures go, when the museum collects them.
    pub metrics: Option<MetricsFile>,
}

/// The node_exporter textfile-collector file and how often it is rewritten.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsFile {
    pub textfile: PathBuf,
    pub every_s: f32,
}

/// Levels, in dB relative to full scale on the main output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoundLimits {
    /// The limiter's true-peak ceiling: nothing the visitor hears goes above it.
    pub ceiling_dbfs: f32,
    /// The visitor's volume at the start of every session.
    pub volume_db: f32,
    /// The range the visitor may adjust within; the top is at most 0 dB (the ceiling stays in force).
    pub visitor_min_db: f32,
    pub visitor_max_db: f32,
    /// The attract loop plays this low.
    pub attract_volume_db: f32,
    /// Sound fades in over this long at the start of each session.
    pub ramp_in_s: f32,
}

/// Operator PINs are this many digits at least (and 12 at most: typed at the station).
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 6..=12;

/// The hash in `deploy/exhibit.toml`, whose PIN anyone can read there: a station never starts with it.
pub const EXAMPLE_PIN_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$RiXWFe9dWo07Go8LRR82+w$SyV4vW68Y05mAWjGoFweI/8kQlNgmoJpIa2oOQM9s6U";

/// An operator PIN as stored: an Argon2id hash in the PHC string format (`$argon2id$v=19$...`), salted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinHash(String);

impl PinHash {
    /// Hashes `pin` with `salt` (16 random bytes: the `--hash-pin` command draws them).
    pub fn new(pin: &str, salt: &[u8]) -> Self {
        let salt = SaltString::encode_b64(salt).expect("16 bytes make a valid salt");
        let hash = Argon2::default()
            .hash_password(pin.as_bytes(), &salt)
            .expect("Argon2id with its default parameters hashes any PIN");
        Self(hash.to_string())
    }

    pub fn parse(text: &str) -> Option<Self> {
        let hash = PasswordHash::new(text).ok()?;
        (hash.algorithm == argon2::Algorithm::Argon2id.ident() && hash.hash.is_some())
            .then(|| Self(text.to_string()))
    }

    pub fn matches(&self, pin: &str) -> bool {
        PasswordHash::new(&self.0).is_ok_and(|hash| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &hash)
                .is_ok()
        })
    }
}

impl fmt::Display for PinHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an exhibition file was refused: where, which key, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    /// Dotted, e.g. `sound.ceiling_dbfs`; empty when no key is involved.
    pub key: String,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if !self.key.is_empty() {
            write!(f, ": `{}`", self.key)?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for ConfigError {}

impl ExhibitConfig {
    /// Reads and checks `path`; relative log directories are taken from the file's folder.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
            file: path.to_path_buf(),
            line: 0,
            key: String::new(),
            problem: format!("cannot be read ({error})"),
        })?;
        let mut config = Self::parse(&text, path)?;
        let folder = path.parent().unwrap_or(Path::new("."));
        if config.log_directory.is_relative() {
            config.log_directory = folder.join(&config.log_directory);
        }
        if let Some(metrics) = config.metrics.as_mut()
            && metrics.textfile.is_relative()
        {
            metrics.textfile = folder.join(&metrics.textfile);
        }
        Ok(config)
    }

    /// Checks `text`; `file` names it in messages.
    pub fn parse(text: &str, file: &Path) -> Result<Self, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            ConfigError {
                file: file.to_path_buf(),
                line: line_of(text, span.start),
                key: key_at(text, span),
                problem: error.message().trim().to_string(),
            }
        })?;
        Checker { text, file }.check(raw)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    places: RawPlaces,
    #[serde(default)]
    idle: RawIdle,
    #[serde(default)]
    session: RawSession,
    #[serde(default)]
    captions: RawCaptions,
    #[serde(default)]
    sound: RawSound,
    #[serde(default)]
    haptics: RawHaptics,
    #[serde(default)]
    tinnitus: RawTinnitus,
    #[serde(default)]
    log: RawLog,
    #[serde(default)]
    watchdog: RawWatchdog,
    #[serde(default)]
    metrics: RawMetrics,
    operator: Option<Spanned<RawOperator>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPlaces {
    run: Option<Spanned<Vec<Spanned<Place>>>>,
    #[serde(default)]
    seconds: BTreeMap<Place, Spanned<f32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawIdle {
    warning_s: Option<Spanned<f32>>,
    reset_s: Option<Spanned<f32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSession {
    cap_s: Option<Spanned<f32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCaptions {
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    default: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSound {
    ceiling_dbfs: Option<Spanned<f32>>,
    volume_db: Option<Spanned<f32>>,
    visitor_min_db: Option<Spanned<f32>>,
    visitor_max_db: Option<Spanned<f32>>,
    attract_volume_db: Option<Spanned<f32>>,
    ramp_in_s: Option<Spanned<f32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHaptics {
    enabled: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTinnitus {
    mode: Option<TinnitusMode>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLog {
    directory: Option<String>,
    keep_days: Option<Spanned<u32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMetrics {
    textfile: Option<Spanned<String>>,
    every_s: Option<Spanned<f32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWatchdog {
    silent_restart_s: Option<Spanned<f32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperator {
    pin_hash: Spanned<String>,
}

struct Checker<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Checker<'_> {
    fn error(&self, span: Range<usize>, key: &str, problem: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_path_buf(),
            line: line_of(self.text, span.start),
            key: key.to_string(),
            problem: problem.into(),
        }
    }

    /// `value`, or `default` when absent; refused outside `range`.
    fn number(
        &self,
        value: Option<Spanned<f32>>,
        key: &str,
        default: f32,
        range: Range<f32>,
        unit: &str,
    ) -> Result<(f32, Range<usize>), ConfigError> {
        let Some(value) = value else {
            return Ok((default, 0..0));
        };
        let span = value.span();
        let v = *value.get_ref();
        if !v.is_finite() || v < range.start || v > range.end {
            return Err(self.error(
                span,
                key,
                format!(
                    "{v} is out of range: allowed {} to {} {unit}",
                    range.start, range.end
                ),
            ));
        }
        Ok((v, span))
    }

    fn known<'k>(
        &self,
        name: &Spanned<String>,
        key: &str,
        allowed: &[&'k str],
    ) -> Result<&'k str, ConfigError> {
        allowed
            .iter()
            .find(|k| **k == name.get_ref().as_str())
            .copied()
            .ok_or_else(|| {
                self.error(
                    name.span(),
                    key,
                    format!(
                        "unknown value \"{}\": expected one of {}",
                        name.get_ref(),
                        allowed.join(", ")
                    ),
                )
            })
    }

    fn check(&self, raw: RawConfig) -> Result<ExhibitConfig, ConfigError> {
        let places = match raw.places.run {
            None => Place::all().to_vec(),
            Some(run) => {
                let span = run.span();
                let mut places: Vec<Place> = Vec::new();
                for place in run.into_inner() {
                    if places.contains(place.get_ref()) {
                        return Err(self.error(
                            place.span(),
                            "places.run",
                            format!("\"{}\" is listed twice", place.get_ref()),
                        ));
                    }
                    places.push(place.into_inner());
                }
                if places.is_empty() {
                    return Err(self.error(span, "places.run", "at least one place must run"));
                }
                if !places.is_sorted() {
                    let order: Vec<String> = Place::all().iter().map(Place::to_string).collect();
                    return Err(self.error(
                        span,
                        "places.run",
                        format!("places must keep the story's order: {}", order.join(", ")),
                    ));
                }
                places
            }
        };

        let mut place_seconds = Vec::new();
        for (place, value) in raw.places.seconds {
            let dotted = format!("places.seconds.{place}");
            let (s, _) = self.number(Some(value), &dotted, 0.0, 10.0..1800.0, "s")?;
            place_seconds.push((place, s));
        }

        let (idle_warning_s, _) =
            self.number(raw.idle.warning_s, "idle.warning_s", 45.0, 5.0..600.0, "s")?;
        let (idle_reset_s, reset_span) =
            self.number(raw.idle.reset_s, "idle.reset_s", 60.0, 10.0..900.0, "s")?;
        if idle_reset_s <= idle_warning_s {
            return Err(self.error(
                reset_span,
                "idle.reset_s",
                format!(
                    "must be longer than idle.warning_s ({idle_warning_s} s): the countdown runs between them"
                ),
            ));
        }
        let (session_cap_s, _) =
            self.number(raw.session.cap_s, "session.cap_s", 900.0, 60.0..3600.0, "s")?;

        let languages = match raw.captions.languages {
            None => CAPTION_LANGUAGES.to_vec(),
            Some(list) => {
                let span = list.span();
                let list = list.into_inner();
                if list.is_empty() {
                    return Err(self.error(
                        span,
                        "captions.languages",
                        "at least one language must be offered",
                    ));
                }
                list.iter()
                    .map(|l| self.known(l, "captions.languages", &CAPTION_LANGUAGES))
                    .collect::<Result<Vec<_>, _>>()?
            }
        };
        let default_language = match raw.captions.default {
            None => languages[0],
            Some(default) => self.known(&default, "captions.default", &languages)?,
        };

        let sound = self.sound(raw.sound)?;
        let (log_keep_days, _) = match raw.log.keep_days {
            None => (30, 0..0),
            Some(days) if (1..=365).contains(days.get_ref()) => (*days.get_ref(), days.span()),
            Some(days) => {
                return Err(self.error(
                    days.span(),
                    "log.keep_days",
                    format!("{} is out of range: allowed 1 to 365 days", days.get_ref()),
                ));
            }
        };

        let (silent_restart_s, _) = self.number(
            raw.watchdog.silent_restart_s,
            "watchdog.silent_restart_s",
            30.0,
            5.0..600.0,
            "s",
        )?;

        let (every_s, _) =
            self.number(raw.metrics.every_s, "metrics.every_s", 5.0, 1.0..60.0, "s")?;
        let metrics = match raw.metrics.textfile {
            None => None,
            Some(textfile) if !textfile.get_ref().ends_with(".prom") => {
                return Err(self.error(
                    textfile.span(),
                    "metrics.textfile",
                    "must end in .prom: node_exporter's textfile collector reads only those",
                ));
            }
            Some(textfile) => Some(MetricsFile {
                textfile: PathBuf::from(textfile.into_inner()),
                every_s,
            }),
        };

        let Some(operator) = raw.operator else {
            return Err(self.error(
                0..0,
                "operator.pin_hash",
                "missing: the operator overlay needs a PIN (make one with `stillness exhibit --hash-pin <PIN>`)",
            ));
        };
        let pin = operator.into_inner().pin_hash;
        if pin.get_ref() == EXAMPLE_PIN_HASH {
            return Err(self.error(
                pin.span(),
                "operator.pin_hash",
                "this is the example's PIN, printed in the example for anyone to read: make your own with `stillness exhibit --hash-pin <6 to 12 digits>`",
            ));
        }
        let operator_pin = PinHash::parse(pin.get_ref()).ok_or_else(|| {
            self.error(
                pin.span(),
                "operator.pin_hash",
                "not an Argon2id PIN hash ($argon2id$v=19$...; older sha256$ hashes are no longer taken): make one with `stillness exhibit --hash-pin <6 to 12 digits>`",
            )
        })?;

        Ok(ExhibitConfig {
            places,
            place_seconds,
            idle_warning_s,
            idle_reset_s,
            session_cap_s,
            languages,
            default_language,
            sound,
            haptics: raw.haptics.enabled.unwrap_or(true),
            tinnitus: raw.tinnitus.mode.unwrap_or(TinnitusMode::Reduced),
            log_directory: PathBuf::from(raw.log.directory.unwrap_or_else(|| "logs".into())),
            log_keep_days,
            operator_pin,
            silent_restart_s,
            metrics,
        })
    }

    fn sound(&self, raw: RawSound) -> Result<SoundLimits, ConfigError> {
        let (ceiling_dbfs, _) = self.number(
            raw.ceiling_dbfs,
            "sound.ceiling_dbfs",
            -6.0,
            MIN_CEILING_DBFS..MAX_CEILING_DBFS,
            "dBFS",
        )?;
        let (visitor_min_db, _) = self.number(
            raw.visitor_min_db,
            "sound.visitor_min_db",
            -24.0,
            -60.0..0.0,
            "dB",
        )?;
        let (visitor_max_db, max_span) = self.number(
            raw.visitor_max_db,
            "sound.visitor_max_db",
            0.0,
            -60.0..0.0,
            "dB",
        )?;
        if visitor_max_db < visitor_min_db {
            return Err(self.error(
                max_span,
                "sound.visitor_max_db",
                format!("is below sound.visitor_min_db ({visitor_min_db} dB)"),
            ));
        }
        let (volume_db, volume_span) =
            self.number(raw.volume_db, "sound.volume_db", -6.0, -60.0..0.0, "dB")?;
        if !(visitor_min_db..=visitor_max_db).contains(&volume_db) {
            return Err(self.error(
                volume_span,
                "sound.volume_db",
                format!(
                    "{volume_db} dB is outside the visitor's range ({visitor_min_db} to {visitor_max_db} dB)"
                ),
            ));
        }
        let (attract_volume_db, _) = self.number(
            raw.attract_volume_db,
            "sound.attract_volume_db",
            -18.0,
            -60.0..0.0,
            "dB",
        )?;
        let (ramp_in_s, _) = self.number(raw.ramp_in_s, "sound.ramp_in_s", 3.0, 0.5..10.0, "s")?;
        Ok(SoundLimits {
            ceiling_dbfs,
            volume_db,
            visitor_min_db,
            visitor_max_db,
            attract_volume_db,
            ramp_in_s,
        })
    }
}

/// The 1-based line holding byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The dotted key a parse error points at: the table it is in, and the key on its line.
fn key_at(text: &str, span: Range<usize>) -> String {
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[line_start..line_end].trim();
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
    if line.starts_with('[') {
        return line
            .trim_matches(|c| c == '[' || c == ']')
            .trim()
            .to_string();
    }
    let key = line.split('=').next().unwrap_or("").trim();
    match table {
        Some(table) if !key.is_empty() => format!("{table}.{key}"),
        Some(table) => table.to_string(),
        None => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_pin(body: &str) -> String {
        format!(
            "{body}\n[operator]\npin_hash = \"{}\"\n",
            PinHash::new("246813", b"sixteen byte sal")
        )
    }

    fn refused(text: &str) -> ConfigError {
        ExhibitConfig::parse(text, Path::new("exhibit.toml")).expect_err("refused")
    }

    #[test]
    fn the_example_in_the_repository_is_refused_only_for_its_pin() {
        let example = include_str!("../../deploy/exhibit.toml");
        let error = ExhibitConfig::parse(example, Path::new("deploy/exhibit.toml")).unwrap_err();
        assert_eq!(error.key, "operator.pin_hash");
        assert!(error.problem.contains("example"), "{error}");
        assert!(
            PinHash::parse(EXAMPLE_PIN_HASH).unwrap().matches("246810"),
            "the example's PIN is the one it says"
        );
        let own = example.replace(
            EXAMPLE_PIN_HASH,
            &PinHash::new("975310", b"sixteen byte sal").to_string(),
        );
        let config = ExhibitConfig::parse(&own, Path::new("deploy/exhibit.toml")).unwrap();
        assert!(config.operator_pin.matches("975310"));
        assert!(config.sound.ceiling_dbfs <= MAX_CEILING_DBFS);
    }

    #[test]
    fn an_empty_file_with_a_pin_gets_safe_defaults() {
        let config = ExhibitConfig::parse(&with_pin(""), Path::new("e.toml")).unwrap();
        assert_eq!(config.places, Place::all());
        assert!(config.idle_warning_s < config.idle_reset_s);
        assert_eq!(config.tinnitus, TinnitusMode::Reduced);
        assert!(config.sound.ceiling_dbfs <= MAX_CEILING_DBFS);
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let error = refused(&with_pin("[idle]\nwarning_s = 30\nresets_s = 50\n"));
        assert_eq!((error.line, error.key.as_str()), (3, "idle.resets_s"));
        assert!(error.problem.contains("unknown field"), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("exhibit.toml:3: `idle.resets_s`")
        );
    }

    #[test]
    fn a_ceiling_above_the_allowed_maximum_is_refused() {
        let error = refused(&with_pin("[sound]\n\nceiling_dbfs = 0.0\n"));
        assert_eq!((error.line, error.key.as_str()), (3, "sound.ceiling_dbfs"));
        assert!(error.problem.contains("out of range"), "{error}");
    }

    #[test]
    fn out_of_range_and_inconsistent_values_are_refused() {
        let error = refused(&with_pin("[idle]\nwarning_s = 60\nreset_s = 30\n"));
        assert_eq!((error.line, error.key.as_str()), (3, "idle.reset_s"));
        let error = refused(&with_pin(
            "[sound]\nvolume_db = -40\nvisitor_min_db = -20\n",
        ));
        assert_eq!((error.line, error.key.as_str()), (2, "sound.volume_db"));
        let error = refused(&with_pin("[session]\ncap_s = 5\n"));
        assert_eq!(error.key, "session.cap_s");
        let error = refused(&with_pin(
            "[metrics]\ntextfile = \"/var/lib/stillness.txt\"\n",
        ));
        assert_eq!((error.line, error.key.as_str()), (2, "metrics.textfile"));
        let error = refused(&with_pin("[watchdog]\n\nsilent_restart_s = 1\n"));
        assert_eq!(
            (error.line, error.key.as_str()),
            (3, "watchdog.silent_restart_s")
        );
    }

    #[test]
    fn a_wrong_type_or_syntax_names_the_line() {
        let error = refused(&with_pin("[haptics]\nenabled = \"yes\"\n"));
        assert_eq!((error.line, error.key.as_str()), (2, "haptics.enabled"));
        let error = refused(&with_pin("[idle\nwarning_s = 30\n"));
        assert_eq!(error.line, 1);
    }

    #[test]
    fn a_place_is_shortened_by_its_name_and_an_unknown_one_is_refused() {
        let config = ExhibitConfig::parse(
            &with_pin("[places.seconds]\nclinic = 60\nstillness = 30\n"),
            Path::new("e.toml"),
        )
        .unwrap();
        assert_eq!(
            config.place_seconds,
            [(Place::Clinic, 60.0), (Place::Stillness, 30.0)]
        );
        let error = refused(&with_pin("[places.seconds]\nbeach = 60\n"));
        assert_eq!(error.line, 2, "{error}");
        assert!(error.problem.contains("beach"), "{error}");
    }

    #[test]
    fn places_must_exist_once_each_in_story_order() {
        let error = refused(&with_pin("[places]\nrun = [\"gig\", \"beach\"]\n"));
        assert_eq!((error.line, error.key.as_str()), (2, "places.run"));
        assert!(error.problem.contains("beach"));
        let error = refused(&with_pin("[places]\nrun = [\"house\", \"gig\"]\n"));
        assert!(error.problem.contains("order"), "{error}");
        let error = refused(&with_pin("[places]\nrun = [\"gig\", \"gig\"]\n"));
        assert!(error.problem.contains("twice"), "{error}");
    }

    #[test]
    fn an_unknown_language_or_tinnitus_mode_is_refused() {
        let error = refused(&with_pin("[captions]\nlanguages = [\"en\", \"xx\"]\n"));
        assert_eq!((error.line, error.key.as_str()), (2, "captions.languages"));
        let error = refused(&with_pin("[tinnitus]\nmode = \"loud\"\n"));
        assert_eq!((error.line, error.key.as_str()), (2, "tinnitus.mode"));
    }

    #[test]
    fn a_missing_or_malformed_pin_is_refused() {
        let error = refused("[idle]\nwarning_s = 30\n");
        assert_eq!(error.key, "operator.pin_hash");
        let error = refused("[operator]\npin_hash = \"sha256$pepper$zz\"\n");
        assert_eq!((error.line, error.key.as_str()), (2, "operator.pin_hash"));
        let old_sha256 =
            "sha256$pepper$a3e9e059cf5c465c80e3a7421515b1424ea8b468b62388cb563fe40fd9946757";
        let error = refused(&format!("[operator]\npin_hash = \"{old_sha256}\"\n"));
        assert!(error.problem.contains("Argon2id"), "{error}");
    }

    #[test]
    fn the_pin_is_stored_as_a_salted_argon2id_hash_and_checked() {
        let hash = PinHash::new("246813", b"sixteen byte sal");
        let text = hash.to_string();
        assert!(text.starts_with("$argon2id$"), "{text}");
        assert!(!text.contains("246813"));
        let parsed = PinHash::parse(&text).unwrap();
        assert!(parsed.matches("246813"));
        assert!(!parsed.matches("246812"));
        assert_ne!(
            PinHash::new("246813", b"another salt 16b"),
            hash,
            "the salt changes the hash"
        );
    }

    #[test]
    fn a_missing_file_is_named() {
        let error = ExhibitConfig::load(Path::new("/nowhere/exhibit.toml")).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("/nowhere/exhibit.toml: cannot be read")
        );
    }
}
