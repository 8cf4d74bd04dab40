//! The architecture, checked from the source: every module imports only from the layers below its own,
//! and no two files of `src/` import each other, however far round.
//!
//! It reads every `crate::`, `super::` and `self::` path in `src/` (in `use` declarations, in code, and in
//! macro calls), follows re-exports (`pub use`) to the file that defines what is named, and builds the
//! graph of which file uses which. Test code (`#[cfg(test)]`) is left out.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// The layers, lowest first: a module may use the modules of lower layers, never those of its own layer
/// or above. `app` is the crate root, `lib.rs`: the app plugin.
const LAYERS: &[&[&str]] = &[
    &["journey"],
    &["words"],
    &["input"],
    &["settings"],
    &["audio"],
    &["hearing"],
    &["haptics", "player"],
    &["ui"],
    &["autopilot"],
    &["scenes"],
    &["exhibit"],
    &["app"],
    &["engine"],
    &["testing", "render"],
    &["cli"],
];

#[test]
fn every_module_imports_only_from_the_layers_below_it_and_no_file_imports_in_a_loop() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = BTreeMap::new();
    read_tree(&root, &root, &mut sources);
    // The binary's `main.rs` is its own crate, using the library from outside.
    sources.remove("main.rs");
    assert!(sources.len() > 40, "read {} files of src/", sources.len());
    let problems = check(&sources, LAYERS);
    assert!(
        problems.is_empty(),
        "the layers, lowest first, are {}:\n{}",
        LAYERS
            .iter()
            .map(|layer| layer.join(" + "))
            .collect::<Vec<_>>()
            .join(", "),
        problems.join("\n")
    );
}

#[test]
fn a_module_that_uses_one_above_it_is_found() {
    let problems = check(
        &tree(&[
            ("lib.rs", "pub mod journey; pub mod ui;"),
            ("journey.rs", "pub fn begin() { crate::ui::title::show(); }"),
            ("ui/mod.rs", "pub mod title;"),
            ("ui/title.rs", "pub fn show() {}"),
        ]),
        &[&["journey"], &["ui"], &["app"]],
    );
    assert_eq!(
        problems,
        ["src/journey.rs uses src/ui/title.rs (`crate::ui::title::show`): journey is below ui"]
    );
}

#[test]
fn modules_of_one_layer_may_not_use_each_other() {
    let problems = check(
        &tree(&[
            ("lib.rs", "pub mod haptics; pub mod player;"),
            ("haptics.rs", "use crate::player::Player;"),
            ("player.rs", "pub struct Player;"),
        ]),
        &[&["haptics", "player"], &["app"]],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("haptics is beside player"),
        "{problems:?}"
    );
}

#[test]
fn two_files_that_use_each_other_are_found_and_a_re_export_is_followed() {
    let problems = check(
        &tree(&[
            ("lib.rs", "pub mod exhibit;"),
            (
                "exhibit/mod.rs",
                "mod log; mod session; mod station; pub use station::Visit;",
            ),
            ("exhibit/station.rs", "pub enum Visit { Attract }"),
            // Through the re-export in mod.rs to station.rs: not a loop with mod.rs.
            ("exhibit/log.rs", "use super::Visit; pub struct Log;"),
            (
                "exhibit/session.rs",
                "pub fn end() { let _ = super::log::Log; }",
            ),
            ("exhibit/overlay.rs", ""),
        ]),
        &[&["exhibit"], &["app"]],
    );
    assert!(problems.is_empty(), "{problems:?}");

    let problems = check(
        &tree(&[
            ("lib.rs", "pub mod exhibit;"),
            ("exhibit/mod.rs", "mod log; mod session;"),
            (
                "exhibit/log.rs",
                "use super::session::Ended; pub struct Log;",
            ),
            (
                "exhibit/session.rs",
                "pub struct Ended; macro_rules! m { () => {} } fn f() { m!(super::log::Log); }",
            ),
        ]),
        &[&["exhibit"], &["app"]],
    );
    assert_eq!(
        problems,
        ["a loop: src/exhibit/log.rs -> src/exhibit/session.rs -> src/exhibit/log.rs"]
    );
}

fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect()
}

