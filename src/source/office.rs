//! Reading Word (.docx) and OpenDocument (.odt) submissions: the text of
//! their body, one paragraph a line.
//!
//! Both are zip archives holding XML. The archive is opened with `zip`, one
//! part is read with a size cap (a small file can inflate to gigabytes), and
//! the XML is walked with `quick-xml`. Only the five predefined entities and
//! character references are resolved; any other entity reference is an
//! error, so a DTD can never expand text.
//!
//! What counts as text: body paragraphs and headings in document order,
//! table cells and list items as paragraphs of their own, tabs as tabs, line
//! breaks as spaces (so that a line of the extracted text is a paragraph of
//! the document). Content controls count as answers; one that shows its
//! placeholder (`<w:showingPlcHdr/>`, ODF `<text:placeholder>`) is replaced
//! by the form's placeholder text, whatever its wording, so that MISS001
//! finds it. Headers, footers, comments, footnotes, field codes and deleted
//! tracked changes are left out; inserted tracked changes are kept.

use std::io::{Read, Seek, SeekFrom};

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::ReadOptions;

/// The default cap on the XML read from one archive.
pub const DEFAULT_XML_LIMIT: u64 = 64 * 1024 * 1024;

/// Why an office file could not be read: always reported as `error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeError(pub String);

