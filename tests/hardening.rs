//! Bad input, generated here (never committed as big files): every file is
//! listed with the right status and a reason, exit codes follow the
//! contract, nothing panics, and nothing in the scanned tree is written.

mod common;

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed(prefix: &str) -> String {
    let path = std::fs::read_dir(root().join("fixtures/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn check(dir: &Path, extra: &[&str]) -> (Value, i32, String) {
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("internal error"), "{stderr}");
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        out.status.code().unwrap(),
        stderr,
    )
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

fn status_of<'a>(files: &'a [(String, String, String)], name: &str) -> (&'a str, &'a str) {
    let f = files
        .iter()
        .find(|f| f.0 == name)
        .unwrap_or_else(|| panic!("{name} not listed in {files:?}"));
    (&f.1, &f.2)
}

#[test]
fn every_kind_of_bad_input_is_listed_with_a_status() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let s003 = seed("003");
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), [0x7f, b'E', b'L', b'F', 0, 1, 2, 3]).unwrap();
    // Mostly UTF-8 with one stray byte: read as Windows-1252, no mojibake in å/ä/ö? It cannot be
    // both; it must simply not panic and be listed.
    let mut invalid = s003.clone().into_bytes();
    invalid.insert(200, 0xFF);
    std::fs::write(d.join("invalid-utf8.txt"), invalid).unwrap();
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&s003);
    std::fs::write(d.join("latin1.txt"), &latin1).unwrap();
    std::fs::write(d.join("utf16le.txt"), utf16(&s003, false)).unwrap();
    std::fs::write(d.join("utf16be.txt"), utf16(&s003, true)).unwrap();
    std::fs::write(
        d.join("huge.txt"),
        "Nämnd Farsta ".repeat(50_000_000 / 14 + 1),
    )
    .unwrap();
    std::fs::write(d.join("one-long-line.txt"), "ord ".repeat(10_000_000 / 4)).unwrap();
    std::fs::write(d.join("only-header.txt"), "Nämnd\nFarsta stadsdelsnämnd\nKontaktperson för eventuella frågor\nAnna Berg\nTelefon\n08-508 18 000\nE-post\nanna.berg@stockholm.se\n").unwrap();
    let mut blank = String::from("Nämnd\nFarsta stadsdelsnämnd\nKontaktperson\nAnna Berg\nTelefon\n08-508 18 000\nE-post\nanna.berg@stockholm.se\n");
    for (_, question) in dubbelkoll::form::Template::builtin().variants[0].questions() {
        blank.push_str(question);
        blank.push_str("\n\n");
    }
    std::fs::write(d.join("no-answers.txt"), &blank).unwrap();
    std::fs::create_dir(d.join("directory.txt")).unwrap();
    std::fs::create_dir(d.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", d.join("loop/up")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    std::fs::write(
        d.join(std::ffi::OsStr::from_bytes(b"namn-\xff-latin1.txt")),
        &s003,
    )
    .unwrap();

    let before: Vec<(PathBuf, Vec<u8>)> = walk(d);
    let (v, code, stderr) = check(d, &[]);
    let files = common::file_statuses(&v);
    assert_eq!(status_of(&files, "empty.txt"), ("skipped", "empty file"));
    assert!(status_of(&files, "binary.txt")
        .1
        .starts_with("binary file: NUL byte"));
    assert_eq!(status_of(&files, "invalid-utf8.txt").0, "checked");
    for name in ["latin1.txt", "utf16le.txt", "utf16be.txt"] {
        assert_eq!(status_of(&files, name).0, "checked", "{name}");
    }
    let huge = status_of(&files, "huge.txt");
    assert_eq!(huge.0, "skipped");
    assert!(huge.1.contains("over the 20.0 MB limit"), "{}", huge.1);
    assert_eq!(
        status_of(&files, "one-long-line.txt"),
        (
            "skipped",
            "not a questionnaire submission: no form header or question found"
        )
    );
    assert_eq!(status_of(&files, "only-header.txt").0, "checked");
    assert_eq!(status_of(&files, "no-answers.txt").0, "checked");
    assert!(
        !files.iter().any(|f| f.0 == "directory.txt"),
        "a directory is walked, not read"
    );
    let dangling = status_of(&files, "dangling.txt");
    assert_eq!(dangling.0, "error");
    assert!(dangling.1.starts_with("cannot read"), "{}", dangling.1);
    assert_eq!(
        status_of(&files, "up"),
        (
            "skipped",
            "a symbolic link to a directory: not followed (--follow follows links)"
        )
    );
    assert!(
        files
            .iter()
            .any(|f| f.0 == "namn-\u{fffd}-latin1.txt" && f.1 == "checked"),
        "{files:?}"
    );
    assert!(stderr.contains("dangling.txt: cannot read"), "{stderr}");
    assert_eq!(code, 1, "the checked files have errors");

    // What the text says, whatever its encoding: the same findings as UTF-8.
    let findings = |name: &str| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(name))
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .filter(|r| !r.starts_with("DUP") && r != "CONT003")
            .collect()
    };
    assert_eq!(findings("latin1.txt"), Vec::<String>::new());
    assert_eq!(findings("utf16le.txt"), findings("utf16be.txt"));
    assert_eq!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with("latin1.txt"))
            .unwrap()["namnd"],
        "Hägersten-Älvsjö stadsdelsnämnd"
    );
    assert_eq!(findings("only-header.txt"), ["FORM001"]);
    assert_eq!(
        findings("no-answers.txt")
            .iter()
            .filter(|r| *r == "MISS002")
            .count(),
        8
    );

    // Nothing in the scanned tree was written.
    assert_eq!(walk(d), before);
}

