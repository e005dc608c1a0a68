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
//! - `fixtures/forms/volunteer/` and `fixtures/forms/outreach/`: two
//!   questionnaires unlike the city's, a blank and submissions each. The
//!   outreach return's PDFs (`pdf/`) are LibreOffice's print of its .docx
//!   files, running header, footer and page numbers included:
//!
//! ```sh
//! cd fixtures/forms/outreach && soffice --headless --convert-to pdf --outdir pdf *.docx
//! ```
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
    /// A checkbox content control (`w14:checkbox`), ticked or not.
    CheckBox(bool),
    /// A legacy FORMCHECKBOX: its default, and whether it was ticked since
    /// (`None`: left at its default).
    FormCheckBox {
        default: bool,
        checked: Option<bool>,
    },
    /// A legacy FORMTEXT: its default text, and what was typed (`None`:
    /// the default still shows).
    FormText {
        default: String,
        value: Option<String>,
    },
    /// A legacy FORMDROPDOWN: its entries and the one chosen.
    FormDropDown {
        entries: Vec<String>,
        chosen: usize,
    },
    /// A drop-down content control: the entry chosen, or Word's
    /// placeholder "Välj ett objekt." showing.
    Choose(Option<String>),
    /// A date content control: the date, or Word's placeholder showing.
    Date(Option<String>),
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
            Inline::CheckBox(on) => out.push_str(&format!(
                "<w:sdt><w:sdtPr><w:id w:val=\"5\"/><w14:checkbox><w14:checked w14:val=\"{}\"/><w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" w:hAnsi=\"MS Gothic\"/></w:rPr><w:t>{}</w:t></w:r></w:sdtContent></w:sdt>",
                u8::from(*on),
                if *on { "☒" } else { "☐" }
            )),
            Inline::FormCheckBox { default, checked } => out.push_str(&format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Kryss\"/><w:enabled/><w:calcOnExit w:val=\"0\"/><w:checkBox><w:sizeAuto/><w:default w:val=\"{}\"/>{}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
                u8::from(*default),
                match checked {
                    Some(true) => "<w:checked/>",
                    Some(false) => "<w:checked w:val=\"0\"/>",
                    None => "",
                }
            )),
            Inline::FormText { default, value } => out.push_str(&format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Text1\"/><w:enabled/><w:calcOnExit w:val=\"0\"/><w:textInput><w:default w:val=\"{}\"/></w:textInput></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space=\"preserve\"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
                escape(default),
                run(value.as_deref().unwrap_or(default))
            )),
            Inline::FormDropDown { entries, chosen } => out.push_str(&format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Lista\"/><w:enabled/><w:calcOnExit w:val=\"0\"/><w:ddList><w:result w:val=\"{chosen}\"/>{}</w:ddList></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space=\"preserve\"> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
                entries
                    .iter()
                    .map(|e| format!("<w:listEntry w:val=\"{}\"/>", escape(e)))
                    .collect::<String>()
            )),
            Inline::Choose(v) | Inline::Date(v) => {
                let (kind, placeholder) = match i {
                    Inline::Date(_) => ("<w:date><w:dateFormat w:val=\"yyyy-MM-dd\"/><w:lid w:val=\"sv-SE\"/></w:date>", "Klicka eller tryck här för att ange datum."),
                    _ => ("<w:dropDownList><w:listItem w:value=\"Ja\"/><w:listItem w:value=\"Nej\"/></w:dropDownList>", "Välj ett objekt."),
                };
                let showing = if v.is_none() { "<w:showingPlcHdr/>" } else { "" };
                out.push_str(&format!(
                    "<w:sdt><w:sdtPr><w:id w:val=\"6\"/>{showing}{kind}</w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>",
                    run(v.as_deref().unwrap_or(placeholder))
                ));
            }
        }
    }
}

/// The text a person sees of an inline: what a text export or a PDF of
/// the document would hold.
fn shown(i: &Inline) -> String {
    match i {
        Inline::CheckBox(on) => (if *on { "☒" } else { "☐" }).to_string(),
        Inline::FormCheckBox { default, checked } => (if checked.unwrap_or(*default) {
            "☒"
        } else {
            "☐"
        })
        .to_string(),
        Inline::FormText { default, value } => value.clone().unwrap_or_else(|| default.clone()),
        Inline::FormDropDown { entries, chosen } => entries[*chosen].clone(),
        Inline::Choose(v) => v.clone().unwrap_or_else(|| "Välj ett objekt.".into()),
        Inline::Date(v) => v
            .clone()
            .unwrap_or_else(|| "Klicka eller tryck här för att ange datum.".into()),
        _ => String::new(),
    }
}

