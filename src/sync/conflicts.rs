//! Values that lost to a concurrent edit of the same field on another device: kept beside the
//! pearl (`sync_conflicts`, written when changes are taken in) so that nothing a person typed
//! is silently lost, until someone dismisses them (then on every device, at the next round).

use rusqlite::params;

use crate::error::Result;
use crate::model::PearlId;
use crate::store::Store;

impl Store {
    /// The lost values of a pearl: `(field, value, device, when)`, oldest first.
    ///
    /// # Errors
    /// [`crate::error::Error::Sqlite`] only.
    pub fn sync_also_values(&self, pearl: PearlId) -> Result<Vec<(String, String, String, i64)>> {
        self.read(|conn| {
            let values = conn
                .prepare(
                    "SELECT field, value, device, at FROM sync_conflicts WHERE pearl_id = ?1
                     ORDER BY at, field, device",
                )?
                .query_map([pearl.0], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(values)
        })
    }

    /// Dismisses the lost values of `field` of a pearl; how many there were.
    ///
    /// # Errors
    /// [`crate::error::Error::Sqlite`] only.
    pub fn sync_dismiss_also(&self, pearl: PearlId, field: &str) -> Result<usize> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM sync_conflicts WHERE pearl_id = ?1 AND field = ?2",
                params![pearl.0, field],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO sync_dismissed (uuid, field)
                 SELECT uuid, ?2 FROM pearls WHERE id = ?1 AND uuid IS NOT NULL",
                params![pearl.0, field],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO sync_changes (uuid) SELECT uuid FROM pearls WHERE id = ?1 AND uuid IS NOT NULL",
                [pearl.0],
            )?;
            Ok(n)
        })
    }
}
