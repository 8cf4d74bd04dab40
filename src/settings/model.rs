//! What a player can choose, with its defaults and limits, and how it reads from and writes to TOML. Pure:
//! no Bevy, no files. A value that cannot be read is reported with its line and key and left at its
//! default; keys this version does not know (a newer version's) are kept and written back untouched.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// Everything a player can set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    pub sound: SoundSettings,
    pub captions: CaptionSettings,
    /// The language of every word on screen (a code such as `en`).
    pub language: String,
    pub controls: ControlSettings,
    pub comfort: ComfortSettings,
    pub haptics: HapticSettings,
    pub story: StorySettings,
    /// Keys this version does not know, kept for the version that wrote them.
    #[serde(skip)]
    pub unknown: toml::Table,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoundSettings {
    /// The whole output's volume, after the ears and their limiter: it can only turn sound down.
    pub master_volume_db: f32,
    pub tinnitus: TinnitusMode,
    pub hear_the_room: HearTheRoom,
    /// A ring on screen showing where each sound comes from and how loud it is heard, beside how loud
    /// the room really is.
    pub sound_indicator: bool,
}

/// How the ringing is presented: it can be softened, or shown instead of heard.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TinnitusMode {
    #[default]
    Full,
    /// 12 dB softer.
    Reduced,
    /// Silent; a shimmer at the screen's edge shows it instead.
    VisualOnly,
}

/// How the "hear the room as it is" action works.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HearTheRoom {
    /// While the action is held.
    #[default]
    Hold,
    /// Each press switches between the room and the drummer's ears.
    Toggle,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptionSettings {
    pub mode: CaptionMode,
    pub size: CaptionSize,
    /// How much the backing behind the captions hides the scene: 0 none, 1 solid.
    pub background_opacity: f32,
    /// Each speaker's name in a colour of their own.
    pub speaker_colours: bool,
}

/// How large captions are, from small to extra large.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaptionSize {
    Small,
    #[default]
    Medium,
    Large,
    ExtraLarge,
}

impl CaptionSize {
    pub const ALL: [CaptionSize; 4] = [
        CaptionSize::Small,
        CaptionSize::Medium,
        CaptionSize::Large,
        CaptionSize::ExtraLarge,
    ];

    /// The letters' size on a screen 1080 pixels tall; other screens scale it by their height. The
    /// largest is over the 46 px the guidelines ask of a large size.
    pub fn px_at_1080p(self) -> f32 {
        match self {
            CaptionSize::Small => 28.0,
            CaptionSize::Medium => 36.0,
            CaptionSize::Large => 46.0,
            CaptionSize::ExtraLarge => 58.0,
        }
    }
}

/// Which captions are shown: what the drummer makes out, or everything that was said.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaptionMode {
    #[default]
    Perceived,
    Transcript,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlSettings {
    /// A multiple of the default mouse look speed.
    pub mouse_sensitivity: f32,
    pub invert_y: bool,
    /// A multiple of the default stick look speed.
    pub stick_sensitivity: f32,
    /// Stick positions closer to the centre than this (0-1) count as rest.
    pub stick_dead_zone: f32,
    /// A multiple of the drum set's timing window: wider for players who need more time.
    pub hit_window: f32,
    /// The player's own bindings: action name to input names, only for actions that were changed.
    pub bindings: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComfortSettings {
    /// The view's sway when the drummer loses his balance.
    pub camera_sway: CameraSway,
    pub field_of_view_deg: f32,
    /// How much motion still counts as holding still in the study (0 = none, 1 = a steady walk of the
    /// mouse).
    pub stillness_tolerance: f32,
    pub reduce_flashing: bool,
}

impl ComfortSettings {
    /// The share of a light's pulse that flashes: all of it, or with flashing reduced a swell too small
    /// to count as a flash (under a tenth of the light's range).
    pub fn flash_depth(&self) -> f32 {
        if self.reduce_flashing { 0.08 } else { 1.0 }
    }
}

/// How much the view may move on its own.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CameraSway {
    #[default]
    On,
    Reduced,
    Off,
}

