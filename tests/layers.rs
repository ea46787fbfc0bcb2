//! The modules form one pipeline — text → document → people → facts → rules
//! → report — over foundations and inputs, and each may use only modules in
//! a lower layer. This reads every `crate::` path in the library's code (its
//! test modules aside: a module's tests may build a whole checker) and fails
//! on any that reaches sideways or up, which also rules out every cycle.

use std::path::Path;

/// The layers, lowest first. `crate` stands for the crate root's own items
/// (`Checker`, the re-exports).
const LAYERS: &[&[&str]] = &[
    &["error", "ids", "sort", "small_map"],
    &["calendar", "dates", "normalise", "offsets", "time", "words"],
    &["context", "lexicon", "patterns"],
    &["policy"],
    &["document"],
    &["people"],
    &["facts"],
    &["rules"],
    &["report"],
    &["crate"],
    &["wasm"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The module a source file belongs to: its first path component under `src/`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    match first.strip_suffix(".rs") {
        Some("lib") => "crate".to_owned(),
        Some(name) => name.to_owned(),
        None => first,
    }
}

/// The code of a file without its trailing test modules and comments.
fn production_code(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" && lines.peek().is_some_and(|next| next.trim_start().starts_with("mod ") || next.contains(" mod ")) {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every module named by a `crate::` path in `code`, with the path itself:
/// `crate::lexicon::List` names `lexicon`, `crate::{a, b}` names `a` and `b`,
/// and `crate::Checker` names the root.
fn crate_paths(code: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `$crate::` in a macro, or part of a longer name
        }
        let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            group[..end].split(',').map(|n| n.trim().split("::").next().unwrap_or("").to_owned()).filter(|n| !n.is_empty()).collect()
        } else {
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            vec![rest[..end].to_owned()]
        };
        for name in names {
            let module = if name.starts_with(|c: char| c.is_uppercase()) { "crate".to_owned() } else { name.clone() };
            found.push((module, name));
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().unwrap() != "bin" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_lower_layers() {
    let mut files = Vec::new();
    rust_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        let module = module_of(file);
        let Some(own) = layer_of(&module) else {
            problems.push(format!("{}: module `{module}` has no layer in tests/layers.rs", file.display()));
            continue;
        };
        for (used, path) in crate_paths(&production_code(&std::fs::read_to_string(file).unwrap())) {
            checked += 1;
            if used == module {
                continue;
            }
            match layer_of(&used) {
                Some(layer) if layer < own => {}
                Some(_) => problems.push(format!("{}: `{module}` uses `crate::{path}`, which is not below it", file.display())),
                None => problems.push(format!("{}: `crate::{path}` names no known module", file.display())),
            }
        }
    }
    assert!(checked > 60, "read only {checked} paths");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_finds_what_it_should() {
    let code = "use crate::{a::B, c};\nuse crate::Checker; // crate::ignored\n$crate::ids::X; let x = crate::sort::sort(v);";
    let found: Vec<String> = crate_paths(&production_code(code)).into_iter().map(|(m, _)| m).collect();
    assert_eq!(found, ["a", "c", "crate", "sort"]);
    let with_tests = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::z;\n}\n";
    assert_eq!(crate_paths(&production_code(with_tests)).len(), 1);
}
