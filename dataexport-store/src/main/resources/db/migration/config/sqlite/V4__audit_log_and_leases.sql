-- The audit log: who did what through the API, when, and how it ended (never secrets or record
-- data). Times are microseconds since the epoch (UTC).
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT,
  outcome TEXT NOT NULL,
  detail  TEXT
);

CREATE INDEX audit_log_at ON audit_log (at);

-- Leases: work that one node at a time may do (a profile's change reader, its retry scheduler).
-- token is the fencing token: it grows each time another holder takes the lease and never goes
-- back, so a holder that lost the lease can be told from the new one. A released lease keeps its
-- row (expired), so its token keeps growing.
CREATE TABLE lease (
  name       TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  token      INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
