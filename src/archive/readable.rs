//! The readable text of a page: the article without the site's navigation, ads, footers and
//! cookie banners, found with `dom_smoothie` (a Rust port of Mozilla's Readability, the
//! reader view of Firefox).
//!
//! Pure: from the page's decoded text and its URL to a [`Readable`], with no network. The
//! text keeps its structure as Markdown (headings, lists, quotes, links; an image becomes its
//! alt text); the article's HTML is kept too, cleaned of anything that could run, for the
//! window's reader view.

use dom_smoothie::{Config, Readability, TextMode};
use serde::Serialize;
use url::Url;

/// Fewer words than this in the article, and the copy is judged empty: what is left is the
/// site's chrome, or the page writes its text with a script that Nacre does not run.
pub const MIN_WORDS: usize = 20;

/// Elements the readability parser looks at at most; a larger page is read as far as that.
const MAX_ELEMENTS: usize = 200_000;

/// The readable text of an article and what it says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Readable {
    /// The article's title.
    pub title: String,
    /// Who wrote it, as the page says.
    pub byline: Option<String>,
    /// When it was published, as the page says (often ISO 8601).
    pub published: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// A short summary, if the page gives one.
    pub excerpt: Option<String>,
    /// The page's language (`lang`).
    pub lang: Option<String>,
    /// The text, as Markdown.
    pub text: String,
    /// The article as HTML, with no script, frame, handler or image left in it (images are
    /// their alt text).
    pub html: String,
}

/// Why a page gave no readable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReadable {
    /// Too little text: the page is chrome only, or a script writes its content.
    Empty {
        /// Whether the page has scripts (then they are the likely writer of its text).
        has_scripts: bool,
        /// Words found.
        words: usize,
    },
}

impl std::fmt::Display for NotReadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotReadable::Empty {
                has_scripts: true,
                words,
            } => write!(
                f,
                "empty: {words} words of text without the page's scripts (a script writes this page, and Nacre runs none)"
            ),
            NotReadable::Empty { words, .. } => {
                write!(f, "empty: only {words} words of readable text")
            }
        }
    }
}

/// The readable text of the page `html` found at `url`.
///
/// # Errors
/// [`NotReadable::Empty`] when the article has fewer than [`MIN_WORDS`] words.
pub fn readable(html: &str, url: &Url) -> Result<Readable, NotReadable> {
    let has_scripts = has_scripts(html);
    let empty = |words| NotReadable::Empty { has_scripts, words };
    let config = Config {
        text_mode: TextMode::Markdown,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let doc = dom_query::Document::from(html);
    remove_consent_banners(&doc);
    let Ok(mut parser) = Readability::with_document(doc, Some(url.as_str()), Some(config)) else {
        return Err(empty(0));
    };
    let article = parser.parse().map_err(|_| empty(0))?;
    let text = tidy_markdown(&article.text_content);
    let words = text.split_whitespace().count();
    if words < MIN_WORDS {
        return Err(empty(words));
    }
    let keep = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(Readable {
        title: article.title.trim().to_owned(),
        byline: keep(article.byline),
        published: keep(article.published_time),
        site_name: keep(article.site_name),
        excerpt: keep(article.excerpt),
        lang: keep(article.lang),
        text,
        html: super::snapshot::clean_fragment(&article.content),
    })
}

/// Elements that by their name hold a cookie or consent banner, removed when their text is
/// short (an article is never that short and never named so, but a page's wrapper might be).
const CONSENT_BANNERS: &str = "[id*=cookie i], [class*=cookie i], [id*=consent i], \
    [class*=consent i], [id*=gdpr i], [class*=gdpr i]";

/// The longest text a consent banner is taken to have.
const MAX_BANNER_CHARS: usize = 1500;

/// Removes cookie and consent banners, which Readability keeps when they are short
/// paragraphs beside the article.
fn remove_consent_banners(doc: &dom_query::Document) {
    for el in doc.select(CONSENT_BANNERS).nodes() {
        if el.text().chars().count() <= MAX_BANNER_CHARS {
            el.remove_from_parent();
        }
    }
}

/// Whether the page has a script element (a rough look at the text; only for the message).
fn has_scripts(html: &str) -> bool {
    html.to_ascii_lowercase().contains("<script")
}

/// Markdown with runs of blank lines made one and lines trimmed at the end.
fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Url {
        Url::parse("https://news.example/2024/bastille").expect("url")
    }

    const ARTICLE: &str = r#"<!doctype html><html lang="fr"><head><title>La prise de la Bastille</title>
        <meta name="author" content="Jeanne Martin"></head><body>
        <nav><a href="/">Accueil</a> <a href="/sport">Sport</a> <a href="/meteo">Météo</a></nav>
        <div class="cookie-banner">Nous utilisons des cookies. Accepter ?</div>
        <article><h1>La prise de la Bastille</h1>
        <p>Le 14 juillet 1789, la foule parisienne s'empare de la forteresse de la Bastille, symbole
        de l'arbitraire royal. Ce jour marque le début de la Révolution française pour beaucoup
        d'historiens, et la fête nationale en garde le souvenir.</p>
        <h2>Les causes</h2><ul><li>La crise financière du royaume</li><li>Le renvoi de Necker</li></ul>
        <blockquote>« Non, Sire, c'est une révolution. »</blockquote>
        <p>Voir aussi <a href="/1789/etats-generaux">les États généraux</a> et la gravure
        <img src="/img/bastille.jpg" alt="La Bastille assiégée">, conservée au musée Carnavalet,
        qui montre l'assaut de la forteresse par les gardes françaises et le peuple de Paris.</p></article>
        <aside class="ad">Publicité : achetez des montres</aside>
        <footer>© Le Journal 2024 — mentions légales</footer></body></html>"#;

    #[test]
    fn the_article_is_kept_and_the_chrome_left_out() {
        let r = readable(ARTICLE, &url()).expect("readable");
        assert_eq!(r.title, "La prise de la Bastille");
        assert!(r.text.contains("la foule parisienne"), "{}", r.text);
        assert!(
            r.text.contains("## Les causes"),
            "headings kept: {}",
            r.text
        );
        assert!(
            r.text.contains("Le renvoi de Necker"),
            "lists kept: {}",
            r.text
        );
        assert!(
            r.text.contains("c'est une révolution"),
            "quotes kept: {}",
            r.text
        );
        assert!(
            r.text.contains("La Bastille assiégée"),
            "alt text kept: {}",
            r.text
        );
        assert!(
            r.text.contains("https://news.example/1789/etats-generaux"),
            "links kept, made absolute: {}",
            r.text
        );
        for chrome in ["Accueil", "cookies", "montres", "mentions légales"] {
            assert!(!r.text.contains(chrome), "{chrome:?} left in: {}", r.text);
        }
        assert!(!r.html.contains("<img"), "{}", r.html);
    }

    #[test]
    fn a_page_a_script_writes_is_empty() {
        let html = r#"<html><head><title>App</title></head><body><nav>Home About</nav>
            <div id="root"></div><script>document.getElementById('root').innerHTML='<p>hello</p>'</script>
            </body></html>"#;
        let e = readable(html, &url()).expect_err("empty");
        assert!(
            matches!(
                e,
                NotReadable::Empty {
                    has_scripts: true,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("script"), "{e}");
    }

    #[test]
    fn broken_html_gives_an_outcome_not_a_panic() {
        for html in [
            "",
            "<",
            "<html><body><p>unclosed <b><i>",
            "\0\0\0",
            "<table><tr><td><p>x",
        ] {
            let _ = readable(html, &url());
        }
    }
}
