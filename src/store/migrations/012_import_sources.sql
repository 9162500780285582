-- Issue 14, contacts in and out.
-- The UID a record had in the file it was imported from (a vCard's UID), so importing
-- the same file again updates the record instead of making a second one.
ALTER TABLE orgs ADD COLUMN import_uid TEXT;
ALTER TABLE persons ADD COLUMN import_uid TEXT;
CREATE INDEX orgs_by_import_uid ON orgs (import_uid) WHERE import_uid IS NOT NULL;
CREATE INDEX persons_by_import_uid ON persons (import_uid) WHERE import_uid IS NOT NULL;
CREATE INDEX persons_by_email ON persons (lower(email)) WHERE email <> '';
-- Audit rows written by one import carry the same batch ("import:FILE@TIME"): undo
-- reverses the whole import as one step, and the trail says the import did it.
ALTER TABLE audit ADD COLUMN batch TEXT;
-- Sixteen random bytes made once per database: exported UIDs are derived from them
-- and the record's id, so they are stable across exports and differ between databases.
CREATE TABLE instance (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seed  BLOB NOT NULL
);
INSERT INTO instance (id, seed) VALUES (1, randomblob(16));
