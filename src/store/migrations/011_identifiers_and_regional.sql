-- Identifiers on organisations, the share-with-the-region flag, and the read-only
-- regional layers imported from partner municipalities (issue 16).

ALTER TABLE orgs ADD COLUMN orgnr TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN pic TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN oid TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN vat TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN share INTEGER NOT NULL DEFAULT 0;

-- Lookup by identifier and the near-duplicate check are exact matches on these.
CREATE INDEX orgs_by_orgnr ON orgs (orgnr) WHERE orgnr <> '';
CREATE INDEX orgs_by_pic ON orgs (pic) WHERE pic <> '';
CREATE INDEX orgs_by_oid ON orgs (oid) WHERE oid <> '';
CREATE INDEX orgs_by_vat ON orgs (vat) WHERE vat <> '';

-- One row per partner that shared a file with us; importing again replaces its layer.
CREATE TABLE regional_sources (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    name_fold    TEXT NOT NULL UNIQUE,
    exported_at  TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  INTEGER REFERENCES members(id)
);

-- The partners' organisations: read only, never edited here, no personal data.
CREATE TABLE regional_orgs (
    id                INTEGER PRIMARY KEY,
    source_id         INTEGER NOT NULL REFERENCES regional_sources(id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    name_fold         TEXT NOT NULL,
    kind              TEXT NOT NULL,
    country           TEXT NOT NULL,
    city              TEXT NOT NULL DEFAULT '',
    city_fold         TEXT NOT NULL DEFAULT '',
    website           TEXT NOT NULL DEFAULT '',
    web_domain        TEXT NOT NULL DEFAULT '',
    orgnr             TEXT NOT NULL DEFAULT '',
    pic               TEXT NOT NULL DEFAULT '',
    oid               TEXT NOT NULL DEFAULT '',
    vat               TEXT NOT NULL DEFAULT '',
    priority_areas    TEXT NOT NULL DEFAULT '',
    growth_areas      TEXT NOT NULL DEFAULT '',
    units             TEXT NOT NULL DEFAULT '',
    last_contact_year INTEGER,
    contact_role      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX regional_by_source ON regional_orgs (source_id);
CREATE INDEX regional_by_fold ON regional_orgs (name_fold);
CREATE INDEX regional_by_domain ON regional_orgs (web_domain) WHERE web_domain <> '';
CREATE INDEX regional_by_place ON regional_orgs (city_fold, country) WHERE city_fold <> '';
CREATE INDEX regional_by_orgnr ON regional_orgs (orgnr) WHERE orgnr <> '';
CREATE INDEX regional_by_pic ON regional_orgs (pic) WHERE pic <> '';
CREATE INDEX regional_by_oid ON regional_orgs (oid) WHERE oid <> '';
CREATE INDEX regional_by_vat ON regional_orgs (vat) WHERE vat <> '';

-- Name words of the regional organisations, for lookup and check before create.
CREATE VIRTUAL TABLE regional_fts USING fts5 (name, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
