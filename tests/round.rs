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
}

#[test]
fn without_a_round_the_report_has_none() {
    let dir = round("", CSV);
    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--no-cache", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
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
