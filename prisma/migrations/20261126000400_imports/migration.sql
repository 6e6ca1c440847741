-- CSV imports (SPEC §7, issue 4): the import record and job state, the chunks each import
-- committed, and the journal of the fact values each import replaced (for rollback).
--
-- Tenancy as in 20261126000000_platform: workspace_id first in every primary key, ENABLE +
-- FORCE row-level security with the tenant_isolation policy, grants to throughline_app only.

-- ---------------------------------------------------------------- imports
-- One uploaded file and what became of it. The row is also the job's durable state: status,
-- progress (rows_done / rows_total facts), attempts and heartbeat survive a page reload and a
-- restart; the file itself lives in the import store (lib/imports/import-store.ts) under
-- storage_key until the import ends.
CREATE TABLE imports (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id           uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  file_name              text NOT NULL,
  file_size              bigint NOT NULL CHECK (file_size >= 0),
  checksum               text NOT NULL,                       -- SHA-256 of the file, hex
  storage_key            text NOT NULL,
  encoding               text NOT NULL,                       -- utf-8 | windows-1251
  delimiter              text NOT NULL,
  number_style           text NOT NULL CHECK (number_style IN ('ru', 'en')),
  headers                jsonb NOT NULL DEFAULT '[]',
  sample_rows            jsonb NOT NULL DEFAULT '[]',         -- the first records as read
  suggested_mapping      jsonb NOT NULL,
  mapping                jsonb NOT NULL,                      -- the mapping the report and preview are for
  mapping_fingerprint    text NOT NULL,
  preview                jsonb NOT NULL DEFAULT '[]',         -- the first facts the mapping gives
  report                 jsonb NOT NULL DEFAULT '{}',         -- validation report (issues, counts, unknown measures)
  error_count            integer NOT NULL DEFAULT 0,
  data_rows              integer NOT NULL DEFAULT 0,          -- records after the header
  status                 text NOT NULL CHECK (status IN ('UPLOADED', 'QUEUED', 'VALIDATING', 'RUNNING', 'COMMITTED',
                                                          'FAILED', 'CANCELLED', 'ROLLED_BACK')),
  cancel_requested       boolean NOT NULL DEFAULT false,
  chunk_size             integer NOT NULL DEFAULT 10000 CHECK (chunk_size BETWEEN 1 AND 10000),
  rows_total             integer NOT NULL DEFAULT 0,          -- facts to write
  rows_done              integer NOT NULL DEFAULT 0,          -- facts in committed chunks
  inserted               integer NOT NULL DEFAULT 0,
  updated                integer NOT NULL DEFAULT 0,
  unchanged              integer NOT NULL DEFAULT 0,
  attempts               integer NOT NULL DEFAULT 0,
  error                  text,
  created_by_user_id     uuid,
  created_by_api_key_id  uuid,
  created_at             timestamptz(3) NOT NULL DEFAULT now(),
  commit_requested_at    timestamptz(3),
  started_at             timestamptz(3),
  heartbeat_at           timestamptz(3),
  finished_at            timestamptz(3),
  rolled_back_at         timestamptz(3),
  rolled_back_by_user_id uuid,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX imports_workspace_id_created_at_idx ON imports (workspace_id, created_at);
CREATE INDEX imports_workspace_id_checksum_idx ON imports (workspace_id, checksum);
-- The worker's sweep for jobs to resume looks only at live ones.
CREATE INDEX imports_live_idx ON imports (status) WHERE status IN ('QUEUED', 'VALIDATING', 'RUNNING');

-- ---------------------------------------------------------------- chunks
-- A chunk of ≤ 10 000 facts committed in ONE transaction together with this row: a chunk is
-- either fully written and recorded, or neither. A resumed job skips recorded chunks; the
-- primary key makes a second worker's replay of the same chunk fail (and roll back) instead
-- of counting it twice.
CREATE TABLE import_chunks (
  workspace_id uuid NOT NULL,
  import_id    uuid NOT NULL,
  chunk_no     integer NOT NULL CHECK (chunk_no >= 0),
  rows         integer NOT NULL,
  inserted     integer NOT NULL,
  updated      integer NOT NULL,
  unchanged    integer NOT NULL,
  committed_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, import_id, chunk_no),
  FOREIGN KEY (workspace_id, import_id) REFERENCES imports (workspace_id, id) ON DELETE CASCADE
);

-- ---------------------------------------------------------------- journal
-- The value (and batch id) a fact had before an import changed it, written by the trigger
-- below from the UPDATE's own transition tables — so it is exactly the version the upsert
-- replaced, whatever ran concurrently. Facts an import inserted need no journal row: they
-- carry the import's id in metric_facts.import_batch_id and no journal entry.
CREATE TABLE import_fact_changes (
  workspace_id      uuid NOT NULL,
  import_id         uuid NOT NULL,
  date              date NOT NULL,
  channel           text NOT NULL,
  campaign          text NOT NULL,
  measure           text NOT NULL,
  previous_value    numeric NOT NULL,
  previous_batch_id uuid,
  PRIMARY KEY (workspace_id, import_id, date, channel, campaign, measure)
);

-- Journals only inside an import's chunk transaction (app.import_id set with
-- set_config(…, true)); every other writer pays one current_setting() call per statement.
CREATE OR REPLACE FUNCTION metric_facts_import_journal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  current_import uuid := nullif(current_setting('app.import_id', true), '')::uuid;
BEGIN
  IF current_import IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO import_fact_changes (workspace_id, import_id, date, channel, campaign, measure, previous_value, previous_batch_id)
    SELECT o.workspace_id, current_import, o.date, o.channel, o.campaign, o.measure, o.value, o.import_batch_id
    FROM old_rows o
    JOIN new_rows n ON n.workspace_id = o.workspace_id AND n.date = o.date AND n.channel = o.channel
                   AND n.campaign = o.campaign AND n.measure = o.measure
    WHERE n.import_batch_id = current_import
  -- The first version an import replaced is the one to restore.
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER metric_facts_import_journal AFTER UPDATE ON metric_facts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_facts_import_journal();

-- ---------------------------------------------------------------- worker sweep
-- The one cross-tenant read the job runner needs after a restart: which imports are live.
-- SECURITY DEFINER (owner rights) with a fixed search_path, returning ids only; everything
-- the job then does runs in a tenant transaction under RLS.
CREATE OR REPLACE FUNCTION live_import_jobs(stale_after_seconds integer)
  RETURNS TABLE (workspace_id uuid, import_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT i.workspace_id, i.id FROM imports i
    WHERE i.status IN ('QUEUED', 'VALIDATING', 'RUNNING')
      AND (i.heartbeat_at IS NULL OR i.heartbeat_at < now() - make_interval(secs => stale_after_seconds))
    ORDER BY i.commit_requested_at NULLS LAST, i.created_at
$$;
REVOKE ALL ON FUNCTION live_import_jobs(integer) FROM PUBLIC;

-- ---------------------------------------------------------------- row-level security
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON imports
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE import_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_chunks
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE import_fact_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_fact_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_fact_changes
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

-- ---------------------------------------------------------------- grants
GRANT SELECT, INSERT, UPDATE, DELETE ON imports, import_chunks, import_fact_changes TO throughline_app;
GRANT EXECUTE ON FUNCTION metric_facts_import_journal() TO throughline_app;
GRANT EXECUTE ON FUNCTION live_import_jobs(integer) TO throughline_app;
