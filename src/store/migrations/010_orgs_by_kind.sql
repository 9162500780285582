-- Schema: an index on an organisation's kind, for a list filter that names a kind
-- (`/ twin`, `/ vänort`): the twin cities are found through it instead of by reading
-- every organisation. Numbered 010 to follow 009 (accounts, the annual report).
CREATE INDEX IF NOT EXISTS orgs_by_kind ON orgs (kind, deleted_at);
