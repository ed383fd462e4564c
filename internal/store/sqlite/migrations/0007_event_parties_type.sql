-- An actor's or a country's events of one type, in date order, straight from
-- an index: the indexes of 0006 hold the type after the date, so such a page
-- read every event of the name or country until it had enough of the type
-- (a country with thousands of events and a rare type read them all).
CREATE INDEX event_parties_name_type ON event_parties(name_key, type, sort_day, article_id, event_idx, sort_end, country, sector);
CREATE INDEX event_parties_country_type ON event_parties(country, type, sort_day, article_id, event_idx, sector, sort_end);
