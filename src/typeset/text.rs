//! The text of a typeset document as a reader sees it, taken from typst's layout (no PDF
//! parsing, no external tools): for `gen diff`, which compares what bidders read.
//!
//! Text runs are written in layout order; a new line starts where the baseline changes, and
//! a space separates runs on one line that have a gap between them (table cells, tabs).
//! Page furniture is left out — running header and footer, page numbers, the draft
//! watermark: typst marks them as PDF artifacts, and their text (page `3 van 41`) would
//! repeat every change of the page count on every page.

use typst::foundations::Content;
use typst::introspection::{Location, Tag};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::pdf::ArtifactElem;
use typst_layout::PagedDocument;

/// The text of every page, one line per typeset line, pages one after the other.
pub(crate) fn document_text(document: &PagedDocument) -> String {
    let mut w = Writer::default();
    for page in document.pages() {
        w.frame(&page.frame, Transform::identity());
        w.end_line();
    }
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
    line: String,
    /// Baseline of the current line.
    y: Option<Abs>,
    /// Where the last run on the current line ended.
    end_x: Abs,
    /// Open artifacts (page furniture) by location: their text is skipped.
    artifacts: Vec<Location>,
}

impl Writer {
    fn frame(&mut self, frame: &Frame, ts: Transform) {
        for (pos, item) in frame.items() {
            let ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => self.frame(&group.frame, ts.pre_concat(group.transform)),
                FrameItem::Text(text) if self.artifacts.is_empty() => {
                    let origin = Point::zero().transform(ts);
                    let width = text.width() * ts.sx.get();
                    self.run(&text.text, origin, width, text.size);
                }
                FrameItem::Tag(Tag::Start(content, _)) if is_artifact(content) => {
                    if let Some(loc) = content.location() {
                        self.artifacts.push(loc);
                    }
                }
                FrameItem::Tag(Tag::End(loc, ..)) => {
                    if let Some(i) = self.artifacts.iter().rposition(|l| l == loc) {
                        self.artifacts.truncate(i);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, text: &str, origin: Point, width: Abs, size: Abs) {
        if text.is_empty() {
            return;
        }
        let same_line = self.y.is_some_and(|y| (y - origin.y).abs() <= size * 0.25);
        if !same_line {
            self.end_line();
            self.y = Some(origin.y);
        } else {
            let gap = origin.x - self.end_x;
            let spaced =
                self.line.ends_with(char::is_whitespace) || text.starts_with(char::is_whitespace);
            if !spaced && (gap > size * 0.15 || gap < -size * 0.5) {
                self.line.push(' ');
            }
        }
        self.line.push_str(text);
        self.end_x = origin.x + width;
    }

    fn end_line(&mut self) {
        let cleaned = tidy(&self.line);
        let line = cleaned.trim_end();
        if !line.trim_start().is_empty() {
            // A word hyphenated at the end of the line: typst keeps the soft hyphen.
            match line.strip_suffix('\u{ad}') {
                Some(rest) => {
                    self.out.push_str(rest);
                    self.out.push('-');
                }
                None => self.out.push_str(line),
            }
            self.out.push('\n');
        }
        self.line.clear();
        self.y = None;
    }
}

/// A line as a reader would quote it: without invisible characters (word joiners, zero-width
/// spaces), and with a table of contents' dot leaders (`. . . . .`, a run of text items each)
/// shortened to ` … `.
fn tidy(line: &str) -> String {
    let chars: Vec<char> = line
        .chars()
        .filter(|c| !matches!(c, '\u{2060}' | '\u{200b}' | '\u{feff}'))
        .collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|&&c| c == '.' || c == ' ')
            .count();
        let dots = chars[i..i + run].iter().filter(|&&c| c == '.').count();
        if dots >= 4 {
            out.push_str(if out.is_empty() { "… " } else { " … " });
            i += run;
        } else {
            out.extend(&chars[i..i + run.max(1)]);
            i += run.max(1);
        }
    }
    out
}

fn is_artifact(content: &Content) -> bool {
    content.is::<ArtifactElem>()
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn leaders_and_invisible_characters_are_tidied() {
        assert_eq!(
            tidy("1.1 Inhoud . . . . . . . . \u{2060}5"),
            "1.1 Inhoud … 5"
        );
        assert_eq!(
            tidy("Zie 2.3. En... of .... verder"),
            "Zie 2.3. En... of … verder"
        );
        assert_eq!(tidy("a\u{200b}b"), "ab");
    }
}
