//! Choices written as text: a line of boxes and labels, as Word's checkbox
//! controls and form fields are read (`☒ Ja ☐ Nej`), as people type them
//! (`[X] Yes [ ] No`, `(x) Ja ( ) Nej`) and as a matrix row comes out of a
//! table (`Workshops ☐ ☒ ☐`), read into its options and which are marked.

/// Characters that are an empty box (a radio button's circle too).
const EMPTY: &[char] = &['☐', '□', '❑', '❒', '⬜', '◯', '○'];
/// Characters that are a marked box, or a tick or cross written in its
/// place.
const MARKED: &[char] = &[
    '☒', '☑', '⊠', '▣', '■', '⬛', '◉', '●', '✓', '✔', '✗', '✘', '✅', '🗹', '🗷', '❎',
];

/// Swedish verbs that make a line an instruction about the boxes wherever
/// they stand ("Kryssa i ☐ Ja eller ☐ Nej för varje fråga.", "Svara genom
/// att kryssa i ( )").
const INSTRUCTING: &[&str] = &["kryssa", "kryssar", "markera", "markerar", "bocka"];
/// English verbs that do so when they open the line ("Tick [ ] Yes or
/// [ ] No"); inside a question ("Did you check the alarm?") they ask.
const INSTRUCTING_FIRST: &[&str] = &["tick", "mark", "check", "cross"];

/// Whether `c` is a box, marked or not.
pub fn is_box(c: char) -> bool {
    EMPTY.contains(&c) || MARKED.contains(&c)
}

/// One option of a choice: its label (maybe empty, as in a matrix row
/// whose labels head the columns) and whether it is marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt<'a> {
    pub label: &'a str,
    pub marked: bool,
}

/// A choice read from one line: the text before its boxes (a question or
/// a matrix row's label, maybe empty) and its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<'a> {
    pub label: &'a str,
    pub options: Vec<Opt<'a>>,
    /// How many lines it takes: one, or one an option.
    pub lines: usize,
}

/// Answers that exclude each other: a choice whose every option is one of
/// these takes one mark.
const EXCLUSIVE: &[&str] = &[
    "ja",
    "nej",
    "vet ej",
    "vet inte",
    "delvis",
    "ej aktuellt",
    "inte aktuellt",
    "yes",
    "no",
    "partly",
    "partially",
    "unsure",
    "not sure",
    "don't know",
    "do not know",
    "n/a",
    "not applicable",
];

impl Choice<'_> {
    /// Whether some option is marked.
    pub fn answered(&self) -> bool {
        self.options.iter().any(|o| o.marked)
    }

    /// How many options are marked.
    pub fn marked(&self) -> usize {
        self.options.iter().filter(|o| o.marked).count()
    }

    /// Whether the options exclude each other: a yes/no-like choice, or a
    /// row of unlabelled boxes (a matrix row: one column applies).
    pub fn single(&self) -> bool {
        let label = |o: &Opt| {
            o.label
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        self.options.iter().all(|o| o.label.trim().is_empty())
            || self
                .options
                .iter()
                .all(|o| EXCLUSIVE.contains(&label(o).as_str()))
    }
}

/// Whether a question or a choice's label says one option applies:
/// "(kryssa ett alternativ)", "Mark exactly one box", "välj ett".
pub fn asks_for_one(text: &str) -> bool {
    let k = text.to_lowercase();
    [
        "kryssa ett",
        "kryssa i ett",
        "markera ett",
        "välj ett",
        "ett alternativ",
        "endast ett",
        "bara ett",
        "one box",
        "one option",
        "one answer",
        "one alternative",
        "only one",
        "exactly one",
        "tick one",
        "mark one",
        "choose one",
        "select one",
    ]
    .iter()
    .any(|m| k.contains(m))
}

