//! The crate's shape, checked: no cycle between its top-level modules
//! (`crate::X` references in `src/X.rs` or `src/X/`), the finding model a
//! leaf, and a thin binary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Top-level module → the other top-level modules its code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src()).unwrap();
        let module = rel.iter().next().unwrap().to_string_lossy();
        let module = module.trim_end_matches(".rs").to_string();
        if module == "main" || module == "lib" || module == "cli" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let deps = g.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                deps.insert(name);
            }
        }
    }
    g
}

#[test]
fn no_cycle_between_top_level_modules() {
    let g = graph();
    // Depth-first search for a back edge, reporting the cycle.
    fn visit(
        m: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!("module cycle: {} -> {m}", path[at..].join(" -> "));
        }
        if done.contains(m) {
            return;
        }
        path.push(m.to_string());
        for d in g.get(m).into_iter().flatten() {
            visit(d, g, path, done);
        }
        path.pop();
        done.insert(m.to_string());
    }
    let mut done = BTreeSet::new();
    for m in g.keys() {
        visit(m, &g, &mut Vec::new(), &mut done);
    }
    assert!(g.len() >= 10, "{g:?}");
}

#[test]
fn the_finding_model_and_the_configuration_stand_alone() {
    let g = graph();
    for leaf in ["finding", "text", "bounded"] {
        assert_eq!(g[leaf], BTreeSet::new(), "{leaf} is not a leaf");
    }
    let config: Vec<&String> = g["config"].iter().collect();
    assert_eq!(config, ["bounded", "finding", "i18n", "text"]);
    // The words of reports stand on the finding model alone.
    assert_eq!(g["i18n"], BTreeSet::from(["finding".to_string()]));
    // Renderers never read files or normalise them: they get what the
    // check kept (`show` prints a parsed submission it is handed).
    for dep in ["source", "normalize", "corpus"] {
        assert!(!g["report"].contains(dep), "report uses {dep}");
    }
}

#[test]
fn the_binary_is_thin() {
    let main = std::fs::read_to_string(src().join("main.rs")).unwrap();
    assert!(
        main.lines().count() <= 150,
        "{} lines",
        main.lines().count()
    );
}
