-- dateline schema 1: every layer of the output contract. Spans are code-point
-- offsets into articles.text (start inclusive, end exclusive); a child row is
-- keyed by its article and its index in the article's layer, so E1 is
-- entities(article_id, idx = 0).

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    hash            TEXT NOT NULL UNIQUE,      -- SHA-256 of text: the content key
    doc_id          TEXT NOT NULL,
    path            TEXT NOT NULL DEFAULT '',
    url             TEXT NOT NULL DEFAULT '',
    source_name     TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    published       TEXT NOT NULL DEFAULT '',
    pub_day         INTEGER,                   -- days since 1970-01-01, NULL if unknown
    dateline_place  TEXT,
    dateline_entity INTEGER,
    text            TEXT NOT NULL,
    simhash         INTEGER NOT NULL,
    band0           INTEGER NOT NULL,
    band1           INTEGER NOT NULL,
    band2           INTEGER NOT NULL,
    band3           INTEGER NOT NULL,
    canonical_id    INTEGER REFERENCES articles(id),
    ingested_at     TEXT NOT NULL
);
CREATE INDEX articles_band0 ON articles(band0);
CREATE INDEX articles_band1 ON articles(band1);
CREATE INDEX articles_band2 ON articles(band2);
CREATE INDEX articles_band3 ON articles(band3);
CREATE INDEX articles_pub_day ON articles(pub_day);

CREATE TABLE removed (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE sentences (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,
    cp_start   INTEGER NOT NULL,
    cp_end     INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE entities (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,                  -- lower(name), for actor look-up
    type       TEXT NOT NULL,
    country    TEXT NOT NULL DEFAULT '',
    sector     TEXT NOT NULL DEFAULT '',
    role       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX entities_name_key ON entities(name_key);
CREATE INDEX entities_country ON entities(country, sector);

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,               -- position in the entity's mention list
    entity_idx INTEGER NOT NULL,
    cp_start   INTEGER NOT NULL,
    cp_end     INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_idx, idx)
) WITHOUT ROWID;

CREATE TABLE times (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,
    cp_start   INTEGER NOT NULL,
    cp_end     INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT NOT NULL DEFAULT '',
    mod        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE quotes (
    article_id    INTEGER NOT NULL REFERENCES articles(id),
    idx           INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    cp_start      INTEGER NOT NULL,
    cp_end        INTEGER NOT NULL,
    text          TEXT NOT NULL,
    speaker_idx   INTEGER,                     -- entity index, NULL if none
    speaker_start INTEGER,
    speaker_end   INTEGER,
    speaker_text  TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    cue_text      TEXT,
    sentence      INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE happenings (
    id        INTEGER PRIMARY KEY,
    type      TEXT NOT NULL,
    signature TEXT NOT NULL,                   -- type and sorted actor keys
    day       INTEGER,                         -- first day reported, NULL if undated
    sources   INTEGER NOT NULL DEFAULT 1       -- events linked to it
);
CREATE INDEX happenings_signature ON happenings(signature, day);

CREATE TABLE events (
    article_id      INTEGER NOT NULL REFERENCES articles(id),
    idx             INTEGER NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT NOT NULL DEFAULT '',
    date            TEXT NOT NULL DEFAULT '',
    day_from        INTEGER,                   -- days the date covers, NULL if not a calendar date
    day_to          INTEGER,
    time_idx        INTEGER,
    location_name   TEXT,
    location_entity INTEGER,
    negated         INTEGER NOT NULL DEFAULT 0,
    hypothetical    INTEGER NOT NULL DEFAULT 0,
    future          INTEGER NOT NULL DEFAULT 0,
    historical      INTEGER NOT NULL DEFAULT 0,
    confidence      REAL NOT NULL DEFAULT 0,
    cameo           TEXT NOT NULL DEFAULT '',
    explain         TEXT NOT NULL DEFAULT '',
    happening_id    INTEGER REFERENCES happenings(id),
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX events_type_day ON events(type, day_from);
CREATE INDEX events_day ON events(day_from, day_to);
CREATE INDEX events_happening ON events(happening_id);

CREATE TABLE event_actors (
    article_id INTEGER NOT NULL,
    event_idx  INTEGER NOT NULL,
    role       INTEGER NOT NULL,               -- 0 actor, 1 recipient
    pos        INTEGER NOT NULL,
    entity_idx INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_idx, role, pos)
) WITHOUT ROWID;
CREATE INDEX event_actors_entity ON event_actors(article_id, entity_idx);

CREATE TABLE evidence (
    article_id INTEGER NOT NULL,
    event_idx  INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    sentence   INTEGER NOT NULL,
    cp_start   INTEGER NOT NULL,
    cp_end     INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, event_idx, idx)
) WITHOUT ROWID;

-- Full-text index of title and text; rowid = articles.id. Rows are added by
-- Put in the same transaction as the article.
CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
