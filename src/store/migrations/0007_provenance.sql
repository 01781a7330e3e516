-- 0007 (provenance): where a shared tree came from, what its curator said last, and the credit
-- a curator gives each collection they share.
-- Shipped: never edit; add a new migration instead.
--
-- `provenance`: on the top pearl of a branch imported from a Nacre file or page, JSON saying
-- which tree it is (the UUID of the exported collection), its title, curator, description,
-- licence, when that version was written and when it was imported.
-- `origin_base`: on every pearl imported from such a tree, JSON of the curator's values as last
-- imported (parent, title, note, URL, tags): the base of the three-way merge of an update.
-- Both are columns of the pearl row so that undo restores them with the pearl.
ALTER TABLE pearls ADD COLUMN provenance TEXT;
ALTER TABLE pearls ADD COLUMN origin_base TEXT;

-- What the window's share dialog remembers for each collection shared.
CREATE TABLE share_credits (
    collection_id INTEGER NOT NULL PRIMARY KEY REFERENCES pearls (id) ON DELETE CASCADE,
    curator       TEXT,
    description   TEXT,
    license       TEXT,
    updated_at    INTEGER NOT NULL
);