impl CameraSway {
    /// The share of the full sway the view makes.
    pub fn share(self) -> f32 {
        match self {
            Self::On => 1.0,
            Self::Reduced => 0.35,
            Self::Off => 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HapticSettings {
    pub enabled: bool,
    /// A multiple of the rumble's strength (0-1).
    pub intensity: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySettings {
    /// Leave out the clinic's hearing test (its result is still shown).
    pub skip_hearing_test: bool,
}

/// The limits of every number a player can set: the settings screen's steps and the file's checks.
pub mod limits {
    use std::ops::RangeInclusive;

    pub const MASTER_VOLUME_DB: RangeInclusive<f32> = -40.0..=0.0;
    pub const SENSITIVITY: RangeInclusive<f32> = 0.25..=4.0;
    pub const STICK_DEAD_ZONE: RangeInclusive<f32> = 0.0..=0.5;
    pub const HIT_WINDOW: RangeInclusive<f32> = 1.0..=2.5;
    pub const FIELD_OF_VIEW_DEG: RangeInclusive<f32> = 60.0..=110.0;
    pub const STILLNESS_TOLERANCE: RangeInclusive<f32> = 0.0..=1.0;
    pub const HAPTIC_INTENSITY: RangeInclusive<f32> = 0.0..=1.0;
    pub const CAPTION_BACKGROUND_OPACITY: RangeInclusive<f32> = 0.0..=1.0;
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            sound: SoundSettings {
                master_volume_db: 0.0,
                tinnitus: TinnitusMode::Full,
                hear_the_room: HearTheRoom::Hold,
                sound_indicator: false,
            },
            captions: CaptionSettings {
                mode: CaptionMode::Perceived,
                size: CaptionSize::Medium,
                background_opacity: 0.6,
                speaker_colours: true,
            },
            language: "en".to_string(),
            controls: ControlSettings {
                mouse_sensitivity: 1.0,
                invert_y: false,
                stick_sensitivity: 1.0,
                stick_dead_zone: 0.15,
                hit_window: 1.0,
                bindings: BTreeMap::new(),
            },
            comfort: ComfortSettings {
                camera_sway: CameraSway::On,
                field_of_view_deg: 70.0,
                stillness_tolerance: 0.0,
                reduce_flashing: false,
            },
            haptics: HapticSettings {
                enabled: true,
                intensity: 1.0,
            },
            story: StorySettings {
                skip_hearing_test: false,
            },
            unknown: toml::Table::new(),
        }
    }
}

/// A value in a settings file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    /// 1-based; 0 when the problem is not on one line.
    pub line: usize,
    /// The dotted key, empty for the whole file.
    pub key: String,
    pub problem: String,
}

impl std::fmt::Display for SettingsProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.key.is_empty()) {
            (0, true) => write!(f, "{}", self.problem),
            (0, false) => write!(f, "`{}`: {}", self.key, self.problem),
            (line, true) => write!(f, "line {line}: {}", self.problem),
            (line, false) => write!(f, "line {line}: `{}`: {}", self.key, self.problem),
        }
    }
}

/// Checks what the model alone cannot: whether a binding names a real action and real inputs.
pub trait BindingVocabulary {
    /// `Err` says what is wrong with binding `inputs` to `action`.
    fn check(&self, action: &str, inputs: &[String]) -> Result<(), String>;
}