/// Writes a .docx file: the body, plus a header part and a comments part
/// whose text must never be read as the body.
pub fn write_docx(path: &Path, blocks: &[Block]) -> std::io::Result<()> {
    write_docx_as(path, blocks, "word/document.xml")
}

/// Writes a .docx file whose main part is `main` (some tools name it
/// `word/document2.xml`), found through the package's relationships.
pub fn write_docx_as(path: &Path, blocks: &[Block], main: &str) -> std::io::Result<()> {
    write_docx_with(path, blocks, main, "SIDHUVUD SOM INTE SKA LÄSAS", None)
}

/// Writes a .docx file with `header` as each page's running header and,
/// if given, a footer of that text followed by "Page N of M" (Word's PAGE
/// and NUMPAGES fields).
pub fn write_docx_with(
    path: &Path,
    blocks: &[Block],
    main: &str,
    header: &str,
    footer: Option<&str>,
) -> std::io::Result<()> {
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
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"";
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {w}><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>{}</w:sectPr></w:body></w:document>",
        if footer.is_some() {
            "<w:footerReference w:type=\"default\" r:id=\"rId3\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>"
        } else {
            ""
        }
    );
    let comments_xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments {w}>{}</w:comments>",
        comments
            .iter()
            .enumerate()
            .map(|(i, c)| format!("<w:comment w:id=\"{i}\" w:author=\"Granskare\"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:comment>", escape(c)))
            .collect::<String>()
    );
    let header = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {w}><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:hdr>", escape(header));
    let field = |code: &str| {
        format!("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
    };
    let footer = footer.map(|f| format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {w}><w:p><w:r><w:t xml:space=\"preserve\">{}    Page </w:t></w:r>{}<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>{}</w:p></w:ftr>", escape(f), field("PAGE"), field("NUMPAGES")));
    let rels = format!(
        "word/_rels/{}.rels",
        main.rsplit('/').next().unwrap_or(main)
    );
    let parts = [
        ("[Content_Types].xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/{main}\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/><Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>{}</Types>", if footer.is_some() { "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>" } else { "" })),
        ("_rels/.rels", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{main}\"/></Relationships>")),
        (rels.as_str(), format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>{}</Relationships>", if footer.is_some() { "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>" } else { "" })),
        (main, document),
        ("word/comments.xml", comments_xml),
        ("word/header1.xml", header),
    ];
    let footer = footer.map(|f| [("word/footer1.xml", f)]);
    let parts: Vec<(&str, String)> = parts
        .into_iter()
        .chain(footer.into_iter().flatten())
        .collect();
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
            Inline::Choose(None) | Inline::Date(None) => out.push_str(&format!(
                "<text:placeholder text:placeholder-type=\"text\">{}</text:placeholder>",
                escape(shown(i))
            )),
            other => out.push_str(&escape(shown(other))),
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

