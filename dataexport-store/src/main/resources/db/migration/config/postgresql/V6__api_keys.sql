-- API keys of the REST API; see the SQLite migration for what each column means.
CREATE TABLE api_key (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  role         TEXT NOT NULL,
  secret_hash  BYTEA NOT NULL,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT
);

-- Names are unique ignoring ASCII letter case, like SQLite's NOCASE.
CREATE UNIQUE INDEX api_key_name ON api_key (lower(name));