fn read_tree(root: &Path, folder: &Path, sources: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(folder).expect("src/ can be read") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(root, &path, sources);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            sources.insert(relative, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// A module's path from the crate root, e.g. `["scenes", "gig", "club"]`; the root is `[]`.
type ModulePath = Vec<String>;

fn module_of(file: &str) -> ModulePath {
    let stem = file.trim_end_matches(".rs");
    let mut parts: ModulePath = stem.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// What one file says: what it defines, what it imports under which names, which paths it uses.
#[derive(Default)]
struct FileFacts {
    defines: BTreeSet<String>,
    /// Names brought in by `use` (re-exported or not), to the path they stand for.
    imports: HashMap<String, Vec<String>>,
    /// Modules whose every public name is brought in by a glob `use`.
    globs: Vec<Vec<String>>,
    /// Paths the file uses, as written.
    uses: Vec<Vec<String>>,
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

impl<'ast> Visit<'ast> for FileFacts {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Struct(s) => &s.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        self.use_tree(&item.tree, &mut prefix);
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        self.defines.insert(item.ident.to_string());
        syn::visit::visit_item_struct(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        self.defines.insert(item.ident.to_string());
        syn::visit::visit_item_enum(self, item);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.defines.insert(item.sig.ident.to_string());
        syn::visit::visit_item_fn(self, item);
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        self.defines.insert(item.ident.to_string());
        syn::visit::visit_item_const(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.defines.insert(item.ident.to_string());
        syn::visit::visit_item_static(self, item);
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.defines.insert(item.ident.to_string());
        syn::visit::visit_item_trait(self, item);
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        self.defines.insert(item.ident.to_string());
        syn::visit::visit_item_type(self, item);
    }

    /// `pub(crate)`, `pub(super)`: who may see an item, not a use of anything.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.uses.push(
            path.segments
                .iter()
                .map(|segment| segment.ident.to_string())
                .collect(),
        );
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.scan_tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

impl FileFacts {
    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(&path.tree, prefix);
                prefix.pop();
            }
            syn::UseTree::Name(name) => self.import(prefix, &name.ident, &name.ident),
            syn::UseTree::Rename(rename) => self.import(prefix, &rename.ident, &rename.rename),
            syn::UseTree::Glob(_) => {
                self.globs.push(prefix.clone());
                self.uses.push(prefix.clone());
            }
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    self.use_tree(tree, prefix);
                }
            }
        }
    }

    fn import(&mut self, prefix: &[String], name: &syn::Ident, alias: &syn::Ident) {
        let mut path = prefix.to_vec();
        if name != "self" {
            path.push(name.to_string());
        }
        let alias = if alias == "self" {
            prefix.last().cloned().unwrap_or_default()
        } else {
            alias.to_string()
        };
        self.uses.push(path.clone());
        self.imports.insert(alias, path);
    }

    /// Paths in a macro's tokens: `crate`, `super` or `self` followed by `::name` runs.
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut at = 0;
        while at < tokens.len() {
            match &tokens[at] {
                TokenTree::Group(group) => self.scan_tokens(group.stream()),
                TokenTree::Ident(ident)
                    if ["crate", "super", "self"].contains(&ident.to_string().as_str()) =>
                {
                    let mut path = vec![ident.to_string()];
                    while let (
                        Some(TokenTree::Punct(a)),
                        Some(TokenTree::Punct(b)),
                        Some(TokenTree::Ident(next)),
                    ) = (tokens.get(at + 1), tokens.get(at + 2), tokens.get(at + 3))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        path.push(next.to_string());
                        at += 3;
                    }
                    self.uses.push(path);
                }
                _ => {}
            }
            at += 1;
        }
    }
}

/// Checks `sources` (file paths relative to `src/`, to their text) against `layers`, lowest first; returns
/// one line per problem.
fn check(sources: &BTreeMap<String, String>, layers: &[&[&str]]) -> Vec<String> {
    let files: BTreeMap<ModulePath, &str> = sources
        .keys()
        .map(|file| (module_of(file), file.as_str()))
        .collect();
    let facts: BTreeMap<ModulePath, FileFacts> = sources
        .iter()
        .map(|(file, text)| {
            let syntax = syn::parse_file(text).unwrap_or_else(|error| panic!("{file}: {error}"));
            let mut facts = FileFacts::default();
            facts.visit_file(&syntax);
            (module_of(file), facts)
        })
        .collect();
    let resolver = Resolver {
        files: &files,
        facts: &facts,
    };

    let mut problems = Vec::new();
    let mut graph: BTreeMap<ModulePath, BTreeSet<ModulePath>> = BTreeMap::new();
    for (module, file_facts) in &facts {
        let edges = graph.entry(module.clone()).or_default();
        for path in &file_facts.uses {
            let Some(target) = resolver.resolve(module, path) else {
                continue;
            };
            if &target == module || edges.contains(&target) {
                continue;
            }
            edges.insert(target.clone());
            let (from, to) = (top_module(module), top_module(&target));
            if from == to {
                continue;
            }
            let rank = |name: &str| layers.iter().position(|layer| layer.contains(&name));
            let verdict = match (rank(&from), rank(&to)) {
                (Some(a), Some(b)) if a > b => None,
                (Some(a), Some(b)) if a == b => Some(format!("{from} is beside {to}")),
                (Some(_), Some(_)) => Some(format!("{from} is below {to}")),
                (None, _) => Some(format!("{from} is in no layer")),
                (_, None) => Some(format!("{to} is in no layer")),
            };
            if let Some(verdict) = verdict {
                problems.push(format!(
                    "src/{} uses src/{} (`{}`): {verdict}",
                    files[module],
                    files[&target],
                    path.join("::")
                ));
            }
        }
    }
    for cycle in cycles(&graph) {
        let mut names: Vec<String> = cycle.iter().map(|m| format!("src/{}", files[m])).collect();
        names.push(names[0].clone());
        problems.push(format!("a loop: {}", names.join(" -> ")));
    }
    problems
}

