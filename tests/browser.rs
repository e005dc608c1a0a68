//! The HTML report in a real browser: headless Chromium loads the report of
//! the seeds without a console message, draws the heat map, shows the
//! 001/004 changes and the findings, and leaves a screenshot in
//! `target/browser/`; the worklist of a corpus longer than a screen is on
//! the page whole, in no box that hides rows. `.ci/run` installs Debian's
//! `chromium`; elsewhere these tests say they are skipped when no Chromium
//! is found. Without a browser, the report's text: each side-by-side answer
//! keeps its last punctuation, a long quoted line is cut between words with
//! "…", and each pair of versions reads from the older (left) to the newer
//! (right).

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

/// Runs dubbelkoll (findings are exit 1) from the repository's root.
fn dubbelkoll(args: &[&std::ffi::OsStr]) {
    let status = Command::new(env!("CARGO_BIN_EXE_dubbelkoll"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .status()
        .unwrap();
    assert!(status.success() || status.code() == Some(1), "{args:?}");
}

/// The HTML report (Swedish) of `dir` at `out`, with findings only for
/// `only` if given.
fn html_report(dir: &Path, only: Option<&Path>, out: &Path) -> String {
    let mut args: Vec<&std::ffi::OsStr> = ["check", "--format", "html", "--lang", "sv", "-o"]
        .iter()
        .map(|a| a.as_ref())
        .collect();
    args.extend([out.as_os_str(), dir.as_os_str()]);
    if let Some(only) = only {
        args.extend(["--only".as_ref(), only.as_os_str()]);
    }
    dubbelkoll(&args);
    std::fs::read_to_string(out).unwrap()
}

/// The elements `<tag …>…</tag>` of `html` (not nested in one another),
/// with their contents.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    html.split(open.as_str())
        .skip(1)
        .filter(|e| e.starts_with(['>', ' ']))
        .filter_map(|e| e.split(close.as_str()).next())
        .map(|e| e.split_once('>').map_or(e, |(_, inner)| inner))
        .collect()
}

/// The text of an HTML fragment: tags left out, entities decoded, white
/// space folded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    fold(
        &text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// White space folded to single spaces.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each changed answer in the side-by-side view ends where the answer
/// does: its last punctuation kept, "(ej beslutad)." never "(ej beslutad".
#[test]
fn the_side_by_side_view_keeps_each_answers_last_punctuation() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let html = html_report(
        Path::new("fixtures/seeds"),
        None,
        &work.path().join("r.html"),
    );
    let tables = elements(&html, "table")
        .into_iter()
        .filter(|t| t.contains("<th class=\"q\""))
        .collect::<Vec<_>>();
    assert!(!tables.is_empty(), "no side-by-side table");
    let mut cells = 0;
    for table in tables {
        let files: Vec<String> = elements(table.split("</thead>").next().unwrap(), "th")
            .into_iter()
            .map(|th| fold(&std::fs::read_to_string(root.join(text_of(th))).unwrap()))
            .collect();
        assert_eq!(files.len(), 2);
        for row in elements(table, "tr")
            .into_iter()
            .filter(|r| r.contains("<td"))
        {
            for (cell, file) in elements(row, "td").into_iter().zip(&files) {
                let text = text_of(cell);
                if text.is_empty() {
                    continue;
                }
                cells += 1;
                // The answer's end as it stands in the file: what follows
                // it there is white space, never the rest of a sentence.
                let tail: String = {
                    let chars: Vec<char> = text.chars().collect();
                    chars[chars.len().saturating_sub(60)..].iter().collect()
                };
                let at = file.find(&tail).unwrap_or_else(|| panic!("{tail:?}"));
                let next = file[at + tail.len()..].chars().next();
                assert!(
                    next.is_none_or(char::is_whitespace),
                    "answer cut before {next:?}: …{tail}"
                );
            }
        }
    }
    assert!(cells >= 8, "{cells} cells");
    for end in [
        "inriktningen (ej beslutad).",
        "inom stadens organisation.",
        "bedrivs samordnat.",
        "utökad <del>seriositetsprövning</del>.",
        "utökad <ins>seriositetsprovning</ins>.",
    ] {
        assert!(html.contains(&format!("{end}</td>")), "{end}");
    }
}

