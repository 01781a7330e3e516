//! Where an imported branch came from: the tree a curator handed on as a Nacre file or page,
//! with their credit, kept on the branch's top pearl through later edits and moves, and said in
//! words ("From “Révolution” by M. Durand, CC BY 4.0, 3 Dec 2026").

use serde::{Deserialize, Serialize};

/// The provenance of a branch imported from a shared tree.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Provenance {
    /// The tree: the UUID of the exported collection in its curator's library (the same for
    /// every version of that tree).
    pub tree: String,
    /// The tree's title in the version last imported.
    pub title: String,
    /// The curator's name, if the file gave one.
    #[serde(default)]
    pub curator: Option<String>,
    /// The curator's description of the tree.
    #[serde(default)]
    pub description: Option<String>,
    /// Its licence ("CC BY 4.0", or the curator's own words).
    #[serde(default)]
    pub license: Option<String>,
    /// When the version last imported was written (ms since the Unix epoch).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub exported_at: Option<i64>,
    /// When it was imported (or last updated) here (ms since the Unix epoch).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub imported_at: i64,
    /// All of it in words: "From “Révolution” by M. Durand, CC BY 4.0, 3 Dec 2026".
    #[serde(default)]
    pub summary: String,
    /// For a pearl picked from an imported copy into the user's own tree (ms since the Unix
    /// epoch): when. A picked pearl is the user's own: updates of the tree leave it alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub picked_at: Option<i64>,
}

impl Provenance {
    /// The provenance in words: the tree's title, its curator, its licence and the day its
    /// version was written (or else imported).
    pub fn describe(&self) -> String {
        let mut text = format!("From “{}”", self.title);
        if let Some(curator) = &self.curator {
            text.push_str(&format!(" by {curator}"));
        }
        if let Some(license) = &self.license {
            text.push_str(&format!(", {license}"));
        }
        text.push_str(&format!(
            ", {}",
            day_text(self.exported_at.unwrap_or(self.imported_at))
        ));
        text
    }

    /// The provenance with its [`Provenance::summary`] written.
    #[must_use]
    pub fn with_summary(mut self) -> Provenance {
        self.summary = self.describe();
        self
    }

    /// Whether this is the provenance of a pick (the user's own copy), not of an imported copy.
    pub fn is_pick(&self) -> bool {
        self.picked_at.is_some()
    }

    /// Reads the JSON a pearl row keeps (its summary written afresh); `None` for anything else.
    pub fn from_json(text: &str) -> Option<Provenance> {
        serde_json::from_str::<Provenance>(text)
            .ok()
            .map(Provenance::with_summary)
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day in words, UTC: "3 Dec 2026".
pub fn day_text(ms: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .date();
    date_text(date)
}

/// A date in words: "3 Dec 2026".
pub fn date_text(day: time::Date) -> String {
    let month = MONTHS[usize::from(u8::from(day.month())) - 1];
    format!("{} {month} {}", day.day(), day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provenance_says_title_curator_licence_and_day() {
        let p = Provenance {
            tree: "t".into(),
            title: "Révolution".into(),
            curator: Some("M. Durand".into()),
            license: Some("CC BY 4.0".into()),
            exported_at: Some(1_796_256_000_000), // 3 Dec 2026, 00:00 UTC
            imported_at: 0,
            ..Provenance::default()
        };
        assert_eq!(
            p.describe(),
            "From “Révolution” by M. Durand, CC BY 4.0, 3 Dec 2026"
        );
    }
}
