-- Issue 14, merging duplicates: the names of organisations merged into another. A
-- merged (soft-deleted) organisation's name stays searchable and leads to the one it
-- was merged into. `batch` is the merge's audit batch: undoing the merge removes the
-- row; `moved_by` is the batch of a later merge that carried the row on to the next
-- organisation (undoing that merge carries it back).
CREATE TABLE former_names (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    from_org   INTEGER NOT NULL REFERENCES orgs(id),
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    batch      TEXT NOT NULL,
    moved_by   TEXT,
    -- 1 when the merge moved the removed organisation's import UID to the kept one.
    uid_moved  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX former_names_by_fold ON former_names (name_fold);
CREATE INDEX former_names_by_org ON former_names (org_id);
CREATE INDEX former_names_by_batch ON former_names (batch);
