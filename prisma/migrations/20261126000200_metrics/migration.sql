-- Metrics: daily facts, their rollups, custom measures and metrics, workspace metric
-- settings, and ingestion idempotency keys (SPEC §4, §7, §9.1).
--
-- Tenancy as in 20261126000000_platform: every table carries workspace_id first in its
-- primary key (Citus-ready: distribute by workspace_id), ENABLE + FORCE row-level security
-- with the tenant_isolation policy, and grants to throughline_app only.
--
-- Facts and rollups have no foreign key to workspaces on purpose: a per-row RI check would
-- roughly double the cost of bulk ingestion, and the app only writes facts for a workspace
-- it has just authorised. Deleting a workspace must delete its facts explicitly (the small
-- tables below cascade).

-- ---------------------------------------------------------------- facts
-- One value per (workspace, local date, channel, campaign, measure). `campaign` is '' when
-- a row has no campaign (a natural key needs NOT NULL). `value` is numeric: exact for money
-- and counts alike, never a binary float. `import_batch_id` names the import or push that
-- last changed the row (rollback support builds on it).
CREATE TABLE metric_facts (
  workspace_id    uuid NOT NULL,
  date            date NOT NULL,
  channel         text NOT NULL,
  campaign        text NOT NULL DEFAULT '',
  measure         text NOT NULL,
  value           numeric NOT NULL,
  import_batch_id uuid,
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, date, channel, campaign, measure)
);
-- Campaign-filtered reads (values, series, stocks of one campaign).
CREATE INDEX metric_facts_campaign_idx ON metric_facts (workspace_id, campaign, measure, date);

-- ---------------------------------------------------------------- rollups
-- Σ value and the number of facts per (workspace, measure, date), and per channel too. They
-- are maintained by the statement-level triggers below in the same transaction as the fact
-- change, so they equal a fresh GROUP BY over metric_facts at every commit, whoever writes
-- (GraphQL push, CSV import, demo loader, rollback). A rollup row exists only while facts
-- do (fact_count > 0), which keeps "earliest/latest day with data" for stocks exact.
CREATE TABLE metric_daily_totals (
  workspace_id uuid NOT NULL,
  measure      text NOT NULL,
  date         date NOT NULL,
  value        numeric NOT NULL,
  fact_count   integer NOT NULL,
  PRIMARY KEY (workspace_id, measure, date)
);

CREATE TABLE metric_channel_daily_totals (
  workspace_id uuid NOT NULL,
  measure      text NOT NULL,
  date         date NOT NULL,
  channel      text NOT NULL,
  value        numeric NOT NULL,
  fact_count   integer NOT NULL,
  PRIMARY KEY (workspace_id, measure, date, channel)
);

