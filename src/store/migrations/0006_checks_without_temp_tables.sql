-- 0006: the same CHECK constraints on `pearls` and `page_details`, written so that SQLite checks
-- them with plain comparisons. SQLite codes `x IN ('a', 'b', 'c')` (three values or more) with a
-- temporary b-tree made anew at every INSERT; the two on `pearls` (kind, role) were about a fifth
-- of the work of importing 100,000 bookmarks. Shipped: never edit; add a new migration instead.
--
-- What each constraint allows is unchanged, so the rows already stored are valid under the new
-- text and nothing is rewritten: this is SQLite's documented way of changing a CHECK constraint
-- in place (https://sqlite.org/lang_altertable.html, "making other kinds of table schema
-- changes"), whatever the library's size. The empty table made and dropped at the end changes
-- the schema's version, so every other connection open on the file reads the new text.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(replace(sql,
    'CHECK (kind IN (''collection'', ''link'', ''note'', ''section'', ''alias''))',
    'CHECK (kind = ''collection'' OR kind = ''link'' OR kind = ''note'' OR kind = ''section'' OR kind = ''alias'')'),
    'CHECK (role IN (''root'', ''trash'', ''limbo''))',
    'CHECK (role = ''root'' OR role = ''trash'' OR role = ''limbo'')')
WHERE type = 'table' AND name = 'pearls';
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (outcome IN (''ok'', ''httpError'', ''blocked'', ''unreachable'', ''timeout'', ''failed''))',
    'CHECK (outcome = ''ok'' OR outcome = ''httpError'' OR outcome = ''blocked'' OR outcome = ''unreachable'' OR outcome = ''timeout'' OR outcome = ''failed'')')
WHERE type = 'table' AND name = 'page_details';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_changed_0006 (x);
DROP TABLE schema_changed_0006;
