-- Cluster mode (SPEC §8). Times are microseconds since the epoch (UTC), from the database's clock
-- (like the leases'), so that nodes whose clocks differ agree which node fell silent.

-- One row per node, written by its heartbeat, removed when it leaves or has been silent too long.
CREATE TABLE cluster_node (
  id           TEXT PRIMARY KEY,
  -- where its API answers; NULL when it does not say
  address      TEXT,
  -- its first heartbeat since the row was made
  started_at   INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  -- opaque JSON the node reports (readers and partitions held), at most 64 KiB
  details      TEXT
);

-- A full re-export asked for on any node, for the node running the entity's reader to take up;
-- NULL when none is pending.
ALTER TABLE entity_sync_state ADD COLUMN reexport_requested_at INTEGER;

-- The lease token the cursor was last saved under (0: saved without a lease), so a cursor written
-- by a former holder can be told from its successor's.
ALTER TABLE entity_sync_state ADD COLUMN fence_token INTEGER NOT NULL DEFAULT 0;

-- The fingerprint of the profile-document key (the first node's) lives in store_metadata under
-- 'key-fingerprint', beside the service id: no table of its own.
