//! Writes a corpus of realistic, generated submissions for benchmarks and
//! scale tests, with planted near-duplicate pairs and exact re-exports.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --count 10000 --out target/corpus-10k [--seed 7]
//! ```
//!
//! Each file answers one of the two form variants with generated Swedish
//! prose (about 7 KB a file), exported either Word-style (a paragraph a line)
//! or PDF-style (hard-wrapped, trailing spaces, question and answer on
//! adjacent lines). About 3% of the originals get a near-duplicate (1–10
//! word edits, another export style, sometimes two sections swapped or a
//! short paragraph dropped) and 2% an exact re-export (other line breaks,
//! quotes, bullets, CRLF, BOM). `DIR/manifest.json` lists the planted pairs.

use std::path::{Path, PathBuf};

use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SUBJECTS: &[&str] = &[
    "Förvaltningen",
    "Nämnden",
    "Stadsdelsförvaltningen",
    "Arbetsgruppen",
    "Styrgruppen",
    "Näringslivssamordnaren",
    "Enheten för stadsutveckling",
    "Trygghetssamordnaren",
    "Avdelningen för kultur och fritid",
    "Lokala rådet",
    "Projektledaren",
    "Förvaltningens ledningsgrupp",
    "Platssamverkansgruppen",
    "Kulturförvaltningen",
    "Socialtjänsten",
    "Parkmiljöavdelningen",
    "Kommunikationsenheten",
    "Arbetsmarknadsenheten",
    "Fältgruppen",
    "Beställarenheten",
    "Företagslotsen",
    "Stadsmiljöhandläggaren",
    "Ungdomsenheten",
    "Biblioteksverksamheten",
];
const VERBS: &[&str] = &[
    "samordnar",
    "genomför",
    "planerar",
    "följer upp",
    "utvecklar",
    "stödjer",
    "leder",
    "finansierar",
    "utreder",
    "prioriterar",
    "dokumenterar",
    "utvärderar",
    "samverkar kring",
    "förbereder",
    "bevakar",
    "driver",
    "bjuder in till",
    "ansvarar för",
    "deltar i",
    "har startat",
    "har avslutat",
    "fördjupar",
    "breddar",
    "kartlägger",
    "säkrar",
    "förankrar",
    "anpassar",
    "moderniserar",
    "stärker",
    "förenklar",
    "samlar in underlag om",
    "redovisar",
];
const OBJECTS: &[&str] = &[
    "dialogen med lokala företagare",
    "arbetet med platssamverkan",
    "trygghetsvandringar i centrum",
    "en ny handlingsplan",
    "insatser mot den svarta ekonomin",
    "kontrollen av serveringstillstånd",
    "ett program för feriejobb",
    "rekryteringsträffar för arbetssökande",
    "utsmyckningen av gångtunnlar",
    "en konsertserie i parkerna",
    "belysningen längs stråken",
    "städningen av torgytor",
    "företagsfrukostar",
    "en digital företagsportal",
    "samarbetet med fastighetsägarna",
    "uppföljningen av upphandlade avtal",
    "seriositetsprövningen av leverantörer",
    "tillgängligheten i lokalerna",
    "lotsningen av nya företag",
    "evenemangen under sommaren",
    "ett nätverk för handlare",
    "en kartläggning av lokala behov",
    "information om tillståndsfrågor",
    "stödet till föreningslivet",
    "insatser för unga vuxna",
    "en mötesplats för entreprenörer",
    "marknadsdagar på torget",
    "en julmarknad",
    "utbildningar om otillåten påverkan",
    "samrådet om detaljplanen",
    "trafiksäkerheten vid skolorna",
    "skötseln av parkerna",
    "klotterrengöringen",
    "nya cykelparkeringar",
    "handelns leveranser",
    "kvällsöppna lokaler",
    "en enkät till företagen",
    "studiebesök hos företag",
    "matchningen mot lediga jobb",
    "praktikplatser hos företag",
    "en lokal turistsatsning",
    "utomhusbio i parken",
    "scenen i parkleken",
    "gatuköksplatserna",
    "torghandeln",
    "ett pilotprojekt för pop up-butiker",
    "samarbetet med polisen",
    "kontakten med centrumägaren",
    "en företagsgala",
    "utmärkelsen årets lokala företag",
    "de tillfälliga markupplåtelserna",
    "parkeringsfrågorna",
    "en trygghetsmätning",
];
const QUALIFIERS: &[&str] = &[
    "tillsammans med Stockholm Business Region",
    "i nära samarbete med trafikkontoret",
    "med stöd av exploateringskontoret",
    "utifrån medborgarundersökningen",
    "enligt beslut i nämnden",
    "inom ramen för Växla upp Stockholm",
    "i linje med näringslivspolicyn",
    "med särskilt fokus på unga",
    "som ett pilotprojekt",
    "i dialog med föreningarna",
    "efter önskemål från företagen",
    "med hjälp av externa konsulter",
    "med medel från staden",
    "i samråd med polisen",
    "tillsammans med arbetsmarknadsförvaltningen",
    "inom befintlig budget",
    "med stöd av frivilliga",
    "på uppdrag av kommunstyrelsen",
    "i samverkan med grannstadsdelarna",
    "utan extra kostnad för företagen",
];
const PLACES: &[&str] = &[
    "Farsta centrum",
    "Skärholmens torg",
    "Östermalmstorg",
    "Brommaplan",
    "Hötorget",
    "Medborgarplatsen",
    "Rinkeby torg",
    "Kista galleria",
    "Tensta centrum",
    "Vällingby centrum",
    "Hässelby strand",
    "Alvik",
    "Liljeholmstorget",
    "Älvsjö torg",
    "Fruängen",
    "Sätra",
    "Bredäng",
    "Vårberg",
    "Skarpnäcks gård",
    "Hökarängen",
    "Högdalen",
    "Årsta torg",
    "Gullmarsplan",
    "Telefonplan",
    "Fridhemsplan",
    "Sankt Eriksplan",
    "Norrmalmstorg",
    "Slussen",
    "Hornstull",
    "Aspudden",
    "Midsommarkransen",
    "Västberga",
    "Larsboda",
    "Ulvsunda",
    "Akalla",
    "Husby",
    "Spånga station",
    "Blackeberg",
    "Råcksta",
    "Kungsholmstorg",
    "Humlegården",
    "Strandvägen",
    "Tanto",
    "Zinkensdamm",
];
const TIMES: &[&str] = &[
    "under våren",
    "under hösten",
    "varje månad",
    "två gånger per år",
    "sedan i januari",
    "fram till årsskiftet",
    "under första tertialet",
    "i samband med sommarlovet",
    "inför julhandeln",
    "löpande under året",
    "varje vecka",
    "under andra halvåret",
    "vid behov",
    "efter sommaren",
    "i mars",
    "i maj",
    "i oktober",
    "i november",
];
const PURPOSES: &[&str] = &[
    "för att öka tryggheten",
    "för att fler ska starta företag",
    "för att korta handläggningstiderna",
    "för att minska nedskräpningen",
    "för att stärka handeln",
    "för att fler unga ska få jobb",
    "för att locka fler besökare",
    "för att förenkla kontakten med staden",
    "för att motverka brottslighet",
    "för att skapa liv på kvällarna",
    "för att möta företagens behov",
    "för att bygga förtroende",
    "för att förbättra framkomligheten",
    "för att nå fler målgrupper",
    "så att fler hittar rätt i staden",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "Lars", "Karin", "Per", "Maria", "Erik", "Eva", "Johan", "Lena", "Anders", "Sara",
    "Mikael", "Emma", "Fredrik", "Sofia", "Jonas", "Ida", "Magnus", "Elin", "Henrik", "Linnea",
    "Oskar", "Maja", "Viktor", "Hanna", "Gustav", "Frida", "Daniel", "Amira", "Mohammed", "Leila",
    "Yusuf", "Zoé", "Åsa", "Örjan", "Ülle",
];
const LAST_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Ali",
    "Mohammadi",
    "Nyström",
    "Holm",
    "Åberg",
    "Öberg",
    "Näslund",
    "Pärke",
    "Åkesson",
    "Ekström",
    "Hedlund",
];
const COMMITTEES: &[&str] = &[
    "Rinkeby-Kista stadsdelsnämnd",
    "Spånga-Tensta stadsdelsnämnd",
    "Hässelby-Vällingby stadsdelsnämnd",
    "Bromma stadsdelsnämnd",
    "Kungsholmens stadsdelsnämnd",
    "Norrmalms stadsdelsnämnd",
    "Östermalms stadsdelsnämnd",
    "Södermalms stadsdelsnämnd",
    "Enskede-Årsta-Vantörs stadsdelsnämnd",
    "Skarpnäcks stadsdelsnämnd",
    "Farsta stadsdelsnämnd",
    "Hägersten-Älvsjö stadsdelsnämnd",
    "Skärholmens stadsdelsnämnd",
];

