//! The pre-merge user: configuration, baselines, `--only`, the pre-commit
//! hook's command, completions and the manual.

#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("dubbelkoll").unwrap();
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    c
}

fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(root().join("fixtures/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

fn rules(out: &[u8]) -> Vec<String> {
    let v: Value = serde_json::from_slice(out).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// A repository with the seeds under `inlamning/` and a config file at its top.
fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("inlamning");
    std::fs::create_dir_all(sub.join("arkiv")).unwrap();
    for p in ["000", "001", "002", "003"] {
        let s = seed(p);
        std::fs::copy(&s, sub.join(s.file_name().unwrap())).unwrap();
    }
    std::fs::copy(seed("004"), sub.join("arkiv/old.txt")).unwrap();
    std::fs::write(dir.path().join("dubbelkoll.toml"), config).unwrap();
    dir
}

#[test]
fn config_is_found_walking_up_and_flags_override_it() {
    let dir = repo("select = [\"MISS\", \"CONT004\"]\nfail-on = \"warning\"\nexclude = [\"arkiv/**\"]\n[severity]\nCONT004 = \"info\"\n");
    let here = dir.path().join("inlamning");
    let out = cmd(&here)
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let found = rules(&out.stdout);
    assert!(
        found
            .iter()
            .all(|r| r.starts_with("MISS") || r == "CONT004"),
        "{found:?}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["files"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| !f["path"].as_str().unwrap().contains("arkiv")));
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "CONT004")
        .all(|f| f["severity"] == "info"));
    assert_eq!(
        out.status.code(),
        Some(1),
        "MISS002 is a warning and fail-on is warning"
    );
    // Flags win over the file.
    let out = cmd(&here)
        .args([
            "check",
            ".",
            "--format",
            "json",
            "--select",
            "CONT004",
            "--fail-on",
            "error",
        ])
        .output()
        .unwrap();
    assert!(rules(&out.stdout).iter().all(|r| r == "CONT004"));
    assert_eq!(out.status.code(), Some(0), "CONT004 is info here");
    // `dubbelkoll config` prints what is in force and where it came from.
    let out = cmd(&here).arg("config").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!(
            "# from {}",
            dir.path().join("dubbelkoll.toml").display()
        )),
        "{text}"
    );
    assert!(
        text.contains("fail-on = \"warning\"") && text.contains("CONT004 = \"info\""),
        "{text}"
    );
}

