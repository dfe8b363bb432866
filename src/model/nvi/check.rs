//! The rules of the rounds: across rounds and against the tender (numbering, follow-ups,
//! paragraph references, anonymity), and those of one question, shared with `gen nvi import`.

use std::collections::HashMap;

use super::{AnnouncementKind, DocumentRef, MARKET_CONSULTATION, Question, Round, round_number_of};
use crate::error::Diagnostic;
use crate::model::Project;
use crate::model::anonymity::{GuardedNames, anonymity_problems};

/// What questions and rectifications may refer to.
#[derive(Debug, Clone, Default)]
pub(crate) struct References {
    /// Section numbers of the offerteaanvraag (`1`, `1.1`, …, `5.3.1`) as its templates render
    /// them; `None` where they are not known to the caller (the model's own validation: the
    /// build checks paragraph references against the rendered outline, [`check_sections`]).
    pub sections: Option<Vec<String>>,
    /// Annex letters (`A` … `I`).
    pub annexes: Vec<char>,
    /// The lots' numbers in a tender divided into lots; `None` when it is not divided.
    pub lots: Option<Vec<u32>>,
}

impl References {
    /// The annexes of `project`, with the offerteaanvraag's `sections` when known.
    pub(crate) fn of(project: &Project, sections: Option<Vec<String>>) -> References {
        References {
            sections,
            annexes: project
                .requirements
                .annexes
                .iter()
                .filter_map(|a| a.letter.trim().chars().next())
                .collect(),
            lots: project
                .tender
                .lots
                .as_ref()
                .filter(|l| l.divided)
                .map(|l| l.numbers()),
        }
    }
}

/// Rules across rounds and against the tender (numbering, follow-ups, section references,
/// anonymity).
pub(crate) fn validate(rounds: &[Round], project: &Project, out: &mut Vec<Diagnostic>) {
    check(
        rounds,
        &References::of(project, None),
        &names_guarded(rounds, project),
        out,
    );
}

/// The paragraph references of the rounds' questions and rectifications against `sections`,
/// the offerteaanvraag's section numbers as its templates render them.
pub(crate) fn check_sections(rounds: &[Round], sections: &[String], out: &mut Vec<Diagnostic>) {
    for round in rounds {
        for (i, r) in round.rectifications.iter().enumerate() {
            if let Some(m) = section_problem(&r.document, r.section.as_deref(), sections) {
                out.push(round.diag(&format!("rectifications.{i}.section"), m));
            }
        }
        for (i, q) in round.questions.iter().enumerate() {
            if let Some(m) = section_problem(&q.document, q.section.as_deref(), sections) {
                out.push(round.diag(&format!("questions.{i}.section"), m));
            }
        }
    }
}

/// The names no question may contain: the rounds' `bidders` lists and, once bids are in
/// (`data/bids/`), every bidder's name and contact person.
pub(crate) fn guarded_names(project: &Project) -> GuardedNames {
    names_guarded(&project.nvi, project)
}

/// [`guarded_names`] with the bidder lists of `rounds` (while they are being validated).
fn names_guarded(rounds: &[Round], project: &Project) -> GuardedNames {
    let mut names = bidder_names(rounds);
    names.extend(bid_names(project));
    names.sort();
    names.dedup();
    GuardedNames::new(names)
}

fn bid_names(project: &Project) -> Vec<String> {
    project
        .bids
        .iter()
        .flat_map(|b| [b.name.clone(), b.contact.name.clone()])
        .collect()
}