impl Settings {
    /// Reads `text`, keeping every value it can: the rest stay at their defaults and are reported.
    pub fn parse(text: &str, vocabulary: &dyn BindingVocabulary) -> (Self, Vec<SettingsProblem>) {
        let mut defaults = Self::default();
        let table: toml::Table = match toml::from_str(text) {
            Ok(table) => table,
            Err(error) => {
                let at = error.span().map_or(0, |span| span.start);
                let problem = SettingsProblem {
                    line: line_of(text, at),
                    key: String::new(),
                    problem: format!("not readable as TOML: {}", error.message().trim()),
                };
                return (defaults, vec![problem]);
            }
        };
        let mut reader = Reader {
            text,
            table,
            problems: Vec::new(),
        };
        let d = &mut defaults;
        reader.number(
            "sound.master_volume_db",
            &mut d.sound.master_volume_db,
            limits::MASTER_VOLUME_DB,
        );
        reader.value("sound.tinnitus", &mut d.sound.tinnitus);
        reader.value("sound.hear_the_room", &mut d.sound.hear_the_room);
        reader.value("sound.sound_indicator", &mut d.sound.sound_indicator);
        reader.value("captions.mode", &mut d.captions.mode);
        reader.value("captions.size", &mut d.captions.size);
        reader.number(
            "captions.background_opacity",
            &mut d.captions.background_opacity,
            limits::CAPTION_BACKGROUND_OPACITY,
        );
        reader.value("captions.speaker_colours", &mut d.captions.speaker_colours);
        reader.value("language", &mut d.language);
        reader.number(
            "controls.mouse_sensitivity",
            &mut d.controls.mouse_sensitivity,
            limits::SENSITIVITY,
        );
        reader.value("controls.invert_y", &mut d.controls.invert_y);
        reader.number(
            "controls.stick_sensitivity",
            &mut d.controls.stick_sensitivity,
            limits::SENSITIVITY,
        );
        reader.number(
            "controls.stick_dead_zone",
            &mut d.controls.stick_dead_zone,
            limits::STICK_DEAD_ZONE,
        );
        reader.number(
            "controls.hit_window",
            &mut d.controls.hit_window,
            limits::HIT_WINDOW,
        );
        reader.bindings(&mut d.controls.bindings, vocabulary);
        reader.value("comfort.camera_sway", &mut d.comfort.camera_sway);
        reader.number(
            "comfort.field_of_view_deg",
            &mut d.comfort.field_of_view_deg,
            limits::FIELD_OF_VIEW_DEG,
        );
        reader.number(
            "comfort.stillness_tolerance",
            &mut d.comfort.stillness_tolerance,
            limits::STILLNESS_TOLERANCE,
        );
        reader.value("comfort.reduce_flashing", &mut d.comfort.reduce_flashing);
        reader.value("haptics.enabled", &mut d.haptics.enabled);
        reader.number(
            "haptics.intensity",
            &mut d.haptics.intensity,
            limits::HAPTIC_INTENSITY,
        );
        reader.value("story.skip_hearing_test", &mut d.story.skip_hearing_test);
        let Reader {
            mut table,
            problems,
            ..
        } = reader;
        prune_empty_tables(&mut table);
        d.unknown = table;
        (defaults, problems)
    }

    /// The settings as a TOML document, with the keys this version does not know put back.
    pub fn to_toml(&self) -> String {
        let mut table = toml::Table::try_from(self).expect("settings are plain TOML values");
        shortest_floats(&mut table);
        merge(&mut table, &self.unknown);
        toml::to_string_pretty(&table).expect("a TOML table always serialises")
    }
}

/// Takes known keys out of a parsed file one by one; what is left at the end is unknown.
struct Reader<'t> {
    text: &'t str,
    table: toml::Table,
    problems: Vec<SettingsProblem>,
}

