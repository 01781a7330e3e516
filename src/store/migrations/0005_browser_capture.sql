-- 0005 (browser capture): what capturing from the browser needs.
-- Shipped: never edit; add a new migration instead.
--
-- `browser_contacts`: when each browser's extension last spoke to Nacre's native messaging
-- host, so that `nacre browser status` and the window's "Connect your browser" screen can say
-- the connection works. Written by the host at most once every ten minutes per browser.
CREATE TABLE browser_contacts (
    browser  TEXT    NOT NULL PRIMARY KEY CHECK (length(browser) BETWEEN 1 AND 200),
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL
);

-- Looking a page up by its normalised URL (the badge on every page load) without a scan of
-- every pearl.
CREATE INDEX pearls_url_normalized ON pearls (url_normalized) WHERE url_normalized IS NOT NULL;
