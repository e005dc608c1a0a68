//! One hostile file never kills the run: PDFs are read in a child process
//! under limits, nothing is allocated by a size a file declares, and the
//! other submissions are checked and reported. Every run here is itself
//! under a memory cap, so a regression fails instead of taking the machine.
//! The hostile inputs are made here, not checked in.

mod common;

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;

/// The most address space a run here may map.
const CAP: u64 = 4 << 30;

/// `dubbelkoll ARGS` in `dir`, under [`CAP`]: (exit code, stdout, stderr).
fn run_capped(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dubbelkoll"));
    cmd.current_dir(dir).env_clear().args(args);
    // SAFETY: only setrlimit, async-signal-safe, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: CAP as libc::rlim_t,
                rlim_max: CAP as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A PDF of one page whose content stream is `content`, its dictionary
/// holding `extra`.
fn pdf(extra: &[u8], content: &[u8]) -> Vec<u8> {
    let mut stream = format!("<< /Length {} ", content.len()).into_bytes();
    stream.extend_from_slice(extra);
    stream.extend_from_slice(b" >>\nstream\n");
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let n = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A folder with three real submissions beside the hostile files.
fn folder(hostile: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    for seed in ["000", "002", "003"] {
        let p = common::seed_path(seed);
        std::fs::copy(&p, inbox.join(p.file_name().unwrap())).unwrap();
    }
    for (name, bytes) in hostile {
        std::fs::write(inbox.join(name), bytes).unwrap();
    }
    dir
}

/// Every real submission was checked, and each hostile file is not, with
/// a reason that contains what is given (an error is READ001 too).
fn survived(stdout: &str, hostile: &[(&str, &str)]) {
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    let statuses = common::file_statuses(&v);
    let checked = statuses.iter().filter(|s| s.1 == "checked").count();
    assert_eq!(checked, 3, "{statuses:?}");
    for (name, why) in hostile {
        let s = statuses.iter().find(|s| s.0 == *name).unwrap();
        assert_ne!(s.1, "checked", "{s:?}");
        assert!(s.2.contains(why), "{s:?}");
        let read001 = common::findings_of(&v, "READ001");
        let reported = (read001.iter()).any(|f| f["path"].as_str().unwrap().ends_with(name));
        assert_eq!(reported, s.1 == "error", "{s:?}");
    }
}

#[test]
fn a_pdf_nested_past_any_stack_is_one_files_error() {
    let depth = 100_000;
    let mut nested = b"/X ".to_vec();
    nested.extend(std::iter::repeat_n(b'[', depth));
    nested.extend(std::iter::repeat_n(b']', depth));
    let d = folder(&[("deep.pdf", pdf(&nested, b"BT /F1 12 Tf (Hej) Tj ET"))]);
    let (code, out, err) = run_capped(d.path(), &["check", "in", "--format", "json"]);
    assert_eq!(code, Some(1), "{err}");
    survived(&out, &[("deep.pdf", "nested too deeply")]);
}

#[test]
fn an_archive_declaring_gigabytes_allocates_nothing_by_it() {
    // A .docx whose document part says it inflates to 4.3 GB, checked
    // with the highest --xml-limit a flag allows: the claim is no
    // allocation.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(
        b"<w:document><w:body><w:p><w:r><w:t>Hej</w:t></w:r></w:p></w:body></w:document>",
    )
    .unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    // The uncompressed size in the local header (offset 22) and the
    // central directory's entry (offset 24).
    let claim = u32::MAX.to_le_bytes();
    bytes[22..26].copy_from_slice(&claim);
    let central = (0..bytes.len() - 4)
        .find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02])
        .unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&claim);
    let d = folder(&[("bomb.docx", bytes)]);
    let (code, out, err) = run_capped(
        d.path(),
        &["check", "in", "--format", "json", "--xml-limit", "4096"],
    );
    assert_eq!(code, Some(1), "{err}");
    survived(&out, &[("bomb.docx", "")]);
}

#[test]
fn a_template_or_a_name_list_too_large_is_refused_in_words() {
    let d = folder(&[]);
    // A placeholder of a megabyte.
    let template = format!(
        "name = \"F\"\nplaceholders = [\"{}\"]\n[[variant]]\nname = \"v\"\n[[variant.area]]\nheading = \"A\"\nquestions = [\"Q?\"]\n",
        "x".repeat(1 << 20)
    );
    std::fs::write(d.path().join("t.toml"), template).unwrap();
    let (code, _, err) = run_capped(d.path(), &["check", "in", "--template", "t.toml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("at most 500"), "{err}");
    assert!(
        !err.contains("xxxxxxxxxx"),
        "quotes nothing of the file: {err}"
    );
    // `--only -` with endless names: a cap, not all the memory there is.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dubbelkoll"))
        .current_dir(d.path())
        .env_clear()
        .args(["check", "in", "--only", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let line = "in/x.txt\n".repeat(100_000);
    for _ in 0..20 {
        if stdin.write_all(line.as_bytes()).is_err() {
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("MiB of file names"), "{err}");
}
