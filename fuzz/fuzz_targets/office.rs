//! Any bytes as a .docx and an .odt archive, and as the XML inside one: an
//! error or text, never a panic, never more text than the caps allow.
#![no_main]

use dubbelkoll::source::office::{docx_from_bytes, docx_text, odt_from_bytes, odt_text};
use dubbelkoll::source::ReadOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { xml_limit: 1 << 20, ..ReadOptions::default() };
    let _ = docx_from_bytes(data, &opts);
    let _ = odt_from_bytes(data, &opts);
    if let Ok(xml) = std::str::from_utf8(data) {
        let _ = docx_text(xml, &opts);
        let _ = odt_text(xml, &opts);
    }
});
