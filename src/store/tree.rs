//! Reading the tree: the root and the trash, a collection's children in order, a whole subtree
//! in one pass, where a pearl is, and collection paths such as `Research/Rust`.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::{Store, rows};
use crate::error::{Error, Result};
use crate::model::{Pearl, PearlId, PearlKind};

/// The ids of the pearls that have no parent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Roles {
    pub root: PearlId,
    pub trash: PearlId,
    pub limbo: PearlId,
    /// The Inbox, made at open by [`super::identity::ensure_inbox`].
    pub inbox: PearlId,
}

impl Roles {
    pub(crate) fn load(conn: &Connection) -> Result<Roles> {
        let id = |role: &str| -> Result<PearlId> {
            let id: i64 = conn.query_row("SELECT id FROM pearls WHERE role = ?1", [role], |r| {
                r.get(0)
            })?;
            Ok(PearlId(id))
        };
        Ok(Roles {
            root: id("root")?,
            trash: id("trash")?,
            limbo: id("limbo")?,
            inbox: super::identity::find(conn, super::identity::INBOX_UUID)?.unwrap_or(PearlId(0)),
        })
    }
}

/// Where a pearl is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Place {
    /// In the tree, reachable from the root.
    Tree,
    /// In the trash, restorable.
    Trash,
    /// Kept only for undo and redo; invisible.
    Limbo,
}

/// One pearl of a subtree listing, with its depth below the listed pearl.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TreeRow {
    /// The pearl.
    pub pearl: Pearl,
    /// 0 for the children of the listed pearl, 1 for their children, and so on.
    pub depth: u32,
}

/// The chain of parent ids from `id` up to the top (root, trash or limbo), `id` first.
pub(crate) fn ancestry(conn: &Connection, id: PearlId) -> Result<Vec<PearlId>> {
    let mut stmt = conn.prepare_cached("SELECT parent_id FROM pearls WHERE id = ?1")?;
    let mut chain = vec![id];
    let mut current = id;
    loop {
        let parent: Option<Option<i64>> = stmt.query_row([current.0], |r| r.get(0)).optional()?;
        match parent {
            None => return Err(Error::PearlNotFound(current)),
            Some(None) => return Ok(chain),
            Some(Some(p)) => {
                current = PearlId(p);
                if chain.contains(&current) {
                    return Err(Error::TreeConflict(format!(
                        "the tree has a cycle at {current}"
                    )));
                }
                chain.push(current);
            }
        }
    }
}

/// The ids of every pearl reachable from `top`, `top` included.
pub(crate) fn subtree_ids(conn: &Connection, top: PearlId) -> Result<Vec<PearlId>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT p.id FROM pearls p JOIN sub ON p.parent_id = sub.id)
         SELECT id FROM sub",
    )?;
    let ids = stmt
        .query_map([top.0], |r| r.get(0).map(PearlId))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The ids of every pearl in the tree (reachable from the root).
pub(crate) fn live_ids(conn: &Connection, root: PearlId) -> Result<HashSet<PearlId>> {
    Ok(subtree_ids(conn, root)?.into_iter().collect())
}

impl Store {
    /// The root collection.
    pub fn root_id(&self) -> PearlId {
        self.roles.root
    }

    /// The trash.
    pub fn trash_id(&self) -> PearlId {
        self.roles.trash
    }

    /// The Inbox: the built-in collection at the top of the tree where captures land when no
    /// collection is chosen.
    pub fn inbox_id(&self) -> PearlId {
        self.roles.inbox
    }

    pub(crate) fn limbo_id(&self) -> PearlId {
        self.roles.limbo
    }

