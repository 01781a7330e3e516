-- 0004: every pearl gets a stable identity (a UUID) that survives copies, exports and devices,
-- and imported pearls remember where they came from.
-- Shipped: never edit; add a new migration instead.
--
-- `uuid`: the pearl's identity. Pearls that existed before this migration get one derived from
-- what two copies of one library file share (the library's birth, the pearl's row id and
-- creation time: `nacre_derived_uuid`, registered by the migration runner), so a library copied
-- to two computers before this release keeps one set of pearls. The built-in collections have
-- fixed, well-known UUIDs (`store::identity`). New pearls get a fresh random one.
-- `origin_tree` / `origin_uuid`: for an imported pearl, the tree it came from (the UUID of the
-- exported collection in its author's library) and the pearl's UUID there.
ALTER TABLE pearls ADD COLUMN uuid TEXT;
ALTER TABLE pearls ADD COLUMN origin_tree TEXT;
ALTER TABLE pearls ADD COLUMN origin_uuid TEXT;

UPDATE pearls SET uuid = CASE role
    WHEN 'root'  THEN '6e616372-0000-4000-8000-000000000001'
    WHEN 'trash' THEN '6e616372-0000-4000-8000-000000000002'
    WHEN 'limbo' THEN '6e616372-0000-4000-8000-000000000003'
    ELSE nacre_derived_uuid((SELECT r.created_at FROM pearls r WHERE r.role = 'root'), id, created_at)
END;

CREATE UNIQUE INDEX pearls_uuid ON pearls (uuid);
CREATE INDEX pearls_origin ON pearls (origin_tree, origin_uuid) WHERE origin_tree IS NOT NULL;

-- Every pearl has a UUID: one written without gets a random version-4 UUID at once.
CREATE TRIGGER pearls_uuid_given AFTER INSERT ON pearls WHEN new.uuid IS NULL BEGIN
    UPDATE pearls SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
        substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
    WHERE id = new.id;
END;

-- A pearl's identity never changes.
CREATE TRIGGER pearls_uuid_fixed BEFORE UPDATE OF uuid ON pearls
WHEN old.uuid IS NOT NULL AND new.uuid IS NOT old.uuid BEGIN
    SELECT RAISE(ABORT, 'a pearl''s uuid never changes');
END;

-- The Inbox (made at open, see `store::identity`) stays a collection at the top of the tree:
-- it is never moved elsewhere, trashed or deleted.
CREATE TRIGGER pearls_inbox_stays BEFORE UPDATE OF parent_id, kind ON pearls
WHEN old.uuid = '6e616372-0000-4000-8000-000000000004'
 AND (new.parent_id IS NOT old.parent_id OR new.kind IS NOT old.kind) BEGIN
    SELECT RAISE(ABORT, 'the Inbox stays at the top of the tree');
END;
CREATE TRIGGER pearls_inbox_kept BEFORE DELETE ON pearls
WHEN old.uuid = '6e616372-0000-4000-8000-000000000004' BEGIN
    SELECT RAISE(ABORT, 'the Inbox cannot be deleted');
END;