/// A line quoted under a finding, when it is too long to quote whole, is
/// cut between two words and ends with "…".
#[test]
fn a_long_quoted_line_is_cut_at_a_word_with_an_ellipsis() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let html = html_report(
        Path::new("fixtures/seeds"),
        None,
        &work.path().join("r.html"),
    );
    let seeds: Vec<String> = std::fs::read_dir(root.join("fixtures/seeds"))
        .unwrap()
        .map(|e| fold(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
        .collect();
    let mut cut = 0;
    for quote in elements(&html, "blockquote") {
        let text = text_of(quote);
        let Some(kept) = text.strip_suffix('…') else {
            assert!(text.chars().count() < 400, "long and not cut: {text}");
            continue;
        };
        cut += 1;
        assert!(!kept.ends_with(' '), "{text}");
        let whole_words = seeds.iter().any(|s| {
            s.match_indices(kept)
                .any(|(at, _)| s[at + kept.len()..].starts_with(' '))
        });
        assert!(whole_words, "cut inside a word: …{}", {
            let chars: Vec<char> = kept.chars().collect();
            chars[chars.len().saturating_sub(40)..]
                .iter()
                .collect::<String>()
        });
    }
    assert!(cut > 0, "no long line in the seeds' report");
}

/// Two versions of `fixtures/seeds/003…` dated in their headers, the newer
/// named so that it sorts first, one answer word apart: each pair stands
/// oldest left, newest right, the older's word struck through and the
/// newer's inserted — in the whole report and in one whose findings are
/// only the newer's or only the older's.
#[test]
fn each_pair_of_versions_reads_from_the_older_to_the_newer() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed =
        std::fs::read_to_string(root.join("fixtures/seeds/003_ea0049bc2d670515.txt")).unwrap();
    let mail = "kajsa.parke@stockholm.se";
    let dated = |date: &str| seed.replacen(mail, &format!("{mail} \n\nDatum {date} "), 1);
    let (was, now) = (
        "pilotprojekt, i samverkan med",
        "pilotprojekt, i samarbete med",
    );
    let older_text = dated("2022-05-03");
    let newer_text = dated("2022-05-09").replacen(was, now, 1);
    assert!(older_text.contains(was) && !newer_text.contains(was));
    let dir = tempfile::tempdir().unwrap();
    let (newer, older) = (dir.path().join("003_a.txt"), dir.path().join("003_b.txt"));
    std::fs::write(&older, older_text).unwrap();
    std::fs::write(&newer, newer_text).unwrap();
    let (older, newer) = (older.to_string_lossy(), newer.to_string_lossy());

    let out = tempfile::tempdir().unwrap();
    for only in [None, Some(&*newer), Some(&*older)] {
        let html = html_report(dir.path(), only.map(Path::new), &out.path().join("r.html"));
        let pairs = html
            .split("<section id=\"pairs\">")
            .nth(1)
            .unwrap_or_else(|| panic!("no versions ({only:?})"));
        let versions: Vec<String> = elements(pairs, "li")
            .into_iter()
            .take(2)
            .map(|li| li.split(" <strong>").next().unwrap().to_string())
            .collect();
        assert_eq!(versions, [&*older, &*newer], "{only:?}");
        assert!(
            pairs.contains(&format!("<h4>{older} ~ {newer} ")),
            "{only:?}"
        );
        let tables = elements(pairs, "table");
        assert_eq!(tables.len(), 1, "{only:?}");
        let heads: Vec<&str> = elements(tables[0], "th").into_iter().take(2).collect();
        assert_eq!(heads, [&*older, &*newer], "{only:?}");
        let cells = elements(tables[0], "td");
        assert_eq!(cells.len(), 2, "{only:?}");
        assert!(
            cells[0].contains("i <del>samverkan</del> med")
                && !cells[0].contains("<ins>")
                && cells[1].contains("i <ins>samarbete</ins> med")
                && !cells[1].contains("<del>"),
            "{only:?}: {cells:#?}"
        );
    }
}

