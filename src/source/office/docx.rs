//! Word (.docx): the paragraphs of the main document part, found through
//! the package's relationships as Word finds it.
//!
//! Beside runs of text it reads what a Word form is made of: content
//! controls (one showing its placeholder becomes the form's placeholder
//! text, or stays as it reads when that is a placeholder the form knows),
//! and the legacy form fields of Word 97–2003 templates: a
//! `FORMCHECKBOX` becomes ☒ or ☐ as it is ticked, a `FORMDROPDOWN` its
//! chosen entry, and a `FORMTEXT` its text, or the placeholder when it
//! still holds its default text.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{
    attribute, entity, open_archive, read_entry, xml_error, OfficeError, Out, TICKED, UNTICKED,
};
use crate::source::ReadOptions;

/// Where Word puts the main part when the relationships do not say.
const DOCX_PART: &str = "word/document.xml";
const RELATIONSHIPS: &str = "_rels/.rels";

/// The text of a .docx file held in memory.
pub fn docx_from_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<String, OfficeError> {
    let mut archive = open_archive(std::io::Cursor::new(bytes))?;
    let rels = read_entry(&mut archive, RELATIONSHIPS, opts.xml_limit)?;
    let part = rels
        .as_deref()
        .and_then(main_part)
        .unwrap_or_else(|| DOCX_PART.to_string());
    let xml = read_entry(&mut archive, &part, opts.xml_limit)?
        .ok_or_else(|| OfficeError(format!("{part}, the main document part, is missing")))?;
    part_text(&xml, &part, opts)
}

/// The part the package's officeDocument relationship names (transitional
/// or strict), as a name in the archive.
fn main_part(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "Relationship" => {
                let kind = attribute(&e, "Type").unwrap_or_default();
                let external = attribute(&e, "TargetMode").is_some_and(|m| m == "External");
                if kind.ends_with("/officeDocument") && !external {
                    let target = attribute(&e, "Target")?;
                    let target = target.trim_start_matches('/');
                    return (!target.is_empty() && !target.contains("..")).then(|| target.into());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The text of a .docx main part (`word/document.xml`).
pub fn docx_text(xml: &str, opts: &ReadOptions) -> Result<String, OfficeError> {
    part_text(xml, DOCX_PART, opts)
}

/// Elements whose text is never the document's: deleted revisions, field
/// instructions, the fallback of alternate content, footnotes, comments.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "w:del" | "w:instrText" | "w:delInstrText" | "mc:Fallback" | "w:footnote" | "w:comment"
    )
}

fn part_text(xml: &str, part: &str, opts: &ReadOptions) -> Result<String, OfficeError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Out::new(opts.xml_limit);
    let mut skip = 0usize;
    let mut in_text = false;
    let mut sdt = Controls::default();
    let mut fields = Fields::default();
    loop {
        out.check(part)?;
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| xml_error(part, e, pos))?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                n if skipped(n) => skip += 1,
                _ if skip > 0 => {}
                "w:p" => out.start(),
                "w:t" => in_text = true,
                "w:sdt" => sdt.open(),
                "w:tbl" => out.table_start(),
                "w:tr" => out.row_start(),
                "w:tc" => out.cell_start(),
                "w:fldChar" => fields.char(&e, true, &mut out, opts),
                n => fields.form_data(n, &e, true),
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
                "w:sym" => out.push(&symbol(&e)),
                "w:fldChar" => fields.char(&e, false, &mut out, opts),
                n => fields.form_data(n, &e, false),
            },
            Event::End(e) => match e.name().as_ref() {
                n if skipped(n) => skip = skip.saturating_sub(1),
                _ if skip > 0 => {}
                "w:p" => {
                    fields.end_paragraph(&mut out, opts);
                    out.end()
                }
                "w:t" => in_text = false,
                "w:sdt" => sdt.close(),
                "w:tbl" => out.table_end(),
                "w:tr" => out.row_end(),
                "w:tc" => out.cell_end(),
                n => fields.form_data_end(n, &mut out, opts),
            },
            Event::Text(t) if in_text && skip == 0 => {
                run_text(&mut out, &mut sdt, &mut fields, &t, opts)
            }
            Event::CData(t) if in_text && skip == 0 => {
                run_text(&mut out, &mut sdt, &mut fields, &t, opts)
            }
            Event::GeneralRef(r) => {
                let c = entity(&r, part)?;
                if in_text && skip == 0 {
                    let mut buf = [0; 4];
                    let text = c.encode_utf8(&mut buf);
                    run_text(&mut out, &mut sdt, &mut fields, text, opts);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.finish(part)
}

/// A symbol-font character (`<w:sym w:font="Wingdings" w:char="F0A8"/>`):
/// its private-use code point, which normalising folds (a Wingdings box
/// to ☐ or ☒, a bullet to •).
fn symbol(e: &BytesStart) -> String {
    let code = attribute(e, "w:char").and_then(|c| u32::from_str_radix(&c, 16).ok());
    let code = code.map(|c| if c < 0x100 { c + 0xF000 } else { c });
    code.and_then(char::from_u32)
        .map(String::from)
        .unwrap_or_default()
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

/// A run's text: inside a legacy form field it is the field's (kept aside
/// until the field ends), inside a content control that shows its
/// placeholder it is replaced by a placeholder, once (see
/// [`ReadOptions::placeholder_for`]).
fn run_text(
    out: &mut Out,
    sdt: &mut Controls,
    fields: &mut Fields,
    text: &str,
    opts: &ReadOptions,
) {
    if fields.take_text(text) {
        return;
    }
    match sdt.showing.last_mut() {
        Some(s) => {
            if !s.1 {
                out.push(opts.placeholder_for(text));
                s.1 = true;
            }
        }
        None => out.push(text),
    }
}

/// A legacy form field as its `w:ffData` describes it.
#[derive(Debug, Default)]
enum FormField {
    /// Any other field (a page number, a cross-reference): its result is
    /// ordinary text.
    #[default]
    Other,
    CheckBox {
        default: bool,
        checked: Option<bool>,
    },
    /// A text field: its default text, and the result once its separator
    /// has been read.
    Text {
        default: String,
        result: Option<String>,
    },
    DropDown {
        entries: Vec<String>,
        chosen: Option<usize>,
        default: Option<usize>,
    },
}

/// Which part of `w:ffData` is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    Nothing,
    CheckBox,
    TextInput,
    DropDown,
}

/// The open complex fields (`w:fldChar` begin … end), nested, and which of
/// them are form fields: constant time a step, however deep.
struct Fields {
    open: Vec<FormField>,
    /// Indices in `open` of the form fields, innermost last.
    forms: Vec<usize>,
    within: Within,
    /// Inside a `w:fldChar` that begins a field, reading its `w:ffData`.
    reading: bool,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            open: Vec::new(),
            forms: Vec::new(),
            within: Within::Nothing,
            reading: false,
        }
    }
}

