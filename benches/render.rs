//! The batch-rendering benchmark: `cargo bench --bench render` (release build).
//!
//! Each case runs in a child process of its own (so peak memory is the case's own), doing what
//! `gen` does from loading the data to the last file written into a fresh output folder:
//!
//! - `bundled-all`: all documents of the bundled tender (`gen all`);
//! - `letters-N`: the award letters of a synthetic tender with N bidders (10, 100, 1,000);
//! - `floor-1000`: typst alone (compile, export, cache eviction) on the same letters' generated
//!   sources, made before the clock starts: what our overhead is measured against;
//! - `pv-N`: the records of the N-bidder tender alone (the proces-verbaal, one document that
//!   grows with N, and the gunningsbesluit);
//! - `award-1000`: the whole `gen award-letters` of 1,000 bidders (letters, proces-verbaal,
//!   evaluation.json);
//! - `nvi-N`: a nota van inlichtingen of N questions (100, 1,000).
//!
//! All cases run `TENDERGEN_BENCH_ROUNDS` times (default 3), interleaved; reported per case are
//! the fastest wall time, the least CPU time (user and system, all threads) and the highest peak
//! RSS, with documents per second and ms per document. Our overhead above typst is judged in CPU
//! time, the work done: on this shared 2-core VM the wall time of one case varies by ±10 %
//! between runs, as much as the margin; the wall-time overhead is printed beside it. With `typst` on PATH, the typst CLI compiles 100 of the letters' sources, one
//! process per letter, two at a time, for comparison. Then the targets are checked.
//!
//! `cargo bench --bench render -- letters-1000 floor-1000` runs some cases;
//! `TENDERGEN_BENCH_KEEP=1` keeps the cases' data and output folders (the path is printed);
//! `TENDERGEN_BENCH_DIR=/some/disk` puts them there instead of in cargo's target folder.
//!
//! The folders are removed only after the last case. On an ext4 file system without a journal
//! (this VM's), every new inode is checked against the inodes deleted in the last half minute,
//! one by one: creating 1,000 PDFs just after the previous case deleted its 3,000 files cost
//! up to 1 s more than creating them on a quiet disk. That would measure the benchmark's own
//! clean-up, not `gen`.

use std::path::{Path, PathBuf};

use std::process::Command;
use std::time::{Duration, Instant};

use serde_yaml::Value;
// The test suite's helpers (the repository's folder, copying a folder tree).
#[path = "../tests/testsuite/common.rs"]
mod common;
use common::{copy_dir, repo};
use tendergen::build::{Build, Options, Selection, pipeline};
use tendergen::docs::{Job, award};
use tendergen::typeset::{self, Engine};

const CASES: &[&str] = &[
    "bundled-all",
    "letters-10",
    "letters-100",
    "letters-1000",
    "floor-1000",
    "pv-10",
    "pv-100",
    "pv-1000",
    "award-1000",
    "nvi-100",
    "nvi-1000",
    "check-bundled",
    "watch-nvi",
];

