//! A phrase: the key of a message in the localisation files, with what fills its variables.

use std::borrow::Cow;

use bevy::prelude::*;

/// The words an entity shows, by the key of their message in `assets/locales/<lang>/*.ftl`; the
/// text is written from the current language whenever the phrase or the language changes.
/// `key.attribute` names an attribute of a message. Every visible text is a phrase: nothing else
/// writes an entity's [`Text`].
#[derive(Component, Debug, Clone, PartialEq, Default)]
#[require(Text)]
pub struct Phrase {
    key: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
}

/// What fills a variable of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Another message, in the same language.
    Phrase(Phrase),
    /// Text that is nobody's words: a key's legend, a file path, an error the system gave.
    Verbatim(String),
    /// A whole number, which also picks a plural form.
    Count(i64),
    /// A number with this many decimals, written the language's way.
    Decimal { value: f64, places: usize },
}

impl Phrase {
    pub const fn new(key: &'static str) -> Self {
        Self {
            key: Cow::Borrowed(key),
            args: Vec::new(),
        }
    }

    /// No words yet: an entity whose words a system writes later.
    pub const fn blank() -> Self {
        Self::new("")
    }

    /// Text that is nobody's words, shown as it is: a key's legend, a number, a language's own name.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Self::new("verbatim").with_verbatim("text", text)
    }

    /// The caption of the recorded line `stem` (`singer_merch_1` is `line-singer-merch-1`).
    pub fn line(stem: &str) -> Self {
        Self {
            key: Cow::Owned(line_key(stem)),
            args: Vec::new(),
        }
    }

    /// The caption of the sound file `stem` (`glass_clink_1` is `sound-glass-clink-1`).
    pub fn sound(stem: &str) -> Self {
        Self {
            key: Cow::Owned(format!("sound-{}", stem.replace('_', "-"))),
            args: Vec::new(),
        }
    }

    pub fn with(self, name: impl Into<Cow<'static, str>>, phrase: Phrase) -> Self {
        self.arg(name, Arg::Phrase(phrase))
    }

    pub fn with_verbatim(
        self,
        name: impl Into<Cow<'static, str>>,
        text: impl Into<String>,
    ) -> Self {
        self.arg(name, Arg::Verbatim(text.into()))
    }

    pub fn with_count(self, name: impl Into<Cow<'static, str>>, count: i64) -> Self {
        self.arg(name, Arg::Count(count))
    }

    pub fn with_decimal(
        self,
        name: impl Into<Cow<'static, str>>,
        value: f64,
        places: usize,
    ) -> Self {
        self.arg(name, Arg::Decimal { value, places })
    }

    pub fn arg(mut self, name: impl Into<Cow<'static, str>>, arg: Arg) -> Self {
        let name = name.into();
        self.args.retain(|(existing, _)| *existing != name);
        self.args.push((name, arg));
        self
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn args(&self) -> &[(Cow<'static, str>, Arg)] {
        &self.args
    }
}

/// The key of the caption of the recorded line `stem`.
pub fn line_key(stem: &str) -> String {
    format!("line-{}", stem.replace('_', "-"))
}
