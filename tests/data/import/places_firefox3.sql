-- A places.sqlite of the Firefox 3.5/3.6 era (schema version 10): no guid columns, the roots
-- named in moz_bookmarks_roots, descriptions in moz_items_annos, tags as folders under the tags
-- root. Written for Nacre's tests from the schema of that era; no real profile's data.
PRAGMA user_version = 10;
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR,
  rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL,
  typed INTEGER DEFAULT 0 NOT NULL, favicon_id INTEGER, frecency INTEGER DEFAULT -1 NOT NULL,
  last_visit_date INTEGER);
CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER DEFAULT NULL,
  parent INTEGER, position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT,
  dateAdded INTEGER, lastModified INTEGER);
CREATE TABLE moz_bookmarks_roots (root_name VARCHAR(16) UNIQUE, folder_id INTEGER);
CREATE TABLE moz_keywords (id INTEGER PRIMARY KEY AUTOINCREMENT, keyword TEXT UNIQUE);
CREATE TABLE moz_anno_attributes (id INTEGER PRIMARY KEY, name VARCHAR(32) UNIQUE NOT NULL);
CREATE TABLE moz_items_annos (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL,
  anno_attribute_id INTEGER, mime_type VARCHAR(32) DEFAULT NULL, content LONGVARCHAR,
  flags INTEGER DEFAULT 0, expiration INTEGER DEFAULT 0, type INTEGER DEFAULT 0,
  dateAdded INTEGER DEFAULT 0, lastModified INTEGER DEFAULT 0);
CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER,
  visit_date INTEGER, visit_type INTEGER, session INTEGER);
CREATE TABLE moz_favicons (id INTEGER PRIMARY KEY, url LONGVARCHAR UNIQUE, data BLOB,
  mime_type VARCHAR(32), expiration LONG);

INSERT INTO moz_places (id, url, title, rev_host) VALUES
  (1, 'https://www.mozilla.org/en-US/firefox/central/', 'Getting Started', 'gro.allizom.www.'),
  (2, 'https://developer.mozilla.org/', 'MDN', 'gro.allizom.repoleved.'),
  (3, 'https://example.org/a?x=1&y=2', 'A page', 'gro.elpmaxe.'),
  (4, 'place:sort=8&maxResults=10', NULL, NULL),
  (5, 'https://unfiled.example/', 'Unfiled page', 'elpmaxe.delifnu.');
INSERT INTO moz_bookmarks (id, type, fk, parent, position, title, dateAdded, lastModified) VALUES
  (1, 2, NULL, 0, 0, '', 1262304000000000, 1262304000000000),
  (2, 2, NULL, 1, 0, 'Bookmarks Menu', 1262304000000000, 1262304000000000),
  (3, 2, NULL, 1, 1, 'Bookmarks Toolbar', 1262304000000000, 1262304000000000),
  (4, 2, NULL, 1, 2, 'Tags', 1262304000000000, 1262304000000000),
  (5, 2, NULL, 1, 3, 'Unsorted Bookmarks', 1262304000000000, 1262304000000000),
  (10, 2, NULL, 2, 0, 'Mozilla Firefox', 1262304000000000, 1262304100000000),
  (11, 1, 1, 10, 0, 'Getting Started', 1262304000000000, 1262304000000000),
  (12, 3, NULL, 10, 1, NULL, 1262304000000000, 1262304000000000),
  (13, 1, 2, 10, 2, 'MDN', 1262390400000000, 1262390400000000),
  (14, 1, 3, 2, 1, 'A page', 1262476800000000, 1262476800000000),
  (15, 1, 4, 3, 0, 'Most Visited', 1262304000000000, 1262304000000000),
  (16, 1, 5, 5, 0, 'Unfiled page', 1262563200000000, 1262563200000000),
  (20, 2, NULL, 4, 0, 'reference', 1262304000000000, 1262304000000000),
  (21, 1, 2, 20, 0, NULL, 1262304000000000, 1262304000000000);
INSERT INTO moz_bookmarks_roots (root_name, folder_id) VALUES
  ('places', 1), ('menu', 2), ('toolbar', 3), ('tags', 4), ('unfiled', 5);
INSERT INTO moz_anno_attributes (id, name) VALUES (1, 'bookmarkProperties/description');
INSERT INTO moz_items_annos (item_id, anno_attribute_id, content) VALUES
  (13, 1, 'Documentation for the web');
