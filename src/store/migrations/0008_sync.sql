-- 0008 (sync): what syncing one library through a folder needs (see `crate::sync`).
-- Shipped: never edit; add a new migration instead.
--
-- `sync_config`: the folder this library syncs through and this device's id and name. At most
-- one row; no row means the library does not sync, and then the triggers below log nothing.
CREATE TABLE sync_config (
    one         INTEGER NOT NULL PRIMARY KEY CHECK (one = 1),
    folder      TEXT    NOT NULL,
    device_id   TEXT    NOT NULL CHECK (length(device_id) BETWEEN 8 AND 64),
    device_name TEXT    NOT NULL,
    joined_at   INTEGER NOT NULL,
    -- the Loro version vector this library has written to the folder (encoded by Loro)
    published   BLOB,
    last_round  INTEGER,
    -- the number of this device's next update file since its last snapshot (after 16, a snapshot)
    next_file   INTEGER NOT NULL DEFAULT 1
);

-- The change log: pearls whose synced data changed since the last sync round, filled by the
-- triggers below inside the edit's own transaction, drained by the round.
CREATE TABLE sync_changes (
    uuid TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;

-- While a row is here (only inside a sync round's transaction), the triggers log nothing: the
-- round is writing what came from other devices.
CREATE TABLE sync_applying (applying INTEGER NOT NULL PRIMARY KEY CHECK (applying = 1));

-- This library's Loro document, as a snapshot followed by updates (compacted now and then).
CREATE TABLE sync_doc_parts (
    id    INTEGER PRIMARY KEY,
    bytes BLOB NOT NULL
);

-- Which pearl is which node of the Loro tree.
CREATE TABLE sync_nodes (
    uuid TEXT NOT NULL PRIMARY KEY,
    node TEXT NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX sync_nodes_node ON sync_nodes (node);

-- Other devices' files already taken in, so a round reads only what is new.
CREATE TABLE sync_files_seen (
    name     TEXT    NOT NULL PRIMARY KEY,
    length   INTEGER NOT NULL,
    checksum INTEGER NOT NULL
) WITHOUT ROWID;

-- The devices met in the folder, and when each last wrote there.
CREATE TABLE sync_devices (
    device_id TEXT    NOT NULL PRIMARY KEY,
    name      TEXT    NOT NULL,
    last_seen INTEGER NOT NULL
) WITHOUT ROWID;

-- Values that lost to a concurrent edit of the same field on another device: shown in the
-- pearl's details ("also: ... from laptop, 3 Dec") until dismissed.
CREATE TABLE sync_conflicts (
    pearl_id INTEGER NOT NULL REFERENCES pearls (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    field    TEXT    NOT NULL CHECK (field IN ('title', 'note', 'url')),
    device   TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    PRIMARY KEY (pearl_id, field, device)
) WITHOUT ROWID;

-- Lost values dismissed here, to be dismissed on every device at the next round.
CREATE TABLE sync_dismissed (
    uuid  TEXT NOT NULL,
    field TEXT NOT NULL,
    PRIMARY KEY (uuid, field)
) WITHOUT ROWID;

-- "Synced 12 changes from desktop" is in the history but cannot be undone, and leaves redo be.
ALTER TABLE history ADD COLUMN undoable INTEGER NOT NULL DEFAULT 1 CHECK (undoable IN (0, 1));

-- The triggers: one indexed insert per changed pearl, only in a library that syncs. (Not
-- INSERT OR IGNORE: an outer statement's conflict clause, such as an upsert's, would override it.)
CREATE TRIGGER pearls_sync_insert AFTER INSERT ON pearls
WHEN new.uuid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_config)
 AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_changes (uuid) SELECT new.uuid
    WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE uuid = new.uuid);
END;

CREATE TRIGGER pearls_sync_update AFTER UPDATE ON pearls
WHEN new.uuid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_config)
 AND NOT EXISTS (SELECT 1 FROM sync_applying)
 AND (old.uuid IS NOT new.uuid OR old.parent_id IS NOT new.parent_id
      OR old.order_key IS NOT new.order_key OR old.title IS NOT new.title
      OR old.note IS NOT new.note OR old.url IS NOT new.url OR old.kind IS NOT new.kind
      OR old.alias_target_id IS NOT new.alias_target_id OR old.title_is_user IS NOT new.title_is_user
      OR old.restore_parent_id IS NOT new.restore_parent_id) BEGIN
    INSERT INTO sync_changes (uuid) SELECT new.uuid
    WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE uuid = new.uuid);
END;

CREATE TRIGGER pearls_sync_delete AFTER DELETE ON pearls
WHEN old.uuid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_config)
 AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_changes (uuid) SELECT old.uuid
    WHERE NOT EXISTS (SELECT 1 FROM sync_changes WHERE uuid = old.uuid);
END;

CREATE TRIGGER pearl_tags_sync_insert AFTER INSERT ON pearl_tags
WHEN EXISTS (SELECT 1 FROM sync_config) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_changes (uuid)
    SELECT p.uuid FROM pearls p WHERE p.id = new.pearl_id AND p.uuid IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM sync_changes c WHERE c.uuid = p.uuid);
END;

CREATE TRIGGER pearl_tags_sync_delete AFTER DELETE ON pearl_tags
WHEN EXISTS (SELECT 1 FROM sync_config) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_changes (uuid)
    SELECT p.uuid FROM pearls p WHERE p.id = old.pearl_id AND p.uuid IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM sync_changes c WHERE c.uuid = p.uuid);
END;

CREATE TRIGGER page_details_sync_insert AFTER INSERT ON page_details
WHEN EXISTS (SELECT 1 FROM sync_config) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_changes (uuid)
    SELECT p.uuid FROM pearls p WHERE p.id = new.pearl_id AND p.uuid IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM sync_changes c WHERE c.uuid = p.uuid);
END;

CREATE TRIGGER page_details_sync_update AFTER UPDATE ON page_details
WHEN EXISTS (SELECT 1 FROM sync_config) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_changes (uuid)
    SELECT p.uuid FROM pearls p WHERE p.id = new.pearl_id AND p.uuid IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM sync_changes c WHERE c.uuid = p.uuid);
END;
