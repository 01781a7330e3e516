//! `nacre://` links, which the popup's "Open in Nacre" opens: they can only show a pearl,
//! never change anything. `nacre://pearl/42` brings the window forward on pearl 42.

use crate::error::{Error, Result};
use crate::model::PearlId;

/// The scheme the window registers.
pub const SCHEME: &str = "nacre";

/// The pearl a `nacre://pearl/ID` link shows.
///
/// # Errors
/// [`Error::Invalid`] for any other link, naming what was wrong.
pub fn pearl_to_show(link: &str) -> Result<PearlId> {
    let invalid = |why: &str| Error::Invalid(format!("{link:?} is not a Nacre link: {why}"));
    let url = url::Url::parse(link.trim()).map_err(|e| invalid(&e.to_string()))?;
    if url.scheme() != SCHEME {
        return Err(invalid("it does not start with nacre://"));
    }
    if url.host_str() != Some("pearl") {
        return Err(invalid("Nacre links only show a pearl (nacre://pearl/ID)"));
    }
    let id = url.path().trim_matches('/');
    id.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(PearlId)
        .ok_or_else(|| invalid("the pearl's id is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_links_that_show_a_pearl_are_taken() {
        assert_eq!(pearl_to_show("nacre://pearl/42").unwrap(), PearlId(42));
        assert_eq!(pearl_to_show("nacre://pearl/42/").unwrap(), PearlId(42));
        for bad in [
            "nacre://delete/42",
            "nacre://pearl/x",
            "nacre://pearl/-1",
            "https://pearl/42",
            "nacre:pearl",
        ] {
            assert_eq!(
                pearl_to_show(bad).unwrap_err().code(),
                crate::ErrorCode::Invalid,
                "{bad}"
            );
        }
    }
}
