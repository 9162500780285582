-- Schema 9: the yearly accounts (issue 13). One row per unit and year once the unit
-- starts writing ("not started" is no row); the words are columns of their own, the
-- figures frozen at submission (or taken in by a refresh) are kept as JSON, exactly as
-- handed in, because they are shown back and never queried. The state changes only
-- through the flow: draft -> submitted -> returned (with a comment) or accepted.
CREATE TABLE accounts (
    id                INTEGER PRIMARY KEY,
    unit_id           INTEGER NOT NULL REFERENCES units(id),
    year              INTEGER NOT NULL,
    state             TEXT NOT NULL DEFAULT 'draft'
                      CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
    operations        TEXT NOT NULL DEFAULT '',
    business          TEXT NOT NULL DEFAULT '',
    horizon           TEXT NOT NULL DEFAULT '',
    eu_cooperation    TEXT NOT NULL DEFAULT '',
    regional          TEXT NOT NULL DEFAULT '',
    next_year         TEXT NOT NULL DEFAULT '',
    figures           TEXT,
    submitted_by      INTEGER REFERENCES members(id),
    submitted_at      TEXT,
    returned_comment  TEXT,
    decided_by        INTEGER REFERENCES members(id),
    decided_at        TEXT,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    created_by        INTEGER REFERENCES members(id),
    updated_at        TEXT NOT NULL,
    updated_by        INTEGER REFERENCES members(id),
    deleted_at        TEXT,
    UNIQUE (year, unit_id)
);

-- The submission deadline of a year's accounts, set by the office.
CREATE TABLE account_deadlines (
    year    INTEGER PRIMARY KEY,
    due     TEXT NOT NULL,
    set_at  TEXT NOT NULL,
    set_by  INTEGER REFERENCES members(id)
);

-- What a unit's (or the municipality's) figures for a year read: contacts by unit and
-- date with what they are grouped by, and the first contact of an organisation (per
-- unit and overall) for "new partners"; projects by their lead unit.
CREATE INDEX interactions_by_unit ON interactions (unit_id, date, kind, org_id) WHERE deleted_at IS NULL;
CREATE INDEX interactions_by_unit_org ON interactions (unit_id, org_id, date) WHERE deleted_at IS NULL;
CREATE INDEX interactions_by_date ON interactions (date, kind, org_id) WHERE deleted_at IS NULL;
CREATE INDEX interactions_first ON interactions (org_id, date) WHERE deleted_at IS NULL;
CREATE INDEX projects_by_unit ON projects (lead_unit, status) WHERE deleted_at IS NULL;
CREATE INDEX memberships_by_unit ON memberships (unit_id) WHERE deleted_at IS NULL;

-- The yearly figures group a year's competence development by kind, priority area,
-- funding and person, and sum its cost. Funding and cost are copied into the
-- participant rows like the kind and the area (migration 4), and the two year
-- indexes are rebuilt with them in grouping order, so those figures stream from one
-- index range with no look-up of the activities (at a million activities the look-ups
-- alone took half a second a year). The columns the indexes had keep their places
-- at the front, so the training summaries read them as before.
ALTER TABLE training_participants ADD COLUMN funding TEXT NOT NULL DEFAULT 'own';
ALTER TABLE training_participants ADD COLUMN cost_sek INTEGER NOT NULL DEFAULT 0;
UPDATE training_participants SET
    funding = coalesce((SELECT t.funding FROM trainings t WHERE t.id = training_id), 'own'),
    cost_sek = coalesce((SELECT t.cost_sek FROM trainings t WHERE t.id = training_id), 0);
DROP INDEX tp_by_year;
CREATE INDEX tp_by_year ON training_participants
    (year, unit_id, member_id, kind, priority_area, funding, month, minutes, first, first_in_unit, cost_sek);
DROP INDEX tp_by_unit;
CREATE INDEX tp_by_unit ON training_participants
    (unit_id, year, kind, priority_area, funding, member_id, minutes, first_in_unit, cost_sek);
