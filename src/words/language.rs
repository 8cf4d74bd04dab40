//! The languages every word of the experience is written in. Pure logic, no Bevy.

/// A language the interface and the captions can be read in. The recordings stay English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Language {
    #[default]
    English,
    Spanish,
    German,
    French,
}

impl Language {
    pub const ALL: [Language; 4] = [
        Language::English,
        Language::Spanish,
        Language::German,
        Language::French,
    ];

    /// Its BCP 47 code, as settings files, the station's config and `assets/locales/` spell it.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
            Language::German => "de",
            Language::French => "fr",
        }
    }

    /// The language named by `code`, if the experience is written in it.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|language| language.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Its name in itself, as a speaker looks for it in a list.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Spanish => "Español",
            Language::German => "Deutsch",
            Language::French => "Français",
        }
    }

    /// `value` with `places` decimals, written the way this language writes numbers.
    pub fn decimal(self, value: f64, places: usize) -> String {
        let written = format!("{value:.places$}");
        match self {
            Language::English => written,
            Language::Spanish | Language::German | Language::French => written.replace('.', ","),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_as_their_language() {
        for language in Language::ALL {
            assert_eq!(Language::from_code(language.code()), Some(language));
        }
        assert_eq!(Language::from_code("DE"), Some(Language::German));
        assert_eq!(Language::from_code("tlh"), None);
    }

    #[test]
    fn decimals_use_each_language_s_separator() {
        assert_eq!(Language::English.decimal(1.25, 2), "1.25");
        assert_eq!(Language::German.decimal(1.25, 2), "1,25");
        assert_eq!(Language::French.decimal(3.0, 0), "3");
    }
}
