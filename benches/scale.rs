//! The scale benchmark: generates corpora (see `examples/gen_corpus.rs`),
//! runs `dubbelkoll check DIR --format json --no-cache` on each, and
//! reports wall time, the time `wc -w` takes to read and count every word
//! of the same files (and the ratio of the two), files/s, MB/s, peak RSS,
//! the second run with the cache (nothing changed) and a run after one file
//! changed, and recall and precision of the planted duplicate pairs against
//! the corpus manifest. Each figure is from the second of two runs (the
//! first warms the page cache).
//!
//! ```sh
//! cargo bench --bench scale                         # 1k, 10k and 100k files
//! cargo bench --bench scale -- --counts 1000,10000  # a subset
//! cargo bench --bench scale -- --groups              # 20 submissions, 64 versions each
//! ```
//!
//! Corpora are kept under `target/bench/` and reused by later runs.

#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn corpus_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum()
}

/// `wc -w` over every file of a corpus: its seconds (the second of two runs).
fn wc(dir: &Path) -> f64 {
    let time = || {
        let start = Instant::now();
        let status = Command::new("sh")
            .arg("-c")
            .arg("find \"$1\" -name '*.txt' -print0 | xargs -0 wc -w > /dev/null")
            .arg("sh")
            .arg(dir)
            .status()
            .expect("run wc");
        assert!(status.success());
        start.elapsed().as_secs_f64()
    };
    time();
    time()
}

/// Runs the binary with `extra` flags; returns (seconds, peak RSS in KiB,
/// exit code).
fn run(bin: &Path, dir: &Path, out: &Path, extra: &[&str]) -> (f64, i64, i32) {
    let start = Instant::now();
    #[allow(
        clippy::zombie_processes,
        reason = "reaped below by wait4, which also gives its peak RSS"
    )]
    let child = Command::new(bin)
        .args(["check", "--format", "json"])
        .args(extra)
        .arg(dir)
        .stdout(Stdio::from(File::create(out).unwrap()))
        .spawn()
        .expect("run dubbelkoll");
    let mut status = 0;
    // SAFETY: plain FFI calls on a child we spawned and have not waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4 failed");
    let secs = start.elapsed().as_secs_f64();
    (secs, usage.ru_maxrss, libc::WEXITSTATUS(status))
}

type Pair = (String, String);

