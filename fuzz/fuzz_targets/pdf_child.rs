//! Any bytes as a PDF, read the way the binary reads one: in a child
//! process of dubbelkoll under limits (`DUBBELKOLL_EXE`, the built binary).
//! Whatever the child does (dies on a signal, overruns its limits, writes
//! anything), the parent gives text within the cap or an error, never a
//! panic. Without `DUBBELKOLL_EXE`, the reader runs in process.
#![no_main]

use dubbelkoll::source::pdf;
use libfuzzer_sys::fuzz_target;

const LIMIT: u64 = 1 << 16;

fuzz_target!(|data: &[u8]| {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        if let Some(exe) = std::env::var_os("DUBBELKOLL_EXE") {
            pdf::read_in_child(exe.into());
        }
    });
    // Most mutations lose the header; keep it so the reader is reached.
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend_from_slice(data);
    if let Ok((text, _)) = pdf::pdf_text(&bytes, LIMIT) {
        assert!(text.len() as u64 <= LIMIT, "{} bytes", text.len());
    }
});
