-- Data versions: one counter per workspace, bumped in the same transaction as every write to
-- the tables a scorecard is computed from. Readers compare it with the version a cached result
-- was computed at (lib/scorecard-service/scorecard-cache.ts): equal → the cached result is
-- exact; different → recompute. Readers read the version BEFORE the data, so a cached entry
-- can only be newer than its version, never older.
--
-- The bump is a BEFORE STATEMENT trigger: the version row is locked before any row of the
-- written table, and held to commit, so concurrent writers of one workspace take their locks
-- in the same order (version first) and cannot deadlock over it.
CREATE TABLE workspace_data_versions (
  workspace_id  uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  version       bigint NOT NULL DEFAULT 1,
  changed_at    timestamptz(3) NOT NULL DEFAULT now()
);

ALTER TABLE workspace_data_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspace_data_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workspace_data_versions
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
GRANT SELECT, INSERT, UPDATE ON workspace_data_versions TO throughline_app;

-- In a tenant transaction: bump that workspace. Without one (the table owner maintaining
-- data outside any tenant): bump every workspace the caller can see.
CREATE OR REPLACE FUNCTION bump_workspace_data_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  ws uuid := app_workspace_id();
BEGIN
  IF ws IS NOT NULL THEN
    INSERT INTO workspace_data_versions AS v (workspace_id) VALUES (ws)
      ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1, changed_at = now();
  ELSE
    UPDATE workspace_data_versions SET version = version + 1, changed_at = now();
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON metric_facts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON kpis
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON kpi_target_versions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON kpi_annotations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON metric_settings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON custom_measures
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON custom_metrics
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
-- The rollups (metric_daily_totals, metric_channel_daily_totals) are written only by the
-- metric_facts triggers, inside a statement that has already bumped the version.
