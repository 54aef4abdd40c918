-- See the SQLite migration: when the running full read's last page was published.
ALTER TABLE entity_sync_state ADD COLUMN reexport_published_at BIGINT;