/// The run's scratch folder for all cases' data and output: in cargo's target folder, on the
/// project's file system as `out/` is, or below `TENDERGEN_BENCH_DIR` (to measure another
/// disk). Removed when the run ends, unless `TENDERGEN_BENCH_KEEP` is set.
fn scratch() -> tempfile::TempDir {
    let dir = std::env::var_os("TENDERGEN_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    let mut tmp = tempfile::tempdir_in(dir).unwrap();
    if std::env::var_os("TENDERGEN_BENCH_KEEP").is_some() {
        tmp.disable_cleanup(true);
        eprintln!("cases' data and output kept in {}", tmp.path().display());
    }
    tmp
}

/// The folder of one case's child process, inside the run's scratch folder.
const CASE_DIR: &str = "TENDERGEN_BENCH_CASE_DIR";

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let Ok(case) = std::env::var("TENDERGEN_BENCH_CASE") {
        let dir = std::env::var_os(CASE_DIR).expect("the case's folder");
        return child(&case, Path::new(&dir));
    }
    let cases: Vec<&str> = if args.is_empty() {
        CASES.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    // Rounds over all cases (interleaved, so that a slow spell of a shared machine does not
    // hit one case only); per case the fastest wall time and the highest peak memory.
    let rounds: usize = std::env::var("TENDERGEN_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let scratch = scratch();
    let mut results: Vec<Measured> = Vec::new();
    for round in 1..=rounds {
        eprintln!("round {round} of {rounds} …");
        for case in &cases {
            let dir = scratch.path().join(format!("{case}.{round}"));
            let m = run_case(case, &dir);
            match results.iter_mut().find(|r| r.case == m.case) {
                Some(r) => {
                    r.wall = r.wall.min(m.wall);
                    r.cpu = r.cpu.min(m.cpu);
                    r.rss = r.rss.max(m.rss);
                }
                None => results.push(m),
            }
        }
    }
    println!(
        "{:<14} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "case", "docs", "pages", "wall s", "docs/s", "ms/doc", "CPU s", "peak MB"
    );
    for m in &results {
        println!(
            "{:<14} {:>6} {:>7} {:>9.3} {:>9.1} {:>9.2} {:>9.3} {:>9.1}",
            m.case,
            m.docs,
            m.pages,
            m.wall,
            m.docs as f64 / m.wall,
            m.wall * 1000.0 / m.docs as f64,
            m.cpu,
            m.rss
        );
    }
    // The typst CLI on 100 letters (a per-letter rate: every process starts cold anyway).
    let cli = if results.iter().any(|r| r.case.starts_with("letters-")) {
        let cli = typst_cli(100, &scratch.path().join("typst-cli"));
        if cli.is_none() {
            println!(
                "typst CLI: not on PATH, comparison skipped (cargo install typst-cli --version 0.15.1 to include it)"
            );
        }
        cli
    } else {
        None
    };
    targets(&results, cli);
}

/// What one case measured: the fastest wall time and CPU time (user and system, all threads)
/// over the rounds, and the highest peak memory.
struct Measured {
    case: String,
    docs: usize,
    pages: usize,
    wall: f64,
    cpu: f64,
    rss: f64,
}

/// Runs one case in a child process of its own.
fn run_case(case: &str, dir: &Path) -> Measured {
    std::fs::create_dir(dir).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .env("TENDERGEN_BENCH_CASE", case)
        .env(CASE_DIR, dir)
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("bench child runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        eprintln!("{case}: failed\n{text}");
        std::process::exit(1);
    }
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("{case}: no result in\n{text}"));
    let f: Vec<&str> = line.split_whitespace().collect();
    Measured {
        case: f[0].to_string(),
        docs: f[1].parse().unwrap(),
        wall: f[2].parse().unwrap(),
        cpu: f[3].parse().unwrap(),
        rss: f[4].parse().unwrap(),
        pages: f[5].parse().unwrap(),
    }
}

/// The child's side of [`run_case`]: prints what the parent reads.
fn report(case: &str, docs: usize, pages: usize, start: Instant, cpu_start: f64) {
    println!(
        "RESULT {case} {docs} {:.4} {:.4} {:.1} {pages}",
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu_start,
        peak_rss_mb()
    );
}

/// CPU time of this process so far (user and system, all threads), in seconds.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn cpu_seconds() -> f64 {
    0.0
}

