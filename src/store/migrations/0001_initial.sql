-- 0001: pearls in a tree, their tags, page details, favicons, search, and the undo history.
-- Shipped: never edit; add a new migration instead.

-- Every pearl. The tree is `parent_id` plus `order_key`, a fractional key compared as bytes, so a
-- pearl can be placed between two siblings without renumbering any of them.
-- `role` marks the two pearls that have no parent: the root collection and the trash.
-- The title shown is the user's title if `title_is_user`, else the fetched page title, else
-- `title`, else (for links) the URL.
-- `restore_parent_id` / `restore_order_key` say where a pearl stood before it was put in the trash.
CREATE TABLE pearls (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (kind IN ('collection', 'link', 'note', 'section', 'alias')),
    role              TEXT             CHECK (role IN ('root', 'trash', 'limbo')),
    parent_id         INTEGER          REFERENCES pearls (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    order_key         TEXT    NOT NULL CHECK (length(order_key) > 0),
    title             TEXT    NOT NULL DEFAULT '',
    -- 1: the title was typed by the user, and always wins over a fetched one;
    -- 0: it came from an imported file (or is empty), and a fetched page title replaces it
    title_is_user     INTEGER NOT NULL DEFAULT 1 CHECK (title_is_user IN (0, 1)),
    note              TEXT    NOT NULL DEFAULT '',
    url               TEXT,
    url_normalized    TEXT,
    alias_target_id   INTEGER          REFERENCES pearls (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    created_at        INTEGER NOT NULL,
    modified_at       INTEGER NOT NULL,
    restore_parent_id INTEGER,
    restore_order_key TEXT,
    CHECK (parent_id IS NULL OR parent_id != id),
    -- exactly the root, the trash and the limbo have no parent, and they are collections
    CHECK ((role IS NULL) = (parent_id IS NOT NULL)),
    CHECK (role IS NULL OR kind = 'collection'),
    -- a link has a URL and its normalised form; nothing else has a URL
    CHECK ((kind = 'link') = (url IS NOT NULL)),
    CHECK ((url IS NULL) = (url_normalized IS NULL)),
    -- an alias points at a collection; nothing else points
    CHECK ((kind = 'alias') = (alias_target_id IS NOT NULL)),
    CHECK (alias_target_id IS NULL OR alias_target_id != id),
    CHECK ((restore_parent_id IS NULL) = (restore_order_key IS NULL))
);

-- one root, one trash, one limbo
CREATE UNIQUE INDEX pearls_role ON pearls (role) WHERE role IS NOT NULL;
-- sibling order is total: no two siblings share a key
CREATE UNIQUE INDEX pearls_sibling_order ON pearls (parent_id, order_key);
CREATE INDEX pearls_alias_target ON pearls (alias_target_id) WHERE alias_target_id IS NOT NULL;

CREATE TABLE pearl_tags (
    pearl_id INTEGER NOT NULL REFERENCES pearls (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    tag      TEXT    NOT NULL CHECK (length(tag) > 0 AND instr(tag, ',') = 0),
    PRIMARY KEY (pearl_id, tag)
) WITHOUT ROWID;
CREATE INDEX pearl_tags_tag ON pearl_tags (tag);

-- Favicons, shared by every pearl of the same site, so the window shows them offline.
-- `source_url` is where it was fetched from, or `sha256:<hex>` of the image for one that came
-- inside an imported file.
CREATE TABLE favicons (
    id         INTEGER PRIMARY KEY,
    source_url TEXT    NOT NULL UNIQUE,
    mime       TEXT    NOT NULL,
    data       BLOB    NOT NULL,
    fetched_at INTEGER NOT NULL
);

-- What was fetched from a link's page. One row per link pearl, at most.
CREATE TABLE page_details (
    pearl_id    INTEGER PRIMARY KEY REFERENCES pearls (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    final_url   TEXT,
    http_status INTEGER CHECK (http_status IS NULL OR http_status BETWEEN 100 AND 599),
    title       TEXT,
    description TEXT,
    site_name   TEXT,
    image_url   TEXT,
    favicon_id  INTEGER REFERENCES favicons (id) ON DELETE SET NULL,
    favicon_url TEXT,
    fetched_at  INTEGER,
    error       TEXT
);
CREATE INDEX page_details_favicon ON page_details (favicon_id) WHERE favicon_id IS NOT NULL;

-- Full-text search over title, URL (see below), note, tags and what was fetched (page title and
-- description); case- and accent-insensitive ("ecole" finds "École"), with prefix indexes for
-- search-as-you-type. Contentless: it keeps only the index (search needs ids and ranks, never
-- the text back), fed from the view below by the triggers below, never by hand.
-- What a link is found by in its URL: its site (the host), and for a link with no title of its
-- own the whole address without its query string. Whole URLs (query strings, ids, tracking
-- parameters) were three quarters of the index's size and time, for words nobody searches.
CREATE VIEW searchable_text (id, title, url, note, tags, description) AS
SELECT p.id, p.title,
       CASE WHEN p.title = '' AND instr((CASE WHEN instr(p.url, '://') > 0 THEN substr(p.url, instr(p.url, '://') + 3) ELSE coalesce(p.url, '') END), '?') > 0 THEN substr((CASE WHEN instr(p.url, '://') > 0 THEN substr(p.url, instr(p.url, '://') + 3) ELSE coalesce(p.url, '') END), 1, instr((CASE WHEN instr(p.url, '://') > 0 THEN substr(p.url, instr(p.url, '://') + 3) ELSE coalesce(p.url, '') END), '?') - 1)
            WHEN p.title = '' THEN (CASE WHEN instr(p.url, '://') > 0 THEN substr(p.url, instr(p.url, '://') + 3) ELSE coalesce(p.url, '') END)
            ELSE substr((CASE WHEN instr(p.url, '://') > 0 THEN substr(p.url, instr(p.url, '://') + 3) ELSE coalesce(p.url, '') END), 1, instr((CASE WHEN instr(p.url, '://') > 0 THEN substr(p.url, instr(p.url, '://') + 3) ELSE coalesce(p.url, '') END) || '/', '/') - 1) END,
       p.note,
       coalesce((SELECT group_concat(t.tag, ' ') FROM pearl_tags t WHERE t.pearl_id = p.id), ''),
       coalesce((SELECT trim(coalesce(d.title, '') || ' ' || coalesce(d.description, ''))
                 FROM page_details d WHERE d.pearl_id = p.id), '')
FROM pearls p;

CREATE VIRTUAL TABLE pearl_search USING fts5 (
    title, url, note, tags, description,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
-- Pending index data is flushed to a new segment every `hashsize` bytes, and segments are then
-- merged; 32 MiB instead of the default 1 MiB lets a 100,000-pearl import write a few large
-- segments instead of merging dozens of small ones.
INSERT INTO pearl_search (pearl_search, rank) VALUES ('hashsize', 33554432);

-- While a row is in `search_paused` (only ever inside one bulk transaction, such as an
-- import), the triggers leave the index alone, and the bulk edit indexes its rows in one
-- statement before it commits: about four times faster than row by row.
CREATE TABLE search_paused (paused INTEGER NOT NULL PRIMARY KEY CHECK (paused = 1));

CREATE TRIGGER pearls_search_insert AFTER INSERT ON pearls
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM pearl_search WHERE rowid = new.id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = new.id;
END;

CREATE TRIGGER pearls_search_update AFTER UPDATE OF title, url, note ON pearls
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM pearl_search WHERE rowid = new.id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = new.id;
END;

CREATE TRIGGER pearls_search_delete AFTER DELETE ON pearls BEGIN
    DELETE FROM pearl_search WHERE rowid = old.id;
END;

CREATE TRIGGER pearl_tags_search_insert AFTER INSERT ON pearl_tags
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM pearl_search WHERE rowid = new.pearl_id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = new.pearl_id;
END;

CREATE TRIGGER pearl_tags_search_delete AFTER DELETE ON pearl_tags
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM pearl_search WHERE rowid = old.pearl_id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = old.pearl_id;
END;

CREATE TRIGGER page_details_search_insert AFTER INSERT ON page_details
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM pearl_search WHERE rowid = new.pearl_id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = new.pearl_id;
END;

CREATE TRIGGER page_details_search_update AFTER UPDATE OF title, description ON page_details
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM pearl_search WHERE rowid = new.pearl_id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = new.pearl_id;
END;

CREATE TRIGGER page_details_search_delete AFTER DELETE ON page_details
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM pearl_search WHERE rowid = old.pearl_id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = old.pearl_id;
END;

-- The undo history: each edit is the rows it changed, before and after, as JSON.
-- `undone` = 1 for edits that were undone and can be redone.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    label      TEXT    NOT NULL,
    changes    TEXT    NOT NULL,
    undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    created_at INTEGER NOT NULL
);

-- The root collection, the trash, and the limbo (where undone imports and emptied trash wait
-- until the history that could bring them back is forgotten).
INSERT INTO pearls (kind, role, parent_id, order_key, title, created_at, modified_at)
VALUES ('collection', 'root', NULL, 'a0', 'Library', CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
       ('collection', 'trash', NULL, 'a0', 'Trash', CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
       ('collection', 'limbo', NULL, 'a0', 'Limbo', CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