/// The top-level module a module belongs to (`app` for the crate root).
fn top_module(module: &ModulePath) -> String {
    module.first().cloned().unwrap_or_else(|| "app".to_string())
}

struct Resolver<'a> {
    files: &'a BTreeMap<ModulePath, &'a str>,
    facts: &'a BTreeMap<ModulePath, FileFacts>,
}

impl Resolver<'_> {
    /// The file (module) that defines what `path`, written in `module`, names; none for paths outside the
    /// crate.
    fn resolve(&self, module: &ModulePath, path: &[String]) -> Option<ModulePath> {
        let (first, rest) = path.split_first()?;
        let start = match first.as_str() {
            "crate" => Vec::new(),
            "super" => module[..module.len().checked_sub(1)?].to_vec(),
            "self" => module.clone(),
            name => {
                let child = [module.as_slice(), &[name.to_string()]].concat();
                if self.files.contains_key(&child) {
                    return self.walk(child, rest, 0);
                }
                // A name this file imported: follow the import.
                let imported = self.facts.get(module)?.imports.get(name)?;
                if imported.first() == Some(first) {
                    return None;
                }
                let full = [imported.as_slice(), rest].concat();
                return self.resolve(module, &full);
            }
        };
        let mut rest = rest;
        let mut at = start;
        while let Some(("super", more)) = rest.split_first().map(|(s, more)| (s.as_str(), more)) {
            at.pop();
            rest = more;
        }
        self.walk(at, rest, 0)
    }

    /// From `module`, down the segments: into child modules while there are, then to whatever the last
    /// module defines or re-exports.
    fn walk(&self, module: ModulePath, rest: &[String], depth: usize) -> Option<ModulePath> {
        if depth > 16 {
            return Some(module);
        }
        let Some((name, more)) = rest.split_first() else {
            return Some(module);
        };
        let child = [module.as_slice(), std::slice::from_ref(name)].concat();
        if self.files.contains_key(&child) {
            return self.walk(child, more, depth + 1);
        }
        let facts = self.facts.get(&module)?;
        if facts.defines.contains(name) {
            return Some(module);
        }
        if let Some(imported) = facts.imports.get(name) {
            let full = [imported.as_slice(), more].concat();
            return self.resolve(&module, &full).or(Some(module));
        }
        for glob in &facts.globs {
            if let Some(target) = self.resolve(&module, glob)
                && self
                    .facts
                    .get(&target)
                    .is_some_and(|facts| facts.defines.contains(name))
            {
                return Some(target);
            }
        }
        Some(module)
    }
}

/// Every set of files that reach each other (Tarjan's strongly connected components of more than one).
fn cycles(graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>) -> Vec<Vec<ModulePath>> {
    struct Tarjan<'g> {
        graph: &'g BTreeMap<ModulePath, BTreeSet<ModulePath>>,
        index: HashMap<&'g ModulePath, usize>,
        low: HashMap<&'g ModulePath, usize>,
        stack: Vec<&'g ModulePath>,
        on_stack: BTreeSet<&'g ModulePath>,
        found: Vec<Vec<ModulePath>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, node: &'g ModulePath) {
            let at = self.index.len();
            self.index.insert(node, at);
            self.low.insert(node, at);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in self.graph.get(node).into_iter().flatten() {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    component.push(member.clone());
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        graph,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !tarjan.index.contains_key(node) {
            tarjan.visit(node);
        }
    }
    tarjan.found
}
