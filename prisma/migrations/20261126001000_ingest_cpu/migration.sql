-- Ingestion speed (issue 4): two per-row costs of a bulk fact write, measured with EXPLAIN
-- ANALYZE on PostgreSQL 15 here (one 10 000-row chunk, app role, 76–92 ms per INSERT).
--
-- 1. ingest_facts() sorts each batch into primary-key order before inserting it (sorted
--    inserts fill B-tree pages in order and take row locks in key order). The sort took 13–14
--    ms. The caller now sends rows already in key order (lib/ingestion/upsert-facts.ts,
--    keyOrder), and PostgreSQL's sort checks for sorted input first — but only when both
--    sides agree on the order: the sort keys come from unnest() of text[] parameters, which
--    carry the DATABASE collation, not the "C" collation of the key columns
--    (20261126000600_fact_key_collation). The ORDER BY now names COLLATE "C": the order of the
--    primary key itself, whatever the server's locale, which is what the sort is for.
--    Same rows, same insert order, same result.
--
-- 2. Row-level security: the tenant_isolation policy `workspace_id = app_workspace_id()` is
--    evaluated for every row written (WITH CHECK) or read (USING) — a current_setting() call,
--    nullif and a uuid cast per row: 5–6 ms per 10 000-row INSERT. As `(SELECT
--    app_workspace_id())` the same expression becomes an InitPlan, evaluated once per
--    statement. The value cannot change within a statement (nothing in it sets
--    app.workspace_id), so every row meets exactly the same check; an unset tenant still gives
--    NULL, which matches no row and admits none. Changed on the tables that bulk writes fill
--    row by row (facts, both rollups, the import journal); the policy stays the only one on
--    each table, ENABLE + FORCE unchanged.

-- ---------------------------------------------------------------- row-level security
ALTER POLICY tenant_isolation ON metric_facts
  USING (workspace_id = (SELECT app_workspace_id())) WITH CHECK (workspace_id = (SELECT app_workspace_id()));
ALTER POLICY tenant_isolation ON metric_daily_totals
  USING (workspace_id = (SELECT app_workspace_id())) WITH CHECK (workspace_id = (SELECT app_workspace_id()));
ALTER POLICY tenant_isolation ON metric_channel_daily_totals
  USING (workspace_id = (SELECT app_workspace_id())) WITH CHECK (workspace_id = (SELECT app_workspace_id()));
ALTER POLICY tenant_isolation ON import_fact_changes
  USING (workspace_id = (SELECT app_workspace_id())) WITH CHECK (workspace_id = (SELECT app_workspace_id()));

-- ---------------------------------------------------------------- rollup of inserts
-- 3. The insert rollup trigger grouped the statement's new rows twice, once per rollup: 6.5–7
--    ms per 10 000-row chunk. It now groups them once, per (workspace, measure, date,
--    channel), and derives the per-day totals from those groups (Σ of the channel sums and of
--    their counts: the same sums, exact in numeric). One statement: the channel rows are a
--    data-modifying CTE, which PostgreSQL runs after the main INSERT of the day rows — the
--    same order as before (day rows, then channel rows; each sorted), so concurrent writers
--    still take the rollup row locks in one order.
CREATE OR REPLACE FUNCTION metric_facts_rollup_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH by_channel AS MATERIALIZED (
    SELECT workspace_id, measure, date, channel, sum(value) AS value, count(*)::integer AS fact_count
    FROM new_rows GROUP BY workspace_id, measure, date, channel
  ), channel_rows AS (
    INSERT INTO metric_channel_daily_totals AS t (workspace_id, measure, date, channel, value, fact_count)
      SELECT workspace_id, measure, date, channel, value, fact_count FROM by_channel
      ORDER BY workspace_id, measure, date, channel
    ON CONFLICT (workspace_id, measure, date, channel) DO UPDATE
      SET value = t.value + excluded.value, fact_count = t.fact_count + excluded.fact_count
  )
  INSERT INTO metric_daily_totals AS t (workspace_id, measure, date, value, fact_count)
    SELECT workspace_id, measure, date, sum(value), sum(fact_count)::integer
    FROM by_channel GROUP BY workspace_id, measure, date
    ORDER BY workspace_id, measure, date
  ON CONFLICT (workspace_id, measure, date) DO UPDATE
    SET value = t.value + excluded.value, fact_count = t.fact_count + excluded.fact_count;
  RETURN NULL;
END
$$;

-- ---------------------------------------------------------------- ingest_facts
CREATE OR REPLACE FUNCTION ingest_facts(
  p_workspace uuid, p_batch uuid,
  p_dates date[], p_channels text[], p_campaigns text[], p_measures text[], p_values numeric[],
  p_try_insert boolean DEFAULT false
) RETURNS TABLE (inserted integer, updated integer)
LANGUAGE plpgsql AS $$
DECLARE
  lo date;
  hi date;
  n integer;
BEGIN
  SELECT min(d), max(d) INTO lo, hi FROM unnest(p_dates) AS d;
  IF lo IS NULL THEN
    RETURN QUERY SELECT 0, 0;
    RETURN;
  END IF;
  IF p_try_insert OR NOT EXISTS (SELECT 1 FROM metric_facts f WHERE f.workspace_id = p_workspace AND f.date BETWEEN lo AND hi) THEN
    BEGIN
      INSERT INTO metric_facts (workspace_id, date, channel, campaign, measure, value, import_batch_id)
      SELECT p_workspace, t.date, t.channel, t.campaign, t.measure, t.value, p_batch
      FROM unnest(p_dates, p_channels, p_campaigns, p_measures, p_values) AS t(date, channel, campaign, measure, value)
      ORDER BY t.date, t.channel COLLATE "C", t.campaign COLLATE "C", t.measure COLLATE "C";
      GET DIAGNOSTICS n = ROW_COUNT;
      RETURN QUERY SELECT n, 0;
      RETURN;
    EXCEPTION WHEN unique_violation THEN
      NULL; -- a concurrent writer got there first: upsert below
    END;
  END IF;
  RETURN QUERY
  WITH changed AS (
    INSERT INTO metric_facts AS f (workspace_id, date, channel, campaign, measure, value, import_batch_id)
    SELECT p_workspace, t.date, t.channel, t.campaign, t.measure, t.value, p_batch
    FROM unnest(p_dates, p_channels, p_campaigns, p_measures, p_values) AS t(date, channel, campaign, measure, value)
    ORDER BY t.date, t.channel COLLATE "C", t.campaign COLLATE "C", t.measure COLLATE "C"
    ON CONFLICT (workspace_id, date, channel, campaign, measure) DO UPDATE
      SET value = excluded.value, import_batch_id = excluded.import_batch_id, updated_at = now()
      WHERE f.value IS DISTINCT FROM excluded.value
    RETURNING (f.xmax = 0) AS fresh
  )
  SELECT (count(*) FILTER (WHERE fresh))::integer, (count(*) FILTER (WHERE NOT fresh))::integer FROM changed;
END
$$;
REVOKE ALL ON FUNCTION ingest_facts(uuid, uuid, date[], text[], text[], text[], numeric[], boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ingest_facts(uuid, uuid, date[], text[], text[], text[], numeric[], boolean) TO throughline_app;