/// A `w:val` that says yes: absent, "1", "true" or "on".
fn on(e: &BytesStart) -> bool {
    attribute(e, "w:val").is_none_or(|v| matches!(v.as_str(), "1" | "true" | "on"))
}

impl Fields {
    /// A `w:fldChar` (`start` when it holds form data): a field begins,
    /// reaches its result, or ends.
    fn char(&mut self, e: &BytesStart, start: bool, out: &mut Out, opts: &ReadOptions) {
        match attribute(e, "w:fldCharType").as_deref() {
            Some("begin") => {
                self.open.push(FormField::Other);
                self.reading = start;
            }
            Some("separate") => {
                if let Some(FormField::Text { result, .. }) = self.open.last_mut() {
                    *result = Some(String::new());
                }
            }
            Some("end") => {
                if let Some(field) = self.open.pop() {
                    if self.forms.last() == Some(&self.open.len()) {
                        self.forms.pop();
                    }
                    if self.forms.is_empty() {
                        Fields::write(field, out, opts);
                    }
                }
            }
            _ => {}
        }
    }

    /// What an ended form field shows.
    fn write(field: FormField, out: &mut Out, opts: &ReadOptions) {
        match field {
            FormField::Other => {}
            FormField::CheckBox { default, checked } => {
                out.push(if checked.unwrap_or(default) {
                    TICKED
                } else {
                    UNTICKED
                });
                out.push(" ");
            }
            FormField::DropDown {
                entries,
                chosen,
                default,
            } => {
                let i = chosen.or(default).unwrap_or(0);
                if let Some(entry) = entries.get(i) {
                    // Left at a first entry that asks to choose ("Välj…",
                    // "Choose one", "---"): the form's placeholder.
                    let prompt = entry.trim().to_lowercase();
                    let asks = ["välj", "choose", "select", "-", "…", "..."]
                        .iter()
                        .any(|p| prompt.starts_with(p));
                    if i == 0 && (asks || prompt.is_empty()) {
                        out.push(&opts.placeholder);
                    } else {
                        out.push(entry);
                    }
                }
            }
            FormField::Text { default, result } => {
                let result = result.unwrap_or_default();
                // Word's empty text field is five en spaces.
                let shown = result.trim_matches(|c: char| c.is_whitespace() || c == '\u{2002}');
                if !default.trim().is_empty() && shown == default.trim() {
                    out.push(&opts.placeholder);
                } else {
                    out.push(&result.replace('\u{2002}', " "));
                }
            }
        }
    }

