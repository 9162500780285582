-- Schema 4: the competence-development log.
CREATE TABLE trainings (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    date_from       TEXT NOT NULL,
    date_to         TEXT,
    organiser       TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL DEFAULT '',
    minutes         INTEGER NOT NULL,
    -- Member ids as ",3,5,": the record of who took part; training_participants
    -- below is derived from it for live activities.
    participants    TEXT NOT NULL DEFAULT '',
    priority_area   TEXT,
    growth_area     TEXT,
    funding         TEXT NOT NULL DEFAULT 'own',
    cost_sek        INTEGER,
    partner_id      INTEGER REFERENCES orgs(id),
    notes           TEXT NOT NULL DEFAULT '',
    shared          TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES members(id),
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER REFERENCES members(id),
    deleted_at      TEXT
);
CREATE INDEX trainings_by_date ON trainings (date_from DESC, id DESC) WHERE deleted_at IS NULL;

-- One row per participant of a live activity, with what the summaries group by
-- copied in, so a year's summary reads one index and never the activities. `first`
-- marks one row per activity and `first_in_unit` one row per activity and unit, so
-- activities are counted by summing them instead of counting distinct ids.
CREATE TABLE training_participants (
    training_id    INTEGER NOT NULL REFERENCES trainings(id),
    member_id      INTEGER NOT NULL REFERENCES members(id),
    unit_id        INTEGER REFERENCES units(id),
    year           INTEGER NOT NULL,
    month          INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    priority_area  TEXT,
    minutes        INTEGER NOT NULL,
    first          INTEGER NOT NULL,
    first_in_unit  INTEGER NOT NULL,
    PRIMARY KEY (training_id, member_id)
) WITHOUT ROWID;
CREATE INDEX tp_by_year ON training_participants
    (year, unit_id, member_id, kind, priority_area, month, minutes, first, first_in_unit);
CREATE INDEX tp_by_member ON training_participants (member_id, year, kind, priority_area, minutes);
CREATE INDEX tp_by_unit ON training_participants
    (unit_id, year, kind, priority_area, minutes, first_in_unit, member_id);
