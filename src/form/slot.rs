//! Slots by their shape: text a form leaves where an answer belongs, whatever
//! the form — a model text's `{Myndighetens namn}` or `{helt/delvis/inte}`,
//! a bracketed instruction `[Describe what you plan to change]`, a date mask
//! `XXXX-XX-XX` or `ÅÅÅÅ-MM-DD`, a leader of underscores or dots, "dag månad
//! år". Left in a submission, each is an unfilled answer, as a form's own
//! placeholder wording is.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Every slot shape, as one pattern.
pub static SLOTS: LazyLock<Regex> = LazyLock::new(|| {
    let shapes = [
        // A model text's slot: a name to put in, or alternatives to choose.
        r"\{[^{}\n]{2,80}\}",
        // An instruction in brackets, opening with a letter: never a
        // reference `[1]` or a box `[X]`, `[ ]`.
        r"\[\p{L}[^\[\]\n]{3,160}\]",
        // Date masks. (No word boundaries: they would cost the fast search
        // engine on every line, and no word holds these.)
        r"(?i:(?:x{4}|y{4}|å{4}|a{4})-(?:x{2}|m{2})-(?:x{2}|d{2}))",
        r"(?i:(?:x{2}|d{2})[./](?:x{2}|m{2})[./](?:x{4}|y{4}|å{4}))",
        r"(?i:(?:dagens datum,? )?dag månad år|day month year)",
        // Leaders where a value is written by hand.
        r"_{4,}|\.{6,}|…{2,}|(?:\. ){4,}\.",
    ];
    Regex::new(&shapes.join("|")).expect("the slot shapes are a valid pattern")
});

/// The bytes of the first slot in `text`.
pub fn find(text: &str) -> Option<Range<usize>> {
    SLOTS.find(text).map(|m| m.range())
}

/// Whether `text` is slots alone: nothing but slots, punctuation and spaces.
pub fn is_slot(text: &str) -> bool {
    // Most lines hold no slot: found out without building anything.
    if !SLOTS.is_match(text) {
        return false;
    }
    let rest = SLOTS.replace_all(text, "");
    !rest.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_of_every_shape_are_found_whole_and_inside_text() {
        for whole in [
            "{Myndighetens namn}",
            "{helt/delvis/inte}",
            "[Describe what you plan to change next time.]",
            "XXXX-XX-XX",
            "ÅÅÅÅ-MM-DD",
            "dd/mm/yyyy",
            "dagens datum dag månad år",
            "________________",
            "……………",
            ". . . . . .",
        ] {
            assert!(is_slot(whole), "{whole}");
        }
        let inside = "Webbplatsen är {helt/delvis/inte} förenlig med lagen.";
        let at = inside.find('{').unwrap();
        assert_eq!(find(inside), Some(at..at + "{helt/delvis/inte}".len()));
        assert!(!is_slot(inside));
        assert!(find("Redogörelsen publicerades XXXX-XX-XX.").is_some());
    }

    #[test]
    fn answers_that_only_look_alike_are_no_slots() {
        for answer in [
            "Se rapporten [1] och bilaga 2.",
            "[X] Ja [ ] Nej",
            "☒ Ja ☐ Nej",
            "Mötet hölls 2024-03-12 kl. 10.00.",
            "Vi väntar... och ser.",
            "Kostnaden (ca 300 kr) delades.",
            "snake_case_name",
        ] {
            assert_eq!(find(answer), None, "{answer}");
        }
    }
}
