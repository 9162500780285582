-- Schema 2: news with read state, and autosaved form drafts.
CREATE TABLE news (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL,
    priority_areas  TEXT NOT NULL DEFAULT '',
    growth_areas    TEXT NOT NULL DEFAULT '',
    -- Unit ids as ",3,5,"; empty means the whole network.
    audience        TEXT NOT NULL DEFAULT '',
    deadline        TEXT,
    event_date      TEXT,
    links           TEXT NOT NULL DEFAULT '',
    partners        TEXT NOT NULL DEFAULT '',
    pinned          INTEGER NOT NULL DEFAULT 0,
    expires         TEXT,
    author_id       INTEGER NOT NULL REFERENCES members(id),
    -- NULL while the item is a draft.
    published_at    TEXT,
    edited_at       TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES members(id),
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER REFERENCES members(id),
    deleted_at      TEXT
);
CREATE INDEX news_feed ON news (pinned DESC, published_at DESC, id DESC)
    WHERE deleted_at IS NULL AND published_at IS NOT NULL;
CREATE INDEX news_drafts ON news (author_id) WHERE published_at IS NULL AND deleted_at IS NULL;
CREATE INDEX news_deadline ON news (deadline) WHERE deadline IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE news_reads (
    news_id    INTEGER NOT NULL REFERENCES news(id),
    member_id  INTEGER NOT NULL REFERENCES members(id),
    read_at    TEXT NOT NULL,
    PRIMARY KEY (member_id, news_id)
) WITHOUT ROWID;
CREATE INDEX news_reads_by_news ON news_reads (news_id);

CREATE VIRTUAL TABLE news_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

-- A form being typed, saved every few seconds and on hang-up, so nothing is lost.
CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    pid         INTEGER NOT NULL,
    form        TEXT NOT NULL,
    saved_at    TEXT NOT NULL
);
CREATE INDEX drafts_by_member ON drafts (member_id);
