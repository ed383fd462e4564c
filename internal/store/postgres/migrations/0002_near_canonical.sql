-- Near-duplicate look-ups compare a new article with canonical articles only,
-- so the band indexes hold only those: a cluster of copies costs one entry.
DROP INDEX articles_band0;
DROP INDEX articles_band1;
DROP INDEX articles_band2;
DROP INDEX articles_band3;
CREATE INDEX articles_band0 ON articles(band0) WHERE canonical_id IS NULL;
CREATE INDEX articles_band1 ON articles(band1) WHERE canonical_id IS NULL;
CREATE INDEX articles_band2 ON articles(band2) WHERE canonical_id IS NULL;
CREATE INDEX articles_band3 ON articles(band3) WHERE canonical_id IS NULL;