/// The two form variants: (heading, questions) per focus area.
const STADSDEL: &[(&str, &[&str])] = &[
    (
        "1. Stimulera tillväxt och företagsamhet",
        &[
            "Beskriv samverkan med det lokala näringslivet inom stadsdelsnämndens geografiska område.",
            "Beskriv nämndens arbete med ”Växla upp Stockholm”",
        ],
    ),
    (
        "2. Förbättra service, tillgänglighet och myndighetsutövning",
        &["Hur sker samverkan med socialnämnden, rättsvårdande myndigheter och skatteverket i arbetet mot den svarta ekonomin och organiserad brottslighet i näringslivet?"],
    ),
    (
        "3. Attraktivare miljöer och bättre framkomlighet",
        &[
            "Beskriv nämndens arbete med att utveckla stadens renodlade verksamhetsområden med hänsyn till näringslivet, beskriv också eventuell samverkan med andra nämnder och bolag i det arbetet.",
            "Hur samverkar och utvecklar nämnden arbetet med platssamverkan och platsaktivering på prioriterade platser eller områden för att skapa en trygg närmiljö för det lokala näringslivet?",
            "Hur samverkar nämnden för att underlätta för närvaron av kultur i det offentliga rummet?",
            "Hur sker samarbetet med att bistå i Stockholm Business Region ABs och arbetsmarknadsnämndens arbete för ökad hållbar tillväxt och företagande inom stadsdelens geografiska område?",
            "Hur sker samarbetet med Stockholm Business Region AB att stärka dialogen med företag och branscher om deras behov och hinder för tillväxt?",
        ],
    ),
];
const KULTUR: &[(&str, &[&str])] = &[
    (
        "1. Stimulera tillväxt och företagsamhet",
        &[
            "Beskriv arbetet för att stärka förutsättningarna för stadens kulturella och kreativa näringar i samarbete med Stockholm Business Region AB.",
            "Beskriv arbetet med nämndens uppdrag inom Växla upp Stockholm.",
        ],
    ),
    ("3. Attraktivare miljöer och bättre framkomlighet", &["Beskriv arbetet med platsaktivering."]),
];

