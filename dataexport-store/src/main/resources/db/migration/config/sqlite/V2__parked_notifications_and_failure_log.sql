-- Failed notifications (SPEC §5). A notification that fails is parked: the notification itself,
-- record data included, goes to the blob store (encrypted) under blob_key, and this row holds only
-- what the retry scheduler and the status need. A notification that has used up its tries is
-- given up: its blob is deleted and a failure_log row keeps the minimal data an administrator needs
-- to resync it (no record data). Times are microseconds since the epoch (UTC).

CREATE TABLE parked (
  -- <profile id>/parked/<entity>/<record id>-<version>-<uuid>: unique, and the same for a
  -- redelivery of the same bus position, so parking twice keeps one row
  blob_key        TEXT PRIMARY KEY,
  profile_id      TEXT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
  entity          TEXT NOT NULL,
  record_id       TEXT NOT NULL,
  operation       TEXT NOT NULL,
  version         INTEGER NOT NULL,
  sync_time       INTEGER NOT NULL,
  -- tries made so far, the first (the writer's) included
  attempts        INTEGER NOT NULL,
  first_failed_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_reason     TEXT NOT NULL
);

CREATE INDEX parked_due ON parked (profile_id, next_attempt_at);
CREATE INDEX parked_entity ON parked (profile_id, entity);

-- One row per record that was given up (its latest failure): what "resync failed records" reads.
CREATE TABLE failure_log (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_id      TEXT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
  entity          TEXT NOT NULL,
  record_id       TEXT NOT NULL,
  change_type     TEXT NOT NULL,
  sync_time       INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  attempts        INTEGER NOT NULL,
  first_failed_at INTEGER NOT NULL,
  failed_at       INTEGER NOT NULL,
  UNIQUE (profile_id, entity, record_id)
);
