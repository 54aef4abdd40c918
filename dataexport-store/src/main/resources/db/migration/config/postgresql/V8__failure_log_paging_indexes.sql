-- Failure log paging; see the SQLite migration.
CREATE INDEX failure_log_by_profile ON failure_log (profile_id, id);
CREATE INDEX failure_log_by_entity ON failure_log (profile_id, entity, id);
