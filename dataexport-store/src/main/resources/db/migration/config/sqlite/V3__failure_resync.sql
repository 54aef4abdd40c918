-- The resync of a profile's failed records runs as a background job that survives restarts: one row
-- per profile, its latest job. A job covers the failure-log entries that were there when it began
-- (ids up to last_entry_id) and goes through them in id order; after_entry_id is where it stands.
-- Entries it resynced leave the failure log in the transaction that moves after_entry_id and its
-- counters. Times are microseconds since the epoch (UTC).

CREATE TABLE failure_resync (
  profile_id     TEXT PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
  -- RUNNING (also while the profile is inactive: it goes on when the profile runs) or COMPLETED
  state          TEXT NOT NULL,
  -- entries in the failure log when the job began
  total_records  INTEGER NOT NULL,
  last_entry_id  INTEGER NOT NULL,
  after_entry_id INTEGER NOT NULL,
  -- records read again and put on the bus
  resynced       INTEGER NOT NULL,
  -- entries left in the log: entity no longer exported, or being read in full
  skipped        INTEGER NOT NULL,
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER,
  last_error     TEXT,
  last_error_at  INTEGER
);
