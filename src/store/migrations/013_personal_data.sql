-- Schema: personal data (issue 15). Numbered 013 to follow 012 (import sources), which
-- may use `persons.source` for the import file; the privacy fields are columns of their
-- own and leave `persons.source` alone.
--
-- Per person: where the data came from (a word and free text), the legal basis (the
-- task in the public interest, Art. 6.1(e), unless recorded otherwise), the date the
-- person was informed (Art. 14), whether processing is restricted, and when the
-- person's data was anonymised.
ALTER TABLE persons ADD COLUMN source_kind TEXT;
ALTER TABLE persons ADD COLUMN source_note TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN legal_basis TEXT NOT NULL DEFAULT 'public_interest';
ALTER TABLE persons ADD COLUMN informed_on TEXT;
ALTER TABLE persons ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE persons ADD COLUMN erased_at TEXT;
CREATE INDEX persons_not_informed ON persons (created_by, created_at)
    WHERE informed_on IS NULL AND deleted_at IS NULL AND erased_at IS NULL;

-- Settings the office edits, one row each (the privacy notice in both languages, the
-- municipality's contact, the data protection officer).
CREATE TABLE IF NOT EXISTS settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);

-- Requests under Articles 15, 17 and 18 and their answers.
CREATE TABLE privacy_requests (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    kind        TEXT NOT NULL CHECK (kind IN ('access', 'erasure', 'restriction')),
    received    TEXT NOT NULL,
    answered    TEXT,
    decision    TEXT CHECK (decision IS NULL OR decision IN ('extracted', 'erased', 'anonymised', 'kept', 'restricted')),
    reason      TEXT NOT NULL DEFAULT '',
    retention_ref TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES members(id)
);
CREATE INDEX privacy_requests_open ON privacy_requests (received) WHERE answered IS NULL;

-- Retention rules (gallring) per record kind, each with its decision's reference.
CREATE TABLE retention_rules (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('interaction', 'person')),
    years       INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
    reference   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES members(id)
);