#[test]
fn the_size_cap_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), seed("003").repeat(300)).unwrap();
    let (v, _, _) = check(dir.path(), &["--max-file-size", "1"]);
    assert_eq!(
        status_of(&common::file_statuses(&v), "big.txt"),
        (
            "skipped",
            "2.2 MB is over the 1.0 MB limit (--max-file-size)"
        )
    );
    let (v, _, _) = check(dir.path(), &["--max-file-size", "3"]);
    assert_eq!(
        status_of(&common::file_statuses(&v), "big.txt").0,
        "checked"
    );
}

/// Every regular file under `d` with its bytes.
fn walk(d: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(d)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let open = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(dir.path(), open.clone()).unwrap();
    std::fs::write(dir.path().join("a.txt"), seed("003")).unwrap();
    std::fs::write(dir.path().join("b.txt"), seed("003")).unwrap();
    let shut = std::fs::Permissions::from_mode(0o000);
    std::fs::set_permissions(dir.path().join("b.txt"), shut).unwrap();
    // Root reads everything whatever the permissions, so as root the check
    // runs as nobody, from a copy of the binary that nobody can reach.
    let bin = tempfile::tempdir().unwrap();
    std::fs::set_permissions(bin.path(), open).unwrap();
    let exe = bin.path().join("dubbelkoll");
    std::fs::copy(assert_cmd::cargo::cargo_bin("dubbelkoll"), &exe).unwrap();
    let mut c = std::process::Command::new(&exe);
    c.arg("check")
        .arg(dir.path())
        .args(["--format", "json", "--no-cache"]);
    c.env_clear().current_dir(bin.path());
    if unsafe { libc::geteuid() } == 0 {
        c.uid(65534).gid(65534);
    }
    let out = c.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = common::file_statuses(&v);
    assert_eq!(status_of(&files, "b.txt").0, "error");
    assert_eq!(status_of(&files, "a.txt").0, "checked");
    assert!(err.contains("b.txt") && err.contains("ermission"), "{err}");
}

#[test]
fn ten_thousand_tiny_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        std::fs::write(dir.path().join(format!("{i:05}.txt")), "x").unwrap();
    }
    std::fs::write(dir.path().join("zz.txt"), seed("003")).unwrap();
    let (v, code, _) = check(dir.path(), &[]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 10_001);
    assert_eq!(
        files.iter().filter(|f| f["status"] == "skipped").count(),
        10_000
    );
    assert_eq!(code, 0);
}

