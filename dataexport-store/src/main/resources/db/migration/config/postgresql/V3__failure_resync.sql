-- The resync of a profile's failed records, one row per profile (its latest job); see the SQLite
-- migration for what each column means.

CREATE TABLE failure_resync (
  profile_id     TEXT PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
  state          TEXT NOT NULL,
  total_records  BIGINT NOT NULL,
  last_entry_id  BIGINT NOT NULL,
  after_entry_id BIGINT NOT NULL,
  resynced       BIGINT NOT NULL,
  skipped        BIGINT NOT NULL,
  started_at     BIGINT NOT NULL,
  finished_at    BIGINT,
  last_error     TEXT,
  last_error_at  BIGINT
);
