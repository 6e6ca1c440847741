-- An API integrators can rely on (issue 15, items 4 and 5).
--
-- 1. metric_batches: every ingestMetrics batch is recorded like a CSV import (SPEC §7: who,
--    when, rows, what it did) and can be rolled back. The batch's facts carry its id in
--    metric_facts.import_batch_id, and the import journal (import_fact_changes, trigger
--    metric_facts_import_journal of 20261126000400_imports) records the values it replaced
--    when the batch's transaction sets app.import_id — the same journal and restore as a CSV
--    import (lib/imports/restore-import-facts.ts).
-- 2. API key rotation: a new secret under the same prefix; the previous secret's hash stays
--    valid until previous_secret_expires_at (a grace period for deploying the new one).
-- 3. authenticate_api_key: rejected calls no longer count against the window, the
--    Retry-After it returns is the exact time after which the next call is admitted (given no
--    other traffic on the key), and it returns what the RateLimit-* headers need.
--
-- Tenancy as in 20261126000000_platform: workspace_id first in the primary key and indexes,
-- ENABLE + FORCE row-level security with the tenant_isolation policy, grants to
-- throughline_app only.

-- ---------------------------------------------------------------- metric_batches
CREATE TABLE metric_batches (
  id                        uuid NOT NULL,                 -- the batchId stamped on the facts
  workspace_id              uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  source                    text NOT NULL CHECK (source IN ('API')),
  idempotency_key           text,
  rows                      integer NOT NULL CHECK (rows >= 0),
  inserted                  integer NOT NULL CHECK (inserted >= 0),
  updated                   integer NOT NULL CHECK (updated >= 0),
  unchanged                 integer NOT NULL CHECK (unchanged >= 0),
  created_by_user_id        uuid,
  created_by_api_key_id     uuid,
  created_at                timestamptz(3) NOT NULL DEFAULT now(),
  status                    text NOT NULL DEFAULT 'COMMITTED' CHECK (status IN ('COMMITTED', 'ROLLED_BACK')),
  rolled_back_at            timestamptz(3),
  rolled_back_by_user_id    uuid,
  rolled_back_by_api_key_id uuid,
  restored_facts            integer,
  deleted_facts             integer,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX metric_batches_workspace_id_created_at_idx ON metric_batches (workspace_id, created_at);

ALTER TABLE metric_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_batches FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON metric_batches
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON metric_batches TO throughline_app;

-- ---------------------------------------------------------------- key rotation
ALTER TABLE api_keys
  ADD COLUMN previous_secret_hash       text,
  ADD COLUMN previous_secret_expires_at timestamptz(3),
  ADD COLUMN rotated_at                 timestamptz(3);

-- ---------------------------------------------------------------- authenticate_api_key
DROP FUNCTION authenticate_api_key(text, text);
CREATE FUNCTION authenticate_api_key(p_prefix text, p_secret_hash text)
RETURNS TABLE (
  api_key_id uuid, workspace_id uuid, scopes text[], rate_limit_per_minute integer,
  status text, used_in_window double precision, retry_after_seconds integer,
  remaining integer, reset_seconds integer
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  k api_keys%ROWTYPE;
  w timestamptz := date_trunc('minute', now());
  cur integer;
  prev integer;
  lim integer;
  -- Fraction of the current one-minute window already gone.
  elapsed double precision := extract(epoch FROM (now() - date_trunc('minute', now()))) / 60.0;
  weighted double precision;
  wait_fraction double precision;
BEGIN
  SELECT * INTO k FROM api_keys a WHERE a.prefix = p_prefix;
  -- coalesce: with no previous secret the comparison is NULL, which must mean "no", never "not no".
  IF NOT FOUND OR NOT coalesce(k.secret_hash = p_secret_hash
      OR (k.previous_secret_hash = p_secret_hash AND k.previous_secret_expires_at > now()), false) THEN
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::text[], NULL::integer, 'INVALID'::text, 0::double precision, 0, 0, 0;
    RETURN;
  END IF;
  IF k.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, k.rate_limit_per_minute, 'REVOKED'::text, 0::double precision, 0, 0, 0;
    RETURN;
  END IF;
  IF k.expires_at IS NOT NULL AND k.expires_at <= now() THEN
    RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, k.rate_limit_per_minute, 'EXPIRED'::text, 0::double precision, 0, 0, 0;
    RETURN;
  END IF;
  lim := k.rate_limit_per_minute;
  -- Count this call first: the upsert locks the window's row, so concurrent calls of the key
  -- are decided one after another.
  INSERT INTO api_key_usage AS u (workspace_id, api_key_id, window_start, count)
    VALUES (k.workspace_id, k.id, w, 1)
    ON CONFLICT (workspace_id, api_key_id, window_start) DO UPDATE SET count = u.count + 1
    RETURNING u.count INTO cur;
  SELECT u.count INTO prev FROM api_key_usage u
    WHERE u.workspace_id = k.workspace_id AND u.api_key_id = k.id AND u.window_start = w - interval '1 minute';
  prev := coalesce(prev, 0);
  -- Sliding-window estimate: the previous window's count weighted by the part of it that
  -- still lies inside the last 60 seconds, plus this window's count (this call included).
  weighted := prev * (1 - elapsed) + cur;
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' THEN
    UPDATE api_keys SET last_used_at = now() WHERE api_keys.workspace_id = k.workspace_id AND api_keys.id = k.id;
  END IF;
  IF weighted > lim THEN
    -- Rejected: the call does not count against the window.
    UPDATE api_key_usage u SET count = u.count - 1
      WHERE u.workspace_id = k.workspace_id AND u.api_key_id = k.id AND u.window_start = w;
    cur := cur - 1;
    -- When is a call admitted again, if nothing else arrives? Within this window once
    -- prev·(1 − e') + cur + 1 ≤ lim; otherwise in the next one (this window's count becomes
    -- the weighted one) once cur·(1 − e'') + 1 ≤ lim. Measured in fractions of a minute.
    IF prev > 0 AND lim - cur - 1 >= 0 THEN
      wait_fraction := greatest(0, 1 - (lim - cur - 1)::double precision / prev - elapsed);
    ELSIF cur > 0 THEN
      wait_fraction := (1 - elapsed) + greatest(0, 1 - (lim - 1)::double precision / cur);
    ELSE
      wait_fraction := 1 - elapsed;
    END IF;
    RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, lim, 'RATE_LIMITED'::text, prev * (1 - elapsed) + cur,
      greatest(1, ceil(60 * wait_fraction - 1e-9)::integer), 0, greatest(1, ceil(60 * wait_fraction - 1e-9)::integer);
    RETURN;
  END IF;
  RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, lim, 'OK'::text, weighted, 0,
    greatest(0, floor(lim - weighted)::integer),
    -- The current window ends (its count starts fading) in this many seconds.
    greatest(1, ceil(60 * (1 - elapsed))::integer);
END
$$;
REVOKE ALL ON FUNCTION authenticate_api_key(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION authenticate_api_key(text, text) TO throughline_app;
