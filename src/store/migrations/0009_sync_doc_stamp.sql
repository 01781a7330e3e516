-- 0009 (sync): a stamp for this library's stored copy of the sync document.
-- Shipped: never edit; add a new migration instead.
--
-- `doc_stamp` is a random token written anew whenever `sync_doc_parts` changes. A process keeps
-- the document of its last round in memory and reuses it for the next round only while the
-- library holds the same stamp: a round by another process (the tool, the browser host), a
-- restored backup or a copied file makes another stamp, and the document is read again.
-- NULL (a library that just joined) matches nothing.
ALTER TABLE sync_config ADD COLUMN doc_stamp TEXT;
