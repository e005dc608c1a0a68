//! Writes the Word and OpenDocument fixtures in `fixtures/word/` from the
//! text seeds, so that tests read real .docx and .odt files:
//!
//! ```sh
//! cargo run --example gen_word            # rewrites fixtures/word/
//! ```
//!
//! - `000_kulturnamnden.docx` mirrors seed 000; its Telefon value and its
//!   "Växla upp" answer are content controls showing their placeholders
//!   (worded differently from the form's own), the header is a table, and a
//!   page field, a header part and a comment part hold text that must not be
//!   read.
//! - `004_skarholmen.docx` mirrors seed 004, with "Sätra" deleted and
//!   "Sättra" inserted as tracked changes, a filled content control, a
//!   comment, and its bullets as a Word list.
//! - `002_ostermalm.odt` mirrors seed 002 with headings, a header table, an
//!   annotation, a tracked deletion and runs of `<text:s>` spaces.
//!
//! `tests/word.rs` checks that these files are what this generator writes.

use std::io::Write;
use std::path::Path;

use dubbelkoll::form::{Form, Role};
use dubbelkoll::normalize::normalize;
use quick_xml::escape::escape;

/// A piece of a paragraph.
#[allow(dead_code)]
pub enum Inline {
    Text(String),
    /// A content control showing its placeholder text.
    Placeholder(String),
    /// A content control holding a real value.
    Control(String),
    /// A tracked insertion, kept.
    Ins(String),
    /// A tracked deletion, left out.
    Del(String),
    /// A comment anchored here; its text lives elsewhere and is left out.
    Comment(String),
    /// A field code (PAGE): left out.
    Field(String),
    Tab,
    Break,
    /// Several spaces (`<text:s text:c="n"/>` in ODF).
    Spaces(usize),
}

pub enum Block {
    P(Vec<Inline>),
    Heading(String),
    /// Rows of cells.
    Table(Vec<Vec<Vec<Inline>>>),
    /// A list of items.
    List(Vec<String>),
}

fn t(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn p(s: &str) -> Block {
    Block::P(vec![t(s)])
}

fn docx_inlines(out: &mut String, inlines: &[Inline], comments: &mut Vec<String>) {
    let run = |s: &str| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(s));
    for i in inlines {
        match i {
            Inline::Text(s) => out.push_str(&run(s)),
            Inline::Placeholder(s) => out.push_str(&format!(
                "<w:sdt><w:sdtPr><w:id w:val=\"1\"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>",
                run(s)
            )),
            Inline::Control(s) => out.push_str(&format!(
                "<w:sdt><w:sdtPr><w:id w:val=\"2\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>",
                run(s)
            )),
            Inline::Ins(s) => out.push_str(&format!("<w:ins w:id=\"3\" w:author=\"Granskare\">{}</w:ins>", run(s))),
            Inline::Del(s) => out.push_str(&format!(
                "<w:del w:id=\"4\" w:author=\"Granskare\"><w:r><w:delText>{}</w:delText></w:r></w:del>",
                escape(s)
            )),
            Inline::Comment(s) => {
                let id = comments.len();
                comments.push(s.clone());
                out.push_str(&format!(
                    "<w:commentRangeStart w:id=\"{id}\"/><w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
                ));
            }
            Inline::Field(s) => out.push_str(&format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
                escape(s)
            )),
            Inline::Tab => out.push_str("<w:r><w:tab/></w:r>"),
            Inline::Break => out.push_str("<w:r><w:br/></w:r>"),
            Inline::Spaces(n) => out.push_str(&run(&" ".repeat(*n))),
        }
    }
}

