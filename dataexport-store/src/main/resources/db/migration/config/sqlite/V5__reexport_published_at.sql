-- A full read's completion is the writer side's work, not its reader's: the reader records here
-- when it has published the read's last page, and the re-export completion (which waits until the
-- writers have handled it, then sweeps) clears it with reexport_started_at. Microseconds since the
-- epoch (UTC); null when no published read waits for completion.
ALTER TABLE entity_sync_state ADD COLUMN reexport_published_at INTEGER;
