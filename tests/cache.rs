//! The cache of per-file results: the same bytes out with it, without it,
//! cold or warm; a changed file checked again; a corrupt cache ignored and
//! rewritten; never kept in a scanned folder.

mod common;

use std::path::{Path, PathBuf};

use common::dubbelkoll as cmd;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// JSON, with the cache in `dir`.
fn cached(dir: &Path) -> [&str; 4] {
    ["--format", "json", "--cache-dir", dir.to_str().unwrap()]
}

/// A folder of submissions: the seeds and a learned questionnaire.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for from in ["fixtures/seeds", "fixtures/forms/miljo/submissions"] {
        let to = dir
            .path()
            .join("inkommet")
            .join(Path::new(from).file_name().unwrap());
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(root().join(from)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// (stdout, stderr, exit code) of `check inkommet ARGS`.
fn check(dir: &Path, args: &[&str]) -> (Vec<u8>, String, i32) {
    let out = cmd(dir)
        .args(["check", "inkommet"])
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.stdout, err, out.status.code().unwrap())
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map_or(Vec::new(), |d| d.map(|e| e.unwrap().path()).collect())
}

#[test]
fn the_output_is_the_same_with_and_without_the_cache() {
    let d = corpus();
    let cache = tempfile::tempdir().unwrap();
    let c = ["--cache-dir", cache.path().to_str().unwrap()];
    for format in ["json", "human", "sarif"] {
        let f = ["--format", format, "--color", "never"];
        let plain = check(d.path(), &[&f[..], &["--no-cache"]].concat());
        let cold = check(d.path(), &[&f[..], &c[..]].concat());
        let warm = check(d.path(), &[&f[..], &c[..]].concat());
        assert_eq!(plain.2, 1, "{}", plain.1);
        assert!(
            cold.1.is_empty() && warm.1.is_empty(),
            "{}{}",
            cold.1,
            warm.1
        );
        assert_eq!(cold, plain, "{format}: cold");
        assert_eq!(warm, plain, "{format}: warm");
    }
    assert!(!cache_files(cache.path()).is_empty());
}