    /// One pearl.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn pearl(&self, id: PearlId) -> Result<Pearl> {
        self.read(|conn| rows::pearl(conn, id))
    }

    /// The pearls directly in `parent`, in order.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn children(&self, parent: PearlId) -> Result<Vec<Pearl>> {
        self.read(|conn| children(conn, parent))
    }

    /// Everything below `top` in display order (each pearl followed by its descendants), with
    /// depths; `max_depth` 0 lists only the children. Read in one query, however large.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn subtree(&self, top: PearlId, max_depth: Option<u32>) -> Result<Vec<TreeRow>> {
        self.read(|conn| {
            rows::pearl(conn, top)?;
            let sql = format!(
                "WITH RECURSIVE sub(id, depth) AS (
                   SELECT id, 0 FROM pearls WHERE parent_id = ?1
                   UNION ALL
                   SELECT p.id, sub.depth + 1 FROM pearls p JOIN sub ON p.parent_id = sub.id
                   WHERE ?2 IS NULL OR sub.depth < ?2)
                 SELECT {cols}, sub.depth, p.order_key FROM sub JOIN pearls p ON p.id = sub.id",
                cols = rows::PEARL_COLUMNS
            );
            let mut stmt = conn.prepare(&sql)?;
            let mut by_parent: HashMap<PearlId, Vec<(String, Pearl, u32)>> = HashMap::new();
            let found = stmt.query_map(rusqlite::params![top.0, max_depth], |r| {
                Ok((
                    rows::pearl_from_row(r)?,
                    r.get::<_, u32>(rows::PEARL_COLUMN_COUNT)?,
                    r.get::<_, String>(rows::PEARL_COLUMN_COUNT + 1)?,
                ))
            })?;
            for item in found {
                let (pearl, depth, key) = item?;
                let parent = pearl.parent_id.unwrap_or(top);
                by_parent
                    .entry(parent)
                    .or_default()
                    .push((key, pearl, depth));
            }
            for siblings in by_parent.values_mut() {
                siblings.sort_by(|a, b| a.0.cmp(&b.0));
                siblings.reverse();
            }
            // Depth-first, in sibling order, without recursion (trees can be deep).
            let mut out = Vec::new();
            let mut stack: Vec<(String, Pearl, u32)> = by_parent.remove(&top).unwrap_or_default();
            while let Some((_, pearl, depth)) = stack.pop() {
                if let Some(children) = by_parent.remove(&pearl.id) {
                    stack.extend(children);
                }
                out.push(TreeRow { pearl, depth });
            }
            Ok(out)
        })
    }

    /// Where a pearl is: in the tree, in the trash, or kept only for undo.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn place(&self, id: PearlId) -> Result<Place> {
        self.read(|conn| self.place_in(conn, id))
    }

    pub(crate) fn place_in(&self, conn: &Connection, id: PearlId) -> Result<Place> {
        let top = *ancestry(conn, id)?.last().unwrap_or(&id);
        Ok(if top == self.roles.root {
            Place::Tree
        } else if top == self.roles.trash {
            Place::Trash
        } else {
            Place::Limbo
        })
    }

    /// The titles of the collections from the root (excluded) down to the pearl's parent: the
    /// pearl's path, e.g. `["Research", "Rust"]`. Empty for a pearl at the top of the tree.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn path_of(&self, id: PearlId) -> Result<Vec<String>> {
        self.read(|conn| path_of(conn, id))
    }

    /// The pearl's own path, its title last ("Research/Rust/The Book"), as the tool prints paths.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn full_path(&self, id: PearlId) -> Result<String> {
        self.read(|conn| full_path(conn, id))
    }

    /// The ids from `id` up to the top of the tree (or the trash), `id` first.
    ///
    /// # Errors
    /// [`Error::PearlNotFound`] if there is no such pearl.
    pub fn ancestry(&self, id: PearlId) -> Result<Vec<PearlId>> {
        self.read(|conn| ancestry(conn, id))
    }

    /// The collection that `path` names. Accepted forms: `""` or `/` for the root; `#42` for
    /// the pearl with id 42; `Research/Rust` for the collection "Rust" in the top-level
    /// collection "Research" (titles matched exactly, or else ignoring case; `\/` stands for a
    /// slash inside a title).
    ///
    /// # Errors
    /// [`Error::PathNotFound`] if no collection has that path; [`Error::AmbiguousPath`] if more
    /// than one has; [`Error::Invalid`] if `#id` names a pearl that is not a collection.
    pub fn resolve_path(&self, path: &str) -> Result<PearlId> {
        self.read(|conn| {
            let trimmed = path.trim();
            if let Some(digits) = trimmed.strip_prefix('#') {
                let id = digits
                    .parse::<i64>()
                    .map(PearlId)
                    .map_err(|_| Error::PathNotFound(path.to_owned()))?;
                let pearl = rows::pearl(conn, id)?;
                if pearl.kind != PearlKind::Collection {
                    return Err(Error::Invalid(format!(
                        "{id} is a {}, not a collection",
                        pearl.kind
                    )));
                }
                return Ok(id);
            }
            let mut current = self.roles.root;
            for segment in split_path(trimmed) {
                let candidates: Vec<Pearl> = children(conn, current)?
                    .into_iter()
                    .filter(|p| p.kind == PearlKind::Collection)
                    .collect();
                let exact: Vec<&Pearl> = candidates.iter().filter(|p| p.title == segment).collect();
                let matches = if exact.is_empty() {
                    let lower = segment.to_lowercase();
                    candidates
                        .iter()
                        .filter(|p| p.title.to_lowercase() == lower)
                        .collect()
                } else {
                    exact
                };
                current = match matches.as_slice() {
                    [one] => one.id,
                    [] => return Err(Error::PathNotFound(path.to_owned())),
                    many => {
                        return Err(Error::AmbiguousPath {
                            path: path.to_owned(),
                            count: many.len(),
                        });
                    }
                };
            }
            Ok(current)
        })
    }
}