/// Every bidder name listed in the rounds (`bidders:`).
fn bidder_names(rounds: &[Round]) -> Vec<String> {
    let mut names: Vec<String> = rounds
        .iter()
        .flat_map(|r| r.bidders.iter().cloned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// [`validate`] with its inputs spelt out: the rounds (ordered by round number), what they may
/// refer to, and the bidder names no question may contain.
pub(crate) fn check(
    rounds: &[Round],
    refs: &References,
    bidders: &GuardedNames,
    out: &mut Vec<Diagnostic>,
) {
    for round in rounds {
        check_round(round, rounds, refs, bidders, out);
    }
    // Rounds 1..n without gaps; one market consultation at most.
    let mut previous: Option<&Round> = None;
    for round in rounds.iter().filter(|r| r.round >= 1) {
        match previous {
            Some(p) if p.round == round.round => {
                out.push(round.diag(
                    "round",
                    format!("round {} is also in {}", round.round, file_name(p)),
                ));
            }
            _ => {
                let expected = previous.map_or(1, |p| p.round + 1);
                if round.round != expected {
                    out.push(round.diag(
                        "round",
                        format!("round {expected} is missing: the rounds are numbered 1, 2, 3, … without gaps"),
                    ));
                }
            }
        }
        if let Some(p) = previous
            && let (Some(date), Some(before)) = (round.published, p.published)
            && date <= before
        {
            out.push(round.diag(
                "published",
                format!(
                    "round {} must be published after round {} ({before})",
                    round.round, p.round
                ),
            ));
        }
        previous = Some(round);
    }
    let consultations: Vec<&Round> = rounds.iter().filter(|r| r.round == 0).collect();
    for extra in consultations.iter().skip(1) {
        out.push(extra.diag(
            "round",
            format!(
                "round 0 (the market consultation) is also in {}",
                file_name(consultations[0])
            ),
        ));
    }
    // Numbering: continuous across the tender's rounds, never reused; the market consultation
    // numbered on its own.
    check_numbering(rounds.iter().filter(|r| r.round >= 1), out);
    check_numbering(rounds.iter().filter(|r| r.round == 0), out);
}

fn check_numbering<'a>(rounds: impl Iterator<Item = &'a Round>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<u32, (&Round, usize)> = HashMap::new();
    let mut expected = 1;
    for round in rounds {
        for (i, q) in round.questions.iter().enumerate() {
            let field = format!("questions.{i}.number");
            if let Some((r, j)) = seen.get(&q.number) {
                out.push(round.diag(
                    &field,
                    format!(
                        "number {} is already used ({} questions.{j}); question numbers are never reused",
                        q.number,
                        file_name(r)
                    ),
                ));
                continue;
            }
            if q.number != expected {
                let after = if expected == 1 {
                    "start at 1".to_string()
                } else {
                    format!("continue after {}", expected - 1)
                };
                out.push(round.diag(
                    &field,
                    format!(
                        "number {} breaks the numbering: expected {expected} (numbers {after}, without gaps)",
                        q.number
                    ),
                ));
            }
            seen.insert(q.number, (round, i));
            expected = expected.max(q.number + 1);
        }
    }
}

fn file_name(round: &Round) -> String {
    round
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| round.name.clone())
}

