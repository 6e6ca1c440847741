-- KPIs, the KPI tree, targets with history, and annotations (SPEC §5, §6).
--
-- Tenancy as in 20261126000000_platform: workspace_id first in every primary key, ENABLE +
-- FORCE row-level security with the tenant_isolation policy, grants to throughline_app only.
-- Foreign keys inside a tenant are composite (workspace_id, id), so a row can never point at
-- another workspace's KPI even if the application got an id wrong.

-- ---------------------------------------------------------------- KPIs
-- One KPI = a metric + owner scorecard + period type + direction + thresholds + weight + its
-- parent in the KPI tree (+ an optional quality gate). Shapes are checked here as a last
-- wall; lib/kpis validates first and answers with field paths.
CREATE TABLE kpis (
  id                      uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id            uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- Stable slug, unique per workspace ("performance.qualified_leads"): templates, the planner's
  -- proposals and the pure core refer to KPIs by key.
  key                     text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
  metric_key              text NOT NULL,
  -- The scorecard the KPI belongs to: the company (the tree's roots) or a role.
  owner_role              text NOT NULL CHECK (owner_role IN ('COMPANY', 'CMO', 'PERFORMANCE', 'SMM', 'CONTENT', 'SALES')),
  period_type             text NOT NULL DEFAULT 'month' CHECK (period_type IN ('month', 'quarter', 'year')),
  direction               text NOT NULL CHECK (direction IN ('higher', 'lower', 'range')),
  range_min               numeric,
  range_max               numeric,
  threshold_on_track      numeric NOT NULL DEFAULT 1,
  threshold_at_risk       numeric NOT NULL DEFAULT 0.9,
  -- Exact numeric: weights are summed and divided in the score.
  weight                  numeric NOT NULL DEFAULT 1 CHECK (weight > 0),
  -- A standing target for every period without an explicit one (the seeds' fixed numbers:
  -- LTV:CAC 3, branded traffic +30%). NULL = none.
  default_target          numeric,
  parent_id               uuid,
  gate_metric_key         text,
  gate_comparator         text CHECK (gate_comparator IN ('>=', '<=')),
  gate_threshold          numeric,
  diagnostics             text[] NOT NULL DEFAULT '{}',
  -- Channel group ("paid", "social", "content") or one channel name; NULL = all channels.
  channel_scope           text,
  -- The template KPI this row was created from (its key); "reset to template" restores it.
  template_key            text,
  position                integer NOT NULL DEFAULT 0,
  created_at              timestamptz(3) NOT NULL DEFAULT now(),
  updated_at              timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CONSTRAINT kpis_parent_fkey FOREIGN KEY (workspace_id, parent_id) REFERENCES kpis (workspace_id, id),
  CONSTRAINT kpis_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
  CONSTRAINT kpis_thresholds_ordered CHECK (threshold_at_risk > 0 AND threshold_at_risk <= threshold_on_track),
  CONSTRAINT kpis_range_shape CHECK (
    direction <> 'range' OR (range_min IS NOT NULL AND range_max IS NOT NULL AND range_min >= 0 AND range_min <= range_max)),
  CONSTRAINT kpis_gate_shape CHECK (
    (gate_metric_key IS NULL AND gate_comparator IS NULL AND gate_threshold IS NULL) OR
    (gate_metric_key IS NOT NULL AND gate_comparator IS NOT NULL AND gate_threshold IS NOT NULL))
);
CREATE UNIQUE INDEX kpis_workspace_id_key_key ON kpis (workspace_id, key);
CREATE INDEX kpis_workspace_id_owner_role_position_idx ON kpis (workspace_id, owner_role, position);
CREATE INDEX kpis_workspace_id_parent_id_idx ON kpis (workspace_id, parent_id);

-- ---------------------------------------------------------------- targets (append-only)
-- A target per (KPI, period), with history: every change appends a version; the current
-- target of a period is its latest version (value NULL = target removed). Earlier versions
-- stay on record, so a target changed mid-period keeps its old value visible. The app role
-- may only SELECT and INSERT here (no UPDATE/DELETE grant): history cannot be rewritten.
CREATE TABLE kpi_target_versions (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id      uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kpi_id            uuid NOT NULL,
  period_from       date NOT NULL,
  period_to         date NOT NULL,
  value             numeric,
  -- 'manual' (setKpiTarget), 'planner' (applyTargetPlan), 'template' (default targets).
  source            text NOT NULL CHECK (source IN ('manual', 'planner', 'template')),
  effective_from    timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
  actor_user_id     uuid,
  actor_api_key_id  uuid,
  PRIMARY KEY (workspace_id, id),
  CONSTRAINT kpi_target_versions_kpi_fkey FOREIGN KEY (workspace_id, kpi_id) REFERENCES kpis (workspace_id, id) ON DELETE CASCADE,
  CONSTRAINT kpi_target_versions_period CHECK (period_from <= period_to)
);
-- "The current target of each KPI for this period": one index range per KPI, newest first.
CREATE INDEX kpi_target_versions_lookup_idx
  ON kpi_target_versions (workspace_id, kpi_id, period_from, period_to, effective_from DESC);

-- ---------------------------------------------------------------- annotations
-- A specialist's note on a KPI of their own scorecard, per period (one per KPI and period).
CREATE TABLE kpi_annotations (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id    uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kpi_id          uuid NOT NULL,
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  author_user_id  uuid NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CONSTRAINT kpi_annotations_kpi_fkey FOREIGN KEY (workspace_id, kpi_id) REFERENCES kpis (workspace_id, id) ON DELETE CASCADE,
  CONSTRAINT kpi_annotations_period CHECK (period_from <= period_to)
);
CREATE UNIQUE INDEX kpi_annotations_kpi_period_key ON kpi_annotations (workspace_id, kpi_id, period_from, period_to);

-- ---------------------------------------------------------------- row-level security
ALTER TABLE kpis ENABLE ROW LEVEL SECURITY;
ALTER TABLE kpis FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kpis
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE kpi_target_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE kpi_target_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kpi_target_versions
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE kpi_annotations ENABLE ROW LEVEL SECURITY;
ALTER TABLE kpi_annotations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kpi_annotations
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

-- ---------------------------------------------------------------- grants
GRANT SELECT, INSERT, UPDATE, DELETE ON kpis, kpi_annotations TO throughline_app;
-- Append-only history: no UPDATE, no DELETE (rows go only with their KPI or workspace).
GRANT SELECT, INSERT ON kpi_target_versions TO throughline_app;