/// Writes a .docx file: the body, plus a header part and a comments part
/// whose text must never be read as the body.
pub fn write_docx(path: &Path, blocks: &[Block]) -> std::io::Result<()> {
    let mut body = String::new();
    let mut comments = Vec::new();
    for b in blocks {
        match b {
            Block::P(inl) => {
                body.push_str("<w:p>");
                docx_inlines(&mut body, inl, &mut comments);
                body.push_str("</w:p>");
            }
            Block::Heading(s) => body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Rubrik1\"/></w:pPr>{}</w:p>",
                format_args!("<w:r><w:t>{}</w:t></w:r>", escape(s))
            )),
            Block::Table(rows) => {
                body.push_str("<w:tbl>");
                for row in rows {
                    body.push_str("<w:tr>");
                    for cell in row {
                        body.push_str("<w:tc><w:p>");
                        docx_inlines(&mut body, cell, &mut comments);
                        body.push_str("</w:p></w:tc>");
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
            Block::List(items) => {
                for item in items {
                    body.push_str(&format!(
                        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
                        escape(item)
                    ));
                }
            }
        }
    }
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {w}><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/></w:sectPr></w:body></w:document>"
    );
    let comments_xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments {w}>{}</w:comments>",
        comments
            .iter()
            .enumerate()
            .map(|(i, c)| format!("<w:comment w:id=\"{i}\" w:author=\"Granskare\"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:comment>", escape(c)))
            .collect::<String>()
    );
    let header = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {w}><w:p><w:r><w:t>SIDHUVUD SOM INTE SKA LÄSAS</w:t></w:r></w:p></w:hdr>");
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/><Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/></Relationships>".to_string()),
        ("word/document.xml", document),
        ("word/comments.xml", comments_xml),
        ("word/header1.xml", header),
    ];
    write_zip(
        path,
        &parts
            .iter()
            .map(|(n, c)| (*n, c.as_bytes()))
            .collect::<Vec<_>>(),
        false,
    )
}

fn odt_inlines(out: &mut String, inlines: &[Inline]) {
    for i in inlines {
        match i {
            Inline::Text(s) | Inline::Control(s) | Inline::Ins(s) => out.push_str(&escape(s)),
            Inline::Placeholder(s) => {
                out.push_str(&format!("<text:placeholder text:placeholder-type=\"text\">{}</text:placeholder>", escape(s)))
            }
            Inline::Del(_) => out.push_str("<text:change text:change-id=\"ct1\"/>"),
            Inline::Comment(s) => out.push_str(&format!(
                "<office:annotation><dc:creator>Granskare</dc:creator><text:p>{}</text:p></office:annotation>",
                escape(s)
            )),
            Inline::Field(_) => out.push_str("<text:page-number>1</text:page-number>"),
            Inline::Tab => out.push_str("<text:tab/>"),
            Inline::Break => out.push_str("<text:line-break/>"),
            Inline::Spaces(n) => out.push_str(&format!(" <text:s text:c=\"{}\"/>", n.saturating_sub(1))),
        }
    }
}

/// Writes an .odt file.
pub fn write_odt(path: &Path, blocks: &[Block]) -> std::io::Result<()> {
    let mut body = String::new();
    let mut deleted = Vec::new();
    for b in blocks {
        match b {
            Block::P(inl) => {
                deleted.extend(inl.iter().filter_map(|i| {
                    if let Inline::Del(s) = i {
                        Some(s.clone())
                    } else {
                        None
                    }
                }));
                body.push_str("<text:p text:style-name=\"Standard\">");
                odt_inlines(&mut body, inl);
                body.push_str("</text:p>\n");
            }
            Block::Heading(s) => body.push_str(&format!(
                "<text:h text:outline-level=\"1\">{}</text:h>\n",
                escape(s)
            )),
            Block::Table(rows) => {
                body.push_str("<table:table table:name=\"Huvud\"><table:table-column table:number-columns-repeated=\"2\"/>\n");
                for row in rows {
                    body.push_str("<table:table-row>");
                    for cell in row {
                        body.push_str("<table:table-cell office:value-type=\"string\"><text:p>");
                        odt_inlines(&mut body, cell);
                        body.push_str("</text:p></table:table-cell>");
                    }
                    body.push_str("</table:table-row>\n");
                }
                body.push_str("</table:table>\n");
            }
            Block::List(items) => {
                body.push_str("<text:list>");
                for item in items {
                    body.push_str(&format!(
                        "<text:list-item><text:p>{}</text:p></text:list-item>",
                        escape(item)
                    ));
                }
                body.push_str("</text:list>\n");
            }
        }
    }
    let tracked = if deleted.is_empty() {
        String::new()
    } else {
        format!(
            "<text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion><office:change-info><dc:creator>Granskare</dc:creator></office:change-info><text:p>{}</text:p></text:deletion></text:changed-region></text:tracked-changes>\n",
            escape(deleted.join(" "))
        )
    };
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">\n<office:body>\n<office:text>\n{tracked}{body}</office:text>\n</office:body>\n</office:document-content>\n"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    write_zip(
        path,
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.text".as_slice(),
            ),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", content.as_bytes()),
        ],
        true,
    )
}