fn name(p: &serde_json::Value) -> String {
    Path::new(p.as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Many versions of few submissions: 20 groups of 64 near copies. Every
/// file must land in its own group, at about one diff a version.
fn groups(root: &Path, bin: &Path) {
    let (n, size) = (20, 64);
    let dir = root.join(format!("groups-{n}x{size}"));
    if !dir.join("manifest.json").exists() {
        gen_corpus::generate_groups(n, size, &dir, 3).expect("generate groups");
    }
    let out = root.join(format!("groups-{n}x{size}.json"));
    run(bin, &dir, &out, &[]);
    let (secs, rss_kb, code) = run(bin, &dir, &out, &[]);
    assert!(code == 0 || code == 1, "dubbelkoll exited with {code}");
    let bytes = std::fs::metadata(&out).unwrap().len();
    let report: serde_json::Value =
        serde_json::from_reader(std::io::BufReader::new(File::open(&out).unwrap())).unwrap();
    let mut group_of: std::collections::BTreeMap<String, String> = Default::default();
    for f in report["findings"].as_array().unwrap() {
        if let Some(g) = f["group"].as_str() {
            group_of.insert(name(&f["path"]), g.to_string());
        }
    }
    // Files of one planted group share one id; ids differ between groups.
    let planted: Vec<String> = (0..n).map(|g| format!("g{g:03}_")).collect();
    let mut ids = BTreeSet::new();
    let whole = planted.iter().all(|p| {
        let mine: BTreeSet<&String> = group_of
            .iter()
            .filter(|(f, _)| f.starts_with(p))
            .map(|(_, g)| g)
            .collect();
        ids.extend(mine.iter().map(|g| g.to_string()));
        mine.len() == 1 && group_of.keys().filter(|f| f.starts_with(p)).count() == size
    });
    println!();
    println!("| files | groups | wall s | JSON MB | peak RSS MB | every file in its group |");
    println!("|---:|---:|---:|---:|---:|---|");
    println!(
        "| {} | {n} of {size} | {secs:.2} | {:.2} | {:.0} | {} |",
        n * size,
        bytes as f64 / 1e6,
        rss_kb as f64 / 1024.0,
        if whole && ids.len() == n { "yes" } else { "NO" }
    );
}

fn main() {
    let root_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    if arg("--groups").is_some() || std::env::args().any(|a| a == "--groups") {
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_dubbelkoll"));
        groups(&root_dir, &bin);
        return;
    }
    let counts: Vec<usize> = arg("--counts")
        .unwrap_or_else(|| "1000,10000,100000".into())
        .split(',')
        .map(|c| c.trim().parse().expect("--counts takes numbers"))
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_dubbelkoll"));
    println!("| files | MB | wall s | wc -w s | × wc | files/s | MB/s | peak RSS MB | cached s | one changed s | planted | reported | recall | precision |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for count in counts {
        let dir = root.join(format!("corpus-{count}"));
        if !dir.join("manifest.json").exists() {
            eprintln!("generating {count} submissions in {}", dir.display());
            gen_corpus::generate(count, &dir, 7).expect("generate corpus");
        }
        let out = root.join(format!("out-{count}.json"));
        // One warm-up run first, so that the figures measure dubbelkoll and
        // not how much of the corpus the page cache still holds.
        let no_cache = ["--no-cache"];
        run(&bin, &dir, &out, &no_cache);
        let (secs, rss_kb, code) = run(&bin, &dir, &out, &no_cache);
        assert!(code == 0 || code == 1, "dubbelkoll exited with {code}");
        let words = wc(&dir);
        // The cache: filled by a first run, then a run with nothing
        // changed, then one after a file changed (restored afterwards).
        let cache = root.join(format!("cache-{count}"));
        let _ = std::fs::remove_dir_all(&cache);
        let cached = ["--cache-dir", cache.to_str().unwrap()];
        let scratch = root.join(format!("out-{count}-cached.json"));
        run(&bin, &dir, &scratch, &cached);
        let (warm, ..) = run(&bin, &dir, &scratch, &cached);
        let one = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .min()
            .unwrap();
        let text = std::fs::read(&one).unwrap();
        let mtime = std::fs::metadata(&one).unwrap().modified().unwrap();
        std::fs::write(&one, [&text[..], b"\nEn rad till.\n"].concat()).unwrap();
        let (changed, ..) = run(&bin, &dir, &scratch, &cached);
        std::fs::write(&one, &text).unwrap();
        let restored = File::options().write(true).open(&one).unwrap();
        restored.set_modified(mtime).unwrap();
        let manifest: serde_json::Value =
            serde_json::from_reader(File::open(dir.join("manifest.json")).unwrap()).unwrap();
        let planted: BTreeSet<(Pair, String)> = manifest["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    (name(&p["a"]), name(&p["b"])),
                    p["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let report: serde_json::Value =
            serde_json::from_reader(std::io::BufReader::new(File::open(&out).unwrap())).unwrap();
        // Every version carries a finding naming its group and, first among
        // the related files, its nearest version. A planted pair is found
        // when its files share a group; a reported (file, nearest) pair is
        // right when the two were planted together.
        let dups: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "DUP001" || f["rule"] == "DUP002")
            .collect();
        let group_of: std::collections::BTreeMap<String, String> = dups
            .iter()
            .map(|f| {
                (
                    name(&f["path"]),
                    f["group"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        // Files planted together: the pairs, joined where they share a file
        // (a re-export and a near copy of one submission).
        let mut cluster: std::collections::BTreeMap<String, usize> = Default::default();
        for (n, ((a, b), _)) in planted.iter().enumerate() {
            let id = cluster.get(a).or(cluster.get(b)).copied().unwrap_or(n);
            let old: Vec<usize> = [cluster.get(a), cluster.get(b)]
                .into_iter()
                .flatten()
                .copied()
                .collect();
            for v in cluster.values_mut().filter(|v| old.contains(v)) {
                *v = id;
            }
            cluster.insert(a.clone(), id);
            cluster.insert(b.clone(), id);
        }
        let together = |(a, b): &Pair| cluster.get(a).is_some_and(|c| cluster.get(b) == Some(c));
        let reported: BTreeSet<Pair> = dups
            .iter()
            .map(|f| {
                let (a, b) = (name(&f["path"]), name(&f["related"][0]["path"]));
                if a < b {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect();
        let found = planted
            .iter()
            .filter(|((a, b), _)| group_of.get(a).is_some_and(|g| group_of.get(b) == Some(g)))
            .count();
        let right = reported.iter().filter(|p| together(p)).count();
        let mb = corpus_bytes(&dir) as f64 / 1e6;
        println!(
            "| {count} | {mb:.1} | {secs:.2} | {words:.2} | {:.1} | {:.0} | {:.1} | {:.0} | {warm:.2} | {changed:.2} | {} | {} | {:.3} | {:.3} |",
            secs / words,
            count as f64 / secs,
            mb / secs,
            rss_kb as f64 / 1024.0,
            planted.len(),
            reported.len(),
            found as f64 / planted.len().max(1) as f64,
            right as f64 / reported.len().max(1) as f64,
        );
        for ((a, b), _) in planted
            .iter()
            .filter(|((a, b), _)| !group_of.contains_key(a) || group_of.get(a) != group_of.get(b))
            .take(5)
        {
            eprintln!("  missed {a} ~ {b}");
        }
        for extra in reported.iter().filter(|p| !together(p)).take(5) {
            eprintln!("  not planted {extra:?}");
        }
    }
}