/// Whatever a report's page holds, run in headless Chromium with `script`
/// (which writes its result into a `<pre id="probe">`) added at the end of
/// its body: the probe's text.
fn probe(bin: &Path, report: &Path, script: &str, args: &[&str]) -> String {
    let work = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(report)
        .unwrap()
        .replace("</body>", &format!("{script}</body>"));
    let page = work.path().join("probe.html");
    std::fs::write(&page, html).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.display());
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--dump-dom", &url]);
    let out = headless(bin, profile.path(), &all);
    let dom = String::from_utf8_lossy(&out.stdout);
    let result = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .expect("the probe ran and wrote its result");
    result
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The worklist of a corpus longer than a screen is as long as its rows:
/// the page scrolls to its last row, no box around it hides any.
#[test]
fn the_whole_worklist_is_on_the_page() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium: .ci/run installs it"
        );
        eprintln!("skipped: no Chromium (install Debian's `chromium` to run this test)");
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    gen_corpus::generate(40, corpus.path(), 17).unwrap();
    let work = tempfile::tempdir().unwrap();
    let report = work.path().join("r.html");
    html_report(corpus.path(), None, &report);
    // Every element around the worklist that would cut its content off
    // (an overflow other than visible, with more content than it shows).
    let script = r##"<script>
(function () {
  var rows = document.querySelectorAll("#summary table tbody tr");
  var last = rows[rows.length - 1];
  var clips = [];
  for (var el = last.parentElement; el && el !== document.body; el = el.parentElement) {
    var s = getComputedStyle(el);
    if ((s.overflowY !== "visible" || s.maxHeight !== "none") && el.scrollHeight > el.clientHeight + 1) {
      clips.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
    }
  }
  var p = document.createElement("pre");
  p.id = "probe";
  p.textContent = JSON.stringify({
    rows: rows.length,
    clips: clips,
    bottom: Math.ceil(last.getBoundingClientRect().bottom + window.scrollY),
    page: document.documentElement.scrollHeight
  });
  document.body.appendChild(p);
})();
</script>"##;
    let result: serde_json::Value =
        serde_json::from_str(&probe(&bin, &report, script, &["--window-size=1400,900"])).unwrap();
    assert_eq!(result["rows"], 40, "{result}");
    assert_eq!(result["clips"], serde_json::json!([]), "{result}");
    let (bottom, page) = (
        result["bottom"].as_u64().unwrap(),
        result["page"].as_u64().unwrap(),
    );
    assert!(bottom > 900 && bottom <= page, "{result}");
}

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

/// playwright-core, as `.ci/run` installs it from npm into
/// `target/playwright`.
fn playwright() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/playwright/node_modules/playwright-core");
    p.join("package.json").is_file().then_some(p)
}

/// `dubbelkoll serve` used from the keyboard in Chromium
/// (`tests/browser/serve.mjs`): a finding marked handled stays so after a
/// restart, a submission added appears without a reload, a letter and the
/// compiled document download, no console message, no accessibility
/// violation on any page; screenshots in `target/browser/serve-*.png`.
#[test]
fn the_round_served_works_from_the_keyboard_in_chromium() {
    let (Some(bin), Some(axe), Some(playwright)) = (chromium(), axe(), playwright()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium, axe-core and playwright-core: .ci/run installs them"
        );
        eprintln!("skipped: no Chromium, axe-core or playwright-core (see .ci/run)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let round = tempfile::tempdir().unwrap();
    let seeds = root.join("fixtures/seeds");
    std::fs::create_dir(round.path().join("in")).unwrap();
    let mut late = None;
    for e in std::fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, round.path().join("in").join(p.file_name().unwrap())).unwrap();
        late.get_or_insert(p);
    }
    let shots = root.join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    let out = Command::new("node")
        .arg(root.join("tests/browser/serve.mjs"))
        .env("DUBBELKOLL", env!("CARGO_BIN_EXE_dubbelkoll"))
        .env("ROUND", round.path())
        .env("LATE", late.unwrap())
        .env("PLAYWRIGHT", playwright)
        .env("AXE", axe)
        .env("CHROMIUM", bin)
        .env("SHOTS", &shots)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for page in ["senders", "submission", "finding", "letter"] {
        assert!(shots.join(format!("serve-{page}.png")).is_file(), "{page}");
    }
}