/// Checks the targets of the performance issue against what was measured.
fn targets(results: &[Measured], cli: Option<f64>) {
    let get = |name: &str| results.iter().find(|r| r.case == name);
    println!("\ntargets (2-core machine, release build):");
    let check = |what: &str, ok: Option<bool>, detail: String| match ok {
        Some(true) => println!("  ok    {what}: {detail}"),
        Some(false) => println!("  MISS  {what}: {detail}"),
        None => {}
    };
    if let Some(r) = get("check-bundled") {
        check(
            "`gen check` of the bundled tender < 1 s",
            Some(r.wall < 1.0),
            format!("{:.3} s", r.wall),
        );
    }
    if let Some(r) = get("watch-nvi") {
        check(
            "`gen watch`: one changed NvI answer re-rendered < 200 ms",
            Some(r.wall < 0.2),
            format!("{:.0} ms", r.wall * 1000.0),
        );
    }
    if let Some(r) = get("bundled-all") {
        check(
            "all documents of the bundled tender < 1 s",
            Some(r.wall < 1.0),
            format!("{:.3} s", r.wall),
        );
    }
    if let Some(r) = get("letters-1000") {
        let rate = r.docs as f64 / r.wall;
        check(
            "award letters at 1,000 bidders >= 150/s",
            Some(rate >= 150.0),
            format!("{rate:.1}/s"),
        );
        if let Some(small) = get("letters-10") {
            check(
                "peak memory at 1,000 <= 1.5 x at 10",
                Some(r.rss <= 1.5 * small.rss),
                format!("{:.1} MB vs {:.1} MB", r.rss, small.rss),
            );
        }
        if let Some(floor) = get("floor-1000") {
            let overhead = |ours: f64, typst: f64| (ours / typst - 1.0) * 100.0;
            let (cpu, wall) = (overhead(r.cpu, floor.cpu), overhead(r.wall, floor.wall));
            check(
                "overhead above typst itself (floor-1000) <= 10 %",
                Some(cpu <= 10.0),
                format!(
                    "{cpu:.1} % in CPU time ({:.2} s against {:.2} s); in wall time {wall:.1} % \
                     ({rate:.1} letters/s against {:.1}/s)",
                    r.cpu,
                    floor.cpu,
                    floor.docs as f64 / floor.wall
                ),
            );
        }
        if let Some(cli) = cli {
            check(
                "at least 3 x the typst CLI run two at a time",
                Some(rate >= 3.0 * cli),
                format!(
                    "{:.1} x ({rate:.1} letters/s against {cli:.1}/s)",
                    rate / cli
                ),
            );
        }
    }
    if let Some(r) = get("nvi-1000") {
        check(
            "1,000-question NvI < 3 s",
            Some(r.wall < 3.0),
            format!("{:.3} s", r.wall),
        );
    }
}

