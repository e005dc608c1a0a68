//! The HTML report in a real browser: headless Chromium loads the report of
//! the seeds without a console message, draws the heat map, shows the
//! 001/004 changes and the findings, and leaves a screenshot in
//! `target/browser/`. `.ci/run` installs Debian's `chromium`; elsewhere the
//! test says it is skipped when no Chromium is found.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DUBBELKOLL_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium with the flags a closed network needs.
fn headless(bin: &Path, profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium")
}

#[test]
fn the_report_loads_in_chromium_with_the_diff_and_the_heat_map() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium: .ci/run installs it"
        );
        eprintln!("skipped: no Chromium (install Debian's `chromium` to run this test)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out_dir = root.join("target/browser");
    std::fs::create_dir_all(&out_dir).unwrap();
    let report = out_dir.join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_dubbelkoll"))
        .current_dir(&root)
        .args(["report", "fixtures/seeds", "--lang", "sv", "-o"])
        .arg(&report)
        .status()
        .unwrap();
    assert!(status.success() || status.code() == Some(1));
    let url = format!("file://{}", report.display());
    let profile = tempfile::tempdir().unwrap();

    let dom = headless(&bin, profile.path(), &["--dump-dom", &url]);
    let stderr = String::from_utf8_lossy(&dom.stderr);
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let html = String::from_utf8_lossy(&dom.stdout);
    assert!(
        html.contains("<h2>Arbetslista</h2>"),
        "no report in the DOM"
    );
    // The script ran: the heat map drew the 001/004 pair.
    assert!(html.contains("data-drawn=\"1\""), "heat map not drawn");
    for (old, new) in [
        ("Sätra", "Sättra"),
        ("Skärholmenspecifika", "Skärholmensspecifika"),
        ("seriositetsprövning", "seriositetsprovning"),
        ("vid", "vis"),
    ] {
        assert!(
            html.contains(&format!("<del>{old}</del>"))
                && html.contains(&format!("<ins>{new}</ins>")),
            "{old} → {new}"
        );
    }
    for code in [
        "MISS001", "MISS002", "CONT001", "CONT004", "DATE001", "DUP003",
    ] {
        assert!(
            html.contains(&format!(">{code}</code>")),
            "{code} not on the page"
        );
    }

    let shot = out_dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let arg = format!("--screenshot={}", shot.display());
    headless(
        &bin,
        profile.path(),
        &[&arg, "--window-size=1400,2600", "--hide-scrollbars", &url],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
}

#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

/// axe-core, as `.ci/run` installs it from npm into `target/axe`.
fn axe() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/axe/node_modules/axe-core/axe.min.js");
    p.is_file().then_some(p)
}

/// The accessibility violations axe-core finds in the HTML report of `dir`
/// (rule id and the first offending elements of each).
fn violations(bin: &Path, axe: &Path, dir: &Path) -> Vec<String> {
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_dubbelkoll"))
        .arg("report")
        .arg(dir)
        .arg("-o")
        .arg(&report)
        .status()
        .unwrap();
    assert!(status.success() || status.code() == Some(1));
    let run = format!(
        "<script src=\"file://{}\"></script><script>axe.run(document, {{resultTypes: [\"violations\"]}}).then(r => {{ const p = document.createElement(\"pre\"); p.id = \"axe-result\"; p.textContent = JSON.stringify(r.violations.map(v => v.id + \": \" + v.nodes.slice(0, 3).map(n => n.target.join(\" \")).join(\", \"))); document.body.appendChild(p); }});</script></body>",
        axe.display()
    );
    let html = std::fs::read_to_string(&report)
        .unwrap()
        .replace("</body>", &run);
    let page = work.path().join("axe.html");
    std::fs::write(&page, html).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = headless(
        bin,
        profile.path(),
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=60000",
            "--dump-dom",
            &format!("file://{}", page.display()),
        ],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let result = dom
        .split("<pre id=\"axe-result\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .expect("axe-core ran and wrote its result");
    let result = result
        .replace("&quot;", "\"")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&result).expect("axe-core's result")
}

#[test]
fn the_report_has_no_accessibility_violation() {
    let (Some(bin), Some(axe)) = (chromium(), axe()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium and axe-core: .ci/run installs them"
        );
        eprintln!("skipped: no Chromium or axe-core (npm install --prefix target/axe axe-core@4)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        violations(&bin, &axe, &root.join("fixtures/seeds")),
        Vec::<String>::new()
    );
    let corpus = tempfile::tempdir().unwrap();
    gen_corpus::generate(1000, corpus.path(), 5).unwrap();
    assert_eq!(violations(&bin, &axe, corpus.path()), Vec::<String>::new());
}