/// How one sender of the volunteer return filled it in (`None` where the
/// blank form is left as it was).
pub struct Return {
    pub file: &'static str,
    pub organisation: &'static str,
    pub contact: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    /// A1: ticked Yes, ticked No (legacy check boxes).
    pub ran: (bool, bool),
    pub activities: Option<&'static str>,
    /// A3: per activity, the columns ticked (0 Done, 1 Ongoing, 2 Not started).
    pub progress: [&'static [usize]; 3],
    pub funding: Option<&'static str>,
    pub approved: Option<&'static str>,
    pub recruit: &'static str,
    /// The main part's name in the archive.
    pub main: &'static str,
}

const ACTIVITIES: [&str; 3] = ["Training days", "Open house", "Newsletter"];

/// The "Volunteer programme annual return": a questionnaire unlike the
/// city's, made of Word's form constructs (legacy check boxes and text
/// fields, a checkbox matrix, drop-down and date controls). `None` is the
/// blank form.
pub fn volunteer(r: Option<&Return>) -> Vec<Block> {
    let field = |v: Option<&str>| match v {
        Some(v) => vec![t(v)],
        None => vec![Inline::FormText {
            default: "Type here.".into(),
            value: None,
        }],
    };
    let (yes, no) = r.map_or((false, false), |r| r.ran);
    let boxes = |on: bool| Inline::FormCheckBox {
        default: false,
        checked: on.then_some(true),
    };
    let mut matrix = vec![vec![
        vec![t("Activity")],
        vec![t("Done")],
        vec![t("Ongoing")],
        vec![t("Not started")],
    ]];
    for (i, a) in ACTIVITIES.iter().enumerate() {
        let ticked = r.map_or(&[][..], |r| r.progress[i]);
        let mut row = vec![vec![t(a)]];
        row.extend((0..3).map(|c| vec![Inline::CheckBox(ticked.contains(&c))]));
        matrix.push(row);
    }
    vec![
        p("VOLUNTEER PROGRAMME ANNUAL RETURN"),
        p("Every funded organisation sends this return to the volunteering office by 31 March. Tick one box where boxes are given."),
        Block::Table(vec![
            vec![vec![t("Organisation")], field(r.map(|r| r.organisation))],
            vec![vec![t("Contact person")], field(r.map(|r| r.contact))],
            vec![vec![t("Phone")], field(r.map(|r| r.phone))],
            vec![vec![t("Email")], field(r.map(|r| r.email))],
        ]),
        Block::Heading("Part A: Activities".into()),
        p("A1. Did your organisation run volunteer activities this year?"),
        Block::P(vec![boxes(yes), t(" Yes   "), boxes(no), t(" No")]),
        p("A2. Describe the main activities and who took part."),
        Block::P(vec![Inline::FormText {
            default: "Type your answer here.".into(),
            value: r.and_then(|r| r.activities.map(str::to_string)),
        }]),
        p("A3. How far has each planned activity come?"),
        Block::Table(matrix),
        Block::Heading("Part B: Resources".into()),
        p("B1. Which source paid for most of the programme?"),
        Block::P(vec![Inline::Choose(r.and_then(|r| r.funding.map(str::to_string)))]),
        p("B2. On what date did the board approve this return?"),
        Block::P(vec![Inline::Date(r.and_then(|r| r.approved.map(str::to_string)))]),
        p("B3. What would help you recruit more volunteers?"),
        Block::P(vec![Inline::FormText {
            default: "Type your answer here.".into(),
            value: r.map(|r| r.recruit.to_string()),
        }]),
    ]
}

/// The senders of the volunteer return, each with what was planted in it.
pub const RETURNS: &[Return] = &[
    // Complete and correct.
    Return {
        file: "riverside.docx",
        organisation: "Riverside Elders Club",
        contact: "Jon Park",
        phone: "020-11 22 33",
        email: "jon.park@riverside.example",
        ran: (true, false),
        activities: Some("Weekly reading circles at the library, run by twelve retired teachers for forty residents."),
        progress: [&[0], &[0], &[1]],
        funding: Some("Municipal grant"),
        approved: Some("2024-03-12"),
        recruit: "A shared calendar with the other clubs, so that new volunteers see every opening in one place.",
        main: "word/document.xml",
    },
    // A1 with no box ticked; the Newsletter row with none.
    Return {
        file: "forest-valley.docx",
        organisation: "Forest Valley Scouts",
        contact: "Ida Berg",
        phone: "020-44 55 66",
        email: "ida.berg@forestvalley.example",
        ran: (false, false),
        activities: Some("Two weekend camps and a river clean-up with parents and thirty scouts aged nine to fourteen."),
        progress: [&[0], &[1], &[]],
        funding: Some("Membership fees"),
        approved: Some("2024-03-02"),
        recruit: "Training for parents who want to lead a patrol but have never camped themselves.",
        main: "word/document.xml",
    },
    // A1 with both boxes ticked; A2 left at its default text; the date not
    // filled in; the main part named word/document2.xml.
    Return {
        file: "market-square.docx",
        organisation: "Market Square Choir",
        contact: "Leo Chan",
        phone: "020-77 88 99",
        email: "leo.chan@marketsquare.example",
        ran: (true, true),
        activities: None,
        progress: [&[1], &[2], &[2]],
        funding: Some("Donations"),
        approved: None,
        recruit: "A free taster evening each term, announced in the local paper and at the market.",
        main: "word/document2.xml",
    },
    // A ticked No is an answer; B1 not chosen; Open house ticked twice.
    Return {
        file: "harbour.docx",
        organisation: "Harbour Youth Theatre",
        contact: "Mia Holm",
        phone: "020-12 34 56",
        email: "mia.holm@harbour.example",
        ran: (false, true),
        activities: Some("No activities this year: the hall was rebuilt, and the group met only to plan the autumn play."),
        progress: [&[2], &[0, 1], &[2]],
        funding: None,
        approved: Some("2024-03-20"),
        recruit: "A rehearsal space of our own would let us take in the twenty young people on the waiting list.",
        main: "word/document.xml",
    },
];

/// Writes the volunteer return's blank form and its submissions into `dir`.
pub fn write_volunteer(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("blank"))?;
    write_docx(&dir.join("blank/volunteer-blank.docx"), &volunteer(None))?;
    for r in RETURNS {
        write_docx_as(&dir.join(r.file), &volunteer(Some(r)), r.main)?;
    }
    Ok(())
}

