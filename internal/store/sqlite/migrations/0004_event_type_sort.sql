-- Events of one type are listed by sort_day: this index reads them in that
-- order and stops at the page's end, instead of sorting every event of the
-- type.
CREATE INDEX events_type_sort ON events(type, sort_day, article_id, idx);