-- Sorted inserts take the rollup row locks in key order, so concurrent imports touching the
-- same days cannot deadlock on them.
-- Trigger functions run as the invoking role, so RLS also guards the rollup writes.
CREATE OR REPLACE FUNCTION metric_facts_rollup_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_daily_totals AS t (workspace_id, measure, date, value, fact_count)
    SELECT workspace_id, measure, date, sum(value), count(*)::integer
    FROM new_rows GROUP BY workspace_id, measure, date
    ORDER BY workspace_id, measure, date
  ON CONFLICT (workspace_id, measure, date) DO UPDATE
    SET value = t.value + excluded.value, fact_count = t.fact_count + excluded.fact_count;
  INSERT INTO metric_channel_daily_totals AS t (workspace_id, measure, date, channel, value, fact_count)
    SELECT workspace_id, measure, date, channel, sum(value), count(*)::integer
    FROM new_rows GROUP BY workspace_id, measure, date, channel
    ORDER BY workspace_id, measure, date, channel
  ON CONFLICT (workspace_id, measure, date, channel) DO UPDATE
    SET value = t.value + excluded.value, fact_count = t.fact_count + excluded.fact_count;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION metric_facts_rollup_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- New versions count +1, old versions −1: a value change nets to Σ(new − old) with the
  -- count unchanged; a key change (date/channel/measure) moves the fact between rows.
  INSERT INTO metric_daily_totals AS t (workspace_id, measure, date, value, fact_count)
    SELECT workspace_id, measure, date, sum(value), sum(n)::integer
    FROM (SELECT workspace_id, measure, date, value, 1 AS n FROM new_rows
          UNION ALL SELECT workspace_id, measure, date, -value, -1 FROM old_rows) d
    GROUP BY workspace_id, measure, date
    ORDER BY workspace_id, measure, date
  ON CONFLICT (workspace_id, measure, date) DO UPDATE
    SET value = t.value + excluded.value, fact_count = t.fact_count + excluded.fact_count;
  INSERT INTO metric_channel_daily_totals AS t (workspace_id, measure, date, channel, value, fact_count)
    SELECT workspace_id, measure, date, channel, sum(value), sum(n)::integer
    FROM (SELECT workspace_id, measure, date, channel, value, 1 AS n FROM new_rows
          UNION ALL SELECT workspace_id, measure, date, channel, -value, -1 FROM old_rows) d
    GROUP BY workspace_id, measure, date, channel
    ORDER BY workspace_id, measure, date, channel
  ON CONFLICT (workspace_id, measure, date, channel) DO UPDATE
    SET value = t.value + excluded.value, fact_count = t.fact_count + excluded.fact_count;
  DELETE FROM metric_daily_totals t USING (SELECT DISTINCT workspace_id, measure, date FROM old_rows) o
    WHERE t.workspace_id = o.workspace_id AND t.measure = o.measure AND t.date = o.date AND t.fact_count = 0;
  DELETE FROM metric_channel_daily_totals t USING (SELECT DISTINCT workspace_id, measure, date, channel FROM old_rows) o
    WHERE t.workspace_id = o.workspace_id AND t.measure = o.measure AND t.date = o.date AND t.channel = o.channel
      AND t.fact_count = 0;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION metric_facts_rollup_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE metric_daily_totals t SET value = t.value - d.value, fact_count = t.fact_count - d.n
    FROM (SELECT workspace_id, measure, date, sum(value) AS value, count(*)::integer AS n
          FROM old_rows GROUP BY workspace_id, measure, date) d
    WHERE t.workspace_id = d.workspace_id AND t.measure = d.measure AND t.date = d.date;
  UPDATE metric_channel_daily_totals t SET value = t.value - d.value, fact_count = t.fact_count - d.n
    FROM (SELECT workspace_id, measure, date, channel, sum(value) AS value, count(*)::integer AS n
          FROM old_rows GROUP BY workspace_id, measure, date, channel) d
    WHERE t.workspace_id = d.workspace_id AND t.measure = d.measure AND t.date = d.date AND t.channel = d.channel;
  DELETE FROM metric_daily_totals t USING (SELECT DISTINCT workspace_id, measure, date FROM old_rows) o
    WHERE t.workspace_id = o.workspace_id AND t.measure = o.measure AND t.date = o.date AND t.fact_count = 0;
  DELETE FROM metric_channel_daily_totals t USING (SELECT DISTINCT workspace_id, measure, date, channel FROM old_rows) o
    WHERE t.workspace_id = o.workspace_id AND t.measure = o.measure AND t.date = o.date AND t.channel = o.channel
      AND t.fact_count = 0;
  RETURN NULL;
END
$$;

-- PostgreSQL allows a transition table only on single-event triggers: one trigger each.
-- INSERT … ON CONFLICT DO UPDATE fires both the insert trigger (inserted rows) and the
-- update trigger (updated rows), each with its own transition tables.
CREATE TRIGGER metric_facts_rollup_insert AFTER INSERT ON metric_facts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_facts_rollup_insert();
CREATE TRIGGER metric_facts_rollup_update AFTER UPDATE ON metric_facts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_facts_rollup_update();
CREATE TRIGGER metric_facts_rollup_delete AFTER DELETE ON metric_facts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_facts_rollup_delete();