#[test]
fn near_duplicates_whose_names_are_not_utf8_are_reported() {
    // Two names that read alike once made lossy: the files are told apart
    // by their bytes, never reopened by a lossy name.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join(std::ffi::OsStr::from_bytes(b"sk\xe4rholmen-1.txt")),
        seed("001"),
    )
    .unwrap();
    std::fs::write(
        d.join(std::ffi::OsStr::from_bytes(b"sk\xe4rholmen-2.txt")),
        seed("004"),
    )
    .unwrap();
    let (v, _, _) = check(d, &[]);
    let dups: Vec<&Value> = common::findings_of(&v, "DUP001");
    assert_eq!(dups.len(), 2, "{v:#}");
    assert_eq!(dups[0]["changes"].as_array().unwrap().len(), 4);
    assert!(dups[0]["path"].as_str().unwrap().ends_with("rholmen-1.txt"));
    assert!(dups[0]["related"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("rholmen-2.txt"));
}

#[test]
fn special_files_and_branching_links_neither_hang_nor_flood() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), seed("003")).unwrap();
    // A FIFO would block a reader forever; /dev/zero never ends.
    let fifo = std::ffi::CString::new(d.join("x.txt").as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("/dev/zero", d.join("z.txt")).unwrap();
    // Eight folders, each with six links to every other: exponential paths.
    let tree = d.join("tree");
    for i in 0..8 {
        std::fs::create_dir_all(tree.join(format!("f{i}"))).unwrap();
    }
    std::fs::write(tree.join("f0/b.txt"), seed("002")).unwrap();
    for i in 0..8 {
        for j in 0..6 {
            let target = tree.join(format!("f{}", (i + j + 1) % 8));
            std::os::unix::fs::symlink(target, tree.join(format!("f{i}/l{j}"))).unwrap();
        }
    }
    let (v, code, _) = check(d, &["--follow"]);
    let files = common::file_statuses(&v);
    assert_eq!(
        status_of(&files, "x.txt"),
        ("skipped", "not a regular file: a FIFO (named pipe)")
    );
    assert_eq!(
        status_of(&files, "z.txt"),
        ("skipped", "not a regular file: a device")
    );
    // Each directory walked once, each file listed once.
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == "b.txt").count(),
        1,
        "{names:?}"
    );
    assert!(files.len() <= 5, "{files:?}");
    assert!(code == 0 || code == 1);

    // Without --follow: links are listed, never followed.
    let (v, _, _) = check(d, &[]);
    let files = common::file_statuses(&v);
    assert_eq!(
        status_of(&files, "z.txt"),
        (
            "skipped",
            "a symbolic link: not followed (--follow follows links)"
        )
    );
}

#[test]
fn one_file_named_twice_is_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("d")).unwrap();
    std::fs::write(d.join("d/a.txt"), seed("003")).unwrap();
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .current_dir(d)
        .args(["check", "d", "./d/a.txt", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{v:#}");
    assert!(common::findings_of(&v, "DUP002").is_empty());
    // A hard link is a second name: listed as one, never vanishing, and
    // the file checked once.
    std::fs::hard_link(d.join("d/a.txt"), d.join("d/b.txt")).unwrap();
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .current_dir(d)
        .args(["check", "d", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        common::file_statuses(&v),
        [
            ("a.txt".into(), "checked".into(), String::new()),
            (
                "b.txt".into(),
                "skipped".into(),
                "a second name of d/a.txt (the same file, checked once)".into()
            )
        ]
    );
    assert!(common::findings_of(&v, "DUP002").is_empty());
}

#[test]
fn settings_files_are_read_bounded_and_never_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), seed("003")).unwrap();
    let secret = format!("SECRET_TOKEN={}\0HOME=/root", "y".repeat(200));
    std::fs::write(d.join("environ"), &secret).unwrap();
    for flag in ["--template", "--config"] {
        let (_, code, stderr) = {
            let out = Command::cargo_bin("dubbelkoll")
                .unwrap()
                .arg("check")
                .arg(d.join("a.txt"))
                .arg(flag)
                .arg(d.join("environ"))
                .output()
                .unwrap();
            (
                (),
                out.status.code().unwrap(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        };
        assert_eq!(code, 2, "{flag}: {stderr}");
        assert!(stderr.contains("environ"), "{flag}: {stderr}");
        assert!(
            !stderr.contains("HOME") && !stderr.contains(&"y".repeat(60)),
            "{flag}: {stderr}"
        );
    }
    // A template that is a device is refused, not read forever.
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .arg("check")
        .arg(d.join("a.txt"))
        .args(["--template", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}
