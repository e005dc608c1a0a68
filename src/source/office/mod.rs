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
//! the document). A table with a row whose cell holds only a box is a line
//! a row, its cells apart by tabs, so that a matrix row keeps its choice.
//! Content
//! controls count as answers; one that shows its placeholder
//! (`<w:showingPlcHdr/>`, ODF `<text:placeholder>`) is replaced by the
//! form's placeholder text, whatever its wording, so that MISS001 finds it;
//! Word's legacy form fields are read as [`docx`] says. Headers, footers,
//! comments, footnotes, field codes and deleted tracked changes are left
//! out; inserted tracked changes are kept.

use std::io::{Read, Seek, SeekFrom};

use quick_xml::events::BytesRef;

mod docx;
mod odt;

pub use docx::{docx_from_bytes, docx_text};
pub use odt::{odt_from_bytes, odt_text};

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

/// An office archive opened for reading, refusing OLE files and broken
/// archives.
pub(crate) fn open_archive<R: Read + Seek>(mut file: R) -> Result<zip::ZipArchive<R>, OfficeError> {
    let io = |e: std::io::Error| OfficeError(format!("cannot read: {e}"));
    let mut magic = [0u8; 8];
    let n = file.read(&mut magic).map_err(io)?;
    if magic[..n] == *OLE_MAGIC {
        return Err(OfficeError(
            "a password-protected document or a legacy Word (.doc) file: save it as .docx without a password".into(),
        ));
    }
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    if !magic[..n].starts_with(b"PK") {
        return Err(OfficeError(
            "not a Word or OpenDocument file: its bytes are not the zip archive such a file is (a text file or another format named .docx or .odt?)".into(),
        ));
    }
    zip::ZipArchive::new(file).map_err(|e| OfficeError(format!("not a valid zip archive: {e}")))
}

/// Reads one XML part of an open archive, refusing encrypted entries and
/// parts over the cap; `Ok(None)` when there is no such part.
pub(crate) fn read_entry<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    part: &str,
    limit: u64,
) -> Result<Option<String>, OfficeError> {
    let mut entry = match archive.by_name(part) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
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
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| OfficeError(format!("{part} is not UTF-8: {e}")))
}

/// Reads one XML part of an office archive that must hold it.
pub(crate) fn read_part(bytes: &[u8], part: &str, limit: u64) -> Result<String, OfficeError> {
    read_entry(&mut open_archive(std::io::Cursor::new(bytes))?, part, limit)?
        .ok_or_else(|| OfficeError(format!("{part} is missing from the archive")))
}

/// An attribute's value, entities resolved; `None` when absent or broken.
pub(crate) fn attribute(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// Resolves `&name;`: the predefined entities and character references only.
pub(crate) fn entity(r: &BytesRef, part: &str) -> Result<char, OfficeError> {
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
pub(crate) struct Out {
    lines: Vec<String>,
    /// Paragraphs being written (a text box's paragraph sits inside another).
    open: Vec<String>,
    /// Tables being read, innermost last.
    tables: Vec<Table>,
    written: u64,
    limit: u64,
}

/// A table being read: the line it starts on, the lines of each cell of
/// its rows, and whether a row has a cell that holds only a box.
struct Table {
    start: usize,
    rows: Vec<Vec<std::ops::Range<usize>>>,
    row: Vec<std::ops::Range<usize>>,
    cell: usize,
    boxed: bool,
}

/// The marks a box is written as: a ticked or an empty box.
pub const TICKED: &str = "☒";
pub const UNTICKED: &str = "☐";

/// Whether a cell holds a box and nothing else that could be an answer.
fn box_only(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_whitespace() || crate::choice::is_box(c))
}

impl Out {
    pub(crate) fn new(limit: u64) -> Out {
        Out {
            lines: Vec::new(),
            open: Vec::new(),
            tables: Vec::new(),
            written: 0,
            limit,
        }
    }

    pub(crate) fn start(&mut self) {
        self.open.push(String::new());
    }

    pub(crate) fn end(&mut self) {
        if let Some(p) = self.open.pop() {
            self.written += 1;
            self.lines.push(p);
        }
    }

    pub(crate) fn push(&mut self, s: &str) {
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

    pub(crate) fn table_start(&mut self) {
        let start = self.lines.len();
        self.tables.push(Table {
            start,
            rows: Vec::new(),
            row: Vec::new(),
            cell: start,
            boxed: false,
        });
    }

    pub(crate) fn row_start(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.row.clear();
        }
    }

    pub(crate) fn cell_start(&mut self) {
        let at = self.lines.len();
        if let Some(t) = self.tables.last_mut() {
            t.cell = at;
        }
    }

    pub(crate) fn cell_end(&mut self) {
        let at = self.lines.len();
        if let Some(t) = self.tables.last_mut() {
            t.row.push(t.cell.min(at)..at);
        }
    }

    pub(crate) fn row_end(&mut self) {
        let lines = &self.lines;
        if let Some(t) = self.tables.last_mut() {
            let row = std::mem::take(&mut t.row);
            let text = |r: &std::ops::Range<usize>| lines.get(r.clone()).map(|l| l.join(" "));
            t.boxed |= row.len() >= 2 && row.iter().any(|r| text(r).is_some_and(|t| box_only(&t)));
            t.rows.push(row);
        }
    }

    /// Ends a table. A table with a row whose cell holds only a box (a
    /// matrix: activities, then a box under each of "Done / Ongoing / Not
    /// started") becomes a line a row, its cells apart by tabs, so that a
    /// row's choice stays with the row; any other table keeps a line a
    /// paragraph.
    pub(crate) fn table_end(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        let len = self.lines.len();
        let inside =
            |r: &std::ops::Range<usize>| t.start <= r.start && r.start <= r.end && r.end <= len;
        if !t.boxed || !t.rows.iter().flatten().all(inside) {
            return;
        }
        let rows: Vec<String> = (t.rows.iter())
            .map(|row| {
                let cells: Vec<String> = (row.iter())
                    .map(|r| self.lines[r.clone()].join(" ").trim().to_string())
                    .collect();
                cells.join("\t")
            })
            .collect();
        self.lines.truncate(t.start);
        self.lines.extend(rows);
    }

    /// An error once more than the limit has been written.
    pub(crate) fn check(&self, part: &str) -> Result<(), OfficeError> {
        if self.written > self.limit {
            return Err(OfficeError(format!(
                "{part} expands to more than {} MiB of text; the limit is --xml-limit",
                self.limit / (1024 * 1024)
            )));
        }
        Ok(())
    }

    pub(crate) fn finish(mut self, part: &str) -> Result<String, OfficeError> {
        while !self.open.is_empty() {
            self.end();
        }
        self.check(part)?;
        Ok(self.lines.join("\n"))
    }
}

pub(crate) fn xml_error(part: &str, e: impl std::fmt::Display, pos: u64) -> OfficeError {
    OfficeError(format!("{part}: malformed XML at byte {pos}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::ReadOptions;

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