#[test]
fn lang_set_once_in_the_config_speaks_every_command_until_a_flag_says_otherwise() {
    let dir = repo("lang = \"sv\"\n");
    let here = dir.path().join("inlamning");
    let out = cmd(&here).args(["explain", "MISS001"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Vad den hittar"), "{text}");
    let out = cmd(&here)
        .args(["check", ".", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("är inte ifyllt"), "{text}");
    let out = cmd(&here)
        .args(["--lang", "en", "explain", "MISS001"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("What it finds"));
    let bad = repo("lang = \"fi\"\n");
    let out = cmd(&bad.path().join("inlamning"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("dubbelkoll.toml") && err.contains("lang"),
        "{err}"
    );
}

#[test]
fn unknown_config_keys_stop_the_run_naming_key_and_file() {
    let dir = repo("fail_on = \"warning\"\n");
    let out = cmd(dir.path())
        .args(["check", "inlamning"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dubbelkoll.toml") && err.contains("unknown field `fail_on`"),
        "{err}"
    );
    let out = cmd(dir.path())
        .args(["check", "inlamning", "--config", "nope.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn baseline_round_trip_reports_only_new_findings() {
    let dir = repo("");
    let d = dir.path();
    let out = cmd(d)
        .args([
            "check",
            "inlamning",
            "--format",
            "json",
            "--write-baseline",
            "baseline.json",
        ])
        .output()
        .unwrap();
    let before = rules(&out.stdout);
    assert!(!before.is_empty());
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["findings"].as_array().unwrap().len(), before.len());
    // Written atomically: no temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.iter().filter(|n| n.starts_with(".tmp")).count(),
        0,
        "{names:?}"
    );

    // Nothing new: clean. Lines moved: still nothing new.
    let against_baseline = || {
        cmd(d)
            .args([
                "check",
                "inlamning",
                "--format",
                "json",
                "--baseline",
                "baseline.json",
            ])
            .output()
            .unwrap()
    };
    let out = against_baseline();
    assert_eq!((rules(&out.stdout).len(), out.status.code()), (0, Some(0)));
    let p = d.join("inlamning").join(seed("002").file_name().unwrap());
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("\n\n{text}")).unwrap();
    let out = against_baseline();
    assert_eq!(rules(&out.stdout), Vec::<String>::new());

    // A new problem is reported alone.
    let fresh = std::fs::read_to_string(seed("003"))
        .unwrap()
        .replace("kajsa.parke@stockholm.se", "kajsa.parke@stockhlom.se");
    std::fs::write(d.join("inlamning/new.txt"), fresh).unwrap();
    let out = against_baseline();
    let new = rules(&out.stdout);
    assert!(
        new.contains(&"DUP001".to_string()) || new.contains(&"DUP002".to_string()),
        "{new:?}"
    );
    assert!(
        !new.iter().any(|r| r == "MISS002"),
        "old findings stay hidden: {new:?}"
    );
}

#[test]
fn only_reports_the_named_files_compared_with_the_whole_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let planted = gen_corpus::generate(300, &d.join("repo"), 5).unwrap();
    std::fs::remove_file(d.join("repo/manifest.json")).unwrap();
    // A "new" file: a copy of an old submission with a few words changed.
    let (old, _, _) = &planted[0];
    let text = std::fs::read_to_string(d.join("repo").join(old)).unwrap();
    let edited = text.replacen("Förvaltningen", "Förvaltningen också", 1);
    assert_ne!(edited, text);
    std::fs::write(d.join("repo/zz_new.txt"), edited).unwrap();

    let out = cmd(d)
        .args([
            "check",
            "repo",
            "--format",
            "json",
            "--only",
            "repo/zz_new.txt",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["repo/zz_new.txt"]);
    let dups: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("DUP"))
        .collect();
    assert!(!dups.is_empty(), "the new copy of {old} is caught");
    for f in &v["findings"].as_array().unwrap()[..] {
        let involved = f["path"] == "repo/zz_new.txt"
            || f["related"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["path"] == "repo/zz_new.txt");
        assert!(involved, "{f}");
    }
    assert_eq!(out.status.code(), Some(1));
    // The same names from standard input.
    let from_stdin = cmd(d)
        .args(["check", "repo", "--format", "json", "--only", "-"])
        .write_stdin("repo/zz_new.txt\n")
        .output()
        .unwrap();
    assert_eq!(rules(&from_stdin.stdout), rules(&out.stdout));

    // A named file the scan did not check: the run cannot pass by accident.
    std::fs::write(d.join("repo/.hidden.txt"), &text).unwrap();
    std::fs::create_dir(d.join("repo/arkiv")).unwrap();
    std::fs::write(d.join("repo/arkiv/old.txt"), &text).unwrap();
    for (name, why) in [
        ("repo/.hidden.txt", "hidden, excluded"),
        ("repo/arkiv/old.txt", "hidden, excluded"),
        ("repo/absent.txt", "no such file"),
    ] {
        let out = cmd(d)
            .args(["check", "repo", "--exclude", "arkiv/**", "--only", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name) && err.contains(why), "{name}: {err}");
    }
}

#[test]
fn the_pre_commit_hook_blocks_a_staged_near_duplicate() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let mirror =
        std::fs::read_to_string(root().join("pre-commit-mirror/.pre-commit-hooks.yaml")).unwrap();
    // The hooks built with cargo, built as a wheel, and installed from the
    // published wheel run the same command.
    let entries: Vec<&str> = (hooks.lines().chain(mirror.lines()))
        .filter_map(|l| l.trim().strip_prefix("entry: "))
        .collect();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| *e == entries[0]), "{entries:?}");
    let entry = entries[0];
    for language in ["language: rust", "language: python"] {
        assert!(hooks.contains(language), "{language}");
    }
    let args: Vec<&str> = entry.split_whitespace().skip(1).collect();
    let dir = repo("");
    let d = dir.path();
    // Staging seed 004, a near-duplicate of the committed seed 001.
    std::fs::remove_file(d.join("inlamning/arkiv/old.txt")).unwrap();
    std::fs::copy(seed("004"), d.join("inlamning/staged.txt")).unwrap();
    let out = cmd(d)
        .args(&args)
        .arg("inlamning/staged.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("DUP001"));
    // A clean staged file passes.
    std::fs::remove_file(d.join("inlamning/staged.txt")).unwrap();
    let clean = d.join("inlamning").join(seed("003").file_name().unwrap());
    let out = cmd(d).args(&args).arg(&clean).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn quiet_hides_the_summary() {
    let out = cmd(&root())
        .args(["check", "fixtures/seeds", "--quiet", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[MISS001]")
            && !text.contains("Answered")
            && !text.contains("findings (")
    );
}

#[test]
fn completions_and_manual() {
    let out = cmd(&root()).args(["completions", "bash"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("_dubbelkoll()"));
    let out = cmd(&root()).arg("man").output().unwrap();
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(
        man.starts_with(".ie") || man.contains(".TH dubbelkoll"),
        "{}",
        &man[..200.min(man.len())]
    );
    // Each subcommand has its page, and the page names every option.
    for sub in [
        "check", "report", "show", "diff", "template", "config", "explain",
    ] {
        let out = cmd(&root()).args(["man", sub]).output().unwrap();
        assert!(out.status.success(), "man {sub}");
        let page = String::from_utf8_lossy(&out.stdout);
        assert!(
            page.contains(&format!(".TH dubbelkoll-{sub} ")),
            "{sub}: {}",
            &page[..200.min(page.len())]
        );
        if sub == "check" {
            assert!(
                page.contains(".SH \"EXIT STATUS\""),
                "man check lacks EXIT STATUS"
            );
            // The synopsis shows what an option takes.
            let synopsis = page.split(".SH SYNOPSIS").nth(1).unwrap();
            let synopsis = synopsis.split(".SH").next().unwrap();
            assert!(synopsis.contains("[\\-\\-format <FORMAT>]"), "{synopsis}");
            assert!(synopsis.contains("[\\-\\-follow]"), "{synopsis}");
            for option in [
                "format",
                "baseline",
                "fail\\-on",
                "only",
                "follow",
                "write\\-baseline",
                "lang",
            ] {
                assert!(
                    page.contains(&format!("\\-\\-{option}")),
                    "man check lacks --{option}"
                );
            }
        }
    }
    assert_eq!(
        cmd(&root())
            .args(["man", "nope"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    // Completion offers the rule codes to `explain`.
    let out = cmd(&root()).args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(script.contains("MISS001") && script.contains("READ001"));
}

#[test]
fn per_file_ignores_accept_a_folders_old_findings() {
    // The archive holds seed 004 (CONT001, CONT004, MISS002, …).
    let dir = repo("[per-file-ignores]\n\"inlamning/arkiv/**\" = [\"CONT\", \"MISS002\"]\n");
    let out = cmd(dir.path())
        .args(["check", "inlamning", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    archive_ignored(&v);
    // Outside the archive nothing is ignored.
    assert!(common_rules_outside(&v)
        .iter()
        .any(|r| r.starts_with("CONT")));
}

/// A per-file-ignores glob is relative to the configuration's folder, as
/// ruff's are: it holds when the scan runs from a subfolder as `check .`
/// (which prints `./arkiv/old.txt`), and a glob that matches no file says so.
#[test]
fn per_file_ignores_are_relative_to_the_configuration() {
    let dir = repo(
        "[per-file-ignores]\n\"inlamning/arkiv/old.txt\" = [\"CONT\", \"MISS002\"]\n\"inlamning/gone/*.txt\" = [\"MISS\"]\n",
    );
    let out = cmd(&dir.path().join("inlamning"))
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    archive_ignored(&v);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("per-file-ignores: \"inlamning/gone/*.txt\" matches no scanned file"),
        "{stderr}"
    );
    assert!(!stderr.contains("arkiv/old.txt\" matches no"), "{stderr}");
}

/// Asserts that the archived file's CONT and MISS002 findings are ignored
/// and its others reported.
fn archive_ignored(v: &Value) {
    let archived: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().contains("arkiv/"))
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!archived.is_empty(), "other rules still report the archive");
    assert!(
        archived
            .iter()
            .all(|r| !r.starts_with("CONT") && *r != "MISS002"),
        "{archived:?}"
    );
}

fn common_rules_outside(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["path"].as_str().unwrap().contains("/arkiv/"))
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_submission_on_standard_input_is_checked_under_its_name() {
    // An editor sends its buffer: a third version of Skärholmen's answers.
    let text = std::fs::read_to_string(seed("004"))
        .unwrap()
        .replace("Sättra", "Sätra");
    let out = cmd(&root())
        .args([
            "check",
            "fixtures/seeds",
            "--stdin-filename",
            "nytt/skarholmen.txt",
            "-",
            "--format",
            "json",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mine: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "nytt/skarholmen.txt")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(mine.contains(&"DUP001"), "{mine:?}");
    // A buffer named like a file below the paths stands in for that file.
    let edited = std::fs::read_to_string(seed("003"))
        .unwrap()
        .replace("kajsa.parke@stockholm.se", "kajsa.parke stockholm.se");
    let name = seed("003")
        .strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let out = cmd(&root())
        .args([
            "check",
            "fixtures/seeds",
            "--stdin-filename",
            &name,
            "-",
            "--format",
            "json",
        ])
        .write_stdin(edited)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 5);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["path"] == name.as_str() && f["rule"] == "CONT002"));
    // Without `-`, nothing reads standard input: an error that says so.
    let out = cmd(&root())
        .args(["check", "fixtures/seeds", "--stdin-filename", &name])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("add `-` to the paths"), "{err}");
}

/// The mirror hook installs the wheel of this very version.
#[test]
fn the_pre_commit_mirror_pins_this_version() {
    let mirror = std::fs::read_to_string(root().join("pre-commit-mirror/pyproject.toml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        mirror.contains(&format!("version = \"{version}\""))
            && mirror.contains(&format!("\"dubbelkoll=={version}\"")),
        "{mirror}"
    );
}

#[test]
fn the_configuration_in_force_is_named_and_one_in_the_tree_cannot_widen_reading() {
    // The configuration sits in the repository root, which is scanned
    // (`check .`): its rules apply, and every output says where they came
    // from.
    let dir = repo("ignore = [\"DATE001\"]\n");
    let out = cmd(dir.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("configuration: "), "{err}");
    assert!(err.contains("dubbelkoll.toml"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["config"].as_str().unwrap().ends_with("dubbelkoll.toml"));
    for (format, said) in [
        ("sarif", "\"configuration\":"),
        ("junit", "<property name=\"configuration\" value=\""),
    ] {
        let out = cmd(dir.path())
            .args(["check", ".", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(said) && text.contains("dubbelkoll.toml"),
            "{format}: {text}"
        );
    }
    // Widening what is read from inside the tree is refused, naming why;
    // the same settings from a flag, or within the defaults, are not.
    for widen in [
        "follow = true\n",
        "xml-limit = 4096\n",
        "max-file-size = 500\n",
    ] {
        let dir = repo(widen);
        let out = cmd(dir.path()).args(["check", "."]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{widen}: {err}");
        assert!(err.contains("cannot widen what is read"), "{err}");
        // Scanning only the submissions' folder, the file is outside it.
        let out = cmd(dir.path())
            .args(["check", "inlamning"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{widen}");
    }
    let dir = repo("xml-limit = 16\n");
    let out = cmd(dir.path()).args(["check", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let dir = repo("follow = true\n");
    let out = cmd(dir.path())
        .args(["check", ".", "--follow"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// The paths each machine format writes for one scan.
fn machine_paths(dir: &Path, scan: &Path, env: &[(&str, &Path)]) -> Vec<(String, Vec<String>)> {
    let run = |format: &str| {
        let mut c = cmd(dir);
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c
            .arg("check")
            .arg(scan)
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let json = |s: String| serde_json::from_str::<Value>(&s).unwrap();
    let strings = |v: Vec<&Value>| -> Vec<String> {
        let mut s: Vec<String> = v.iter().map(|v| v.as_str().unwrap().to_string()).collect();
        s.sort();
        s.dedup();
        s
    };
    let sarif = json(run("sarif"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let uris = results
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        .collect();
    assert!(results.iter().all(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    }));
    assert!(sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("file:///"));
    let gitlab = json(run("gitlab"));
    let rdjson = json(run("rdjson"));
    let github: Vec<String> = run("github")
        .lines()
        .map(|l| {
            l.split("file=")
                .nth(1)
                .unwrap()
                .split(',')
                .next()
                .unwrap()
                .to_string()
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    vec![
        ("sarif".into(), strings(uris)),
        (
            "gitlab".into(),
            strings(
                gitlab
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| &i["location"]["path"])
                    .collect(),
            ),
        ),
        (
            "rdjson".into(),
            strings(
                rdjson["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| &d["location"]["path"])
                    .collect(),
            ),
        ),
        ("github".into(), github),
    ]
}

/// SARIF, GitLab, rdjson and GitHub annotations name a file relative to the
/// repository's root however the scan was given: `.`, a folder, or an
/// absolute path with `GITHUB_WORKSPACE` or `CI_PROJECT_DIR` set.
#[test]
fn machine_formats_write_paths_relative_to_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("in")).unwrap();
    std::fs::copy(seed("000"), repo.join("in/farsta.txt")).unwrap();
    let want: Vec<(String, Vec<String>)> = ["sarif", "gitlab", "rdjson", "github"]
        .iter()
        .map(|f| (f.to_string(), vec!["in/farsta.txt".to_string()]))
        .collect();
    assert_eq!(machine_paths(&repo, Path::new("in"), &[]), want, "a folder");
    assert_eq!(
        machine_paths(&repo.join("in"), Path::new("."), &[]),
        want,
        "`.` below the work tree"
    );
    for var in ["GITHUB_WORKSPACE", "CI_PROJECT_DIR"] {
        let got = machine_paths(tmp.path(), &repo.join("in"), &[(var, &repo)]);
        assert_eq!(got, want, "an absolute path with {var}");
    }
}

#[test]
fn one_scan_writes_several_formats_each_as_its_own_run_would() {
    let seeds = root().join("fixtures/seeds");
    let out = tempfile::tempdir().unwrap();
    let (sarif, junit) = (out.path().join("scan.sarif"), out.path().join("tests.xml"));
    let both = cmd(&root())
        .arg("check")
        .arg(&seeds)
        .args(["--no-cache", "--color", "never", "--output-format"])
        .arg(format!("sarif={}", sarif.display()))
        .arg("--output-format")
        .arg(format!("junit={}", junit.display()))
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(1));
    let alone = |format: &str| {
        let o = cmd(&root())
            .arg("check")
            .arg(&seeds)
            .args(["--no-cache", "--color", "never", "--format", format])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        o.stdout
    };
    assert_eq!(
        both.stdout,
        alone("human"),
        "the terminal report is unchanged"
    );
    assert_eq!(std::fs::read(&sarif).unwrap(), alone("sarif"));
    assert_eq!(std::fs::read(&junit).unwrap(), alone("junit"));
    let stderr = String::from_utf8_lossy(&both.stderr);
    assert!(
        stderr.contains("wrote") && stderr.contains("scan.sarif"),
        "{stderr}"
    );

    let twice = cmd(&root())
        .arg("check")
        .arg(&seeds)
        .arg("-o")
        .arg(&sarif)
        .arg("--output-format")
        .arg(format!("json={}", sarif.display()))
        .output()
        .unwrap();
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("named as the output twice"));
    let bad = cmd(&root())
        .args(["check", "--output-format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("FORMAT=FILE"));
}
