-- Events are listed by sort_day, their first day or, when they have no
-- calendar date, their article's publication day; the date range filter
-- reads sort_day and sort_end (their last day, or the publication day). Stored
-- and indexed, so that a listing with LIMIT reads the index in order and stops
-- early instead of sorting every event.
ALTER TABLE events ADD COLUMN sort_day BIGINT, ADD COLUMN sort_end BIGINT;
UPDATE events e SET sort_day = coalesce(e.day_from, a.pub_day), sort_end = coalesce(e.day_to, a.pub_day)
    FROM articles a WHERE a.id = e.article_id;
CREATE INDEX events_sort ON events(sort_day, article_id, idx);
