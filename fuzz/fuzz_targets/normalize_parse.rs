//! Any bytes through decoding, normalising, form parsing and every per-file
//! rule: no panic, positions inside the source, normalising is idempotent.
#![no_main]

use dubbelkoll::form::Form;
use dubbelkoll::normalize::{normalize, normalize_paragraphs};
use dubbelkoll::rules::{check_file, FileContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = dubbelkoll::source::decode::decode(data.to_vec()) else { return };
    let line_count = text.split(['\n', '\r']).count() as u32 + 1;
    for doc in [normalize(&text), normalize_paragraphs(&text)] {
        for (off, _) in doc.text.char_indices() {
            let p = doc.pos(off);
            assert!(p.line >= 1 && p.line <= line_count && p.column >= 1);
        }
        let again = normalize(&doc.text);
        assert_eq!(normalize(&again.text).text, again.text);
    }
    static FORM: std::sync::OnceLock<Form> = std::sync::OnceLock::new();
    let form = FORM.get_or_init(Form::builtin);
    let sub = form.parse(normalize(&text));
    let checked = FileContext::new(std::path::Path::new("fuzz.txt"), &sub, form);
    for f in check_file(&checked, &Default::default()) {
        assert!(f.line >= 1 && f.column >= 1);
    }
});