    /// An element inside `w:ffData`; `start` when it has content.
    fn form_data(&mut self, name: &str, e: &BytesStart, start: bool) {
        if !self.reading {
            return;
        }
        let at = self.open.len().wrapping_sub(1);
        let Some(field) = self.open.last_mut() else {
            return;
        };
        match (name, self.within) {
            ("w:checkBox", _) => {
                *field = FormField::CheckBox {
                    default: false,
                    checked: None,
                };
                self.within = if start {
                    Within::CheckBox
                } else {
                    Within::Nothing
                };
            }
            ("w:textInput", _) => {
                *field = FormField::Text {
                    default: String::new(),
                    result: None,
                };
                self.within = if start {
                    Within::TextInput
                } else {
                    Within::Nothing
                };
            }
            ("w:ddList", _) => {
                *field = FormField::DropDown {
                    entries: Vec::new(),
                    chosen: None,
                    default: None,
                };
                self.within = if start {
                    Within::DropDown
                } else {
                    Within::Nothing
                };
            }
            ("w:default", Within::CheckBox) => {
                if let FormField::CheckBox { default, .. } = field {
                    *default = on(e);
                }
            }
            ("w:checked", Within::CheckBox) => {
                if let FormField::CheckBox { checked, .. } = field {
                    *checked = Some(on(e));
                }
            }
            ("w:default", Within::TextInput) => {
                if let FormField::Text { default, .. } = field {
                    *default = attribute(e, "w:val").unwrap_or_default();
                }
            }
            ("w:listEntry", Within::DropDown) => {
                if let FormField::DropDown { entries, .. } = field {
                    entries.push(attribute(e, "w:val").unwrap_or_default());
                }
            }
            ("w:result" | "w:default", Within::DropDown) => {
                if let FormField::DropDown {
                    chosen, default, ..
                } = field
                {
                    let n = attribute(e, "w:val").and_then(|v| v.parse().ok());
                    if name == "w:result" {
                        *chosen = n;
                    } else {
                        *default = n;
                    }
                }
            }
            _ => return,
        }
        if !matches!(field, FormField::Other) && self.forms.last() != Some(&at) {
            self.forms.push(at);
        }
    }

    /// A paragraph ends: a form field still open (its end mark missing)
    /// is written and closed, so that it cannot swallow the rest of the
    /// document.
    fn end_paragraph(&mut self, out: &mut Out, opts: &ReadOptions) {
        if let Some(&first) = self.forms.first() {
            let mut rest = self.open.split_off(first);
            self.forms.clear();
            Fields::write(rest.swap_remove(0), out, opts);
        }
    }

    fn form_data_end(&mut self, name: &str, out: &mut Out, opts: &ReadOptions) {
        match name {
            "w:fldChar" => self.reading = false,
            // A check box or drop-down shows itself where it begins: it has
            // no result text to wait for.
            "w:ffData" => {
                let top = self.open.len().wrapping_sub(1);
                let shown = matches!(
                    self.open.last(),
                    Some(FormField::CheckBox { .. } | FormField::DropDown { .. })
                );
                if shown && self.forms.last() == Some(&top) {
                    self.forms.pop();
                    let field = std::mem::take(&mut self.open[top]);
                    if self.forms.is_empty() {
                        Fields::write(field, out, opts);
                    }
                }
            }
            "w:checkBox" | "w:textInput" | "w:ddList" => self.within = Within::Nothing,
            _ => {}
        }
    }

