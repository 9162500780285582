-- Schema 1: units, members, the partner registry, audit, search.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    is_company  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    account     TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units(id),
    role        TEXT NOT NULL CHECK (role IN ('office', 'member', 'viewer')),
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

CREATE TABLE orgs (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    name_fold       TEXT NOT NULL,
    sort_sv         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    twin_decided    TEXT,
    sector          TEXT,
    country         TEXT NOT NULL,
    city            TEXT NOT NULL DEFAULT '',
    city_fold       TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    web_domain      TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'active',
    priority_areas  TEXT NOT NULL DEFAULT '',
    growth_areas    TEXT NOT NULL DEFAULT '',
    tags            TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    owner_member    INTEGER REFERENCES members(id),
    owner_unit      INTEGER REFERENCES units(id),
    last_contact    TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES members(id),
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER REFERENCES members(id),
    deleted_at      TEXT
);
CREATE INDEX orgs_by_sv ON orgs (sort_sv, id) WHERE deleted_at IS NULL;
CREATE INDEX orgs_by_fold ON orgs (name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX orgs_by_domain ON orgs (web_domain) WHERE web_domain <> '';
CREATE INDEX orgs_by_place ON orgs (city_fold, country);

CREATE TABLE persons (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    name          TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    email_domain  TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    languages     TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    verified_on   TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES members(id),
    updated_at    TEXT NOT NULL,
    updated_by    INTEGER REFERENCES members(id),
    deleted_at    TEXT
);
CREATE INDEX persons_by_org ON persons (org_id);
CREATE INDEX persons_by_domain ON persons (email_domain) WHERE email_domain <> '';

CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    person_id   INTEGER REFERENCES persons(id),
    member_id   INTEGER NOT NULL REFERENCES members(id),
    unit_id     INTEGER REFERENCES units(id),
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    follow_up   TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES members(id),
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES members(id),
    deleted_at  TEXT
);
CREATE INDEX interactions_by_org ON interactions (org_id, date);

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    member_id   INTEGER REFERENCES members(id),
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    before      TEXT,
    after       TEXT,
    undone_at   TEXT
);
CREATE INDEX audit_by_member ON audit (member_id, id);

-- Search indexes hold folded text (diacritics already removed by intnet, so Ł and ß
-- fold too); the tokenizer folds again for safety.
CREATE VIRTUAL TABLE orgs_fts USING fts5 (name, extra, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE persons_fts USING fts5 (name, extra, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE interactions_fts USING fts5 (summary, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE orgs_vocab USING fts5vocab (orgs_fts, 'row');
