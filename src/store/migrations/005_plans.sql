-- Schema 5: annual action plans and their items.
CREATE TABLE plans (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    unit_id         INTEGER REFERENCES units(id),
    title           TEXT NOT NULL,
    goals           TEXT NOT NULL DEFAULT '',
    priority_areas  TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES members(id),
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER REFERENCES members(id),
    deleted_at      TEXT
);
CREATE INDEX plans_by_year ON plans (year, unit_id) WHERE deleted_at IS NULL;

CREATE TABLE plan_items (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans(id),
    text        TEXT NOT NULL,
    owner_id    INTEGER REFERENCES members(id),
    due         TEXT,
    status      TEXT NOT NULL DEFAULT 'not_started',
    comments    TEXT NOT NULL DEFAULT '',
    partner_id  INTEGER REFERENCES orgs(id),
    news_id     INTEGER REFERENCES news(id),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES members(id),
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES members(id),
    deleted_at  TEXT
);
CREATE INDEX plan_items_by_plan ON plan_items (plan_id, status) WHERE deleted_at IS NULL;
CREATE INDEX plan_items_by_owner ON plan_items (owner_id, due) WHERE deleted_at IS NULL;
CREATE INDEX plan_items_by_due ON plan_items (due) WHERE deleted_at IS NULL AND due IS NOT NULL;
