-- 0002: what a fetch found out about a link beyond its details: how it went, and where the
-- link has moved for good. Shipped: never edit; add a new migration instead.

-- `outcome` of the last fetch: 'ok' (a real page), 'httpError' (an error status or an error
-- page), 'blocked' (a bot wall or challenge page), 'unreachable' (DNS or connection failure),
-- 'timeout', 'failed' (anything else: redirect loop, too many redirects, a broken response).
-- NULL for details that came from an imported file.
ALTER TABLE page_details ADD COLUMN outcome TEXT
    CHECK (outcome IN ('ok', 'httpError', 'blocked', 'unreachable', 'timeout', 'failed'));

-- Where the link leads after its permanent redirects (301, 308) only, when that differs from
-- the URL that was fetched: the URL the link should be updated to.
ALTER TABLE page_details ADD COLUMN moved_to TEXT;

CREATE INDEX page_details_problem ON page_details (outcome) WHERE outcome != 'ok';
CREATE INDEX page_details_moved ON page_details (moved_to) WHERE moved_to IS NOT NULL;
