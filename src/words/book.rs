//! Every message of every language, from the Fluent files under `assets/locales/<code>/`. Pure logic:
//! what Bevy loads, and the tests read from disk, are given to it as text.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use super::language::Language;
use super::phrase::{Arg, Phrase};

/// The messages of each language.
#[derive(Default)]
pub struct Phrasebook {
    bundles: HashMap<Language, FluentBundle<Arc<FluentResource>>>,
    resources: HashMap<Language, Vec<Arc<FluentResource>>>,
}

impl std::fmt::Debug for Phrasebook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut languages: Vec<_> = self.resources.keys().map(|l| l.code()).collect();
        languages.sort();
        f.debug_struct("Phrasebook")
            .field("languages", &languages)
            .finish()
    }
}

impl Phrasebook {
    /// Adds the messages of one file, `origin` naming it in errors: a file that does not parse adds
    /// nothing; a message named twice in a language is an error, and the first one stays.
    pub fn add(&mut self, language: Language, origin: &str, source: String) -> Result<(), String> {
        let resource = FluentResource::try_new(source).map_err(|(_, errors)| {
            let why: Vec<String> = errors
                .iter()
                .map(|error| format!("{} at byte {}", error.kind, error.pos.start))
                .collect();
            format!("{origin}: {}", why.join("; "))
        })?;
        let resource = Arc::new(resource);
        let bundle = self.bundles.entry(language).or_insert_with(|| {
            let id: LanguageIdentifier = language
                .code()
                .parse()
                .expect("every language's code is a language identifier");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No invisible isolation marks around what fills a variable: the font has no glyph for them.
            bundle.set_use_isolating(false);
            bundle
        });
        bundle
            .add_resource(Arc::clone(&resource))
            .map_err(|errors| {
                let why: Vec<String> = errors.iter().map(ToString::to_string).collect();
                format!("{origin}: {}", why.join("; "))
            })?;
        self.resources.entry(language).or_default().push(resource);
        Ok(())
    }

    /// Every `.ftl` file under `folder/<code>/` for each language, read from disk.
    pub fn read(folder: &Path) -> Result<Self, String> {
        let mut book = Self::default();
        for language in Language::ALL {
            for path in ftl_files(&folder.join(language.code()))? {
                let source = std::fs::read_to_string(&path)
                    .map_err(|error| format!("{}: {error}", path.display()))?;
                book.add(language, &path.display().to_string(), source)?;
            }
        }
        Ok(book)
    }

    /// The words of `phrase` in `language`, or `None` when the language has no such message.
    pub fn text(&self, language: Language, phrase: &Phrase) -> Option<String> {
        if phrase.key().is_empty() {
            return Some(String::new());
        }
        let bundle = self.bundles.get(&language)?;
        let (id, attribute) = match phrase.key().split_once('.') {
            Some((id, attribute)) => (id, Some(attribute)),
            None => (phrase.key(), None),
        };
        let message = bundle.get_message(id)?;
        let pattern = match attribute {
            Some(attribute) => message.get_attribute(attribute)?.value(),
            None => message.value()?,
        };
        let mut args = FluentArgs::new();
        for (name, arg) in phrase.args() {
            let value: FluentValue = match arg {
                Arg::Phrase(inner) => self
                    .text(language, inner)
                    .unwrap_or_else(|| inner.key().to_string())
                    .into(),
                Arg::Verbatim(text) => text.clone().into(),
                Arg::Count(count) => (*count).into(),
                Arg::Decimal { value, places } => language.decimal(*value, *places).into(),
            };
            args.set(name.clone(), value);
        }
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, Some(&args), &mut errors)
                .into_owned(),
        )
    }

    /// Every message of `language` (attributes as `id.attribute`), with the variables it uses.
    pub fn messages(&self, language: Language) -> BTreeMap<String, BTreeSet<String>> {
        let mut messages = BTreeMap::new();
        for resource in self.resources.get(&language).into_iter().flatten() {
            for entry in resource.entries() {
                let ast::Entry::Message(message) = entry else {
                    continue;
                };
                let id = message.id.name.to_string();
                if let Some(pattern) = &message.value {
                    messages.insert(id.clone(), variables(pattern));
                }
                for attribute in &message.attributes {
                    messages.insert(
                        format!("{id}.{}", attribute.id.name),
                        variables(&attribute.value),
                    );
                }
            }
        }
        messages
    }
}

