//! Puts the Word document docx-rs writes into the shape the Office Open XML
//! schema requires, which Microsoft's validator (and strict readers) check:
//! the children of a paragraph's, a run's and a style's properties in the
//! schema's order (docx-rs writes `w:rPr` before `w:pStyle`, `w:sz` before
//! `w:rFonts`), a paragraph's and a run's properties first, and the
//! `Normal` style marked as the default paragraph style. Every other byte
//! of every part is kept; the archive is written again with fixed times, so
//! the same document gives the same bytes.

use std::io::{Read, Write};

use quick_xml::events::{BytesStart, Event};

/// The children of `w:pPr` (CT_PPr), in schema order.
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// The children of `w:rPr` (CT_RPr), in schema order.
const RPR: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
];

/// The children of `w:style` (CT_Style), in schema order.
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// The order an element's children must follow, by the element's name.
fn order_of(name: &str) -> Option<&'static [&'static str]> {
    match name {
        "w:pPr" => Some(PPR),
        "w:rPr" => Some(RPR),
        "w:style" => Some(STYLE),
        // Their properties first; the rest as written.
        "w:p" => Some(&["pPr"]),
        "w:r" => Some(&["rPr"]),
        _ => None,
    }
}

/// An XML node as read: an element with its children, or any other event.
enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        empty: bool,
    },
    Other(Event<'static>),
}

fn malformed(e: impl std::fmt::Display) -> String {
    format!("cannot put the Word document in order: {e}")
}

/// Reads a part into a tree of nodes.
fn parse(xml: &[u8]) -> Result<Vec<Node>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(malformed)?
            .into_owned();
        let node = match event {
            Event::Eof => break,
            Event::Start(s) => {
                stack.push((s, Vec::new()));
                buf.clear();
                continue;
            }
            Event::End(_) => {
                let (start, children) = stack
                    .pop()
                    .ok_or_else(|| malformed("an unopened end tag"))?;
                Node::Element {
                    start,
                    children,
                    empty: false,
                }
            }
            Event::Empty(start) => Node::Element {
                start,
                children: Vec::new(),
                empty: true,
            },
            other => Node::Other(other),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err(malformed("an unclosed element"));
    }
    Ok(top)
}

/// Writes nodes, each element's children in its schema order, `Normal`
/// marked as the default style.
fn write(w: &mut quick_xml::Writer<Vec<u8>>, nodes: Vec<Node>) -> std::io::Result<()> {
    for node in nodes {
        match node {
            Node::Other(e) => w.write_event(e)?,
            Node::Element {
                mut start,
                mut children,
                empty,
            } => {
                if let Some(order) = order_of(start.name().as_ref()) {
                    let rank = |n: &Node| match n {
                        Node::Element { start, .. } => {
                            let name = start.name();
                            let local = name.local_name();
                            let local: &str = local.as_ref();
                            order
                                .iter()
                                .position(|o| *o == local)
                                .unwrap_or(order.len())
                        }
                        Node::Other(_) => order.len(),
                    };
                    children.sort_by_key(rank);
                }
                if start.name().as_ref() == "w:style" && is_normal(&start) {
                    start.push_attribute(("w:default", "1"));
                }
                if empty {
                    w.write_event(Event::Empty(start))?;
                } else {
                    let end = start.to_end().into_owned();
                    w.write_event(Event::Start(start))?;
                    write(w, children)?;
                    w.write_event(Event::End(end))?;
                }
            }
        }
    }
    Ok(())
}

/// Whether a `w:style` start tag is the `Normal` paragraph style without a
/// `w:default` of its own.
fn is_normal(start: &BytesStart) -> bool {
    let attr = |name: &str| {
        start
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.to_string())
    };
    attr("w:styleId").as_deref() == Some("Normal") && attr("w:default").is_none()
}

/// One XML part in order.
fn reorder(xml: &[u8]) -> Result<Vec<u8>, String> {
    let nodes = parse(xml)?;
    let mut w = quick_xml::Writer::new(Vec::new());
    write(&mut w, nodes).map_err(malformed)?;
    Ok(w.into_inner())
}

/// The .docx with every XML part in schema order, written again with fixed
/// times.
pub fn repair(docx: &[u8]) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(malformed)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(malformed)?;
        let name = part.name().map_err(malformed)?.to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).map_err(malformed)?;
        if name.ends_with(".xml") && name.starts_with("word/") {
            bytes = reorder(&bytes)?;
        }
        out.start_file(name, options).map_err(malformed)?;
        out.write_all(&bytes).map_err(malformed)?;
    }
    Ok(out.finish().map_err(malformed)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_come_in_schema_order() {
        let xml = br#"<w:document><w:p><w:pPr><w:rPr /><w:pStyle w:val="Title" /></w:pPr><w:r><w:t>Hej</w:t></w:r></w:p><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr><w:sz w:val="22" /><w:rFonts w:ascii="Calibri" /></w:rPr><w:pPr /><w:next w:val="Normal" /></w:style></w:document>"#;
        let out = String::from_utf8(reorder(xml).unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<w:document><w:p><w:pPr><w:pStyle w:val="Title" /><w:rPr /></w:pPr><w:r><w:t>Hej</w:t></w:r></w:p><w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal" /><w:next w:val="Normal" /><w:pPr /><w:rPr><w:rFonts w:ascii="Calibri" /><w:sz w:val="22" /></w:rPr></w:style></w:document>"#
        );
    }
}
