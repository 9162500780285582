-- Schema 6: international projects with milestones, and network memberships with
-- their evaluations.
CREATE TABLE projects (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    acronym           TEXT NOT NULL DEFAULT '',
    programme         TEXT NOT NULL DEFAULT 'other',
    call_id           TEXT NOT NULL DEFAULT '',
    role              TEXT NOT NULL DEFAULT 'partner',
    lead_unit         INTEGER REFERENCES units(id),
    contact           INTEGER REFERENCES members(id),
    budget_total      INTEGER,
    eu_grant          INTEGER,
    own_contribution  INTEGER,
    currency          TEXT NOT NULL DEFAULT 'EUR',
    rate_e4           INTEGER,
    start             TEXT,
    end               TEXT,
    status            TEXT NOT NULL DEFAULT 'idea',
    -- "org_id:role,org_id:role"
    partners          TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    news_id           INTEGER REFERENCES news(id),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    created_by        INTEGER REFERENCES members(id),
    updated_at        TEXT NOT NULL,
    updated_by        INTEGER REFERENCES members(id),
    deleted_at        TEXT
);
CREATE INDEX projects_by_status ON projects (status, name) WHERE deleted_at IS NULL;

CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    title       TEXT NOT NULL,
    due         TEXT,
    done        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX milestones_by_project ON milestones (project_id, due);
CREATE INDEX milestones_by_due ON milestones (due) WHERE done = 0 AND due IS NOT NULL;

CREATE TABLE memberships (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id),
    since            TEXT,
    fee              INTEGER,
    currency         TEXT NOT NULL DEFAULT 'EUR',
    unit_id          INTEGER REFERENCES units(id),
    member_id        INTEGER REFERENCES members(id),
    next_evaluation  TEXT,
    notes            TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    created_by       INTEGER REFERENCES members(id),
    updated_at       TEXT NOT NULL,
    updated_by       INTEGER REFERENCES members(id),
    deleted_at       TEXT
);
CREATE INDEX memberships_by_evaluation ON memberships (next_evaluation) WHERE deleted_at IS NULL;

CREATE TABLE evaluations (
    id              INTEGER PRIMARY KEY,
    membership_id   INTEGER NOT NULL REFERENCES memberships(id),
    date            TEXT NOT NULL,
    assessment      TEXT NOT NULL DEFAULT '',
    benefit         INTEGER NOT NULL CHECK (benefit BETWEEN 1 AND 5),
    recommendation  TEXT NOT NULL,
    member_id       INTEGER REFERENCES members(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX evaluations_by_membership ON evaluations (membership_id, date);
