-- The config and metrics store: export profiles and, per profile and entity, where the change
-- reader stands and what the writers have counted. Times are microseconds since the epoch (UTC).

CREATE TABLE store_metadata (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL
);

CREATE TABLE profile (
  id         TEXT PRIMARY KEY,
  -- NOCASE: "Demo" and "demo" would be told apart by nobody reading a list of profiles.
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  -- AES-256-GCM: format byte, 12-byte nonce, ciphertext and tag; the profile id is the
  -- associated data, so a document cannot be moved to another row unnoticed.
  document   BLOB NOT NULL,
  state      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE entity_sync_state (
  profile_id               TEXT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
  entity                   TEXT NOT NULL,
  cursor_phase             TEXT NOT NULL DEFAULT 'INITIAL',
  cursor_link              TEXT,
  high_water_version       INTEGER NOT NULL DEFAULT 0,
  initial_sync_state       TEXT NOT NULL DEFAULT 'notStarted',
  rows_read                INTEGER NOT NULL DEFAULT 0,
  estimated_total          INTEGER NOT NULL DEFAULT -1,
  reexport_started_at      INTEGER,
  total_notifications      INTEGER NOT NULL DEFAULT 0,
  succeeded_notifications  INTEGER NOT NULL DEFAULT 0,
  failed_notifications     INTEGER NOT NULL DEFAULT 0,
  last_synced_at           INTEGER,
  updated_at               INTEGER NOT NULL,
  PRIMARY KEY (profile_id, entity)
);
