//! The licences a curator can put on a shared tree: the Creative Commons ones by name, with
//! the address of their deed, or any free text.

use serde::Serialize;

/// A Creative Commons licence Nacre offers by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct KnownLicense {
    /// The short id the tool takes (`cc-by`).
    pub id: &'static str,
    /// Its name, as the page and the provenance say it (`CC BY 4.0`).
    pub name: &'static str,
    /// The address of its deed.
    pub url: &'static str,
}

/// The Creative Commons choices, most open first.
pub const CREATIVE_COMMONS: [KnownLicense; 7] = [
    KnownLicense {
        id: "cc0",
        name: "CC0 1.0",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    KnownLicense {
        id: "cc-by",
        name: "CC BY 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    KnownLicense {
        id: "cc-by-sa",
        name: "CC BY-SA 4.0",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    KnownLicense {
        id: "cc-by-nc",
        name: "CC BY-NC 4.0",
        url: "https://creativecommons.org/licenses/by-nc/4.0/",
    },
    KnownLicense {
        id: "cc-by-nc-sa",
        name: "CC BY-NC-SA 4.0",
        url: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    },
    KnownLicense {
        id: "cc-by-nd",
        name: "CC BY-ND 4.0",
        url: "https://creativecommons.org/licenses/by-nd/4.0/",
    },
    KnownLicense {
        id: "cc-by-nc-nd",
        name: "CC BY-NC-ND 4.0",
        url: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    },
];

/// The Creative Commons licence `text` names, by id (`cc-by`) or by name (`CC BY 4.0`, `cc by`),
/// ignoring case, spaces and dashes.
pub fn known(text: &str) -> Option<&'static KnownLicense> {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = fold(text);
    CREATIVE_COMMONS.iter().find(|l| {
        fold(l.id) == wanted
            || fold(l.name) == wanted
            || fold(l.name.trim_end_matches(" 4.0").trim_end_matches(" 1.0")) == wanted
    })
}

/// The licence as the file will say it: a Creative Commons licence by its full name, anything
/// else as written (trimmed).
pub fn normalized(text: &str) -> String {
    known(text).map_or_else(|| text.trim().to_owned(), |l| l.name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creative_commons_licences_are_known_by_id_or_name_and_anything_else_is_kept() {
        assert_eq!(normalized("cc-by"), "CC BY 4.0");
        assert_eq!(normalized("CC BY-SA"), "CC BY-SA 4.0");
        assert_eq!(normalized(" cc by nc 4.0 "), "CC BY-NC 4.0");
        assert_eq!(normalized("CC0"), "CC0 1.0");
        assert_eq!(normalized("Tous droits réservés"), "Tous droits réservés");
        assert!(known("cc-by-xyz").is_none());
    }
}
