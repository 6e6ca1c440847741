-- Platform: accounts, workspaces, memberships, invites, API keys, audit log.
-- Tenancy's second wall: every tenant table has ENABLE + FORCE ROW LEVEL SECURITY and a
-- policy on workspace_id = the transaction's app.workspace_id (set with set_config(..., true)).
-- The application connects as throughline_app: not a superuser, no BYPASSRLS, not the table owner.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'throughline_app') THEN
    CREATE ROLE throughline_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- The tenant and user of the current transaction; NULL when not set.
CREATE OR REPLACE FUNCTION app_workspace_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.workspace_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           text NOT NULL,
  name            text NOT NULL,
  password_hash   text NOT NULL,
  locale          text NOT NULL DEFAULT 'en',
  session_version integer NOT NULL DEFAULT 1,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT users_email_lower CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE login_attempts (
  id           bigserial PRIMARY KEY,
  key          text NOT NULL,
  succeeded    boolean NOT NULL,
  attempted_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_key_attempted_at_idx ON login_attempts (key, attempted_at);

CREATE TABLE workspaces (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                    text NOT NULL,
  slug                    text NOT NULL,
  currency                text NOT NULL,
  time_zone               text NOT NULL,
  fiscal_year_start_month integer NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  locale                  text NOT NULL DEFAULT 'en',
  created_at              timestamptz(3) NOT NULL DEFAULT now(),
  updated_at              timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX workspaces_slug_key ON workspaces (slug);

CREATE TABLE memberships (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role         text NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX memberships_workspace_id_user_id_key ON memberships (workspace_id, user_id);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

CREATE TABLE invites (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  email              text NOT NULL,
  role               text NOT NULL,
  token_hash         text NOT NULL,
  invited_by_user_id uuid NOT NULL,
  expires_at         timestamptz(3) NOT NULL,
  accepted_at        timestamptz(3),
  accepted_user_id   uuid,
  revoked_at         timestamptz(3),
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX invites_token_hash_key ON invites (token_hash);
CREATE INDEX invites_workspace_id_created_at_idx ON invites (workspace_id, created_at);

CREATE TABLE api_keys (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id          uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name                  text NOT NULL,
  prefix                text NOT NULL,
  secret_hash           text NOT NULL,
  scopes                text[] NOT NULL,
  rate_limit_per_minute integer NOT NULL DEFAULT 600 CHECK (rate_limit_per_minute > 0),
  created_by_user_id    uuid,
  created_at            timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at          timestamptz(3),
  expires_at            timestamptz(3),
  revoked_at            timestamptz(3),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);
CREATE INDEX api_keys_workspace_id_created_at_idx ON api_keys (workspace_id, created_at);

-- Per-key request counters in fixed one-minute windows (the limiter weights the previous
-- window to approximate a sliding window). Written only by authenticate_api_key().
CREATE TABLE api_key_usage (
  workspace_id uuid NOT NULL,
  api_key_id   uuid NOT NULL,
  window_start timestamptz(0) NOT NULL,
  count        integer NOT NULL,
  PRIMARY KEY (workspace_id, api_key_id, window_start),
  FOREIGN KEY (workspace_id, api_key_id) REFERENCES api_keys (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE audit_events (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  actor_user_id    uuid,
  actor_api_key_id uuid,
  action           text NOT NULL,
  target_type      text NOT NULL,
  target_id        text,
  data             jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX audit_events_workspace_id_created_at_idx ON audit_events (workspace_id, created_at);

-- ---------------------------------------------------------------- row-level security
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workspaces
  USING (id = app_workspace_id()) WITH CHECK (id = app_workspace_id());
-- Listing "my workspaces" happens in a transaction that names no workspace; inside a
-- workspace-scoped transaction this policy is off, so it cannot widen tenant reads.
CREATE POLICY workspaces_of_user ON workspaces FOR SELECT
  USING (app_workspace_id() IS NULL AND app_user_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM memberships m WHERE m.workspace_id = workspaces.id AND m.user_id = app_user_id()));

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
CREATE POLICY memberships_of_user ON memberships FOR SELECT
  USING (app_workspace_id() IS NULL AND user_id = app_user_id());

ALTER TABLE invites ENABLE ROW LEVEL SECURITY;
ALTER TABLE invites FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invites
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE api_key_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key_usage
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

-- ---------------------------------------------------------------- security-definer doors
-- The only ways to reach a tenant row before the tenant is known. Each takes a secret's
-- hash (never an id a client could guess) and returns the one row it unlocks.

-- API key authentication + rate limiting in one round trip. Counts the request only when
-- the secret matches and the key is live; touches last_used_at at most once a minute.
CREATE OR REPLACE FUNCTION authenticate_api_key(p_prefix text, p_secret_hash text)
RETURNS TABLE (
  api_key_id uuid, workspace_id uuid, scopes text[], rate_limit_per_minute integer,
  status text, used_in_window double precision, retry_after_seconds integer
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  k api_keys%ROWTYPE;
  w timestamptz := date_trunc('minute', now());
  cur integer;
  prev integer;
  elapsed double precision := extract(epoch FROM (now() - date_trunc('minute', now()))) / 60.0;
  weighted double precision;
BEGIN
  SELECT * INTO k FROM api_keys a WHERE a.prefix = p_prefix;
  IF NOT FOUND OR k.secret_hash <> p_secret_hash THEN
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::text[], NULL::integer, 'INVALID'::text, 0::double precision, 0;
    RETURN;
  END IF;
  IF k.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, k.rate_limit_per_minute, 'REVOKED'::text, 0::double precision, 0;
    RETURN;
  END IF;
  IF k.expires_at IS NOT NULL AND k.expires_at <= now() THEN
    RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, k.rate_limit_per_minute, 'EXPIRED'::text, 0::double precision, 0;
    RETURN;
  END IF;
  INSERT INTO api_key_usage AS u (workspace_id, api_key_id, window_start, count)
    VALUES (k.workspace_id, k.id, w, 1)
    ON CONFLICT (workspace_id, api_key_id, window_start) DO UPDATE SET count = u.count + 1
    RETURNING u.count INTO cur;
  SELECT u.count INTO prev FROM api_key_usage u
    WHERE u.workspace_id = k.workspace_id AND u.api_key_id = k.id AND u.window_start = w - interval '1 minute';
  -- Sliding-window estimate: the previous window's count weighted by the part of it that
  -- still lies inside the last 60 seconds, plus this window's count.
  weighted := coalesce(prev, 0) * (1 - elapsed) + cur;
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' THEN
    UPDATE api_keys SET last_used_at = now() WHERE api_keys.workspace_id = k.workspace_id AND api_keys.id = k.id;
  END IF;
  IF weighted > k.rate_limit_per_minute THEN
    RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, k.rate_limit_per_minute, 'RATE_LIMITED'::text, weighted,
      -- Seconds until the estimate drops back under the limit, at least 1, at most 60.
      greatest(1, least(60, ceil(60 * (1 - elapsed))::integer));
    RETURN;
  END IF;
  RETURN QUERY SELECT k.id, k.workspace_id, k.scopes, k.rate_limit_per_minute, 'OK'::text, weighted, 0;
END
$$;

-- An invite by its token's hash: enough to show "join <workspace> as <role>" and accept it.
CREATE OR REPLACE FUNCTION find_invite_by_token_hash(p_token_hash text)
RETURNS TABLE (invite_id uuid, workspace_id uuid, workspace_name text, email text, role text,
               expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i.id, i.workspace_id, w.name, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
  FROM invites i JOIN workspaces w ON w.id = i.workspace_id
  WHERE i.token_hash = p_token_hash
$$;

-- ---------------------------------------------------------------- grants
GRANT USAGE ON SCHEMA public TO throughline_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, login_attempts, workspaces, memberships, invites,
  api_keys, api_key_usage, audit_events TO throughline_app;
GRANT USAGE, SELECT ON SEQUENCE login_attempts_id_seq TO throughline_app;
GRANT EXECUTE ON FUNCTION app_workspace_id(), app_user_id(),
  authenticate_api_key(text, text), find_invite_by_token_hash(text) TO throughline_app;
