-- Schema 7: milestones become records like the others, with a version (so two people
-- editing one are told), who changed them, and soft delete (so undo can bring one back);
-- a plan item may link to a project; an evaluation names the audit row of the change
-- it came with, so undoing that change removes it.
ALTER TABLE milestones ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE milestones ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE milestones ADD COLUMN created_by INTEGER REFERENCES members(id);
ALTER TABLE milestones ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE milestones ADD COLUMN updated_by INTEGER REFERENCES members(id);
ALTER TABLE milestones ADD COLUMN deleted_at TEXT;
DROP INDEX milestones_by_due;
CREATE INDEX milestones_by_due ON milestones (due) WHERE done = 0 AND due IS NOT NULL AND deleted_at IS NULL;
ALTER TABLE plan_items ADD COLUMN project_id INTEGER REFERENCES projects(id);
ALTER TABLE evaluations ADD COLUMN audit_id INTEGER REFERENCES audit(id);