/// Writes a zip archive with fixed timestamps, so the bytes are the same
/// every time. With `first_stored`, the first entry is stored uncompressed
/// (ODF's `mimetype`).
pub fn write_zip(path: &Path, parts: &[(&str, &[u8])], first_stored: bool) -> std::io::Result<()> {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    for (i, (name, bytes)) in parts.iter().enumerate() {
        let method = if first_stored && i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default());
        zip.start_file(*name, options)?;
        zip.write_all(bytes)?;
    }
    zip.finish()?;
    Ok(())
}

fn seed(root: &Path, prefix: &str) -> String {
    let dir = root.join("fixtures/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let path = names
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn header_table(rows: Vec<(&str, Inline)>) -> Block {
    Block::Table(
        rows.into_iter()
            .map(|(label, value)| vec![vec![t(label)], vec![value]])
            .collect(),
    )
}

/// Seed 000 as the Word form it was exported from.
fn kulturnamnden(root: &Path) -> Vec<Block> {
    let form = Form::builtin();
    let sub = form.parse(normalize(&seed(root, "000")));
    let value = |r: Role| t(sub.value(r).unwrap());
    let mut blocks = vec![
        Block::P(vec![t("UPPFÖLJNINGSRAPPORT NÄRINGSLIV"), Inline::Tab, Inline::Field("PAGE".into())]),
        p("För att nå resultat och sammanhållet kunna kommunicera hur arbetet med att stötta näringslivet fortskrider kommer stadsledningskontoret samlat följa arbetet."),
        header_table(vec![
            ("Nämnd", value(Role::Sender)),
            ("Kontaktperson för eventuella frågor", value(Role::Contact)),
            ("Telefon", Inline::Placeholder("Ange telefonnummer.".into())),
            ("E-post", value(Role::Email)),
        ]),
        p("Uppföljning av direktiv och aktiviteter med näringslivskoppling i budget 2022"),
        p("Beskrivning (mål och syfte)"),
    ];
    let variant = &form.template.variants[sub.variant.unwrap()];
    for (a, area) in variant.areas.iter().enumerate() {
        blocks.push(Block::Heading(area.heading.clone()));
        for q in sub.questions.iter().filter(|q| q.area == a) {
            blocks.push(p(&q.text));
            if q.text.contains("Växla upp") {
                blocks.push(Block::P(vec![Inline::Placeholder(
                    "Klicka eller tryck här för att ange text.".into(),
                )]));
                continue;
            }
            let answer = sub.answer_text(q.found.as_ref().unwrap());
            blocks.extend(answer.split("\n\n").map(p));
        }
    }
    blocks.push(p("Övriga upplysningar"));
    blocks.push(Block::P(vec![]));
    blocks
}

/// The lines of a Word export, header fields as a table.
fn from_lines(text: &str, mut paragraph: impl FnMut(&str) -> Block) -> Vec<Block> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] == "Nämnd" && i + 7 < lines.len() {
            let rows = (0..4)
                .map(|k| (lines[i + 2 * k], t(lines[i + 2 * k + 1])))
                .collect();
            blocks.push(header_table(rows));
            i += 8;
        } else if lines[i].starts_with("- ") {
            let mut items = Vec::new();
            while i < lines.len() && lines[i].starts_with("- ") {
                items.push(lines[i][2..].to_string());
                i += 1;
            }
            blocks.push(Block::List(items));
        } else if lines[i].starts_with(|c: char| c.is_ascii_digit())
            && lines[i].chars().nth(1) == Some('.')
            && lines[i].len() > 20
        {
            blocks.push(Block::Heading(lines[i].to_string()));
            i += 1;
        } else {
            blocks.push(paragraph(lines[i]));
            i += 1;
        }
    }
    blocks
}

