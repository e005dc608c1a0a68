//! The reviewer's round: `[round]` in dubbelkoll.toml names the senders
//! expected; the check says who has not sent in, who has a submission to
//! complete, and which files no expected sender sent.

mod common;

use std::path::Path;

use serde_json::Value;

/// A round folder: the miljö submissions (another form than the city's,
/// learned from the files) and a configuration naming the senders.
fn round(config: &str, senders_csv: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let subs = root.join("fixtures/forms/miljo/submissions");
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for e in std::fs::read_dir(subs).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("in").join(e.file_name())).unwrap();
    }
    std::fs::write(dir.path().join("dubbelkoll.toml"), config).unwrap();
    std::fs::write(dir.path().join("senders.csv"), senders_csv).unwrap();
    dir
}

/// The round's HTML report, in Swedish.
const SWEDISH_HTML: &[&str] = &[
    "check",
    "in",
    "--no-cache",
    "--lang",
    "sv",
    "--format",
    "html",
];

/// What `dubbelkoll ARGS` prints on standard output, run in `dir`.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = common::dubbelkoll(dir).args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON report of `check in` in `dir`, with more flags.
fn json_report(dir: &Path, more: &[&str]) -> Value {
    let args = [&["check", "in", "--no-cache", "--format", "json"], more].concat();
    serde_json::from_slice(run(dir, &args).as_bytes()).unwrap()
}

const CSV: &str = "Förvaltning;Kontaktperson;E-post\n\
Miljöförvaltningen;;\n\
Idrottsförvaltningen;Per Holm;per.holm@example.se\n\
Kulturnämnden;;\n\
Socialförvaltningen;Eva Lund;eva.lund@example.se\n";

#[test]
fn the_round_says_who_has_not_sent_in_and_who_must_complete() {
    let dir = round(
        "[round]\nsenders = [\"Stadsbyggnadskontoret\"]\nsenders-file = \"senders.csv\"\ndeadline = \"2024-03-31\"\n",
        CSV,
    );
    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--no-cache", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let round = &report["round"];
    let states: Vec<(&str, &str, usize)> = (round["senders"].as_array().unwrap().iter())
        .map(|s| {
            let files = s["files"].as_array().unwrap().len();
            (
                s["name"].as_str().unwrap(),
                s["state"].as_str().unwrap(),
                files,
            )
        })
        .collect();
    // "Kulturnämnden" is the Kulturförvaltningen that sent m3: one sender's
    // name in another form. m2 and m3 hold errors; Socialförvaltningen sent
    // nothing.
    assert_eq!(
        states,
        [
            ("Stadsbyggnadskontoret", "complete", 1),
            ("Miljöförvaltningen", "complete", 1),
            ("Idrottsförvaltningen", "to-complete", 1),
            ("Kulturnämnden", "to-complete", 1),
            ("Socialförvaltningen", "missing", 0),
        ]
    );
    assert_eq!(round["senders"][4]["email"], "eva.lund@example.se");
    assert_eq!(round["deadline"], "2024-03-31");
    // m4 left the form's generic "Förvaltningarna": no expected sender.
    assert_eq!(
        round["unexpected"],
        serde_json::json!(["in/m4_trafikkontoret.txt"])
    );

    // The reviewer's report says the same, in Swedish.
    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--no-cache", "--lang", "sv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "Omgångens avsändare (sista dag 2024-03-31)",
        "  5 väntade: 2 kompletta, 2 att komplettera, 1 ej inkomna",
        "  ej inkommen: Socialförvaltningen",
        "  att komplettera: Idrottsförvaltningen",
        "  från ingen väntad avsändare: in/m4_trafikkontoret.txt (Förvaltningarna)",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in\n{text}");
    }

    // And the HTML report, a row a sender.
    let html = run(dir.path(), SWEDISH_HTML);
    assert!(
        html.contains("<section id=\"round\"><h2>Omgångens avsändare (sista dag 2024-03-31)</h2>")
    );
    assert!(
        html.contains("<tr class=\"missing\"><td>Socialförvaltningen</td><td>ej inkommen</td>"),
        "{html}"
    );

    // And the compiled document's front matter, before the answers.
    let out = tempfile::tempdir().unwrap();
    let md = out.path().join("sammanstallning.md");
    common::dubbelkoll(dir.path())
        .args(["compile", "in", "--lang", "sv", "-o"])
        .arg(&md)
        .assert()
        .success();
    let md = std::fs::read_to_string(md).unwrap();
    let front = &md[..md.find("\n## ").unwrap()];
    for line in [
        "Omgångens avsändare (sista dag 2024-03-31): 5 väntade: 2 kompletta, 2 att komplettera, 1 ej inkomna",
        "ej inkommen: Socialförvaltningen",
        "att komplettera: Idrottsförvaltningen, Kulturnämnden",
        "komplett: Stadsbyggnadskontoret, Miljöförvaltningen",
    ] {
        assert!(front.lines().any(|l| l == line), "{line:?} in\n{front}");
    }
}

