-- API keys of the REST API (SPEC §9). The key itself is never stored: a caller sends
-- dxk_<id>_<secret>, and secret_hash is the SHA-256 of the secret part (a 256-bit random value,
-- so a plain hash suffices). role is viewer, operator or admin. Times are microseconds since the
-- epoch (UTC); last_used_at is kept to about a minute, NULL until first used.
CREATE TABLE api_key (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role         TEXT NOT NULL,
  secret_hash  BLOB NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);