impl std::fmt::Display for OfficeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The signature of an OLE compound file: legacy .doc, and every
/// password-protected Office document.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads one XML part of an office archive, refusing OLE files, broken
/// archives, encrypted entries and parts over the cap.
pub fn read_part_from<R: Read + Seek>(
    mut file: R,
    part: &str,
    limit: u64,
) -> Result<String, OfficeError> {
    let io = |e: std::io::Error| OfficeError(format!("cannot read: {e}"));
    let mut magic = [0u8; 8];
    let n = file.read(&mut magic).map_err(io)?;
    if magic[..n] == *OLE_MAGIC {
        return Err(OfficeError(
            "a password-protected document or a legacy Word (.doc) file: save it as .docx without a password".into(),
        ));
    }
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| OfficeError(format!("not a valid zip archive: {e}")))?;
    let mut entry = match archive.by_name(part) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(OfficeError(format!("{part} is missing from the archive")))
        }
        Err(e) => return Err(OfficeError(format!("cannot open {part}: {e}"))),
    };
    if entry.encrypted() {
        return Err(OfficeError(format!(
            "{part} is encrypted: remove the password"
        )));
    }
    let too_big = || {
        OfficeError(format!(
            "{part} inflates to more than {} MiB of XML (a zip bomb?); the limit is --xml-limit",
            limit / (1024 * 1024)
        ))
    };
    if entry.size() > limit {
        return Err(too_big());
    }
    // Never allocated by the size the archive declares: it grows with what
    // actually inflates.
    let mut bytes = Vec::with_capacity(entry.size().min(limit).min(1 << 20) as usize);
    entry
        .by_ref()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| OfficeError(format!("cannot inflate {part}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| OfficeError(format!("{part} is not UTF-8: {e}")))
}

/// Resolves `&name;`: the predefined entities and character references only.
fn entity(r: &BytesRef, part: &str) -> Result<char, OfficeError> {
    if r.is_char_ref() {
        return r
            .resolve_char_ref()
            .ok()
            .flatten()
            .ok_or_else(|| OfficeError(format!("{part}: invalid character reference &{};", &**r)));
    }
    match &**r {
        "amp" => Ok('&'),
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        other => Err(OfficeError(format!(
            "{part}: undefined entity &{other}; (entities are never expanded)"
        ))),
    }
}

/// Extracted paragraphs, written one a line. Everything written counts
/// against the limit: a few bytes of XML can stand for much text (ODF's
/// `<text:s text:c="1000"/>`, empty paragraphs by the thousand).
struct Out {
    lines: Vec<String>,
    /// Paragraphs being written (a text box's paragraph sits inside another).
    open: Vec<String>,
    written: u64,
    limit: u64,
}

impl Out {
    fn new(limit: u64) -> Out {
        Out {
            lines: Vec::new(),
            open: Vec::new(),
            written: 0,
            limit,
        }
    }

    fn start(&mut self) {
        self.open.push(String::new());
    }

    fn end(&mut self) {
        if let Some(p) = self.open.pop() {
            self.written += 1;
            self.lines.push(p);
        }
    }

    fn push(&mut self, s: &str) {
        if let Some(p) = self.open.last_mut() {
            self.written += s.len() as u64;
            if self.written > self.limit {
                return;
            }
            // Line ends inside a paragraph would change the paragraph count.
            p.extend(
                s.chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
            );
        }
    }

    /// An error once more than the limit has been written.
    fn check(&self, part: &str) -> Result<(), OfficeError> {
        if self.written > self.limit {
            return Err(OfficeError(format!(
                "{part} expands to more than {} MiB of text; the limit is --xml-limit",
                self.limit / (1024 * 1024)
            )));
        }
        Ok(())
    }

    fn finish(mut self, part: &str) -> Result<String, OfficeError> {
        while !self.open.is_empty() {
            self.end();
        }
        self.check(part)?;
        Ok(self.lines.join("\n"))
    }
}

fn xml_error(part: &str, e: impl std::fmt::Display, pos: u64) -> OfficeError {
    OfficeError(format!("{part}: malformed XML at byte {pos}: {e}"))
}

const DOCX_PART: &str = "word/document.xml";
const ODT_PART: &str = "content.xml";

/// The text of a .docx file held in memory.
pub fn docx_from_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<String, OfficeError> {
    docx_text(
        &read_part_from(std::io::Cursor::new(bytes), DOCX_PART, opts.xml_limit)?,
        opts,
    )
}

/// The text of an .odt file held in memory.
pub fn odt_from_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<String, OfficeError> {
    odt_text(
        &read_part_from(std::io::Cursor::new(bytes), ODT_PART, opts.xml_limit)?,
        opts,
    )
}

/// The text of a .docx body part (`word/document.xml`).
pub fn docx_text(xml: &str, opts: &ReadOptions) -> Result<String, OfficeError> {
    const PART: &str = DOCX_PART;
    let mut reader = Reader::from_str(xml);
    let mut out = Out::new(opts.xml_limit);
    // Depth inside elements whose text is skipped (w:del, w:instrText,
    // mc:Fallback, comments and footnote bodies).
    let mut skip = 0usize;
    let mut in_text = false;
    let mut sdt = Controls::default();
    loop {
        out.check(PART)?;
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| xml_error(PART, e, pos))?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                "w:del" | "w:instrText" | "w:delInstrText" | "mc:Fallback" | "w:footnote"
                | "w:comment" => skip += 1,
                _ if skip > 0 => {}
                "w:p" => out.start(),
                "w:t" => in_text = true,
                "w:sdt" => sdt.open(),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                _ if skip > 0 => {}
                "w:p" => {
                    out.start();
                    out.end();
                }
                "w:showingPlcHdr" => sdt.showing_placeholder(),
                "w:tab" | "w:ptab" => out.push("\t"),
                "w:br" | "w:cr" => out.push(" "),
                "w:noBreakHyphen" => out.push("-"),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:del" | "w:instrText" | "w:delInstrText" | "mc:Fallback" | "w:footnote"
                | "w:comment" => skip = skip.saturating_sub(1),
                _ if skip > 0 => {}
                "w:p" => out.end(),
                "w:t" => in_text = false,
                "w:sdt" => sdt.close(),
                _ => {}
            },
            Event::Text(t) if in_text && skip == 0 => docx_run_text(&mut out, &mut sdt, &t, opts),
            Event::CData(t) if in_text && skip == 0 => docx_run_text(&mut out, &mut sdt, &t, opts),
            Event::GeneralRef(r) => {
                let c = entity(&r, PART)?;
                if in_text && skip == 0 {
                    docx_run_text(&mut out, &mut sdt, c.encode_utf8(&mut [0; 4]), opts);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.finish(PART)
}

/// The open content controls (`w:sdt`), nested, and which of them show
/// their placeholder: each step is constant time, however deep the nesting.
#[derive(Default)]
struct Controls {
    depth: usize,
    /// (depth, placeholder written) of each open control that shows its
    /// placeholder, innermost last.
    showing: Vec<(usize, bool)>,
}

impl Controls {
    fn open(&mut self) {
        self.depth += 1;
    }

    fn showing_placeholder(&mut self) {
        if self.depth > 0 && self.showing.last().is_none_or(|s| s.0 != self.depth) {
            self.showing.push((self.depth, false));
        }
    }

    fn close(&mut self) {
        if self.showing.last().is_some_and(|s| s.0 == self.depth) {
            self.showing.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }
}

/// Text inside a content control that shows its placeholder is replaced by
/// the form's placeholder, once.
fn docx_run_text(out: &mut Out, sdt: &mut Controls, text: &str, opts: &ReadOptions) {
    match sdt.showing.last_mut() {
        Some(s) => {
            if !s.1 {
                out.push(&opts.placeholder);
                s.1 = true;
            }
        }
        None => out.push(text),
    }
}

/// The text of an .odt content part (`content.xml`).
pub fn odt_text(xml: &str, opts: &ReadOptions) -> Result<String, OfficeError> {
    const PART: &str = ODT_PART;
    let mut reader = Reader::from_str(xml);
    let mut out = Out::new(opts.xml_limit);
    let mut skip = 0usize;
    let mut in_body = false;
    // Depth inside a <text:placeholder>, and whether its stand-in was written.
    let mut placeholder: Option<bool> = None;
    let skipped = |name: &str| {
        matches!(
            name,
            "text:tracked-changes"
                | "office:annotation"
                | "text:note"
                | "text:deletion"
                | "office:annotation-end"
        )
    };
    loop {
        out.check(PART)?;
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| xml_error(PART, e, pos))?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                "office:text" => in_body = true,
                n if skipped(n) => skip += 1,
                _ if skip > 0 || !in_body => {}
                "text:p" | "text:h" => out.start(),
                "text:placeholder" => placeholder = Some(false),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                _ if skip > 0 || !in_body => {}
                "text:p" | "text:h" => {
                    out.start();
                    out.end();
                }
                "text:s" => {
                    let n = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| a.value.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(1000);
                    out.push(&" ".repeat(n));
                }
                "text:tab" => out.push("\t"),
                "text:line-break" => out.push(" "),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "office:text" => in_body = false,
                n if skipped(n) => skip = skip.saturating_sub(1),
                _ if skip > 0 || !in_body => {}
                "text:p" | "text:h" => out.end(),
                "text:placeholder" => placeholder = None,
                _ => {}
            },
            Event::Text(t) if skip == 0 && in_body => {
                odt_run_text(&mut out, &mut placeholder, &t, opts)
            }
            Event::GeneralRef(r) => {
                let c = entity(&r, PART)?;
                if skip == 0 && in_body {
                    odt_run_text(&mut out, &mut placeholder, c.encode_utf8(&mut [0; 4]), opts);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.finish(PART)
}

fn odt_run_text(out: &mut Out, placeholder: &mut Option<bool>, text: &str, opts: &ReadOptions) {
    match placeholder {
        Some(written) => {
            if !*written {
                out.push(&opts.placeholder);
                *written = true;
            }
        }
        None => out.push(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expanded_text_counts_against_the_limit() {
        // 11 KB of ODF that would stand for 200 MB of spaces.
        let body = "<text:s text:c=\"1000\"/>".repeat(200_000);
        let xml = format!(
            "<office:document-content><office:body><office:text><text:p>{body}</text:p></office:text></office:body></office:document-content>"
        );
        let opts = ReadOptions {
            xml_limit: 1 << 20,
            ..ReadOptions::default()
        };
        let err = odt_text(&xml, &opts).unwrap_err();
        assert!(err.0.contains("expands to more than 1 MiB"), "{err}");
        // Empty Word paragraphs by the hundred thousand are text too.
        let opts = ReadOptions {
            xml_limit: 1 << 16,
            ..ReadOptions::default()
        };
        let xml = format!(
            "<w:document><w:body>{}</w:body></w:document>",
            "<w:p/>".repeat(100_000)
        );
        assert!(docx_text(&xml, &opts).unwrap_err().0.contains("expands"));
    }

    #[test]
    fn deeply_nested_content_controls_are_read_in_one_pass() {
        let depth = 100_000;
        let xml = format!(
            "<w:document><w:body><w:p>{}<w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:r><w:t>Ange text.</w:t></w:r>{}{}</w:p></w:body></w:document>",
            "<w:sdt>".repeat(depth),
            "<w:r><w:t> och mer</w:t></w:r>".repeat(depth),
            "</w:sdt>".repeat(depth)
        );
        let text = docx_text(&xml, &ReadOptions::default()).unwrap();
        // The innermost control shows its placeholder: written once, the
        // rest of its text left out.
        assert_eq!(text, "Klicka här för att ange text.");
        // Outside a control that shows its placeholder, text is kept.
        let xml = "<w:document><w:body><w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:t>x</w:t></w:sdt><w:r><w:t> svar</w:t></w:r></w:p></w:body></w:document>";
        assert_eq!(
            docx_text(xml, &ReadOptions::default()).unwrap(),
            "Klicka här för att ange text. svar"
        );
    }
}
