//! The archive's search benchmark: a library of N links, each with an offline copy of a
//! generated article (about 600 words drawn from a French and English vocabulary of 4,000
//! words, accents included), kept through `archive::keep_page`; then searches inside pages
//! timed in-process (median of 30), the archive's size per page, and the library's own
//! title search with and without the archive beside it.
//!
//! `cargo run --release --example archive_bench -- 10000 /tmp/dir`

use std::time::Instant;

use nacre::archive::{self, Archive};
use nacre::formats::tree::{ImportedTree, Node};

/// A small deterministic generator (xorshift), so every run makes the same pages.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A Zipf-like pick in 0..n: small numbers often, large ones rarely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const STEMS: [&str; 40] = [
    "prise",
    "bastille",
    "révolution",
    "école",
    "forêt",
    "rivière",
    "château",
    "musée",
    "théâtre",
    "marché",
    "garden",
    "river",
    "history",
    "science",
    "engine",
    "rust",
    "memory",
    "pearl",
    "archive",
    "library",
    "écrit",
    "lumière",
    "été",
    "hiver",
    "ville",
    "campagne",
    "voyage",
    "lecture",
    "journal",
    "article",
    "network",
    "browser",
    "page",
    "texte",
    "mot",
    "idée",
    "cœur",
    "façade",
    "naïve",
    "über",
];

fn vocabulary() -> Vec<String> {
    let mut words = Vec::new();
    for i in 0..4000 {
        let stem = STEMS[i % STEMS.len()];
        words.push(if i < STEMS.len() {
            stem.to_owned()
        } else {
            format!("{stem}{}", i / STEMS.len())
        });
    }
    words
}

fn article(rng: &mut Rng, words: &[String], n: usize) -> String {
    let mut html = format!(
        "<html><head><title>Article {n}</title></head><body><nav><a href=/>Home</a> <a href=/a>About</a></nav><article><h1>Article {n}</h1>"
    );
    for _ in 0..12 {
        html.push_str("<p>");
        for _ in 0..50 {
            html.push_str(&words[rng.skewed(words.len())]);
            html.push(' ');
        }
        html.push_str(".</p>");
    }
    html.push_str("</article><footer>© site</footer></body></html>");
    html
}

fn median_ms(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..30 {
        let start = Instant::now();
        found = f();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], found)
}

fn main() -> nacre::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = std::path::PathBuf::from(
        args.get(1)
            .cloned()
            .unwrap_or_else(|| "/tmp/nacre-archive-bench".into()),
    );
    std::fs::create_dir_all(&dir).map_err(|source| nacre::Error::Io {
        path: dir.clone(),
        source,
    })?;
    let library = dir.join("library.sqlite");
    // A library left by an earlier run of the same size is searched again as it is (making
    // 10,000 copies takes minutes); anything else is made anew.
    let reuse = library.exists()
        && Archive::open(Archive::path_beside(&library))
            .and_then(|a| a.size())
            .is_ok_and(|s| s.copies == n);
    if !reuse {
        for file in [library.clone(), Archive::path_beside(&library)] {
            let _ = std::fs::remove_file(&file);
            let _ = std::fs::remove_file(format!("{}-wal", file.display()));
        }
    }
    let store = nacre::Store::open(&library)?;
    let archive = Archive::open(Archive::path_beside(&library))?;
    if !reuse {
        let links = (0..n)
            .map(|i| {
                Node::link(
                    format!("Page {i} about {}", STEMS[i % STEMS.len()]),
                    format!("https://site{}.example/{i}", i % 97),
                )
            })
            .collect();
        let tree = ImportedTree {
            source: "bench".into(),
            roots: vec![Node::collection("Pages", links)],
            skipped: Vec::new(),
            shared: None,
        };
        store.import_tree(&tree, store.root_id(), "Bench")?;
        let ids: Vec<_> =
            store.links_to_fetch(&nacre::store::FetchScope::All, nacre::store::Freshness::Any)?;
        let words = vocabulary();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let start = Instant::now();
        for (i, target) in ids.iter().enumerate() {
            let html = article(&mut rng, &words, i);
            archive::keep_page(&store, &archive, target.pearl, &target.url, &html)?;
        }
        let kept = start.elapsed().as_secs_f64();
        println!(
            "kept {n} copies in {kept:.1} s ({:.2} ms each)",
            kept * 1000.0 / n as f64
        );
    }
    // As an archive run that saved copies leaves it (archive::run merges the search index).
    archive.merge_search_index()?;
    let size = archive.size()?;
    println!(
        "archive: {:.1} KiB stored per page, file {:.1} MiB ({:.1} KiB per page with the index)",
        size.stored_bytes as f64 / 1024.0 / n as f64,
        size.file_bytes as f64 / 1024.0 / 1024.0,
        size.file_bytes as f64 / 1024.0 / n as f64
    );
    for (label, query) in [
        ("a common word (in most pages)", "prise"),
        ("a rare word", "bastille99"),
        ("two words, accents folded", "revolution ecole"),
        ("two common prefixes, no whole word", "revol eco"),
        ("a word in no page", "zzzz"),
    ] {
        let (ms, found) = median_ms(|| {
            archive::search_everywhere(&store, Some(&archive), query, 50).map_or(0, |f| f.len())
        });
        println!("search inside {n} pages, {label} ({query:?}): {ms:.2} ms, {found} results");
    }
    let (with, _) = median_ms(|| {
        archive::search_everywhere(&store, Some(&archive), "page", 50).map_or(0, |f| f.len())
    });
    let (without, _) = median_ms(|| store.search("page", 50).map_or(0, |f| f.len()));
    println!(
        "title search \"page\" (50 title matches): {without:.2} ms alone, {with:.2} ms with the archive beside"
    );
    let start = Instant::now();
    drop(nacre::Store::open(&library)?);
    println!(
        "open the library with its archive beside: {:.2} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
