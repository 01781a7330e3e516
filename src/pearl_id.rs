//! The integer id of a pearl: the fast local key of one library (its UUID is what survives
//! copies and devices; see `store::identity`). Its own module so that the errors can name a
//! pearl without depending on the whole model.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The id of one pearl in one library. Ids are never reused within a library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "number"))]
pub struct PearlId(pub i64);

impl fmt::Display for PearlId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}