/// One library's outreach return: who sent it, and how its answers are
/// written (`None`: the blank's placeholder left in; `Some("")` or a
/// non-answer as typed).
pub struct Outreach {
    pub file: &'static str,
    pub library: &'static str,
    pub contact: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    /// Words only this library's answers use, so that no two senders
    /// write the same paragraph.
    pub places: [&'static str; 4],
    pub partner: &'static str,
    /// Answers given as typed instead of written out, by question index.
    pub typed: &'static [(usize, Option<&'static str>)],
}

const OUTREACH_QUESTIONS: [(&str, &str); 6] = [
    (
        "Part 1 – Reach",
        "1.1 Which groups did your outreach reach this year, and how?",
    ),
    ("", "1.2 Describe the partnerships your outreach relied on."),
    (
        "Part 2 – Programmes",
        "2.1 Which programmes ran outside the library building?",
    ),
    ("", "2.2 What did the people who took part say about them?"),
    (
        "Part 3 – Next year",
        "3.1 What will you change next year, and why?",
    ),
    (
        "",
        "3.2 Is there anything else the outreach office should know?",
    ),
];

/// Sentences the answers are written from; `{p}` is one of the sender's
/// places, `{n}` a number, `{q}` its partner.
const OUTREACH_SENTENCES: [&str; 12] = [
    "In the spring we visited {p} {n} times with the book bike, and most visits drew a queue before we had unpacked.",
    "Staff from {q} helped us plan the route and lent us a room at {p} when the weather turned.",
    "Older residents at {p} asked for large-print crime novels far more than we expected, so we doubled that part of the stock.",
    "A homework club at {p} met on Tuesdays; {n} pupils came regularly and several brought younger siblings.",
    "We trained {n} volunteers to run story sessions in Arabic, Somali and Finnish, which parents at {p} had asked for.",
    "The digital help desk at {p} answered questions about e-ID, bank apps and booking health appointments.",
    "Together with {q} we handed out {n} library cards at the market in {p}, most of them to adults who had never had one.",
    "Attendance fell in August, when {p} emptied for the holidays, and rose again once school started.",
    "A reading group for new arrivals at {p} chose its own books, and by autumn it had {n} members.",
    "Our van broke down twice on the way to {p}; both times {q} collected the returns for us.",
    "Teachers at {p} said the class visits made pupils borrow more, and {n} classes have already booked for next year.",
    "We kept a simple tally at every stop, so the figures here come from {n} sheets filled in on the spot.",
];

