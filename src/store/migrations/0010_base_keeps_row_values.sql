-- 0010 (a base that leaves out what the row holds): an imported pearl's `origin_base` may leave
-- out its parent, title, note and URL while the recipient has not changed them, since the row
-- then holds the curator's values. A 100,000-pearl tree's bases took 32 MB of a 142 MB library
-- when each repeated them.
-- Shipped: never edit; add a new migration instead.
--
-- Before a left-out value changes (an edit, a move, a sync round, an undo), the old one is
-- written into the base (the parent as its origin UUID), so the base always says what the
-- curator last gave. json_insert leaves a value the base already holds as it is; an update
-- that writes a new base itself is left alone.
CREATE TRIGGER pearls_base_keeps_curator_values AFTER UPDATE OF parent_id, title, note, url ON pearls
WHEN old.origin_base IS NOT NULL AND new.origin_base IS old.origin_base
 AND (old.parent_id IS NOT new.parent_id OR old.title IS NOT new.title
      OR old.note IS NOT new.note OR old.url IS NOT new.url) BEGIN
    UPDATE pearls
    SET origin_base = json_insert(origin_base,
        '$.parent', (SELECT p.origin_uuid FROM pearls p WHERE p.id = old.parent_id),
        '$.title', old.title, '$.note', old.note, '$.url', old.url)
    WHERE id = new.id;
END;