fn check_round(
    round: &Round,
    rounds: &[Round],
    refs: &References,
    bidders: &GuardedNames,
    out: &mut Vec<Diagnostic>,
) {
    match round_number_of(&round.name) {
        None => out.push(round.diag(
            "",
            format!("`{}` is not a round name: name round files round-1.yaml, round-2.yaml, … or {MARKET_CONSULTATION}.yaml", file_name(round)),
        )),
        Some(n) if n != round.round => {
            out.push(round.diag("round", format!("{} holds round {n}, but the file says round: {}", file_name(round), round.round)))
        }
        Some(_) => {}
    }
    if round.title.trim().is_empty() {
        out.push(round.diag("title", "must not be empty"));
    }
    if let (Some(deadline), Some(published)) = (round.question_deadline, round.published)
        && deadline > published
    {
        out.push(round.diag(
            "question_deadline",
            format!("the question deadline {deadline} is after the publication date {published}"),
        ));
    }
    for (i, name) in round.bidders.iter().enumerate() {
        if name.trim().chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            out.push(round.diag(
                &format!("bidders.{i}"),
                "a bidder name needs at least two letters or digits",
            ));
        }
    }

    for (i, r) in round.rectifications.iter().enumerate() {
        let field = |f: &str| format!("rectifications.{i}.{f}");
        if round.round == 0 {
            out.push(round.diag(
                &format!("rectifications.{i}"),
                "the market consultation precedes the tender documents: it cannot rectify them",
            ));
        }
        if r.document == DocumentRef::Algemeen {
            out.push(round.diag(
                &field("document"),
                "a rectification names the document it corrects (offerteaanvraag or bijlage-A …)",
            ));
        }
        for (f, m) in reference_problems(&r.document, r.section.as_deref(), refs) {
            out.push(round.diag(&field(f), m));
        }
        if r.new.trim().is_empty() {
            out.push(round.diag(&field("new"), "the new text must not be empty"));
        }
        if r.old.as_deref().is_some_and(|o| o.trim().is_empty()) {
            out.push(round.diag(
                &field("old"),
                "leave `old` out when text is added, rather than empty",
            ));
        }
    }

    for (i, a) in round.announcements.iter().enumerate() {
        let field = |f: &str| format!("announcements.{i}.{f}");
        if a.text.trim().is_empty() {
            out.push(round.diag(&field("text"), "must not be empty"));
        }
        match a.kind {
            AnnouncementKind::Planning => {
                if a.milestone.as_deref().is_none_or(|m| m.trim().is_empty()) {
                    out.push(round.diag(
                        &field("milestone"),
                        "a planning change names the milestone that moves",
                    ));
                }
                match (a.old, a.new) {
                    (Some(old), Some(new)) if old == new => out.push(round.diag(
                        &field("new"),
                        format!("the new date and time equal the old ones ({old})"),
                    )),
                    (Some(_), Some(_)) => {}
                    (old, _) => {
                        let missing = if old.is_none() { "old" } else { "new" };
                        out.push(round.diag(
                            &field(missing),
                            "a planning change gives the old and the new date and time (YYYY-MM-DDTHH:MM)",
                        ))
                    }
                }
            }
            AnnouncementKind::Other => {
                for (f, v) in [
                    ("milestone", a.milestone.is_some()),
                    ("old", a.old.is_some()),
                    ("new", a.new.is_some()),
                ] {
                    if v {
                        out.push(round.diag(
                            &field(f),
                            "only a planning change (kind: planning) has a milestone and dates",
                        ));
                    }
                }
            }
        }
    }

    for (i, q) in round.questions.iter().enumerate() {
        for (f, m) in question_problems(q, round.round, rounds, refs, bidders) {
            out.push(round.diag(&format!("questions.{i}.{f}"), m));
        }
    }
}

/// The problems of one question, as (field, message): its text, its document and paragraph,
/// its follow-up reference and its anonymity. Shared by validation and `gen nvi import`.
/// `round` is the question's round number, `rounds` all rounds (for follow-ups).
pub(crate) fn question_problems(
    q: &Question,
    round: u32,
    rounds: &[Round],
    refs: &References,
    bidders: &GuardedNames,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if q.question.trim().is_empty() {
        out.push(("question", "the question must not be empty".to_string()));
    }
    out.extend(reference_problems(&q.document, q.section.as_deref(), refs));
    if let Some(lot) = q.lot
        && let Some(m) = lot_problem(lot, refs)
    {
        out.push(("lot", m));
    }
    if let Some(target) = q.follows_up
        && let Some(m) = follow_up_problem(q.number, target, round, rounds)
    {
        out.push(("follows_up", m));
    }
    for problem in anonymity_problems(&q.question, bidders) {
        out.push(("question", problem));
    }
    out
}

