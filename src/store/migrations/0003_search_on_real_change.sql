-- 0003: the search index is rewritten for a pearl only when its title, URL or note (or its
-- page's title or description) really changes. Undo and redo write whole rows back, and a fetch
-- rewrites a page's details even when they are the same: re-indexing every row they touch made
-- undoing a sort or a move of 10,000 pearls take seconds.
-- Shipped: never edit; add a new migration instead.

DROP TRIGGER pearls_search_update;
CREATE TRIGGER pearls_search_update AFTER UPDATE OF title, url, note ON pearls
WHEN NOT EXISTS (SELECT 1 FROM search_paused)
 AND (old.title IS NOT new.title OR old.url IS NOT new.url OR old.note IS NOT new.note) BEGIN
    DELETE FROM pearl_search WHERE rowid = new.id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = new.id;
END;

DROP TRIGGER page_details_search_update;
CREATE TRIGGER page_details_search_update AFTER UPDATE OF title, description ON page_details
WHEN NOT EXISTS (SELECT 1 FROM search_paused)
 AND (old.title IS NOT new.title OR old.description IS NOT new.description) BEGIN
    DELETE FROM pearl_search WHERE rowid = new.pearl_id;
    INSERT INTO pearl_search (rowid, title, url, note, tags, description)
    SELECT id, title, url, note, tags, description FROM searchable_text WHERE id = new.pearl_id;
END;