-- ---------------------------------------------------------------- definitions
-- Custom base measures (SPEC §4.1: key, unit, flow/stock). Keys share one namespace with the
-- catalog and custom metrics inside formulas (checked by lib/metrics).
CREATE TABLE custom_measures (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key          text NOT NULL,
  name_en      text NOT NULL,
  name_ru      text NOT NULL,
  unit         text NOT NULL CHECK (unit IN ('money', 'count')),
  aggregation  text NOT NULL CHECK (aggregation IN ('flow', 'stock_start', 'stock_end')),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX custom_measures_workspace_id_key_key ON custom_measures (workspace_id, key);

-- Custom derived metrics written in the formula language of lib/metrics/formula.
CREATE TABLE custom_metrics (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key          text NOT NULL,
  name_en      text NOT NULL,
  name_ru      text NOT NULL,
  formula      text NOT NULL,
  unit         text NOT NULL CHECK (unit IN ('money', 'count', 'ratio', 'months')),
  class        text NOT NULL CHECK (class IN ('process', 'result')),
  direction    text NOT NULL CHECK (direction IN ('higher', 'lower')),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX custom_metrics_workspace_id_key_key ON custom_metrics (workspace_id, key);

-- Settings that change how catalog metrics are computed (SPEC §4.2). No row = the defaults
-- of lib/metrics/metric-settings.ts.
CREATE TABLE metric_settings (
  workspace_id     uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  ltv_method       text NOT NULL DEFAULT 'subscription' CHECK (ltv_method IN ('subscription', 'repeat_purchase', 'fixed')),
  order_value      numeric,
  orders_per_year  numeric,
  years            numeric,
  fixed_ltv        numeric,
  gross_margin     numeric NOT NULL DEFAULT 1 CHECK (gross_margin > 0 AND gross_margin <= 1),
  romi_basis       text NOT NULL DEFAULT 'revenue' CHECK (romi_basis IN ('revenue', 'gross_profit')),
  engagement_basis text NOT NULL DEFAULT 'reach' CHECK (engagement_basis IN ('reach', 'impressions', 'followers')),
  updated_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id)
);

-- ---------------------------------------------------------------- ingestion
-- Idempotency keys of ingestMetrics (SPEC §9.1), kept at least 24 h: the same key with the
-- same payload hash answers with the stored result; a different hash is rejected. `id` is
-- the batch id written to metric_facts.import_batch_id.
CREATE TABLE ingest_requests (
  workspace_id     uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  idempotency_key  text NOT NULL,
  id               uuid NOT NULL,
  payload_hash     text NOT NULL,
  row_count        integer NOT NULL,
  result           jsonb,
  actor_user_id    uuid,
  actor_api_key_id uuid,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, idempotency_key)
);
CREATE INDEX ingest_requests_workspace_id_created_at_idx ON ingest_requests (workspace_id, created_at);

-- ---------------------------------------------------------------- row-level security
ALTER TABLE metric_facts ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_facts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON metric_facts
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE metric_daily_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_daily_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON metric_daily_totals
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE metric_channel_daily_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_channel_daily_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON metric_channel_daily_totals
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE custom_measures ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_measures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON custom_measures
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE custom_metrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_metrics FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON custom_metrics
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE metric_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON metric_settings
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE ingest_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE ingest_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ingest_requests
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

-- ---------------------------------------------------------------- grants
-- No TRUNCATE: it would bypass the rollup triggers.
GRANT SELECT, INSERT, UPDATE, DELETE ON metric_facts, metric_daily_totals, metric_channel_daily_totals,
  custom_measures, custom_metrics, metric_settings, ingest_requests TO throughline_app;
GRANT EXECUTE ON FUNCTION metric_facts_rollup_insert(), metric_facts_rollup_update(),
  metric_facts_rollup_delete() TO throughline_app;