/// A generated submission before it is written out.
#[derive(Clone)]
struct Submission {
    namnd: String,
    contact: String,
    phone: String,
    email: String,
    kultur: bool,
    /// (heading index, question, paragraphs of sentences)
    sections: Vec<(usize, String, Vec<String>)>,
}

fn sentence(rng: &mut ChaCha8Rng) -> String {
    let mut s = format!(
        "{} {} {}",
        SUBJECTS.choose(rng).unwrap(),
        VERBS.choose(rng).unwrap(),
        OBJECTS.choose(rng).unwrap()
    );
    for (p, list) in [
        (0.6, QUALIFIERS),
        (0.7, PLACES),
        (0.6, TIMES),
        (0.5, PURPOSES),
    ] {
        if rng.random_bool(p) {
            if std::ptr::eq(list, PLACES) {
                s.push_str(if rng.random_bool(0.5) { " i " } else { " vid " });
            } else {
                s.push(' ');
            }
            s.push_str(list.choose(rng).unwrap());
        }
    }
    if rng.random_bool(0.3) {
        s.push_str(&format!(
            ", och {} personer har deltagit hittills",
            rng.random_range(3..400)
        ));
    }
    s.push('.');
    s
}

fn answer(rng: &mut ChaCha8Rng) -> Vec<String> {
    (0..rng.random_range(1..=4))
        .map(|_| {
            (0..rng.random_range(2..=3))
                .map(|_| sentence(rng))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'å' | 'ä' | 'Å' | 'Ä' => 'a',
            'ö' | 'Ö' => 'o',
            'é' | 'É' => 'e',
            'ü' | 'Ü' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A person keeps one number across submissions (a different number for the
/// same name is what CONT003 reports, and is not planted here).
fn phone_of(first: &str, last: &str) -> String {
    let h = format!("{first} {last}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        });
    format!("08-508 {:02} {:03}", h % 100, (h >> 8) % 1000)
}

fn submission(rng: &mut ChaCha8Rng) -> Submission {
    let kultur = rng.random_bool(0.15);
    let (first, last) = (
        FIRST_NAMES.choose(rng).unwrap(),
        LAST_NAMES.choose(rng).unwrap(),
    );
    let form = if kultur { KULTUR } else { STADSDEL };
    let mut sections = Vec::new();
    for (h, (_, questions)) in form.iter().enumerate() {
        for q in *questions {
            sections.push((h, q.to_string(), answer(rng)));
        }
    }
    Submission {
        namnd: if kultur {
            "Kulturnämnden".into()
        } else {
            COMMITTEES.choose(rng).unwrap().to_string()
        },
        contact: format!("{first} {last}"),
        phone: phone_of(first, last),
        email: format!("{}.{}@stockholm.se", fold(first), fold(last)),
        kultur,
        sections,
    }
}

/// How a submission is exported to text.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// A paragraph a line, blank lines between, plain bullets.
    Word,
    /// Hard-wrapped with trailing spaces, no blank line between question and answer.
    Pdf,
    /// Word style with CRLF, a BOM, typographic quotes kept as plain ones.
    WordCrlf,
}

impl Style {
    /// Another export of the same text: a re-export looks different.
    fn other(self) -> Style {
        if self == Style::Pdf {
            Style::WordCrlf
        } else {
            Style::Pdf
        }
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for w in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn render(s: &Submission, style: Style, width: usize) -> String {
    let form = if s.kultur { KULTUR } else { STADSDEL };
    let mut out = String::new();
    let para = |out: &mut String, text: &str, gap: bool| match style {
        Style::Pdf => {
            for l in wrap(text, width) {
                out.push_str(&l);
                out.push_str(" \n");
            }
            if gap {
                out.push_str(" \n");
            }
        }
        _ => {
            out.push_str(text);
            out.push_str("\n\n");
        }
    };
    para(&mut out, "UPPFÖLJNINGSRAPPORT NÄRINGSLIV", true);
    para(
        &mut out,
        "För att nå resultat och sammanhållet kunna kommunicera hur arbetet med att stötta näringslivet fortskrider kommer stadsledningskontoret samlat följa arbetet. Underlaget omfattar uppdrag, direktiv och aktiviteter i budget 2022.",
        true,
    );
    for (label, value) in [
        ("Nämnd", &s.namnd),
        ("Kontaktperson för eventuella frågor", &s.contact),
        ("Telefon", &s.phone),
        ("E-post", &s.email),
    ] {
        para(&mut out, label, false);
        para(&mut out, value, false);
    }
    let mut heading = usize::MAX;
    for (h, q, answer) in &s.sections {
        if *h != heading {
            heading = *h;
            para(&mut out, form[*h].0, true);
        }
        let q = if style == Style::WordCrlf {
            q.replace(['”', '“'], "\"")
        } else {
            q.clone()
        };
        para(&mut out, &q, false);
        for (i, p) in answer.iter().enumerate() {
            para(&mut out, p, i + 1 == answer.len());
        }
    }
    para(&mut out, "Övriga upplysningar", false);
    para(&mut out, "Klicka här för att ange text.", false);
    if style == Style::WordCrlf {
        out = format!("\u{feff}{}", out.replace('\n', "\r\n"));
    }
    out
}

/// Misspells a word: a doubled, dropped or swapped letter.
fn misspell(w: &str, rng: &mut ChaCha8Rng) -> String {
    let chars: Vec<char> = w.chars().collect();
    if chars.len() < 4 {
        return format!("{w}a");
    }
    let i = rng.random_range(1..chars.len() - 1);
    let mut c = chars.clone();
    match rng.random_range(0..3) {
        0 => c.insert(i, chars[i]),
        1 => {
            c.remove(i);
        }
        _ => c.swap(i, i + 1),
    }
    let out: String = c.into_iter().collect();
    if out == w {
        format!("{w}s")
    } else {
        out
    }
}

/// Applies 1–10 word edits, sometimes a swap of two sections or a dropped
/// short paragraph.
fn near_copy(s: &Submission, rng: &mut ChaCha8Rng) -> (Submission, usize) {
    let mut c = s.clone();
    let edits = rng.random_range(1..=10);
    for _ in 0..edits {
        let si = rng.random_range(0..c.sections.len());
        let pi = rng.random_range(0..c.sections[si].2.len());
        let mut words: Vec<String> = c.sections[si].2[pi]
            .split(' ')
            .map(str::to_string)
            .collect();
        let wi = rng.random_range(0..words.len());
        match rng.random_range(0..4) {
            0 | 1 => words[wi] = misspell(&words[wi], rng),
            2 => words.insert(
                wi,
                ["även", "dessutom", "också", "främst", "bland annat"]
                    .choose(rng)
                    .unwrap()
                    .to_string(),
            ),
            _ if words.len() > 3 => {
                words.remove(wi);
            }
            _ => words[wi] = misspell(&words[wi], rng),
        }
        c.sections[si].2[pi] = words.join(" ");
    }
    if c.sections.len() > 2 && rng.random_bool(0.3) {
        // Swap two questions of the same focus area (the form's order is by area).
        let a = rng.random_range(0..c.sections.len() - 1);
        if c.sections[a].0 == c.sections[a + 1].0 {
            c.sections.swap(a, a + 1);
        }
    }
    if rng.random_bool(0.3) {
        let total: usize = c
            .sections
            .iter()
            .flat_map(|s| &s.2)
            .map(|p| p.split(' ').count())
            .sum();
        let shortest = c
            .sections
            .iter()
            .enumerate()
            .flat_map(|(si, s)| {
                s.2.iter()
                    .enumerate()
                    .filter(|_| s.2.len() > 1)
                    .map(move |(pi, p)| (p.split(' ').count(), si, pi))
            })
            .min();
        if let Some((n, si, pi)) = shortest.filter(|(n, _, _)| n * 100 < total * 6) {
            let _ = n;
            c.sections[si].2.remove(pi);
        }
    }
    (c, edits)
}

/// Generates the corpus; returns the planted pairs (file names, kind).
pub fn generate(
    count: usize,
    out: &Path,
    seed: u64,
) -> std::io::Result<Vec<(String, String, &'static str)>> {
    std::fs::create_dir_all(out)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut names: Vec<usize> = (0..count).collect();
    names.shuffle(&mut rng);
    let name = |i: usize| format!("{:07}.txt", names[i]);
    let mut planted = Vec::new();
    let mut i = 0;
    while i < count {
        let s = submission(&mut rng);
        let style = *[Style::Word, Style::Pdf].choose(&mut rng).unwrap();
        let width = rng.random_range(80..100);
        std::fs::write(out.join(name(i)), render(&s, style, width))?;
        let roll: f64 = rng.random_range(0.0..1.0);
        if i + 2 < count && roll < 0.01 {
            // A re-export and a near copy of one submission: three versions.
            std::fs::write(
                out.join(name(i + 1)),
                render(&s, style.other(), rng.random_range(70..110)),
            )?;
            let (copy, _edits) = near_copy(&s, &mut rng);
            std::fs::write(
                out.join(name(i + 2)),
                render(&copy, Style::Word, rng.random_range(70..110)),
            )?;
            planted.push((name(i), name(i + 1), "exact"));
            planted.push((name(i), name(i + 2), "near"));
            i += 3;
        } else if i + 1 < count && roll < 0.03 {
            let (copy, _edits) = near_copy(&s, &mut rng);
            let style = *[Style::Word, Style::Pdf, Style::WordCrlf]
                .choose(&mut rng)
                .unwrap();
            std::fs::write(
                out.join(name(i + 1)),
                render(&copy, style, rng.random_range(70..110)),
            )?;
            planted.push((name(i), name(i + 1), "near"));
            i += 2;
        } else if i + 1 < count && roll < 0.05 {
            std::fs::write(
                out.join(name(i + 1)),
                render(&s, style.other(), rng.random_range(70..110)),
            )?;
            planted.push((name(i), name(i + 1), "exact"));
            i += 2;
        } else {
            i += 1;
        }
    }
    let manifest = serde_json::json!({
        "count": count,
        "seed": seed,
        "pairs": planted.iter().map(|(a, b, k)| {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            serde_json::json!({"a": a, "b": b, "kind": k})
        }).collect::<Vec<_>>(),
    });
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&manifest).unwrap() + "\n",
    )?;
    Ok(planted)
}

/// Generates `groups` submissions with `size` versions each (the first,
/// then near copies of it, each a few words apart); returns the file names
/// of each group.
pub fn generate_groups(
    groups: usize,
    size: usize,
    out: &Path,
    seed: u64,
) -> std::io::Result<Vec<Vec<String>>> {
    std::fs::create_dir_all(out)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut all = Vec::new();
    for g in 0..groups {
        let s = submission(&mut rng);
        let mut names = Vec::new();
        for v in 0..size {
            let name = format!("g{g:03}_v{v:03}.txt");
            let text = if v == 0 {
                render(&s, Style::Word, 90)
            } else {
                let (copy, _) = near_copy(&s, &mut rng);
                render(
                    &copy,
                    *[Style::Word, Style::Pdf].choose(&mut rng).unwrap(),
                    rng.random_range(70..110),
                )
            };
            std::fs::write(out.join(&name), text)?;
            names.push(name);
        }
        all.push(names);
    }
    let manifest = serde_json::json!({"groups": all});
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&manifest).unwrap() + "\n",
    )?;
    Ok(all)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(count), Some(out)) = (get("--count").and_then(|c| c.parse().ok()), get("--out"))
    else {
        eprintln!("usage: gen_corpus --count N --out DIR [--seed S]");
        std::process::exit(2);
    };
    let seed = get("--seed").and_then(|s| s.parse().ok()).unwrap_or(7);
    if let Some(size) = get("--group-size").and_then(|s| s.parse().ok()) {
        match generate_groups(count, size, &PathBuf::from(&out), seed) {
            Ok(_) => eprintln!("wrote {count} groups of {size} versions to {out}"),
            Err(e) => {
                eprintln!("gen_corpus: {out}: {e}");
                std::process::exit(2);
            }
        }
        return;
    }
    match generate(count, &PathBuf::from(&out), seed) {
        Ok(p) => eprintln!(
            "wrote {count} submissions to {out} with {} planted pairs",
            p.len()
        ),
        Err(e) => {
            eprintln!("gen_corpus: {out}: {e}");
            std::process::exit(2);
        }
    }
}
