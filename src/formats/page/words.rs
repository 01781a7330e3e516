//! The exported page's own words, in the language the page is written in (English or French),
//! and the `lang` it declares. The tree's titles and notes are never translated: only what the
//! page itself says around them.

use serde::{Deserialize, Serialize};

/// A language the exported page can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PageLanguage {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl PageLanguage {
    /// The BCP 47 tag the page declares (`<html lang>`), also used to write its dates.
    pub fn tag(self) -> &'static str {
        match self {
            PageLanguage::En => "en",
            PageLanguage::Fr => "fr",
        }
    }

    /// The language a locale name asks for ("fr_FR.UTF-8", "fr-CA", "en-GB"): French for any
    /// French locale, English otherwise.
    pub fn from_locale(locale: &str) -> PageLanguage {
        if locale.trim().to_ascii_lowercase().starts_with("fr") {
            PageLanguage::Fr
        } else {
            PageLanguage::En
        }
    }

    /// The page's words in this language.
    pub(super) fn words(self) -> Words {
        match self {
            PageLanguage::En => Words {
                search: "Search titles, links, notes and tags",
                needs_script: "This page needs JavaScript to show the tree.",
                collection: ["collection", "collections"],
                link: ["link", "links"],
                note: ["note", "notes"],
                result: ["result", "results"],
                exported: "shared on",
                nothing_found: "Nothing found",
                showing_first: "showing the first",
                untitled: "Untitled",
                show_in_tree: "Show in the tree",
                not_opened: "Not opened from this page:",
                made_with: "Made with Nacre",
                open_in_nacre: "Open this page in Nacre to make it your own",
                by: "By",
                license: "Licence:",
            },
            PageLanguage::Fr => Words {
                search: "Rechercher dans les titres, liens, notes et étiquettes",
                needs_script: "Cette page a besoin de JavaScript pour afficher l’arbre.",
                collection: ["collection", "collections"],
                link: ["lien", "liens"],
                note: ["note", "notes"],
                result: ["résultat", "résultats"],
                exported: "partagé le",
                nothing_found: "Rien trouvé",
                showing_first: "les premiers affichés :",
                untitled: "Sans titre",
                show_in_tree: "Montrer dans l’arbre",
                not_opened: "Ne s’ouvre pas depuis cette page :",
                made_with: "Fait avec Nacre",
                open_in_nacre: "Ouvrez cette page dans Nacre pour en faire la vôtre",
                by: "Par",
                license: "Licence :",
            },
        }
    }
}

/// What the page says, as its script reads it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Words {
    pub search: &'static str,
    pub needs_script: &'static str,
    pub collection: [&'static str; 2],
    pub link: [&'static str; 2],
    pub note: [&'static str; 2],
    pub result: [&'static str; 2],
    pub exported: &'static str,
    pub nothing_found: &'static str,
    pub showing_first: &'static str,
    pub untitled: &'static str,
    pub show_in_tree: &'static str,
    pub not_opened: &'static str,
    pub made_with: &'static str,
    pub open_in_nacre: &'static str,
    /// Before the curator's name at the top of the page (written there by Nacre, not the script).
    #[serde(skip)]
    pub by: &'static str,
    /// Before the licence at the top of the page.
    #[serde(skip)]
    pub license: &'static str,
}

#[cfg(test)]
mod tests {
    use super::PageLanguage;

    #[test]
    fn a_french_locale_gives_a_french_page_and_anything_else_english() {
        assert_eq!(PageLanguage::from_locale("fr_FR.UTF-8"), PageLanguage::Fr);
        assert_eq!(PageLanguage::from_locale("fr-CA"), PageLanguage::Fr);
        assert_eq!(PageLanguage::from_locale("en_GB.UTF-8"), PageLanguage::En);
        assert_eq!(PageLanguage::from_locale(""), PageLanguage::En);
    }
}