/// A box found in a line: its byte range and whether it is marked. A typed
/// box (`[ ]`, `[x]`, `[ x ]`, `( )`, `(X)`, `(•)`) stands apart from the
/// words around it (`init( )` is code, not a box); an `X` standing alone
/// where a box would be (`X Ja ☐ Nej`) is a mark, when the line has boxes.
fn boxes(line: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let mut found = Vec::new();
    let b = line.as_bytes();
    let apart = |i: usize| i == 0 || b[i - 1].is_ascii_whitespace();
    let ends_apart = |j: usize| j >= b.len() || b[j].is_ascii_whitespace();
    let mut i = 0;
    while i < line.len() {
        let c = line[i..].chars().next().unwrap_or(' ');
        let n = c.len_utf8();
        if EMPTY.contains(&c) || MARKED.contains(&c) {
            found.push((i..i + n, MARKED.contains(&c)));
        } else if (c == '[' || c == '(') && apart(i) {
            let close = if c == '[' { ']' } else { ')' };
            let inner_end = line[i + 1..].find(close).map(|k| i + 1 + k);
            if let Some(end) = inner_end.filter(|&e| e - i <= 6 && ends_apart(e + 1)) {
                let inner = line[i + 1..end].trim();
                if matches!(inner, "" | "x" | "X" | "•" | "*") {
                    found.push((i..end + 1, !inner.is_empty()));
                    i = end + 1;
                    continue;
                }
            }
        }
        i += n;
    }
    if !found.is_empty() {
        // An X typed in a box's place.
        let mut at = 0;
        for word in line.split(' ') {
            if (word == "X" || word == "x") && !found.iter().any(|f| f.0.contains(&at)) {
                found.push((at..at + 1, true));
            }
            at += word.len() + 1;
        }
        found.sort_by_key(|f| f.0.start);
    }
    found
}