impl Reader<'_> {
    fn take(&mut self, key: &str) -> Option<toml::Value> {
        let (path, last) = match key.rsplit_once('.') {
            Some((path, last)) => (Some(path), last),
            None => (None, key),
        };
        let mut table = &mut self.table;
        for part in path.into_iter().flat_map(|path| path.split('.')) {
            table = match table.get_mut(part)? {
                toml::Value::Table(inner) => inner,
                _ => return None,
            };
        }
        table.remove(last)
    }

    fn report(&mut self, key: &str, problem: String) {
        self.problems.push(SettingsProblem {
            line: line_of_key(self.text, key),
            key: key.to_string(),
            problem,
        });
    }

    fn value<T: DeserializeOwned>(&mut self, key: &str, into: &mut T) {
        let Some(value) = self.take(key) else {
            return;
        };
        match value.try_into() {
            Ok(read) => *into = read,
            Err(error) => self.report(key, error.message().trim().to_string()),
        }
    }

    fn number(&mut self, key: &str, into: &mut f32, range: std::ops::RangeInclusive<f32>) {
        let Some(value) = self.take(key) else {
            return;
        };
        let read = match value {
            toml::Value::Float(x) => x as f32,
            toml::Value::Integer(x) => x as f32,
            other => {
                self.report(
                    key,
                    format!("expected a number, found {}", other.type_str()),
                );
                return;
            }
        };
        if range.contains(&read) {
            *into = read;
        } else {
            self.report(
                key,
                format!("{read} is outside {} to {}", range.start(), range.end()),
            );
        }
    }

    fn bindings(
        &mut self,
        into: &mut BTreeMap<String, Vec<String>>,
        vocabulary: &dyn BindingVocabulary,
    ) {
        let Some(value) = self.take("controls.bindings") else {
            return;
        };
        let toml::Value::Table(table) = value else {
            self.report(
                "controls.bindings",
                "expected a table of actions".to_string(),
            );
            return;
        };
        for (action, inputs) in table {
            let key = format!("controls.bindings.{action}");
            let inputs: Vec<String> = match inputs.try_into() {
                Ok(inputs) => inputs,
                Err(_) => {
                    self.report(&key, "expected a list of input names".to_string());
                    continue;
                }
            };
            match vocabulary.check(&action, &inputs) {
                Ok(()) => {
                    into.insert(action, inputs);
                }
                Err(problem) => self.report(&key, problem),
            }
        }
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The line a dotted key is written on: under its table's header, or as a dotted key at the top.
fn line_of_key(text: &str, key: &str) -> usize {
    let (table, last) = key.rsplit_once('.').unwrap_or(("", key));
    let mut in_table = table.is_empty();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            let header = line.trim_matches(|c| c == '[' || c == ']').trim();
            in_table = header == table;
            continue;
        }
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim().trim_matches('"');
        if (in_table && name == last) || name == key {
            return index + 1;
        }
    }
    0
}

/// Every setting is an `f32`: written as the shortest decimal that reads back as it (0.15, not
/// 0.15000000596046448).
fn shortest_floats(table: &mut toml::Table) {
    for (_, value) in table.iter_mut() {
        match value {
            toml::Value::Float(x) => {
                *x = (*x as f32).to_string().parse().unwrap_or(*x);
            }
            toml::Value::Table(inner) => shortest_floats(inner),
            _ => {}
        }
    }
}

fn prune_empty_tables(table: &mut toml::Table) {
    table.retain(|_, value| match value {
        toml::Value::Table(inner) => {
            prune_empty_tables(inner);
            !inner.is_empty()
        }
        _ => true,
    });
}