/// Peak resident memory of this process in MB (Linux: VmHWM).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn child(case: &str, dir: &Path) {
    let (kind, n) = case
        .split_once('-')
        .unwrap_or_else(|| panic!("unknown case {case}; cases: {CASES:?}"));
    let (data, selection) = match kind {
        "bundled" => (repo().join("data"), Selection::All),
        "letters" | "pv" | "award" => (
            synthetic_bids(dir, n.parse().unwrap()),
            Selection::AwardLetters,
        ),
        "nvi" => (
            synthetic_nvi(dir, n.parse().unwrap()),
            Selection::Nvi("round-1".into()),
        ),
        "floor" => return floor(case, &letter_sources(dir, n.parse().unwrap()).1),
        "check" => return check_bundled(case),
        "watch" => return watch_nvi(case, dir),
        _ => panic!("unknown case {case}; cases: {CASES:?}"),
    };
    let templates = repo().join("templates");
    let out = dir.join("out");
    let is_letter = |j: &Job| j.template == award::LETTER_TEMPLATE;

    // What `gen` does, from loading the data to every file written into out/.
    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    let build = Build::load(Options {
        out: out.clone(),
        templates: templates.clone(),
        stamp: false,
        force: true,
        ..Options::new(&data)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut planned = build.plan(&selection).unwrap_or_else(|e| panic!("{e}"));
    match kind {
        // The letters alone, and the proces-verbaal alone (one document that grows with the
        // number of bids); `award-N` is the whole `gen award-letters`.
        "letters" => {
            planned.jobs.retain(is_letter);
            planned.files.clear();
        }
        "pv" => {
            planned.jobs.retain(|j| !is_letter(j));
            planned.files.clear();
        }
        _ => {}
    }
    let produced = build.produce(planned).unwrap_or_else(|e| panic!("{e}"));
    let docs = produced
        .written
        .iter()
        .filter(|p| !p.ends_with(tendergen::output::manifest::FILE_NAME))
        .count();
    report(case, docs, produced.pages, start, cpu_start);
}

/// `gen check` on the bundled tender: every document rendered and typeset in memory.
fn check_bundled(case: &str) {
    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    let build = Build::load(Options {
        templates: repo().join("templates"),
        stamp: false,
        ..Options::new(&repo().join("data"))
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let checked = build.check().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(checked.errors(), 0);
    report(case, checked.documents, checked.pages, start, cpu_start);
}

/// `gen watch` on a copy of the bundled tender: after the first run, one NvI answer changes;
/// measured is the run that follows (load, plan, skip the unchanged, re-render that NvI) with
/// the engine kept warm, as the watcher does.
fn watch_nvi(case: &str, dir: &Path) {
    let root = dir.join("tender");
    copy_dir(&repo().join("data"), &root.join("data"));
    copy_dir(&repo().join("templates"), &root.join("templates"));
    let options = Options {
        out: dir.join("out"),
        stamp: false,
        ..Options::new(&root.join("data"))
    };
    let first = Build::load(options.clone()).unwrap_or_else(|e| panic!("{e}"));
    let engine = first.stamped_engine();
    let plan = first
        .plan(&Selection::All)
        .unwrap_or_else(|e| panic!("{e}"));
    first
        .produce_with(plan, &engine)
        .unwrap_or_else(|e| panic!("{e}"));
    let round = root.join("data/nvi/round-2.yaml");
    let text = std::fs::read_to_string(&round).unwrap();
    std::fs::write(
        &round,
        text.replacen("Nee, niet automatisch.", "Nee, niet vanzelf.", 1),
    )
    .unwrap();

    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    let build = Build::load(options).unwrap_or_else(|e| panic!("{e}"));
    let plan = build
        .plan(&Selection::All)
        .unwrap_or_else(|e| panic!("{e}"));
    let produced = build
        .produce_with(plan, &engine)
        .unwrap_or_else(|e| panic!("{e}"));
    let pdfs = produced
        .written
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert_eq!(pdfs, 1, "{:?}", produced.written);
    report(case, pdfs, produced.pages, start, cpu_start);
}

/// A synthetic tender of `n` bidders and the generated Typst sources of its letters.
fn letter_sources(dir: &Path, n: usize) -> (PathBuf, Vec<(String, chrono::NaiveDate)>) {
    let data = synthetic_bids(dir, n);
    let build = Build::load(Options {
        templates: repo().join("templates"),
        ..Options::new(&data)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut jobs = build
        .plan(&Selection::AwardLetters)
        .unwrap_or_else(|e| panic!("{e}"))
        .jobs;
    jobs.retain(|j| j.template == award::LETTER_TEMPLATE);
    let sources = jobs
        .iter()
        .map(|j| (pipeline::source(&build.renderer, j).unwrap(), j.date))
        .collect();
    (data, sources)
}

/// The floor: the letters' generated sources (made before the clock starts) typeset by typst
/// alone (compile, PDF export, cache eviction), on the same worker threads as `gen`, in a
/// process of its own that starts as cold as the `letters-N` case.
fn floor(case: &str, sources: &[(String, chrono::NaiveDate)]) {
    let templates = repo().join("templates");
    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    let engine = Engine::new(templates, repo().join("data"));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let pages = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..pipeline::default_threads() {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((src, date)) = sources.get(i) else {
                        break;
                    };
                    let pdf =
                        typeset::pdf(&engine, "floor", src.clone(), *date, &format!("floor-{i}"))
                            .unwrap();
                    pages.fetch_add(pdf.pages, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    report(case, sources.len(), pages.into_inner(), start, cpu_start);
}

/// The typst CLI compiling the generated sources of `n` letters to the same PDF standards, one
/// process per letter, two at a time: letters per second, or `None` without `typst` on PATH.
fn typst_cli(n: usize, root: &Path) -> Option<f64> {
    let version = Command::new("typst").arg("--version").output().ok()?;
    println!(
        "typst CLI ({}): {n} letters, one process each, two at a time …",
        String::from_utf8_lossy(&version.stdout).trim()
    );
    std::fs::create_dir(root).unwrap();
    let (data, sources) = letter_sources(root, n);
    copy_dir(&repo().join("templates"), &root.join("templates"));
    assert!(data.ends_with("data"), "sources read /data/ below the root");
    for (i, (src, _)) in sources.iter().enumerate() {
        std::fs::write(root.join(format!("l{i}.typ")), src).unwrap();
    }
    let compile = |i: usize| {
        Command::new("typst")
            .args(["compile", "--ignore-system-fonts", "--font-path"])
            .arg(repo().join("fonts"))
            .args(["--pdf-standard", "a-2a,ua-1", "--root"])
            .arg(root)
            .arg(root.join(format!("l{i}.typ")))
            .spawn()
            .unwrap()
    };
    let start = Instant::now();
    let mut running: Vec<std::process::Child> = Vec::new();
    let mut next = 0;
    while next < sources.len() || !running.is_empty() {
        while running.len() < 2 && next < sources.len() {
            running.push(compile(next));
            next += 1;
        }
        let mut i = 0;
        while i < running.len() {
            if let Some(status) = running[i].try_wait().unwrap() {
                assert!(status.success(), "typst compile failed");
                // Reaped by `try_wait` above.
                #[allow(clippy::zombie_processes)]
                running.swap_remove(i);
            } else {
                i += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Some(n as f64 / start.elapsed().as_secs_f64())
}

/// The bundled tender with `n` synthetic bidders: bench-0000 is the clear winner (lowest
/// prices, top scores); the others have distinct, higher prices and mixed scores.
fn synthetic_bids(dir: &Path, n: usize) -> PathBuf {
    let data = dir.join("data");
    copy_dir(&repo().join("data"), &data);
    let bids = data.join("bids");
    let sample: Value =
        serde_yaml::from_str(&std::fs::read_to_string(bids.join("arbo-noord.yaml")).unwrap())
            .unwrap();
    for e in std::fs::read_dir(&bids).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    // The records after the invitation name the bundled bidders (receipt times, presentation
    // slots, the definitive award): the synthetic tender has other bidders and none of them.
    for record in [
        "opening.yaml",
        "presentations.yaml",
        "lottery.yaml",
        "new-decision.yaml",
        "definitive-award.yaml",
    ] {
        let _ = std::fs::remove_file(data.join(record));
    }
    for i in 0..n {
        let id = format!("bench-{i:04}");
        let mut bid = sample.clone();
        bid["id"] = Value::from(id.clone());
        bid["name"] = Value::from(format!("Arbodienst Proef {i} B.V."));
        let factor = 1.0 + i as f64 * 0.0007;
        if let Value::Mapping(rates) = &mut bid["rates"] {
            for (_, v) in rates.iter_mut() {
                let r: f64 = v.as_str().unwrap().parse().unwrap();
                *v = Value::from(format!("{:.2}", r * factor));
            }
        }
        let scale = [10, 8, 6, 8];
        if let Value::Mapping(quality) = &mut bid["quality"] {
            for (k, (_, q)) in quality.iter_mut().enumerate() {
                let score = if i == 0 {
                    10
                } else {
                    scale[(i + k) % scale.len()]
                };
                q["score"] = Value::from(score);
                // Reasons of their own per bidder, as real letters have (no shared layout).
                for key in ["strengths", "weaknesses"] {
                    if let Value::Sequence(items) = &mut q[key] {
                        for item in items.iter_mut() {
                            *item = Value::from(format!(
                                "{} (beoordeling {i})",
                                item.as_str().unwrap_or("")
                            ));
                        }
                    }
                }
                q["why_not_maximum"] = if score == 10 {
                    Value::Sequence(vec![])
                } else {
                    Value::Sequence(vec![Value::from(format!(
                        "De uitwerking is op onderdelen algemeen gebleven (beoordeling {i})."
                    ))])
                };
            }
        }
        std::fs::write(
            bids.join(format!("{id}.yaml")),
            serde_yaml::to_string(&bid).unwrap(),
        )
        .unwrap();
    }
    let decision_path = data.join("decision.yaml");
    let mut decision: Value =
        serde_yaml::from_str(&std::fs::read_to_string(&decision_path).unwrap()).unwrap();
    decision["winner"] = Value::from("bench-0000");
    if let Value::Mapping(m) = &mut decision {
        m.remove("lottery");
    }
    std::fs::write(&decision_path, serde_yaml::to_string(&decision).unwrap()).unwrap();
    data
}

/// The bundled tender whose round 1 has `n` questions (round 2, which follows it up, removed).
fn synthetic_nvi(dir: &Path, n: usize) -> PathBuf {
    let data = dir.join("data");
    copy_dir(&repo().join("data"), &data);
    let _ = std::fs::remove_file(data.join("nvi/round-2.yaml"));
    let path = data.join("nvi/round-1.yaml");
    let mut round: Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let sample = round["questions"].as_sequence().unwrap().clone();
    let questions: Vec<Value> = (0..n)
        .map(|i| {
            let mut q = sample[i % sample.len()].clone();
            q["number"] = Value::from(i as u64 + 1);
            q
        })
        .collect();
    round["questions"] = Value::Sequence(questions);
    std::fs::write(&path, serde_yaml::to_string(&round).unwrap()).unwrap();
    data
}
