-- The distinct names (lower case) of event actors and recipients: an actor
-- filter matches its substring against these few thousand names, not against
-- every entity, then finds their entities by the name_key index. Put adds
-- the names of the articles it stores, in the same transaction.
CREATE TABLE actor_names (name_key TEXT PRIMARY KEY);
INSERT INTO actor_names (name_key)
    SELECT DISTINCT n.name_key FROM event_actors x
    JOIN entities n ON n.article_id = x.article_id AND n.idx = x.entity_idx;
