-- event_parties: one row per actor or recipient of an event (a copy of
-- event_actors) with what the events filters and pages ask of it: the
-- entity's name, type and coding, and the event's type, sort_day and
-- sort_end. The events listing finds a page of an actor's, a country's or a
-- sector's events by reading one of its indexes in date order and stopping at
-- the page's end, and reads the page's actors by the primary key, without
-- joining entities. Put adds the rows of the articles it stores in the same
-- transaction; nothing else writes events or their actors.
CREATE TABLE event_parties (
    article_id INTEGER NOT NULL,
    event_idx  INTEGER NOT NULL,
    role       INTEGER NOT NULL,               -- 0 actor, 1 recipient
    pos        INTEGER NOT NULL,
    entity_idx INTEGER NOT NULL,
    name       TEXT NOT NULL,                  -- entities.name
    name_key   TEXT NOT NULL,                  -- entities.name_key
    ent_type   TEXT NOT NULL,                  -- entities.type
    country    TEXT NOT NULL DEFAULT '',       -- entities.country
    sector     TEXT NOT NULL DEFAULT '',       -- entities.sector
    type       TEXT NOT NULL,                  -- events.type
    sort_day   INTEGER,                        -- events.sort_day
    sort_end   INTEGER,                        -- events.sort_end
    PRIMARY KEY (article_id, event_idx, role, pos)
) WITHOUT ROWID;
INSERT INTO event_parties (article_id, event_idx, role, pos, entity_idx, name, name_key, ent_type, country, sector,
        type, sort_day, sort_end)
    SELECT x.article_id, x.event_idx, x.role, x.pos, x.entity_idx, n.name, n.name_key, n.type, n.country, n.sector,
        e.type, e.sort_day, e.sort_end
    FROM event_actors x
    JOIN entities n ON n.article_id = x.article_id AND n.idx = x.entity_idx
    JOIN events e ON e.article_id = x.article_id AND e.idx = x.event_idx;
-- Covering indexes in the listing's order for each way in: by actor name,
-- by country, by sector; the other filters are checked in the index.
CREATE INDEX event_parties_name ON event_parties(name_key, sort_day, article_id, event_idx, type, sort_end, country, sector);
CREATE INDEX event_parties_country ON event_parties(country, sort_day, article_id, event_idx, sector, type, sort_end);
CREATE INDEX event_parties_sector ON event_parties(sector, sort_day, article_id, event_idx, country, type, sort_end);
-- The date range filter reads sort_end in the index, not in the row.
DROP INDEX events_sort;
CREATE INDEX events_sort ON events(sort_day, article_id, idx, sort_end);
DROP INDEX events_type_sort;
CREATE INDEX events_type_sort ON events(type, sort_day, article_id, idx, sort_end);