/// Whether a line tells how to mark the boxes rather than offering them.
/// Words in brackets are a note on the choice the line offers ("Ansökan
/// avser (kryssa ett alternativ): ☐ …").
fn instructs(line: &str) -> bool {
    let mut plain = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map(|c| open + c);
        match close {
            Some(c) if rest[open..c].chars().any(char::is_alphabetic) => {
                plain.push_str(&rest[..open]);
                rest = &rest[c + 1..];
            }
            _ => {
                plain.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    plain.push_str(rest);
    let mut words = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let first = words.next().unwrap_or_default();
    INSTRUCTING_FIRST.contains(&first.as_str())
        || std::iter::once(first)
            .chain(words)
            .any(|w| INSTRUCTING.contains(&w.as_str()))
}

/// The choice a line shows: two or more boxes. Labels follow their boxes
/// (`☒ Ja ☐ Nej`) unless the line ends with a box (`Ja ☐ Nej ☒`), when
/// they precede them; text before the first box of a line whose labels
/// follow is the choice's own label.
pub fn parse(line: &str) -> Option<Choice<'_>> {
    let found = boxes(line);
    if found.len() < 2 || instructs(line) {
        return None;
    }
    let has_text = |s: &str| s.chars().any(char::is_alphanumeric);
    let last_end = found[found.len() - 1].0.end;
    // Boxes with nothing between them (a matrix row) are unlabelled: the
    // text before them is the row's label.
    let gaps_empty = found
        .windows(2)
        .all(|w| !has_text(&line[w[0].0.end..w[1].0.start]));
    let labels_follow =
        has_text(&line[last_end..]) || !has_text(&line[..found[0].0.start]) || gaps_empty;
    let mut options = Vec::with_capacity(found.len());
    let label;
    if labels_follow {
        label = line[..found[0].0.start].trim();
        for (k, (range, marked)) in found.iter().enumerate() {
            let end = found.get(k + 1).map_or(line.len(), |f| f.0.start);
            options.push(Opt {
                label: line[range.end..end].trim(),
                marked: *marked,
            });
        }
    } else {
        // Labels before their boxes; a question before the first label
        // ("Har ni en plan? Ja ☒ Nej ☐") is the choice's own label.
        let first = line[..found[0].0.start]
            .rfind(['?', ':'])
            .map_or(0, |k| k + 1);
        label = line[..first].trim();
        for (k, (range, marked)) in found.iter().enumerate() {
            let start = if k == 0 { first } else { found[k - 1].0.end };
            options.push(Opt {
                label: line[start..range.start].trim(),
                marked: *marked,
            });
        }
    }
    Some(Choice {
        label,
        options,
        lines: 1,
    })
}

/// The box a line starts with, when it starts with one and holds no other:
/// an option of a choice set out one option a line. `Some(marked)`.
pub fn leading_box(line: &str) -> Option<bool> {
    let line = line.trim_start();
    let found = boxes(line);
    match found.as_slice() {
        [(range, marked)] if range.start == 0 => Some(*marked),
        _ => None,
    }
}

/// Every choice in a run of lines, with the index of the line it starts
/// on: a line of two or more boxes is one; lines that each begin with a box
/// and hold no other, one after another, are one choice of an option a
/// line.
pub fn in_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<(usize, Choice<'a>)> {
    let mut found = Vec::new();
    let mut run: Option<(usize, Vec<Opt<'a>>)> = None;
    // The line before the run: the label of a run of bare boxes (a matrix
    // row exported a cell a line).
    let mut before: &'a str = "";
    let end_run = |run: &mut Option<(usize, Vec<Opt<'a>>)>,
                   found: &mut Vec<(usize, Choice<'a>)>,
                   before: &'a str| {
        if let Some((at, options)) = run.take() {
            if options.len() >= 2 {
                let bare = options.iter().all(|o| o.label.is_empty());
                let label = if bare { before.trim() } else { "" };
                let lines = options.len();
                found.push((
                    at,
                    Choice {
                        label,
                        options,
                        lines,
                    },
                ));
            }
        }
    };
    for (i, line) in lines.into_iter().enumerate() {
        if let Some(marked) = leading_box(line) {
            let label = boxes(line.trim_start())
                .first()
                .map_or("", |b| line.trim_start()[b.0.end..].trim());
            run.get_or_insert_with(|| (i, Vec::new()))
                .1
                .push(Opt { label, marked });
            continue;
        }
        end_run(&mut run, &mut found, before);
        match parse(line) {
            Some(c) => {
                found.push((i, c));
                before = "";
            }
            None => before = line,
        }
    }
    end_run(&mut run, &mut found, before);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(line: &str) -> Vec<(&str, bool)> {
        parse(line)
            .unwrap()
            .options
            .iter()
            .map(|o| (o.label, o.marked))
            .collect()
    }

    #[test]
    fn boxes_typed_and_drawn_are_read_with_their_labels() {
        assert_eq!(marks("☒ Ja ☐ Nej"), [("Ja", true), ("Nej", false)]);
        assert_eq!(marks("[X] Yes [ ] No"), [("Yes", true), ("No", false)]);
        assert_eq!(marks("( ) Ja (x) Nej"), [("Ja", false), ("Nej", true)]);
        assert_eq!(marks("Ja ☐ Nej ☑"), [("Ja", false), ("Nej", true)]);
        assert_eq!(marks("[ x ] Ja [ ] Nej"), [("Ja", true), ("Nej", false)]);
        assert_eq!(marks("(•) Ja ( ) Nej"), [("Ja", true), ("Nej", false)]);
        assert_eq!(marks("✔ Ja ☐ Nej"), [("Ja", true), ("Nej", false)]);
        assert_eq!(marks("X Ja ☐ Nej"), [("Ja", true), ("Nej", false)]);
        assert_eq!(marks("○ Ja ● Nej"), [("Ja", false), ("Nej", true)]);
        let q = parse("Har ni en plan? Ja ☒ Nej ☒").unwrap();
        assert_eq!(q.label, "Har ni en plan?");
        assert!(q.single() && q.marked() == 2);
        let row = parse("Workshops ☐ ☒ ☐").unwrap();
        assert_eq!(row.label, "Workshops");
        assert!(row.single() && row.answered() && row.marked() == 1);
        // A question that uses an instruction's verb still asks.
        assert!(parse("Did you check the alarm? ☐ Yes ☐ No").is_some());
        let q = parse("Will you record interviews? ☐ Yes ☐ No").unwrap();
        assert_eq!(q.label, "Will you record interviews?");
        assert!(q.single() && !q.answered());
    }

    #[test]
    fn text_with_brackets_or_one_box_is_no_choice() {
        for line in [
            "Se bilaga (x) och [1].",
            "☒ Ja, vi har en plan",
            "Budget: 100 [kr]",
            "Kryssa i ☐ Ja eller ☐ Nej för varje fråga.",
            "Tick [ ] Yes or [ ] No for each question.",
            "Anropa init( ) och sedan run( ).",
            "Texten (X) i bilagan, se (x).",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
        // Labels of their own words make a choice of many.
        assert!(!parse("☒ Skolor ☒ Vården ☐ Polisen").unwrap().single());
        assert_eq!(leading_box("☐ Vi har en plan"), Some(false));
        assert_eq!(leading_box("[x] Vi har en plan"), Some(true));
        assert_eq!(leading_box("Vi har ☐ en plan"), None);
    }

    #[test]
    fn options_one_a_line_make_one_choice() {
        let lines = [
            "Hur ofta?",
            "☐ Varje vecka",
            "☒ Varje månad",
            "Kommentar",
            "☐ Ja ☐ Nej",
            "☐ Ensam rad",
        ];
        let found = in_lines(lines);
        let spans: Vec<usize> = found.iter().map(|(_, c)| c.lines).collect();
        assert_eq!(spans, [2, 1], "an option a line spans its lines");
        let shown: Vec<(usize, Vec<(&str, bool)>)> = found
            .iter()
            .map(|(i, c)| (*i, c.options.iter().map(|o| (o.label, o.marked)).collect()))
            .collect();
        assert_eq!(
            shown,
            [
                (1, vec![("Varje vecka", false), ("Varje månad", true)]),
                (4, vec![("Ja", false), ("Nej", false)]),
            ]
        );
    }
}
