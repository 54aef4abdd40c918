-- The failure log is read a page at a time, in id order, for a profile or one of its entities
-- (GET /api/v1/profiles/{id}/failures?limit=…&afterId=…&entity=…): these indexes answer a page
-- without reading or sorting the rest of the log, however long it grew.
CREATE INDEX failure_log_by_profile ON failure_log (profile_id, id);
CREATE INDEX failure_log_by_entity ON failure_log (profile_id, entity, id);
