//! Every word a visitor reads, in the language they chose: the Fluent files under
//! `assets/locales/<code>/`, loaded through the asset system, and the [`Phrase`] on each entity that
//! shows words.

mod book;
mod language;
mod on_screen;
mod phrase;

pub use book::Phrasebook;
pub use language::Language;
pub use on_screen::{FluentText, Words, locale_folder};
pub use phrase::{Arg, Phrase, line_key};

pub(super) fn plugin(app: &mut bevy::prelude::App) {
    on_screen::plugin(app);
}