fn ftl_files(folder: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries =
        std::fs::read_dir(folder).map_err(|error| format!("{}: {error}", folder.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    Ok(files)
}

/// The variables a pattern uses, through every variant of its selections.
fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    fn in_expression(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Inline(inline) => in_inline(inline, found),
            ast::Expression::Select { selector, variants } => {
                in_inline(selector, found);
                for variant in variants {
                    in_pattern(&variant.value, found);
                }
            }
        }
    }
    fn in_inline(inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                found.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => in_expression(expression, found),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    in_inline(argument, found);
                }
            }
            _ => {}
        }
    }
    fn in_pattern(pattern: &ast::Pattern<&str>, found: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                in_expression(expression, found);
            }
        }
    }
    let mut found = BTreeSet::new();
    in_pattern(pattern, &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Phrasebook {
        let mut book = Phrasebook::default();
        book.add(
            Language::English,
            "en/test.ftl",
            "greeting = Hello, { $name }.\nshirts = { $count ->\n    [one] one shirt\n   *[other] { $count } shirts\n}\nline-a = Hi.\n    .speaker = { who }\nwho = The singer\n".into(),
        )
        .unwrap();
        book.add(
            Language::German,
            "de/test.ftl",
            "greeting = Hallo, { $name }.\n".into(),
        )
        .unwrap();
        book
    }

    #[test]
    fn a_phrase_is_written_in_the_language_asked_for() {
        let book = book();
        let greeting = Phrase::new("greeting").with_verbatim("name", "Mara");
        assert_eq!(
            book.text(Language::English, &greeting).as_deref(),
            Some("Hello, Mara.")
        );
        assert_eq!(
            book.text(Language::German, &greeting).as_deref(),
            Some("Hallo, Mara.")
        );
        assert_eq!(book.text(Language::German, &Phrase::new("shirts")), None);
        assert_eq!(book.text(Language::French, &greeting), None);
    }

    #[test]
    fn counts_choose_plurals_and_attributes_and_nested_phrases_resolve() {
        let book = book();
        let shirts = |n| Phrase::new("shirts").with_count("count", n);
        assert_eq!(
            book.text(Language::English, &shirts(1)).unwrap(),
            "one shirt"
        );
        assert_eq!(
            book.text(Language::English, &shirts(3)).unwrap(),
            "3 shirts"
        );
        let speaker = Phrase::new("line-a.speaker");
        assert_eq!(
            book.text(Language::English, &speaker).unwrap(),
            "The singer"
        );
        let nested = Phrase::new("greeting").with("name", Phrase::new("who"));
        assert_eq!(
            book.text(Language::English, &nested).unwrap(),
            "Hello, The singer."
        );
    }

    #[test]
    fn messages_list_their_variables_and_attributes() {
        let messages = book().messages(Language::English);
        assert_eq!(messages["greeting"], BTreeSet::from(["name".to_string()]));
        assert_eq!(messages["shirts"], BTreeSet::from(["count".to_string()]));
        assert!(messages.contains_key("line-a.speaker"));
    }

    #[test]
    fn a_broken_file_is_named() {
        let mut book = Phrasebook::default();
        let error = book
            .add(Language::French, "fr/ui.ftl", "= nothing\n".into())
            .unwrap_err();
        assert!(error.starts_with("fr/ui.ftl: "), "{error}");
        let error = book
            .add(Language::French, "fr/again.ftl", "a = 1\na = 2\n".into())
            .unwrap_err();
        assert!(error.starts_with("fr/again.ftl: "), "{error}");
    }
}