/// Splits `a/b\/c/d` into `["a", "b/c", "d"]`, dropping empty segments.
pub fn split_path(path: &str) -> Vec<String> {
    let mut segments = vec![String::new()];
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'/') => {
                chars.next();
                if let Some(s) = segments.last_mut() {
                    s.push('/');
                }
            }
            '/' => segments.push(String::new()),
            _ => {
                if let Some(s) = segments.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    segments
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Joins titles into a path, escaping slashes inside them.
pub fn join_path(titles: &[String]) -> String {
    titles
        .iter()
        .map(|t| t.replace('/', "\\/"))
        .collect::<Vec<_>>()
        .join("/")
}

/// See [`Store::full_path`].
pub(crate) fn full_path(conn: &Connection, id: PearlId) -> Result<String> {
    let mut titles = path_of(conn, id)?;
    titles.push(super::rows::pearl(conn, id)?.display_title().to_owned());
    Ok(join_path(&titles))
}

pub(crate) fn children(conn: &Connection, parent: PearlId) -> Result<Vec<Pearl>> {
    rows::pearl(conn, parent)?;
    let sql = format!(
        "SELECT {cols} FROM pearls p WHERE p.parent_id = ?1 ORDER BY p.order_key",
        cols = rows::PEARL_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let pearls = stmt
        .query_map([parent.0], rows::pearl_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(pearls)
}

pub(crate) fn path_of(conn: &Connection, id: PearlId) -> Result<Vec<String>> {
    let chain = ancestry(conn, id)?;
    let mut stmt = conn.prepare_cached("SELECT title FROM pearls WHERE id = ?1")?;
    // chain = [id, parent, ..., top]; the path is the titles strictly between top and id.
    let mut titles = Vec::new();
    for ancestor in chain.iter().skip(1).rev().skip(1) {
        titles.push(stmt.query_row([ancestor.0], |r| r.get::<_, String>(0))?);
    }
    Ok(titles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_on_slashes_but_not_escaped_ones() {
        assert_eq!(split_path("Research/Rust"), ["Research", "Rust"]);
        assert_eq!(split_path("/a//b/"), ["a", "b"]);
        assert_eq!(split_path(r"Input\/Output/x"), ["Input/Output", "x"]);
        assert!(split_path("").is_empty());
        assert_eq!(
            join_path(&["Input/Output".into(), "x".into()]),
            r"Input\/Output/x"
        );
    }
}
