//! Any bytes as a .docx and an .odt archive, as the XML inside one, and as
//! RTF: an error or text, never a panic, never more text than the cap
//! allows, however the markup expands (ODF's repeated spaces, empty
//! paragraphs, nested content controls, RTF groups and escapes).
#![no_main]

use dubbelkoll::source::office::{docx_from_bytes, docx_text, odt_from_bytes, odt_text};
use dubbelkoll::source::rtf::rtf_text;
use dubbelkoll::source::ReadOptions;
use libfuzzer_sys::fuzz_target;

const LIMIT: u64 = 1 << 16;

fn bounded(text: Result<String, impl std::fmt::Debug>) {
    if let Ok(t) = text {
        // A little over: the last piece written may pass the cap before the
        // reader stops.
        assert!(t.len() as u64 <= LIMIT + 8192, "{} bytes", t.len());
    }
}

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { xml_limit: LIMIT, ..ReadOptions::default() };
    bounded(docx_from_bytes(data, &opts));
    bounded(odt_from_bytes(data, &opts));
    bounded(rtf_text(data, LIMIT));
    if let Ok(xml) = std::str::from_utf8(data) {
        bounded(docx_text(xml, &opts));
        bounded(odt_text(xml, &opts));
    }
});
