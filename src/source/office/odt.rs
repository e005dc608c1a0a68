//! OpenDocument text (.odt): the paragraphs of `content.xml`.

use quick_xml::events::Event;
use quick_xml::Reader;

use quick_xml::events::BytesStart;

use super::{attribute, entity, read_part, xml_error, OfficeError, Out, TICKED, UNTICKED};
use crate::source::ReadOptions;

const ODT_PART: &str = "content.xml";

/// The text of an .odt file held in memory.
pub fn odt_from_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<String, OfficeError> {
    odt_text(&read_part(bytes, ODT_PART, opts.xml_limit)?, opts)
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
    // A legacy form field as LibreOffice keeps it (`field:fieldmark`).
    let mut mark: Option<Fieldmark> = None;
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
                "table:table" => out.table_start(),
                "field:fieldmark" => mark = Some(Fieldmark::of(&e)),
                "table:table-row" => out.row_start(),
                "table:table-cell" => out.cell_start(),
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
                "field:fieldmark" => Fieldmark::of(&e).write(&mut out),
                "field:param" => {
                    if let Some(m) = mark.as_mut() {
                        m.param(&e);
                    }
                }
                "text:line-break" => out.push(" "),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "office:text" => in_body = false,
                n if skipped(n) => skip = skip.saturating_sub(1),
                _ if skip > 0 || !in_body => {}
                "text:p" | "text:h" => out.end(),
                "text:placeholder" => placeholder = None,
                "table:table" => out.table_end(),
                "field:fieldmark" => {
                    if let Some(m) = mark.take() {
                        m.write(&mut out);
                    }
                }
                "table:table-row" => out.row_end(),
                "table:table-cell" => out.cell_end(),
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
                out.push(opts.placeholder_for(text));
                *written = true;
            }
        }
        None => out.push(text),
    }
}

/// A Word legacy form field that LibreOffice keeps as a fieldmark: a check
/// box (ticked or not) or a drop-down (its entries and the chosen one).
struct Fieldmark {
    kind: String,
    checked: bool,
    entries: Vec<String>,
    chosen: usize,
}

impl Fieldmark {
    fn of(e: &BytesStart) -> Fieldmark {
        Fieldmark {
            kind: attribute(e, "field:type").unwrap_or_default(),
            checked: false,
            entries: Vec::new(),
            chosen: 0,
        }
    }

    fn param(&mut self, e: &BytesStart) {
        let value = attribute(e, "field:value").unwrap_or_default();
        match attribute(e, "field:name").as_deref() {
            Some("Checkbox_Checked") => self.checked = value == "true",
            Some("Dropdown_ListEntry") if self.entries.len() < 1000 => self.entries.push(value),
            Some("Dropdown_Selected") => self.chosen = value.parse().unwrap_or(0),
            _ => {}
        }
    }

    fn write(&self, out: &mut Out) {
        if self.kind.ends_with("FORMCHECKBOX") {
            out.push(if self.checked { TICKED } else { UNTICKED });
        } else if self.kind.ends_with("FORMDROPDOWN") {
            if let Some(entry) = self.entries.get(self.chosen) {
                out.push(entry);
            }
        }
    }
}