/// Puts `extra`'s keys into `table` where `table` has none of its own.
fn merge(table: &mut toml::Table, extra: &toml::Table) {
    for (key, value) in extra {
        match (table.get_mut(key), value) {
            (Some(toml::Value::Table(mine)), toml::Value::Table(theirs)) => merge(mine, theirs),
            (Some(_), _) => {}
            (None, _) => {
                table.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Knows two actions and inputs named like keys.
    struct TwoActions;

    impl BindingVocabulary for TwoActions {
        fn check(&self, action: &str, inputs: &[String]) -> Result<(), String> {
            if !["kick", "snare"].contains(&action) {
                return Err(format!("no action is called `{action}`"));
            }
            match inputs.iter().find(|input| !input.starts_with("Key")) {
                Some(input) => Err(format!("no input is called `{input}`")),
                None => Ok(()),
            }
        }
    }

    fn parse(text: &str) -> (Settings, Vec<SettingsProblem>) {
        Settings::parse(text, &TwoActions)
    }

    #[test]
    fn settings_round_trip_through_their_text() {
        let mut settings = Settings::default();
        settings.sound.master_volume_db = -12.5;
        settings.sound.tinnitus = TinnitusMode::VisualOnly;
        settings.sound.hear_the_room = HearTheRoom::Toggle;
        settings.captions.mode = CaptionMode::Transcript;
        settings.captions.size = CaptionSize::ExtraLarge;
        settings.captions.background_opacity = 0.3;
        settings.captions.speaker_colours = false;
        settings.controls.invert_y = true;
        settings.controls.stick_dead_zone = 0.3;
        settings
            .controls
            .bindings
            .insert("kick".into(), vec!["KeyF".into()]);
        settings.comfort.camera_sway = CameraSway::Off;
        settings.comfort.field_of_view_deg = 95.0;
        settings.comfort.stillness_tolerance = 0.6;
        settings.haptics.intensity = 0.4;
        settings.story.skip_hearing_test = true;
        let (read, problems) = parse(&settings.to_toml());
        assert_eq!(problems, vec![]);
        assert_eq!(read, settings);
    }

    #[test]
    fn the_sound_indicator_is_off_unless_the_file_turns_it_on() {
        assert!(!Settings::default().sound.sound_indicator);
        let (settings, problems) = parse("[sound]\nsound_indicator = true\n");
        assert_eq!(problems, vec![]);
        assert!(settings.sound.sound_indicator);
        assert!(settings.to_toml().contains("sound_indicator = true"));
        let (settings, problems) = parse("[sound]\nsound_indicator = \"yes\"\n");
        assert!(!settings.sound.sound_indicator);
        assert_eq!(problems[0].key, "sound.sound_indicator");
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse(""), (Settings::default(), vec![]));
    }

    #[test]
    fn a_bad_value_is_reported_with_its_line_and_key_and_the_rest_is_kept() {
        let text = "[sound]\nmaster_volume_db = -6\ntinnitus = \"loud\"\n\n[comfort]\nfield_of_view_deg = 150\ncamera_sway = \"off\"\n";
        let (settings, problems) = parse(text);
        assert_eq!(settings.sound.master_volume_db, -6.0);
        assert_eq!(settings.comfort.camera_sway, CameraSway::Off);
        assert_eq!(settings.sound.tinnitus, TinnitusMode::Full, "the default");
        assert_eq!(settings.comfort.field_of_view_deg, 70.0, "the default");
        let places: Vec<_> = problems.iter().map(|p| (p.line, p.key.as_str())).collect();
        assert_eq!(
            places,
            [(3, "sound.tinnitus"), (6, "comfort.field_of_view_deg")]
        );
        assert!(problems[1].problem.contains("60 to 110"), "{}", problems[1]);
    }

    #[test]
    fn a_file_that_is_not_toml_says_where_and_gives_the_defaults() {
        let (settings, problems) = parse("[sound]\nmaster_volume_db = = 3\n");
        assert_eq!(settings, Settings::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].problem.contains("TOML"), "{}", problems[0]);
    }

    #[test]
    fn bindings_are_checked_against_the_vocabulary() {
        let text =
            "[controls.bindings]\nkick = [\"KeyF\"]\nsnare = [\"Banana\"]\njump = [\"KeyJ\"]\n";
        let (settings, problems) = parse(text);
        assert_eq!(settings.controls.bindings.len(), 1);
        assert_eq!(settings.controls.bindings["kick"], ["KeyF"]);
        let keys: Vec<_> = problems.iter().map(|p| (p.line, p.key.as_str())).collect();
        assert_eq!(
            keys,
            [
                (4, "controls.bindings.jump"),
                (3, "controls.bindings.snare")
            ]
        );
    }

    #[test]
    fn keys_from_a_newer_version_are_kept() {
        let text = "future_flag = true\n[sound]\nmaster_volume_db = -3\nspatial_mode = \"hrtf\"\n[telepathy]\nrange = 4\n";
        let (settings, problems) = parse(text);
        assert_eq!(problems, vec![]);
        let written = settings.to_toml();
        let (again, _) = parse(&written);
        assert_eq!(again, settings);
        let table: toml::Table = toml::from_str(&written).unwrap();
        assert_eq!(table["future_flag"].as_bool(), Some(true));
        assert_eq!(table["sound"]["spatial_mode"].as_str(), Some("hrtf"));
        assert_eq!(table["telepathy"]["range"].as_integer(), Some(4));
        assert_eq!(table["sound"]["master_volume_db"].as_float(), Some(-3.0));
    }

    #[test]
    fn caption_settings_are_read_and_a_bad_one_is_named() {
        let text = "[captions]\nsize = \"extra-large\"\nbackground_opacity = 1.5\nspeaker_colours = \"yes\"\n";
        let (settings, problems) = parse(text);
        assert_eq!(settings.captions.size, CaptionSize::ExtraLarge);
        assert_eq!(settings.captions.background_opacity, 0.6, "the default");
        assert!(settings.captions.speaker_colours, "the default");
        let places: Vec<_> = problems.iter().map(|p| (p.line, p.key.as_str())).collect();
        assert_eq!(
            places,
            [
                (3, "captions.background_opacity"),
                (4, "captions.speaker_colours")
            ]
        );
        assert!(problems[0].problem.contains("0 to 1"), "{}", problems[0]);
        let (_, problems) = parse("[captions]\nsize = \"huge\"\n");
        assert_eq!(problems[0].key, "captions.size");
        assert!(problems[0].problem.contains("huge"), "{}", problems[0]);
    }

    #[test]
    fn non_finite_numbers_are_refused() {
        let (settings, problems) =
            parse("[controls]\nmouse_sensitivity = nan\nstick_sensitivity = inf\n");
        assert_eq!(settings.controls.mouse_sensitivity, 1.0);
        assert_eq!(settings.controls.stick_sensitivity, 1.0);
        assert_eq!(problems.len(), 2);
    }

    fn within(
        range: std::ops::RangeInclusive<f32>,
    ) -> impl proptest::strategy::Strategy<Value = f32> {
        *range.start()..=*range.end()
    }

    proptest::proptest! {
        #[test]
        fn any_settings_within_their_limits_round_trip(
            volume in within(limits::MASTER_VOLUME_DB),
            sensitivity in within(limits::SENSITIVITY),
            dead_zone in within(limits::STICK_DEAD_ZONE),
            window in within(limits::HIT_WINDOW),
            fov in within(limits::FIELD_OF_VIEW_DEG),
            tolerance in within(limits::STILLNESS_TOLERANCE),
            intensity in within(limits::HAPTIC_INTENSITY),
            opacity in within(limits::CAPTION_BACKGROUND_OPACITY),
            flags in proptest::array::uniform4(proptest::bool::ANY),
        ) {
            let mut settings = Settings::default();
            settings.sound.master_volume_db = volume;
            settings.controls.mouse_sensitivity = sensitivity;
            settings.controls.stick_dead_zone = dead_zone;
            settings.controls.hit_window = window;
            settings.comfort.field_of_view_deg = fov;
            settings.comfort.stillness_tolerance = tolerance;
            settings.haptics.intensity = intensity;
            settings.captions.background_opacity = opacity;
            settings.controls.invert_y = flags[0];
            settings.comfort.reduce_flashing = flags[1];
            settings.haptics.enabled = flags[2];
            settings.story.skip_hearing_test = flags[3];
            let (read, problems) = parse(&settings.to_toml());
            proptest::prop_assert_eq!(problems, vec![]);
            proptest::prop_assert_eq!(read, settings);
        }

        #[test]
        fn any_number_outside_its_limits_is_reported_and_left_at_its_default(
            value in proptest::num::f64::ANY,
        ) {
            let text = format!("[comfort]\nfield_of_view_deg = {}\n", toml::Value::Float(value));
            let (read, problems) = parse(&text);
            let inside = limits::FIELD_OF_VIEW_DEG.contains(&(value as f32));
            proptest::prop_assert_eq!(problems.is_empty(), inside);
            if !inside {
                proptest::prop_assert_eq!(read.comfort.field_of_view_deg, 70.0);
                proptest::prop_assert_eq!(&problems[0].key, "comfort.field_of_view_deg");
            }
        }
    }
}
