//! The compiled document as a spreadsheet, written with rust_xlsxwriter:
//! one row per (sender, question) — variant, area, question, sender,
//! contact, file, answer, status — under a frozen header row with an
//! autofilter, so a reviewer can filter by question or by status. Fixed
//! metadata: the same input gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::{plain, status, Compilation};

/// Column widths, in characters.
const WIDTHS: [f64; 8] = [18.0, 28.0, 48.0, 28.0, 22.0, 30.0, 90.0, 28.0];

fn err(e: rust_xlsxwriter::XlsxError) -> String {
    format!("cannot write the spreadsheet: {e}")
}

/// The most characters a cell holds.
const CELL_MAX: usize = 32_767;

/// Text cut to what a cell holds, with an ellipsis where it was cut, and
/// as XML can hold it.
fn fit(text: &str) -> String {
    let text = crate::text::xml_text(text);
    match text.char_indices().nth(CELL_MAX - 1) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

pub fn write(c: &Compilation) -> Result<Vec<u8>, String> {
    let w = c.words();
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(w.title)
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(w.sheet).map_err(err)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for (col, (name, width)) in w.columns.iter().zip(WIDTHS).enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *name, &bold)
            .map_err(err)?;
        sheet.set_column_width(col as u16, width).map_err(err)?;
    }
    let mut row = 0u32;
    for part in &c.parts {
        for area in &part.areas {
            for q in &area.questions {
                for e in &q.entries {
                    row += 1;
                    let path = e.path.display().to_string();
                    let cells = [
                        part.title.as_str(),
                        &area.heading,
                        &q.text,
                        &e.sender,
                        e.contact.as_deref().unwrap_or(""),
                        &path,
                        &plain(&e.answer, c.lang),
                        &status(&e.answer, c.lang),
                    ];
                    for (col, text) in cells.iter().enumerate() {
                        sheet
                            .write_string_with_format(row, col as u16, fit(text), &wrap)
                            .map_err(err)?;
                    }
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(0, 0, row, w.columns.len() as u16 - 1)
        .map_err(err)?;
    book.save_to_buffer().map_err(err)
}