    /// Takes a run's text that belongs to an open text field: its result
    /// is kept until the field ends. A check box or drop-down has no text
    /// of its own, so text there is the document's. False when the text is
    /// the document's.
    fn take_text(&mut self, text: &str) -> bool {
        let Some(&i) = self.forms.last() else {
            return false;
        };
        match self.open.get_mut(i) {
            Some(FormField::Text { result, .. }) => {
                // Bounded by the limit when the field is written out.
                if let Some(result) = result.as_mut().filter(|r| r.len() < 1 << 20) {
                    result.push_str(text);
                }
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> String {
        let xml = format!("<w:document><w:body>{body}</w:body></w:document>");
        part_text(&xml, DOCX_PART, &ReadOptions::default()).unwrap()
    }

    fn check_box(data: &str) -> String {
        format!("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox>{data}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
    }

    #[test]
    fn legacy_check_boxes_are_ticked_as_checked_overrides_default() {
        let cases = [
            ("<w:default w:val=\"0\"/>", "☐"),
            ("<w:default w:val=\"1\"/>", "☒"),
            ("<w:default w:val=\"0\"/><w:checked/>", "☒"),
            ("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>", "☐"),
            ("<w:sizeAuto/>", "☐"),
        ];
        for (data, mark) in cases {
            let body = format!(
                "<w:p>{}<w:r><w:t xml:space=\"preserve\"> Ja</w:t></w:r></w:p>",
                check_box(data)
            );
            assert_eq!(text(&body), format!("{mark}  Ja"), "{data}");
        }
    }

    #[test]
    fn legacy_text_fields_and_drop_downs_show_what_word_shows() {
        let field = |default: &str, result: &str| {
            format!("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:textInput><w:default w:val=\"{default}\"/></w:textInput></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t xml:space=\"preserve\">{result}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")
        };
        // The default text left in is the form's placeholder.
        assert_eq!(
            text(&field("Skriv här", "Skriv här")),
            "Klicka här för att ange text."
        );
        assert_eq!(text(&field("Skriv här", "Vårt svar")), "Vårt svar");
        // Word's empty field: five en spaces, nothing written.
        assert_eq!(
            text(&field("", "\u{2002}\u{2002}\u{2002}\u{2002}\u{2002}")).trim(),
            ""
        );
        let drop_down = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:ddList><w:result w:val=\"2\"/><w:listEntry w:val=\"Välj\"/><w:listEntry w:val=\"Ja\"/><w:listEntry w:val=\"Nej\"/></w:ddList></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
        assert_eq!(text(drop_down), "Nej");
        let prompt = drop_down.replace("<w:result w:val=\"2\"/>", "");
        assert_eq!(text(&prompt), "Klicka här för att ange text.");
        // A field whose end mark is missing ends with its paragraph.
        let unended = format!(
            "<w:p>{}<w:r><w:t xml:space=\"preserve\"> Ja</w:t></w:r></w:p><w:p><w:r><w:t>Nästa fråga?</w:t></w:r></w:p>",
            check_box("<w:checked/>").replace("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>", "")
        );
        assert_eq!(text(&unended), "☒  Ja\nNästa fråga?");
        // Any other field's result is the document's text.
        let page = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
        assert_eq!(text(page), "3");
    }

    #[test]
    fn wingdings_symbols_are_kept_for_normalising_to_fold() {
        let body = "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/></w:r><w:r><w:t xml:space=\"preserve\"> Ja </w:t></w:r><w:r><w:sym w:font=\"Wingdings\" w:char=\"FE\"/></w:r><w:r><w:t xml:space=\"preserve\"> Nej</w:t></w:r></w:p>";
        let read = text(body);
        assert_eq!(read, "\u{f0a8} Ja \u{f0fe} Nej");
        let folded = crate::normalize::normalize(&read);
        assert_eq!(folded.text, "☐ Ja ☑ Nej");
    }

    #[test]
    fn a_table_with_a_box_only_cell_is_a_line_a_row() {
        let cell = |s: &str| format!("<w:tc><w:p><w:r><w:t>{s}</w:t></w:r></w:p></w:tc>");
        let row = |cells: &[&str]| {
            format!(
                "<w:tr>{}</w:tr>",
                cells.iter().map(|c| cell(c)).collect::<String>()
            )
        };
        let matrix = format!(
            "<w:tbl>{}{}</w:tbl>",
            row(&["Aktivitet", "Klar", "Pågår"]),
            row(&["Mässa", "☒", "☐"])
        );
        assert_eq!(text(&matrix), "Aktivitet\tKlar\tPågår\nMässa\t☒\t☐");
        // A table of labels and values keeps a line a cell.
        let header = format!("<w:tbl>{}</w:tbl>", row(&["Nämnd", "Farsta"]));
        assert_eq!(text(&header), "Nämnd\nFarsta");
    }

    #[test]
    fn the_main_part_is_the_one_the_relationships_name() {
        let rels = |target: &str| {
            format!("<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{target}\"/></Relationships>")
        };
        assert_eq!(
            main_part(&rels("word/document2.xml")).as_deref(),
            Some("word/document2.xml")
        );
        assert_eq!(
            main_part(&rels("/word/document.xml")).as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(main_part(&rels("../../etc/passwd")), None);
        assert_eq!(main_part("<Relationships/>"), None);
    }
}
