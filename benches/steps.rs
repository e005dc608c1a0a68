//! Each step of checking one submission, timed on its own so that a
//! regression in one shows (divan): decoding the bytes, normalising the
//! text, parsing it against the form, the file's own rules, and the
//! near-duplicate signature; then the whole of it for one file.
//!
//! ```sh
//! cargo bench --bench steps
//! ```
//!
//! Each step runs on each of the five seeds in turn (`fixtures/seeds`).

use std::path::PathBuf;

use divan::Bencher;
use dubbelkoll::form::{Form, Submission};
use dubbelkoll::normalize::{normalize, Doc};
use dubbelkoll::rules::{self, FileContext, Selection};

fn main() {
    divan::main();
}

fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut files: Vec<PathBuf> = (std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn texts() -> Vec<String> {
    (seeds().into_iter())
        .map(|(_, b)| dubbelkoll::source::decode::decode(b).unwrap().0)
        .collect()
}

fn docs() -> Vec<Doc> {
    texts().iter().map(|t| normalize(t)).collect()
}

fn parsed(form: &Form) -> Vec<Submission> {
    docs().into_iter().map(|d| form.parse(d)).collect()
}

#[divan::bench]
fn decode(b: Bencher) {
    let seeds = seeds();
    b.bench(|| {
        for (_, bytes) in &seeds {
            divan::black_box(dubbelkoll::source::decode::decode(bytes.clone()).unwrap());
        }
    });
}

#[divan::bench]
fn normalise(b: Bencher) {
    let texts = texts();
    b.bench(|| {
        for t in &texts {
            divan::black_box(normalize(t));
        }
    });
}

#[divan::bench]
fn parse(b: Bencher) {
    let form = Form::builtin();
    let docs = docs();
    b.bench(|| {
        for d in &docs {
            divan::black_box(form.parse(d.clone()));
        }
    });
}

#[divan::bench]
fn file_rules(b: Bencher) {
    let form = Form::builtin();
    let subs = parsed(&form);
    let path = PathBuf::from("a.txt");
    let selection = Selection::default();
    b.bench(|| {
        for s in &subs {
            let c = FileContext::new(&path, s, &form);
            divan::black_box(rules::check_file(&c, &selection));
        }
    });
}

#[divan::bench]
fn signature(b: Bencher) {
    let form = Form::builtin();
    let subs = parsed(&form);
    let answers: Vec<_> = (subs.iter())
        .map(|s| dubbelkoll::corpus::answers::answers(s, &form))
        .collect();
    b.bench(|| {
        for (s, a) in subs.iter().zip(&answers) {
            divan::black_box(dubbelkoll::corpus::fingerprint(s, a, 8));
        }
    });
}

/// Everything one file costs before the corpus rules: read options as a
/// check uses them, the file's bytes already in memory.
#[divan::bench]
fn whole_file(b: Bencher) {
    let form = Form::builtin();
    let seeds = seeds();
    let read = dubbelkoll::check::Options::for_form(&form).read;
    let selection = Selection::default();
    b.bench(|| {
        for (p, bytes) in &seeds {
            let text = dubbelkoll::source::document(p, bytes, &read).unwrap().text;
            let sub = form.parse(normalize(&text));
            let c = FileContext::new(p, &sub, &form);
            divan::black_box(rules::check_file(&c, &selection));
            divan::black_box(dubbelkoll::corpus::fingerprint(&sub, &c.answers, 8));
        }
    });
}

/// A Word document at the scale no form reaches: 100,000 legacy check
/// boxes ("☐ Ja ☒ Nej" a paragraph) and a matrix of 10,000 rows of
/// checkbox controls, read, normalised, parsed and checked, and its
/// choices found. Every construct
/// is read in one pass: this grows with the document, never with its
/// square.
#[divan::bench(args = [10_000, 100_000])]
fn word_constructs(b: Bencher, boxes: usize) {
    let legacy = |on: bool| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:default w:val=\"{}\"/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            u8::from(on)
        )
    };
    let control = |on: bool| {
        format!(
            "<w:tc><w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"{}\"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{}</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc>",
            u8::from(on),
            if on { "☒" } else { "☐" }
        )
    };
    let mut body = String::new();
    for i in 0..boxes / 2 {
        body.push_str(&format!(
            "<w:p><w:r><w:t>Fråga {i}</w:t></w:r></w:p><w:p>{}<w:r><w:t xml:space=\"preserve\"> Ja </w:t></w:r>{}<w:r><w:t xml:space=\"preserve\"> Nej</w:t></w:r></w:p>",
            legacy(i % 3 == 0),
            legacy(i % 3 == 1)
        ));
    }
    body.push_str("<w:tbl>");
    for i in 0..boxes / 10 {
        body.push_str(&format!(
            "<w:tr><w:tc><w:p><w:r><w:t>Aktivitet {i}</w:t></w:r></w:p></w:tc>{}{}{}</w:tr>",
            control(i % 3 == 0),
            control(i % 3 == 1),
            control(false)
        ));
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"><w:body>{body}</w:body></w:document>"
    );
    let form = Form::builtin();
    let read = dubbelkoll::check::Options::for_form(&form).read;
    let selection = Selection::default();
    let path = PathBuf::from("boxes.docx");
    b.bench(|| {
        let text = dubbelkoll::source::office::docx_text(&xml, &read).unwrap();
        let sub = form.parse(dubbelkoll::normalize::normalize_paragraphs(&text));
        let c = FileContext::new(&path, &sub, &form);
        divan::black_box(rules::check_file(&c, &selection));
        // Every choice and matrix row, as learning from a blank finds them.
        let choices = dubbelkoll::choice::in_lines(text.lines());
        assert!(choices.len() >= boxes / 2);
    });
}