#[test]
fn a_changed_file_is_checked_again() {
    let d = corpus();
    let cache = tempfile::tempdir().unwrap();
    let c = cached(cache.path());
    let before = check(d.path(), &c);
    let miss002 = |out: &[u8]| {
        let v: serde_json::Value = serde_json::from_slice(out).unwrap();
        (v["findings"].as_array().unwrap().iter())
            .filter(|f| f["rule"] == "MISS002" && f["path"].as_str().unwrap().contains("/004_"))
            .count()
    };
    assert_eq!(miss002(&before.0), 1);
    let seed = std::fs::read_dir(d.path().join("inkommet/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004_"))
        .unwrap();
    let text = std::fs::read_to_string(&seed).unwrap();
    assert!(text.contains("\nN/A"));
    std::fs::write(
        &seed,
        text.replacen("\nN/A", "\nNämnden samverkar med trafikkontoret.", 1),
    )
    .unwrap();
    let after = check(d.path(), &c);
    let plain = check(d.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(after, plain);
    assert_eq!(miss002(&after.0), 0);
}

#[test]
fn a_corrupt_cache_is_ignored_and_rewritten() {
    let d = corpus();
    // Past the two seconds in which a file's times are not trusted, so that
    // every run records the same stamps.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let cache = tempfile::tempdir().unwrap();
    let c = cached(cache.path());
    let first = check(d.path(), &c);
    let files = cache_files(cache.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    let good = std::fs::read(file).unwrap();
    for bad in [b"garbage".to_vec(), good[..good.len() / 2].to_vec(), {
        let mut flipped = good.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x55;
        flipped
    }] {
        std::fs::write(file, &bad).unwrap();
        assert_eq!(check(d.path(), &c), first);
        assert_eq!(std::fs::read(file).unwrap(), good, "rewritten whole");
    }
}

#[test]
fn the_cache_is_never_kept_in_a_scanned_folder() {
    let d = corpus();
    // Asked for there: refused.
    let inside = d.path().join("inkommet/.cache");
    let (_, err, code) = check(d.path(), &["--cache-dir", inside.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("scanned folder"), "{err}");
    assert!(!inside.exists());
    // The default there (XDG_CACHE_HOME in the scanned tree): no cache.
    let out = cmd(d.path())
        .env("XDG_CACHE_HOME", d.path().join("inkommet/xdg"))
        .args(["check", "inkommet", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!d.path().join("inkommet/xdg").exists());
    // The default elsewhere: used.
    let home = tempfile::tempdir().unwrap();
    let out = cmd(d.path())
        .env("HOME", home.path())
        .args(["check", "inkommet", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(cache_files(&home.path().join(".cache/dubbelkoll")).len(), 1);
    // --no-cache: nothing written.
    let home = tempfile::tempdir().unwrap();
    cmd(d.path())
        .env("HOME", home.path())
        .args(["check", "inkommet", "--no-cache"])
        .output()
        .unwrap();
    assert!(!home.path().join(".cache").exists());
}

/// Files last changed long ago are known by their size and time: the
/// output stays the same, and a file of the same size written with another
/// time is read again.
#[test]
fn an_old_file_is_known_by_its_size_and_time() {
    let d = corpus();
    let set_time = |p: &Path, secs: u64| {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let f = std::fs::File::options().write(true).open(p).unwrap();
        f.set_modified(t).unwrap();
    };
    let files: Vec<PathBuf> = ["seeds", "submissions"]
        .iter()
        .flat_map(|s| std::fs::read_dir(d.path().join("inkommet").join(s)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    for (n, f) in files.iter().enumerate() {
        set_time(f, 1_600_000_000 + n as u64 * 100);
    }
    let cache = tempfile::tempdir().unwrap();
    let c = cached(cache.path());
    let plain = check(d.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(check(d.path(), &c), plain, "cold");
    assert_eq!(check(d.path(), &c), plain, "warm");
    // The same size, another answer, another old time.
    let seed = files
        .iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004_"))
        .unwrap();
    let text = std::fs::read_to_string(seed).unwrap();
    std::fs::write(seed, text.replacen("\nN/A", "\nX/Y", 1)).unwrap();
    set_time(seed, 1_500_000_000);
    let after = check(d.path(), &c);
    assert_eq!(after, check(d.path(), &["--format", "json", "--no-cache"]));
    assert_ne!(after, plain);
}

/// Sets a file's modification time to `t`, as `touch -r` or a copy tool
/// that keeps times does.
fn set_mtime(path: &Path, t: std::time::SystemTime) {
    let f = std::fs::File::options().append(true).open(path).unwrap();
    f.set_modified(t).unwrap();
}

#[test]
fn the_cache_never_answers_for_other_bytes() {
    let d = corpus();
    let cache = tempfile::tempdir().unwrap();
    let c = cached(cache.path());
    let long_ago =
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    let seed = |dir: &Path| {
        (std::fs::read_dir(dir.join("inkommet/seeds")).unwrap())
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004_"))
            .unwrap()
    };
    let file = seed(d.path());
    set_mtime(&file, long_ago);
    // Old enough times to be trusted: the second run reads nothing.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let before = check(d.path(), &c);
    assert_eq!(check(d.path(), &c), before);

    // The same size and modification time, other bytes: read again.
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("\nN/A", "\nN/Q", 1);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&file, &edited).unwrap();
    set_mtime(&file, long_ago);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let plain = check(d.path(), &["--format", "json", "--no-cache"]);
    assert_ne!(plain.0, before.0);
    assert_eq!(
        check(d.path(), &c),
        plain,
        "touch -r must not hide the edit"
    );

    // Another folder with a file of the same name, size and time, checked
    // as `check .` from inside each: never the other's results.
    let other = corpus();
    let file_b = seed(other.path());
    std::fs::write(&file_b, &text).unwrap();
    set_mtime(&file_b, long_ago);
    let dot = |dir: &Path, args: &[&str]| {
        let out = cmd(&dir.join("inkommet"))
            .args(["check", "."])
            .args(args)
            .output()
            .unwrap();
        out.stdout
    };
    let a = dot(d.path(), &c);
    let b = dot(other.path(), &c);
    assert_eq!(a, dot(d.path(), &["--format", "json", "--no-cache"]));
    assert_eq!(b, dot(other.path(), &["--format", "json", "--no-cache"]));
    assert_ne!(a, b);
}
