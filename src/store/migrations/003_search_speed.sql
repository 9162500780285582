-- Schema 3: prefix indexes on the search tables, so a one- or two-letter prefix
-- (typed in quick lookup or a list filter) is answered from the index instead of by
-- merging every matching term; and (id, sort key) indexes, so sorting a filter's
-- matches reads small index entries instead of whole rows.
CREATE VIRTUAL TABLE orgs_fts_new USING fts5 (name, extra, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
INSERT INTO orgs_fts_new (rowid, name, extra) SELECT rowid, name, extra FROM orgs_fts;
DROP TABLE orgs_vocab;
DROP TABLE orgs_fts;
ALTER TABLE orgs_fts_new RENAME TO orgs_fts;
CREATE VIRTUAL TABLE orgs_vocab USING fts5vocab (orgs_fts, 'row');

CREATE VIRTUAL TABLE persons_fts_new USING fts5 (name, extra, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
INSERT INTO persons_fts_new (rowid, name, extra) SELECT rowid, name, extra FROM persons_fts;
DROP TABLE persons_fts;
ALTER TABLE persons_fts_new RENAME TO persons_fts;

CREATE VIRTUAL TABLE interactions_fts_new USING fts5 (summary, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
INSERT INTO interactions_fts_new (rowid, summary) SELECT rowid, summary FROM interactions_fts;
DROP TABLE interactions_fts;
ALTER TABLE interactions_fts_new RENAME TO interactions_fts;

CREATE VIRTUAL TABLE news_fts_new USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
INSERT INTO news_fts_new (rowid, title, body) SELECT rowid, title, body FROM news_fts;
DROP TABLE news_fts;
ALTER TABLE news_fts_new RENAME TO news_fts;

CREATE INDEX orgs_sv_by_id ON orgs (id, sort_sv) WHERE deleted_at IS NULL;
CREATE INDEX orgs_fold_by_id ON orgs (id, name_fold) WHERE deleted_at IS NULL;