#[test]
fn without_a_round_the_report_has_none() {
    let dir = round("", CSV);
    let report = json_report(dir.path(), &[]);
    assert!(report.get("round").is_none(), "{report}");
}

#[test]
fn a_bad_round_stops_the_run_naming_the_file() {
    for (config, names) in [
        (
            "[round]\nsenders-file = \"absent.csv\"\n",
            "absent.csv: cannot read",
        ),
        (
            "[round]\ndeadline = \"31 mars\"\n",
            "round.deadline \"31 mars\" is no date (YYYY-MM-DD)",
        ),
        (
            "[round]\ndeadline = \"2027-02-30\"\n",
            "round.deadline \"2027-02-30\" is no date (YYYY-MM-DD)",
        ),
        ("[round]\nsender = [\"Farsta\"]\n", "unknown field `sender`"),
    ] {
        let dir = round(config, CSV);
        let out = common::dubbelkoll(dir.path())
            .args(["check", "in", "--no-cache"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(names), "{config}: {err}");
    }
}

/// The letters of a round, as a mail program reads them.
#[test]
fn letters_ask_each_sender_for_what_is_missing_and_remind_who_has_not_sent_in() {
    let dir = round(
        "[round]\nsenders-file = \"senders.csv\"\ndeadline = \"2024-03-31\"\nfrom = \"Miljöenheten <miljo@example.se>\"\n",
        CSV,
    );
    let out_dir = tempfile::tempdir().unwrap();
    let letters = out_dir.path().join("brev");
    let write = |to: &Path| {
        common::dubbelkoll(dir.path())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args(["letters", "in", "-o"])
            .arg(to)
            .output()
            .unwrap()
    };
    let out = write(&letters);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&letters)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Idrottsförvaltningen and Kulturnämnden have something to complete,
    // Socialförvaltningen has not sent in; Miljöförvaltningen is complete.
    assert_eq!(
        names,
        [
            "01-idrottsforvaltningen.eml",
            "02-kulturnamnden.eml",
            "03-socialforvaltningen.eml"
        ]
    );
    let read = |name: &str| std::fs::read(letters.join(name)).unwrap();
    let eml = read("01-idrottsforvaltningen.eml");
    let m = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert_eq!(
        m.subject(),
        Some("Komplettering av er inlämning – Idrottsförvaltningen")
    );
    let to = m.to().unwrap().first().unwrap();
    // The list's contact and address come before the header's.
    assert_eq!(to.address(), Some("per.holm@example.se"));
    assert_eq!(to.name(), Some("Per Holm"));
    assert_eq!(
        m.from().unwrap().first().unwrap().address(),
        Some("miljo@example.se")
    );
    assert_eq!(m.header_raw("X-Unsent").map(str::trim), Some("1"));
    // Lines end in CRLF, as RFC 5322 wants.
    let body = m.body_text(0).unwrap();
    assert!(body.contains("\r\n"));
    let body = body.replace("\r\n", "\n");
    assert!(body.starts_with("Hej Per Holm,"), "{body}");
    assert!(body.contains("senast 2024-03-31"), "{body}");
    // The contact details, then question by question in the form's words.
    assert!(
        body.contains("\n1. Kontaktuppgifter\n   - kontaktpersonen"),
        "{body}"
    );
    assert!(
        body.contains("\n3. 2.2 Hur följer förvaltningen upp"),
        "{body}"
    );
    assert!(body.contains("platshållartext"), "{body}");
    assert!(body.trim_end().ends_with("Miljöenheten"), "{body}");
    // The copied paragraph another sender wrote is not for this letter.
    assert!(!body.contains("m1_"), "{body}");
    let reminder = read("03-socialforvaltningen.eml");
    let m = mail_parser::MessageParser::default()
        .parse(&reminder)
        .unwrap();
    assert_eq!(
        m.to().unwrap().first().unwrap().address(),
        Some("eva.lund@example.se")
    );
    assert!(m.body_text(0).unwrap().contains("ännu inte fått"));
    // The same round gives the same bytes; a folder that holds letters is
    // never written into again.
    let again = out_dir.path().join("brev2");
    write(&again);
    assert_eq!(
        std::fs::read(again.join("01-idrottsforvaltningen.eml")).unwrap(),
        eml
    );
    let out = write(&letters);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds letters"));
    // Never into a scanned folder.
    let out = common::dubbelkoll(dir.path())
        .args(["letters", ".", "-o", "in/brev"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside a scanned folder"));
    assert!(!dir.path().join("in/brev").exists());
}

/// The round's own wording of its letters: the places filled, the subject
/// from the first line; a place no letter fills stops the run naming it.
#[test]
fn a_round_words_its_letters_itself() {
    let config = "[round]\nsenders-file = \"senders.csv\"\ndeadline = \"2024-03-31\"\nletter = \"brev.txt\"\nreminder = \"paminnelse.txt\"\n";
    let dir = round(config, CSV);
    std::fs::write(
        dir.path().join("brev.txt"),
        "Ämne: Uppföljningen – {sender} behöver komplettera\r\nHej {contact}!\r\n\r\nI {files} saknas:\r\n{problems}\r\n\r\nSvara senast {deadline}.\r\n/Anna på miljöenheten\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("paminnelse.txt"),
        "Hej {contact}, vi saknar rapporten från {sender} (sista dag {deadline}).",
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let letters = out_dir.path().join("brev");
    let out = common::dubbelkoll(dir.path())
        .args(["letters", "in", "-o"])
        .arg(&letters)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parse = |name: &str| {
        let eml = std::fs::read(letters.join(name)).unwrap();
        let m = mail_parser::MessageParser::default().parse(&eml).unwrap();
        let body = m.body_text(0).unwrap().replace("\r\n", "\n");
        (m.subject().unwrap().to_string(), body)
    };
    let (subject, body) = parse("01-idrottsforvaltningen.eml");
    assert_eq!(
        subject,
        "Uppföljningen – Idrottsförvaltningen behöver komplettera"
    );
    assert!(body.starts_with("Hej Per Holm!\n\nI m2_"), "{body}");
    assert!(
        body.contains("saknas:\n1. Kontaktuppgifter\n   - "),
        "{body}"
    );
    assert!(
        body.contains("\n\nSvara senast 2024-03-31.\n/Anna"),
        "{body}"
    );
    assert!(!body.contains('{'), "{body}");
    // The reminder: its own wording, the default subject.
    let (subject, body) = parse("03-socialforvaltningen.eml");
    assert_eq!(
        subject,
        "Påminnelse: er inlämning saknas – Socialförvaltningen"
    );
    assert_eq!(
        body.trim_end(),
        "Hej Eva Lund, vi saknar rapporten från Socialförvaltningen (sista dag 2024-03-31)."
    );
    // A place spelled wrong is no letter with a brace in it.
    std::fs::write(dir.path().join("brev.txt"), "Hej {namn}!\n{problems}").unwrap();
    let out = common::dubbelkoll(dir.path())
        .args(["letters", "in", "-o"])
        .arg(out_dir.path().join("brev2"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("brev.txt: {namn} is no place a letter fills"),
        "{err}"
    );
}

/// The ids a round's report shows, in order.
fn ids(dir: &Path) -> Vec<String> {
    let out = common::dubbelkoll(dir)
        .args(["check", "in", "--no-cache"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("= id "))
        .map(|rest| rest[..12].to_string())
        .collect()
}

#[test]
fn decisions_last_between_runs_and_two_reviewers_at_once_lose_nothing() {
    let dir = round("[round]\nsenders-file = \"senders.csv\"\n", CSV);
    let ids = ids(dir.path());
    assert!(ids.len() >= 4, "{ids:?}");
    // Four reviewers mark four findings at the same moment.
    let children: Vec<std::process::Child> = (ids[..4].iter().enumerate())
        .map(|(i, id)| {
            std::process::Command::new(env!("CARGO_BIN_EXE_dubbelkoll"))
                .current_dir(dir.path())
                .env_clear()
                .env("SOURCE_DATE_EPOCH", "1700000000")
                .args(["mark", id, "in", "--state", "handled", "--by"])
                .arg(format!("granskare{i}"))
                .args(["--note", "klart"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let export = common::dubbelkoll(dir.path())
        .args(["round", "export", "--json"])
        .output()
        .unwrap();
    let history: Value = serde_json::from_slice(&export.stdout).unwrap();
    let mut marked: Vec<&str> = (history.as_array().unwrap().iter())
        .map(|d| &d["fingerprint"].as_str().unwrap()[..12])
        .collect();
    marked.sort();
    let mut want: Vec<&str> = ids[..4].iter().map(String::as_str).collect();
    want.sort();
    assert_eq!(marked, want);
    // The next check shows each decision beside its finding; the JSON
    // report carries them.
    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--no-cache", "--lang", "sv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = format!(
        "= id {} · hanterad av granskare0 2023-11-14 22:13: klart",
        ids[0]
    );
    assert!(text.contains(&line), "{line:?} in\n{text}");
    let html = run(dir.path(), SWEDISH_HTML);
    let line = format!(
        "<div class=\"decision muted\">id {} · hanterad av granskare0 2023-11-14 22:13: klart</div>",
        ids[0]
    );
    assert!(html.contains(&line), "{line:?}");
    let report = json_report(dir.path(), &[]);
    assert_eq!(report["decisions"].as_array().unwrap().len(), 4);
    // Reopened, the latest decision stands; the history keeps both.
    common::dubbelkoll(dir.path())
        .args(["mark", &ids[0], "in", "--state", "open"])
        .assert()
        .success();
    let csv = common::dubbelkoll(dir.path())
        .args(["round", "export"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(csv.lines().count(), 1 + 5, "{csv}");
    assert!(csv.starts_with("fingerprint,state,note,by,at,rule,path,message\n"));
    // However the folder is named, a finding keeps its id.
    let absolute = dir.path().join("in");
    for spelled in ["./in/", absolute.to_str().unwrap()] {
        common::dubbelkoll(dir.path())
            .args([
                "mark", &ids[1], spelled, "--state", "accepted", "--by", "bo",
            ])
            .assert()
            .success();
    }
    let report = json_report(dir.path(), &[]);
    let accepted = (report["decisions"].as_array().unwrap().iter())
        .filter(|d| d["state"] == "accepted" && d["by"] == "bo")
        .count();
    assert_eq!(accepted, 1);
    // The JSON findings carry their ids.
    let with_id = (report["findings"].as_array().unwrap().iter())
        .filter(|f| f["id"].as_str().is_some_and(|i| i.starts_with(&ids[1])))
        .count();
    assert_eq!(with_id, 1);
    // A file of an expected sender renamed, a new file added: the
    // decisions stay with their findings.
    let decided = |report: &Value| -> Vec<String> {
        let mut d: Vec<String> = (report["decisions"].as_array().unwrap().iter())
            .map(|d| format!("{} {}", d["fingerprint"], d["state"]))
            .collect();
        d.sort();
        d
    };
    let before = decided(&report);
    let inbox = dir.path().join("in");
    for (from, to) in [
        ("m1_miljoforvaltningen.txt", "Miljö 2023 slutversion.txt"),
        ("m2_idrottsforvaltningen.txt", "idrott.txt"),
        ("m3_kulturforvaltningen.txt", "kultur (2).txt"),
    ] {
        std::fs::rename(inbox.join(from), inbox.join(to)).unwrap();
    }
    std::fs::write(inbox.join("tom.txt"), "Ingenting här.\n").unwrap();
    let report = json_report(dir.path(), &[]);
    assert_eq!(decided(&report), before);
    // --hide-decided leaves out what was handled or accepted, not what
    // was reopened.
    let shown = |hide: bool| -> Vec<String> {
        let mut cmd = common::dubbelkoll(dir.path());
        cmd.args(["check", "in", "--no-cache", "--format", "json"]);
        if hide {
            cmd.arg("--hide-decided");
        }
        let report: Value = serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap();
        (report["findings"].as_array().unwrap().iter())
            .map(|f| f["id"].as_str().unwrap()[..12].to_string())
            .collect()
    };
    let (all, open) = (shown(false), shown(true));
    assert!(
        open.contains(&ids[0]) && !open.contains(&ids[1]),
        "{open:?}"
    );
    assert_eq!(all.len() - open.len(), 4 - 1, "{all:?} {open:?}");
}

#[test]
fn a_mark_that_names_no_finding_or_a_damaged_database_stops_with_a_reason() {
    let dir = round("[round]\nsenders-file = \"senders.csv\"\n", CSV);
    let out = common::dubbelkoll(dir.path())
        .args(["mark", "abcdef123456", "in", "--state", "handled"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no finding abcdef123456"));
    // Nothing recorded, nothing made.
    assert!(!dir.path().join(".dubbelkoll").exists());
    std::fs::create_dir(dir.path().join(".dubbelkoll")).unwrap();
    let db = dir.path().join(".dubbelkoll/round.sqlite");
    std::fs::write(&db, "garbage ".repeat(1000)).unwrap();
    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("round.sqlite: not a dubbelkoll decisions database"),
        "{err}"
    );
    assert!(std::fs::read(&db).unwrap().starts_with(b"garbage"));
}

#[test]
fn answers_left_unchanged_since_the_previous_round_are_found() {
    let dir = round(
        "[round]\nsenders-file = \"senders.csv\"\nprevious = \"2022\"\n",
        CSV,
    );
    // Last round: the same senders; Idrottsförvaltningen wrote everything
    // anew, the others' answers stand as they were.
    let last = dir.path().join("2022");
    std::fs::create_dir(&last).unwrap();
    for e in std::fs::read_dir(dir.path().join("in")).unwrap() {
        let e = e.unwrap();
        let mut text = std::fs::read_to_string(e.path())
            .unwrap()
            .replace("2023", "2022");
        if e.file_name().to_string_lossy().starts_with("m2") {
            text = text.replace(" och ", " samt ");
        }
        std::fs::write(last.join(e.file_name()), text).unwrap();
    }
    let report = json_report(dir.path(), &[]);
    let unchanged = common::findings_of(&report, "DUP005");
    let mut files: Vec<&str> = unchanged
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(
        files,
        [
            "in/m1_miljoforvaltningen.txt",
            "in/m3_kulturforvaltningen.txt",
            "in/m4_trafikkontoret.txt",
            "in/m5_stadsbyggnadskontoret.txt"
        ]
    );
    // Each names last round's file of the same sender, once a question.
    for f in &unchanged {
        let path = f["path"].as_str().unwrap();
        let name = path.rsplit('/').next().unwrap();
        let related = f["related"][0]["path"].as_str().unwrap();
        assert!(related.ends_with(&format!("2022/{name}")), "{f}");
    }
    let mut questions: Vec<(&str, &str)> = (unchanged.iter())
        .map(|f| (f["path"].as_str().unwrap(), f["question"].as_str().unwrap()))
        .collect();
    let n = questions.len();
    questions.dedup();
    assert_eq!(questions.len(), n);
    // Without `previous`, the rule has nothing to compare.
    let dir = round("[round]\nsenders-file = \"senders.csv\"\n", CSV);
    let report = json_report(dir.path(), &[]);
    assert!(common::findings_of(&report, "DUP005").is_empty());
}

#[test]
fn a_deadline_may_be_a_toml_date() {
    let dir = round(
        "[round]\nsenders = [\"Miljöförvaltningen\"]\ndeadline = 2027-03-31\n",
        CSV,
    );
    let report = json_report(dir.path(), &[]);
    assert_eq!(report["round"]["deadline"], "2027-03-31");
}
