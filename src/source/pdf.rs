//! Reading PDF submissions: the text layer, page by page, with
//! `pdf-extract`. The text comes out like a PDF-to-text export (hard-wrapped
//! lines, blank lines between paragraphs), so it is normalised as one.
//!
//! A PDF without a text layer (a scan) or one that cannot be read is an
//! error with the reason. The PDF reader is third-party code that may panic
//! on a malformed file: a panic is caught and reported as that file's error.

/// The text of a PDF document held in memory.
pub fn pdf_text(bytes: &[u8], limit: u64) -> Result<String, String> {
    if !bytes.starts_with(b"%PDF") {
        return Err("not a PDF document: it does not start with %PDF".into());
    }
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| "the PDF could not be read: its structure is broken".to_string())?
        .map_err(|e| format!("the PDF could not be read: {e}"))?;
    let text = pages.join("\n\n");
    if text.len() as u64 > limit {
        return Err(format!(
            "its text is more than {} MiB; the limit is --xml-limit",
            limit / (1024 * 1024)
        ));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(
            "a PDF without a text layer (a scanned image?): there is no text to check".into(),
        );
    }
    Ok(text)
}
