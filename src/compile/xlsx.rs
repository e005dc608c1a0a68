//! The compiled document as a spreadsheet, written with rust_xlsxwriter.
//! The answers sheet has one row per (sender, question) — variant, area,
//! question, sender, contact, file, answer, status, detail — under a frozen
//! header row with an autofilter, so a reviewer can filter by question or
//! by status (a few categories; the detail in its own column). Rows are as
//! tall as their wrapped text, and the sheet prints landscape, fit to the
//! page's width, its header row on every page. Unless the document is
//! clean, sheets for the versions, the files not included and the findings
//! follow. Fixed metadata: the same input gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

use super::{plain, status, Answer, Compilation};

/// Column widths of the answers sheet, in characters.
const WIDTHS: [f64; 9] = [18.0, 28.0, 48.0, 28.0, 22.0, 30.0, 90.0, 14.0, 28.0];

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

/// How many lines a text takes wrapped in a column `width` characters
/// wide: each line of it, at least one, its characters over the width.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.1).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// The height in points of a row holding `cells` in columns of `widths`:
/// 15 points a line of its tallest cell, at most Excel's 409.
fn row_height(cells: &[&str], widths: &[f64]) -> f64 {
    let lines = (cells.iter().zip(widths))
        .map(|(t, w)| wrapped_lines(t, *w))
        .max()
        .unwrap_or(1);
    (lines as f64 * 15.0).min(409.0)
}

/// A sheet of rows under a bold header row: wrapped text, rows as tall as
/// their text, a frozen header, a filter, printed landscape and fit to the
/// page's width with the header on every page.
fn table(
    sheet: &mut Worksheet,
    header: &[&str],
    widths: &[f64],
    rows: &[Vec<String>],
) -> Result<(), String> {
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (col, (name, width)) in header.iter().zip(widths).enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *name, &bold)
            .map_err(err)?;
        sheet.set_column_width(col as u16, *width).map_err(err)?;
    }
    for (i, cells) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let fitted: Vec<String> = cells.iter().map(|t| fit(t)).collect();
        for (col, text) in fitted.iter().enumerate() {
            sheet
                .write_string_with_format(row, col as u16, text, &wrap)
                .map_err(err)?;
        }
        let texts: Vec<&str> = fitted.iter().map(String::as_str).collect();
        sheet
            .set_row_height(row, row_height(&texts, widths))
            .map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(0, 0, rows.len() as u32, header.len() as u16 - 1)
        .map_err(err)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0).map_err(err)?;
    Ok(())
}

pub fn write(c: &Compilation) -> Result<Vec<u8>, String> {
    let w = c.words();
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(c.title())
            .set_creation_datetime(&created),
    );
    let mut rows = Vec::new();
    for part in &c.parts {
        for area in &part.areas {
            for q in &area.questions {
                for e in &q.entries {
                    let detail = match &e.answer {
                        Answer::Text(_) => String::new(),
                        Answer::Gap(g) => c.gap(g),
                    };
                    let path = if c.clean {
                        String::new()
                    } else {
                        e.path.display().to_string()
                    };
                    rows.push(vec![
                        part.title.clone(),
                        area.heading.clone(),
                        q.text.clone(),
                        e.sender.clone(),
                        e.contact.clone().unwrap_or_default(),
                        path,
                        plain(&e.answer, c.lang),
                        status(&e.answer, c.lang).to_string(),
                        detail,
                    ]);
                }
            }
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name(w.sheet).map_err(err)?;
    table(sheet, &w.columns, &WIDTHS, &rows)?;
    if c.clean {
        return book.save_to_buffer().map_err(err);
    }
    let versions: Vec<Vec<String>> = (c.versions.iter())
        .map(|v| {
            let files: Vec<String> = v.files.iter().map(|f| f.display().to_string()).collect();
            let why = if v.chosen {
                "--version-from".to_string()
            } else {
                v.newest_by.said(c.lang)
            };
            vec![
                v.sender.clone(),
                files.join("\n"),
                v.compiled.display().to_string(),
                why,
            ]
        })
        .collect();
    let not_compiled: Vec<Vec<String>> = (c.not_compiled.iter())
        .map(|(p, why)| vec![p.display().to_string(), why.clone()])
        .collect();
    let findings: Vec<Vec<String>> = (c.findings.iter())
        .map(|f| {
            vec![
                f.path.display().to_string(),
                f.line.to_string(),
                f.rule.to_string(),
                c.lang.severity(f.severity).to_string(),
                crate::rules::message(f, c.lang),
            ]
        })
        .collect();
    for (name, header, widths, rows) in [
        (
            w.sheet_versions,
            &w.version_columns[..],
            &[30.0, 50.0, 40.0, 40.0][..],
            &versions,
        ),
        (
            w.sheet_not_compiled,
            &w.not_compiled_columns[..],
            &[50.0, 70.0][..],
            &not_compiled,
        ),
        (
            w.sheet_findings,
            &w.finding_columns[..],
            &[40.0, 8.0, 10.0, 10.0, 90.0][..],
            &findings,
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(err)?;
        table(sheet, header, widths, rows)?;
    }
    book.save_to_buffer().map_err(err)
}
