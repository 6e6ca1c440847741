-- Data versions: a workspace's version is the number of committed transactions that wrote to
-- the tables a scorecard is computed from. Readers compare it with the version a cached result
-- was computed at (lib/scorecard-service/scorecard-cache.ts): equal → the cached result is
-- exact; different → recompute. Readers read the version BEFORE the data, so a cached entry can
-- only be newer than its version, never older.
--
-- Lock-free: a BEFORE STATEMENT trigger inserts one row per (workspace, transaction) — ON
-- CONFLICT DO NOTHING for the transaction's later statements — so concurrent writers of one
-- workspace (an import's parallel chunk transactions) never wait for each other. The version is
-- sum(weight): +1 per committed writing transaction, whatever the commit order. Compaction
-- folds old rows into the compacting transaction's own row, keeping the sum.
CREATE TABLE workspace_data_changes (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  txid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  weight        bigint NOT NULL DEFAULT 1,
  changed_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, txid)
);

ALTER TABLE workspace_data_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspace_data_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workspace_data_changes
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON workspace_data_changes TO throughline_app;

-- Folds every committed row of `ws` but the caller's own into the caller's row (which must
-- exist): the sum, hence the version, is unchanged. One compactor per workspace at a time.
CREATE OR REPLACE FUNCTION compact_workspace_data_changes(ws uuid) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  folded bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtextextended('workspace_data_changes:' || ws::text, 0)) THEN
    RETURN;
  END IF;
  WITH gone AS (
    DELETE FROM workspace_data_changes WHERE workspace_id = ws AND txid <> pg_current_xact_id() RETURNING weight
  )
  SELECT coalesce(sum(weight), 0) INTO folded FROM gone;
  UPDATE workspace_data_changes SET weight = weight + folded WHERE workspace_id = ws AND txid = pg_current_xact_id();
END $$;

-- In a tenant transaction: that workspace. Without one (the table owner maintaining data
-- outside any tenant): every workspace the caller can see.
CREATE OR REPLACE FUNCTION bump_workspace_data_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  ws uuid := app_workspace_id();
  added int;
BEGIN
  IF ws IS NOT NULL THEN
    INSERT INTO workspace_data_changes (workspace_id) VALUES (ws) ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    -- Now and then (once per ~64 writing transactions) keep the table small.
    IF added = 1 AND random() < 1.0 / 64 THEN
      PERFORM compact_workspace_data_changes(ws);
    END IF;
  ELSE
    INSERT INTO workspace_data_changes (workspace_id) SELECT id FROM workspaces ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- The tables a scorecard is computed from (test/integration/data-versions.int.test.ts lists them too).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['metric_facts', 'kpis', 'kpi_target_versions', 'kpi_annotations', 'metric_settings', 'custom_measures', 'custom_metrics'] LOOP
    EXECUTE format('CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version()', t);
  END LOOP;
END $$;
-- The rollups (metric_daily_totals, metric_channel_daily_totals) are written only by the
-- metric_facts triggers, inside a statement that has already bumped the version.
