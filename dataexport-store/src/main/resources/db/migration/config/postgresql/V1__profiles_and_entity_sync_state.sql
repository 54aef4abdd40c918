-- The config and metrics store on PostgreSQL (shared by the nodes of a cluster): the same tables
-- as the SQLite store (see the sqlite migrations for what each column means). Times are
-- microseconds since the epoch (UTC) in BIGINT columns, as there.

CREATE TABLE store_metadata (
  name  TEXT PRIMARY KEY,
  value BYTEA NOT NULL
);

CREATE TABLE profile (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  -- AES-256-GCM, the profile id as associated data (see the SQLite migration)
  document   BYTEA NOT NULL,
  state      TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Names are unique ignoring ASCII letter case, like SQLite's NOCASE.
CREATE UNIQUE INDEX profile_name ON profile (lower(name));

CREATE TABLE entity_sync_state (
  profile_id               TEXT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
  entity                   TEXT NOT NULL,
  cursor_phase             TEXT NOT NULL DEFAULT 'INITIAL',
  cursor_link              TEXT,
  high_water_version       BIGINT NOT NULL DEFAULT 0,
  initial_sync_state       TEXT NOT NULL DEFAULT 'notStarted',
  rows_read                BIGINT NOT NULL DEFAULT 0,
  estimated_total          BIGINT NOT NULL DEFAULT -1,
  reexport_started_at      BIGINT,
  total_notifications      BIGINT NOT NULL DEFAULT 0,
  succeeded_notifications  BIGINT NOT NULL DEFAULT 0,
  failed_notifications     BIGINT NOT NULL DEFAULT 0,
  last_synced_at           BIGINT,
  updated_at               BIGINT NOT NULL,
  PRIMARY KEY (profile_id, entity)
);