/// The "Library outreach return": an English form with "Label: value"
/// header lines, numbered parts and long answers that run over several
/// pages, so that its PDF has running headers, footers and page numbers
/// between the answers. `None` is the blank form.
pub fn outreach(r: Option<&Outreach>) -> Vec<Block> {
    let placeholder = || Inline::Placeholder("Click or tap here to enter text.".into());
    let field = |label: &str, v: Option<&str>| {
        Block::P(vec![
            t(&format!("{label}: ")),
            v.map_or_else(placeholder, t),
        ])
    };
    let mut blocks = vec![
        p("LIBRARY OUTREACH RETURN 2025"),
        p("Every branch library sends this return to the outreach office by 15 January."),
        field("Library", r.map(|r| r.library)),
        field("Contact person", r.map(|r| r.contact)),
        field("Telephone", r.map(|r| r.phone)),
        field("Email", r.map(|r| r.email)),
    ];
    // A small linear congruential generator: the same text on every run.
    let mut state: u64 = r.map_or(1, |r| r.file.len() as u64 * 7919 + r.places[0].len() as u64);
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    for (i, (part, question)) in OUTREACH_QUESTIONS.iter().enumerate() {
        if !part.is_empty() {
            blocks.push(Block::Heading(part.to_string()));
        }
        blocks.push(p(question));
        let Some(r) = r else {
            blocks.push(Block::P(vec![placeholder()]));
            continue;
        };
        if let Some((_, typed)) = r.typed.iter().find(|(q, _)| *q == i) {
            blocks.push(Block::P(vec![typed.map_or_else(placeholder, t)]));
            continue;
        }
        for _ in 0..4 {
            let sentences: Vec<String> = (0..4)
                .map(|_| {
                    OUTREACH_SENTENCES[next(OUTREACH_SENTENCES.len())]
                        .replace("{p}", r.places[next(4)])
                        .replace("{q}", r.partner)
                        .replace("{n}", &(3 + next(40)).to_string())
                })
                .collect();
            blocks.push(p(&sentences.join(" ")));
        }
    }
    blocks
}

/// The senders of the outreach return, each with what was planted in it.
pub const OUTREACH_RETURNS: &[Outreach] = &[
    // Complete and correct.
    Outreach {
        file: "northgate.docx",
        library: "Northgate Branch Library",
        contact: "Sara Lind",
        phone: "+44 20 7123 4567",
        email: "sara.lind@northgate.example",
        places: [
            "Hill Court",
            "the Northgate estate",
            "Linden Primary",
            "the sports hall",
        ],
        partner: "the tenants' association",
        typed: &[],
    },
    // 2.2 left at the placeholder.
    Outreach {
        file: "eastfield.docx",
        library: "Eastfield Library",
        contact: "Omar Haddad",
        phone: "+44 20 7946 3321",
        email: "omar.haddad@eastfield.example",
        places: [
            "Eastfield market",
            "the health centre",
            "Ash Grove",
            "the mosque",
        ],
        partner: "the health centre",
        typed: &[(3, None)],
    },
    // 1.2 answered "N/A".
    Outreach {
        file: "millbrook.docx",
        library: "Millbrook Library",
        contact: "Anna Kowalski",
        phone: "+44 161 555 0199",
        email: "anna.kowalski@millbrook.example",
        places: [
            "the mill museum",
            "Brook Street",
            "St Anne's school",
            "the allotments",
        ],
        partner: "St Anne's school",
        typed: &[(1, Some("N/A"))],
    },
    // The e-mail is another person's.
    Outreach {
        file: "southbank.docx",
        library: "Southbank Library",
        contact: "Tom Reed",
        phone: "+44 117 496 0555",
        email: "tina.reed@southbank.example",
        places: [
            "the ferry terminal",
            "Quay Road",
            "the youth centre",
            "the care home",
        ],
        partner: "the youth centre",
        typed: &[],
    },
];

/// The running header and footer of the outreach return's pages.
pub const OUTREACH_HEADER: &str = "Library Outreach Office – Annual return";
pub const OUTREACH_FOOTER: &str = "Outreach return 2025";

/// Writes the outreach return's blank form and its submissions into `dir`,
/// each page with a running header and a footer with its number.
pub fn write_outreach(dir: &Path) -> std::io::Result<()> {
    let write = |path: &Path, blocks: &[Block]| {
        write_docx_with(
            path,
            blocks,
            "word/document.xml",
            OUTREACH_HEADER,
            Some(OUTREACH_FOOTER),
        )
    };
    std::fs::create_dir_all(dir.join("blank"))?;
    write(&dir.join("blank/outreach-blank.docx"), &outreach(None))?;
    for r in OUTREACH_RETURNS {
        write(&dir.join(r.file), &outreach(Some(r)))?;
    }
    Ok(())
}

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
    let volunteer = root.join("fixtures/forms/volunteer");
    let outreach = root.join("fixtures/forms/outreach");
    if let Err(e) = write_fixtures(root, &dir)
        .and_then(|()| write_forms(&forms))
        .and_then(|()| write_volunteer(&volunteer))
        .and_then(|()| write_outreach(&outreach))
    {
        eprintln!("gen_word: {}: {e}", dir.display());
        std::process::exit(2);
    }
    eprintln!("wrote {} and {}", dir.display(), forms.display());
}
