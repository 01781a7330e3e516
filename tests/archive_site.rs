//! The site the archive tests (the core's and the tool's) archive: an article with its chrome,
//! assets and a script that must never run, and the pages that go wrong in every way; and the
//! library set up with links to them.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use nacre::archive::{self, Archive, ArchiveReport, Options, Staleness};
use nacre::store::FetchScope;
use nacre::{PearlId, Store};

use crate::common::TestLibrary;
use crate::fetch_server::{Reply, TestServer};

/// The start of a PNG file: enough for Nacre to know it is one.
pub(crate) const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

/// The article: chrome around it, assets, and a script that must never run.
pub(crate) const ARTICLE: &str = r#"<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>La prise de la Bastille | Le Journal</title>
<link rel="stylesheet" href="/css/site.css"><link rel="icon" href="/favicon.png">
<script src="/js/tracker.js"></script>
<script>document.addEventListener('DOMContentLoaded', function () {
  document.body.innerHTML = '<p>HACKED BY SCRIPT</p>';
  fetch('/call-home?from=inline');
});</script></head>
<body><header><nav><a href="/">Accueil</a> | <a href="/sport">Sport</a> | <a href="/meteo">Météo du jour</a></nav></header>
<div class="cookie-consent">Nous utilisons des cookies pour mesurer l'audience. Accepter ?</div>
<main><article><h1>La prise de la Bastille</h1>
<p class="byline">Par Jeanne Martin</p>
<p>Le 14 juillet 1789, la foule parisienne s'empare de la forteresse de la Bastille, symbole de
l'arbitraire royal. Ce jour marque le début de la Révolution française pour beaucoup d'historiens,
et la fête nationale en garde le souvenir depuis 1880.</p>
<img src="/img/assaut.png" alt="L'assaut de la Bastille" onerror="fetch('/call-home?from=onerror')">
<h2>Les causes</h2><ul><li>La crise financière du royaume</li><li>Le renvoi de Necker</li></ul>
<blockquote>« Non, Sire, c'est une révolution. »</blockquote>
<p>La forteresse ne gardait alors que sept prisonniers. Sa démolition commença dès le lendemain,
et ses pierres servirent à construire le pont de la Concorde, que l'on traverse encore aujourd'hui.</p>
</article></main>
<aside class="ad"><a href="https://ads.example/">Publicité : montres de luxe à prix cassés</a></aside>
<footer>© Le Journal 2024 — mentions légales — plan du site</footer></body></html>"#;

const STYLESHEET: &str = "@import '/css/fonts.css';\nbody { background: url(../img/bg.png) }\n";

/// A windows-1252 page (the charset in the header only).
fn cp1252_page() -> Vec<u8> {
    let text = "<html><head><title>Caf\u{e9}s de Paris</title></head><body><article><h1>Caf\u{e9}s de Paris</h1>\
        <p>Au caf\u{e9} de Flore, on boit un cr\u{e8}me en lisant le journal du matin. \
        Les gar\u{e7}ons y servent depuis la fin du dix-neuvi\u{e8}me si\u{e8}cle une client\u{e8}le \
        d'\u{e9}crivains, de peintres et d'\u{e9}tudiants qui refont le monde \u{e0} chaque table.</p>\
        </article></body></html>";
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

/// The pages every archive test can ask for.
pub(crate) fn pages(path: &str, before: usize) -> Reply {
    match path {
        "/article" => Reply::html(ARTICLE),
        "/css/site.css" => Reply::new(200, "text/css", STYLESHEET),
        "/css/fonts.css" => Reply::new(200, "text/css", "h1 { font-family: serif }"),
        "/img/assaut.png" | "/img/bg.png" | "/favicon.png" => Reply::new(200, "image/png", PNG),
        "/js/tracker.js" => Reply::new(200, "text/javascript", "fetch('/call-home?from=js')"),
        "/cp1252" => Reply::new(200, "text/html; charset=windows-1252", cp1252_page()),
        "/old" => Reply::redirect(301, "/article"),
        "/loop-a" => Reply::redirect(302, "/loop-b"),
        "/loop-b" => Reply::redirect(302, "/loop-a"),
        "/missing" => Reply::new(
            404,
            "text/html",
            "<title>Not found</title><p>No such page</p>",
        ),
        "/huge" => {
            let mut body = b"<html><body><article>".to_vec();
            body.resize(12 * 1024 * 1024, b'a');
            Reply::html(body)
        }
        "/paper.pdf" => Reply::new(
            200,
            "application/pdf",
            b"%PDF-1.4\n%\xe2\xe3\n1 0 obj".to_vec(),
        ),
        "/app" => Reply::html(
            "<html><head><title>App</title></head><body><nav>Home · About</nav><div id=root></div>\
             <script>document.getElementById('root').textContent = 'written by a script'</script></body></html>",
        ),
        "/slow" => Reply::html(ARTICLE).delayed(Duration::from_secs(5)),
        // An article the first time, a server error afterwards.
        "/flaky" if before == 0 => Reply::html(ARTICLE),
        "/flaky" => Reply::new(500, "text/html", "<title>Internal error</title>"),
        _ => Reply::new(404, "text/html", "<title>Not found</title>"),
    }
}

/// A library with one link per path, and its archive beside it.
pub(crate) struct Setup {
    pub(crate) library: TestLibrary,
    pub(crate) archive: Archive,
    pub(crate) links: Vec<PearlId>,
}

pub(crate) fn setup(server: &TestServer, paths: &[&str]) -> Setup {
    let library = TestLibrary::new();
    let folder = library.collection(library.root(), "Histoire");
    let links = paths
        .iter()
        .map(|p| library.link(folder, &format!("page {p}"), &server.url(p)))
        .collect();
    let archive = Archive::open(Archive::path_beside(library.store.path())).expect("archive");
    Setup {
        library,
        archive,
        links,
    }
}

/// Archive options for tests: many pages of one host at once, and a timeout long enough for a
/// machine busy with builds (a test of timeouts sets its own).
pub(crate) fn quick() -> Options {
    let mut options = Options::default();
    options.fetch.timeout = Duration::from_secs(10);
    options.fetch.per_host = 16;
    options
}

pub(crate) fn archive_all(store: &Store, archive: &Archive, options: &Options) -> ArchiveReport {
    let targets =
        archive::targets(store, archive, &FetchScope::All, Staleness::All).expect("targets");
    archive::run(
        store,
        archive,
        targets,
        options,
        |_| {},
        &AtomicBool::new(false),
    )
    .expect("run")
}