/// Seed 004 with tracked changes and a comment.
fn skarholmen(root: &Path) -> Vec<Block> {
    from_lines(&seed(root, "004"), |line| {
        if let Some((before, after)) = line.split_once("Sättra") {
            Block::P(vec![
                t(before),
                Inline::Del("Sätra".into()),
                Inline::Ins("Sättra".into()),
                t(after),
            ])
        } else if line.starts_with("Stadsdelsförvaltningen ser Växla upp") {
            Block::P(vec![
                t(line),
                Inline::Comment("KOMMENTAR SOM INTE SKA LÄSAS".into()),
            ])
        } else if line == "Tina Åkeson" {
            Block::P(vec![Inline::Control(line.into())])
        } else {
            p(line)
        }
    })
}

/// Seed 002 with an annotation, a tracked deletion and runs of spaces.
fn ostermalm(root: &Path) -> Vec<Block> {
    from_lines(&seed(root, "002"), |line| {
        if let Some((before, after)) = line.split_once(" 14 % ") {
            Block::P(vec![
                t(before),
                Inline::Spaces(4),
                t("14 %"),
                Inline::Spaces(2),
                t(after),
            ])
        } else if line.starts_with("Nämnden har en aktiv platssamverkan") {
            Block::P(vec![
                t(line),
                Inline::Comment("ANTECKNING SOM INTE SKA LÄSAS".into()),
                Inline::Del("BORTTAGEN TEXT".into()),
            ])
        } else {
            p(line)
        }
    })
}

/// The blank form of another questionnaire ("Uppföljning av miljöarbete
/// 2023"): its answer slots are content controls showing their
/// placeholder; the sender field holds the form's generic value.
pub fn miljo_blank() -> Vec<Block> {
    let slot = || {
        Block::P(vec![Inline::Placeholder(
            "Klicka eller tryck här för att ange text.".into(),
        )])
    };
    let mut blocks = vec![
        p("UPPFÖLJNING AV MILJÖARBETE 2023"),
        p("Förvaltningarna redovisar årligen sitt miljöarbete till miljöförvaltningen. Besvara frågorna nedan i textrutorna."),
        Block::Table(vec![
            vec![vec![t("Förvaltning")], vec![t("Förvaltningarna")]],
            vec![vec![t("Ansvarig handläggare")], vec![Inline::Placeholder("Namn".into())]],
            vec![vec![t("Telefonnummer")], vec![Inline::Placeholder("Telefon".into())]],
            vec![vec![t("E-postadress")], vec![Inline::Placeholder("E-post".into())]],
        ]),
    ];
    for (heading, questions) in MILJO {
        blocks.push(Block::Heading(heading.to_string()));
        for q in *questions {
            blocks.push(p(q));
            blocks.push(slot());
        }
    }
    blocks.push(p("Övriga kommentarer"));
    blocks.push(slot());
    blocks
}

/// The focus areas and questions of the miljö questionnaire.
pub const MILJO: &[(&str, &[&str])] = &[
    (
        "1. Energi",
        &[
            "1.1 Hur har förvaltningens energianvändning utvecklats under året?",
            "1.2 Vilka åtgärder har förvaltningen genomfört för att minska energianvändningen?",
        ],
    ),
    (
        "2. Transporter",
        &[
            "2.1 Beskriv förvaltningens arbete för fossilfria transporter.",
            "2.2 Hur följer förvaltningen upp tjänsteresornas klimatpåverkan?",
        ],
    ),
    (
        "3. Avfall och matsvinn",
        &["3.1 Vilka mål har förvaltningen för minskat matsvinn, och hur följs de upp?"],
    ),
];

/// Writes the blank forms into `dir`.
pub fn write_forms(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_docx(&dir.join("miljo-2023-blank.docx"), &miljo_blank())
}

/// Writes every fixture into `dir`.
pub fn write_fixtures(root: &Path, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_docx(&dir.join("000_kulturnamnden.docx"), &kulturnamnden(root))?;
    write_docx(&dir.join("004_skarholmen.docx"), &skarholmen(root))?;
    write_odt(&dir.join("002_ostermalm.odt"), &ostermalm(root))?;
    Ok(())
}

#[allow(dead_code)]
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("fixtures/word");
    let forms = root.join("fixtures/forms/miljo/blank");
    if let Err(e) = write_fixtures(root, &dir).and_then(|()| write_forms(&forms)) {
        eprintln!("gen_word: {}: {e}", dir.display());
        std::process::exit(2);
    }
    eprintln!("wrote {} and {}", dir.display(), forms.display());
}