/// A question naming a lot the tender does not have (or any lot, in a tender without lots).
fn lot_problem(lot: u32, refs: &References) -> Option<String> {
    match &refs.lots {
        None => Some(format!(
            "lot {lot}: this tender is not divided into lots (tender.yaml, lots.divided); \
             remove `lot:`"
        )),
        Some(lots) if !lots.contains(&lot) => Some(format!(
            "the tender has no lot {lot} (its lots: {})",
            lots.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Some(_) => None,
    }
}

fn follow_up_problem(number: u32, target: u32, round: u32, rounds: &[Round]) -> Option<String> {
    if round == 0 {
        return Some("the market consultation has no earlier round to follow up on".into());
    }
    let found = rounds
        .iter()
        .filter(|r| r.round >= 1)
        .find(|r| r.questions.iter().any(|q| q.number == target));
    match found {
        Some(r) if r.round < round => None,
        Some(r) if r.round == round => Some(format!(
            "question {number} follows up on question {target} of the same round; a follow-up refers to a question of an earlier round"
        )),
        Some(r) => Some(format!(
            "question {number} follows up on question {target}, which is in a later round ({}); a follow-up refers to a question of an earlier round",
            r.round
        )),
        None if round == 1 => Some(format!(
            "question {number} follows up on question {target}, but round 1 has no earlier round"
        )),
        None => Some(format!(
            "question {number} follows up on question {target}, which is not a question of an earlier round"
        )),
    }
}

/// Problems with a reference to a document and paragraph: the annex must exist and a paragraph
/// of the offerteaanvraag must be one of its sections.
fn reference_problems(
    document: &DocumentRef,
    section: Option<&str>,
    refs: &References,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let DocumentRef::Bijlage(c) = document
        && !refs.annexes.contains(c)
    {
        let letters: String = refs
            .annexes
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        out.push((
            "document",
            format!("there is no bijlage {c} (the annexes are {letters})"),
        ));
    }
    if let Some(sections) = &refs.sections
        && let Some(m) = section_problem(document, section, sections)
    {
        out.push(("section", m));
    }
    out
}

/// A paragraph of the offerteaanvraag that is not one of its `sections`.
fn section_problem(
    document: &DocumentRef,
    section: Option<&str>,
    sections: &[String],
) -> Option<String> {
    if *document != DocumentRef::Offerteaanvraag {
        return None;
    }
    let s = section?.trim().trim_start_matches('§').trim();
    (!sections.iter().any(|k| k == s)).then(|| {
        format!(
            "the offerteaanvraag has no paragraph {s} (its paragraphs: {})",
            summarise_sections(sections)
        )
    })
}

/// `1–1.3, 2–2.12, …`: the first and last section of each chapter.
fn summarise_sections(sections: &[String]) -> String {
    let mut chapters: Vec<(String, String, String)> = Vec::new();
    for s in sections {
        let chapter = s.split('.').next().unwrap_or_default().to_string();
        match chapters.last_mut() {
            Some((c, _, last)) if *c == chapter => *last = s.clone(),
            _ => chapters.push((chapter, s.clone(), s.clone())),
        }
    }
    chapters
        .into_iter()
        .map(|(_, first, last)| {
            if first == last {
                first
            } else {
                format!("{first} … {last}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_references() {
        let refs = References {
            sections: Some(vec!["1".into(), "1.1".into(), "2".into(), "2.10".into()]),
            annexes: vec!['A', 'B'],
            lots: None,
        };
        assert!(
            reference_problems(&DocumentRef::Offerteaanvraag, Some("§ 2.10"), &refs).is_empty()
        );
        let problems = reference_problems(&DocumentRef::Offerteaanvraag, Some("2.1"), &refs);
        assert_eq!(
            problems,
            vec![(
                "section",
                "the offerteaanvraag has no paragraph 2.1 (its paragraphs: 1 … 1.1, 2 … 2.10)"
                    .to_string()
            )]
        );
        assert_eq!(
            reference_problems(&DocumentRef::Bijlage('C'), None, &refs)[0].0,
            "document"
        );
        // A lot only in a divided tender, and one it has.
        assert!(
            lot_problem(1, &refs)
                .unwrap()
                .contains("not divided into lots")
        );
        let divided = References {
            lots: Some(vec![1, 2, 3]),
            ..refs.clone()
        };
        assert_eq!(lot_problem(2, &divided), None);
        assert_eq!(
            lot_problem(4, &divided).unwrap(),
            "the tender has no lot 4 (its lots: 1, 2, 3)"
        );
        // Sections not known to the caller (the model's own validation): checked by the build.
        assert!(
            reference_problems(
                &DocumentRef::Offerteaanvraag,
                Some("9.9"),
                &References::default()
            )
            .is_empty()
        );
    }
}
