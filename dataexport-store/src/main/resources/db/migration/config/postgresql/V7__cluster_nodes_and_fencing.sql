-- Cluster mode; see the SQLite migration for what each column means.
CREATE TABLE cluster_node (
  id           TEXT PRIMARY KEY,
  address      TEXT,
  started_at   BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL,
  details      TEXT
);

ALTER TABLE entity_sync_state ADD COLUMN reexport_requested_at BIGINT;

ALTER TABLE entity_sync_state ADD COLUMN fence_token BIGINT NOT NULL DEFAULT 0;
