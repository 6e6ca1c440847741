-- Agencies (SPEC §3, §8): organisations with their own members, granted access to client
-- workspaces by the clients' owners.
--
-- Two kinds of scope now exist. A workspace scope (app.workspace_id) as before, and an agency
-- scope (app.agency_id): agency-owned rows (the agency, its members, invites, audit log and API
-- keys) carry agency_id and are readable only in their agency's scope. A grant belongs to the
-- CLIENT workspace (workspace_id, tenant policy as everywhere) and is readable, never writable,
-- in the scope of the agency it names. Client data is never read in an agency scope: the
-- portfolio reads each client in that client's own tenant scope (ARCHITECTURE.md "Agencies").

CREATE OR REPLACE FUNCTION app_agency_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.agency_id', true), '')::uuid $$;

CREATE TABLE agencies (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  slug          text NOT NULL,
  -- '#rrggbb'; used by white-label reports (the logo lives in the shared branding module).
  primary_color text CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agencies_slug_key ON agencies (slug);

CREATE TABLE agency_members (
  agency_id  uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('AGENCY_ADMIN', 'ACCOUNT_MANAGER')),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id)
);
CREATE UNIQUE INDEX agency_members_agency_id_user_id_key ON agency_members (agency_id, user_id);
CREATE INDEX agency_members_user_id_idx ON agency_members (user_id);

CREATE TABLE agency_invites (
  agency_id          uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  email              text NOT NULL,
  role               text NOT NULL CHECK (role IN ('AGENCY_ADMIN', 'ACCOUNT_MANAGER')),
  token_hash         text NOT NULL,
  invited_by_user_id uuid NOT NULL,
  expires_at         timestamptz(3) NOT NULL,
  accepted_at        timestamptz(3),
  accepted_user_id   uuid,
  revoked_at         timestamptz(3),
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id)
);
CREATE UNIQUE INDEX agency_invites_token_hash_key ON agency_invites (token_hash);
CREATE INDEX agency_invites_agency_id_created_at_idx ON agency_invites (agency_id, created_at);

-- A client workspace's grant to an agency: a row of the CLIENT (workspace_id first). One per
-- (client, agency); revoking deletes it (both audit logs keep the history). manager_user_ids
-- empty = every member of the agency; else agency admins and the named account managers.
CREATE TABLE agency_grants (
  workspace_id       uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  agency_id          uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  role               text NOT NULL CHECK (role <> 'OWNER'),
  manager_user_ids   uuid[] NOT NULL DEFAULT '{}',
  -- The agency created this workspace for its client (SPEC §8 "agency-created clients").
  agency_created     boolean NOT NULL DEFAULT false,
  granted_by_user_id uuid,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  updated_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX agency_grants_workspace_id_agency_id_key ON agency_grants (workspace_id, agency_id);
-- The agency's side (its client list): a secondary lookup, like memberships_user_id_idx.
CREATE INDEX agency_grants_agency_id_idx ON agency_grants (agency_id);

CREATE TABLE agency_audit_events (
  agency_id        uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  actor_user_id    uuid,
  actor_api_key_id uuid,
  action           text NOT NULL,
  target_type      text NOT NULL,
  target_id        text,
  data             jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id)
);
CREATE INDEX agency_audit_events_agency_id_created_at_idx ON agency_audit_events (agency_id, created_at);

CREATE TABLE agency_api_keys (
  agency_id             uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
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
  PRIMARY KEY (agency_id, id)
);
CREATE UNIQUE INDEX agency_api_keys_prefix_key ON agency_api_keys (prefix);
CREATE INDEX agency_api_keys_agency_id_created_at_idx ON agency_api_keys (agency_id, created_at);

CREATE TABLE agency_api_key_usage (
  agency_id    uuid NOT NULL,
  api_key_id   uuid NOT NULL,
  window_start timestamptz(0) NOT NULL,
  count        integer NOT NULL,
  PRIMARY KEY (agency_id, api_key_id, window_start),
  FOREIGN KEY (agency_id, api_key_id) REFERENCES agency_api_keys (agency_id, id) ON DELETE CASCADE
);

-- ---------------------------------------------------------------- row-level security
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agencies
  USING (id = app_agency_id()) WITH CHECK (id = app_agency_id());
-- "My agencies", in a transaction that names neither a workspace nor an agency.
CREATE POLICY agencies_of_user ON agencies FOR SELECT
  USING (app_workspace_id() IS NULL AND app_agency_id() IS NULL AND app_user_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM agency_members m WHERE m.agency_id = agencies.id AND m.user_id = app_user_id()));
-- A client sees the names of the agencies it granted access to (its settings page).
CREATE POLICY agencies_of_client ON agencies FOR SELECT
  USING (app_workspace_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM agency_grants g WHERE g.agency_id = agencies.id AND g.workspace_id = app_workspace_id()));

ALTER TABLE agency_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_members FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agency_members
  USING (agency_id = app_agency_id()) WITH CHECK (agency_id = app_agency_id());
-- A user's own agency memberships, in any scope: the access check of a client workspace joins
-- the client's grants with the caller's agency memberships (lib/tenancy/workspace-access.ts).
CREATE POLICY agency_members_of_user ON agency_members FOR SELECT
  USING (app_user_id() IS NOT NULL AND user_id = app_user_id());

ALTER TABLE agency_invites ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_invites FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agency_invites
  USING (agency_id = app_agency_id()) WITH CHECK (agency_id = app_agency_id());

ALTER TABLE agency_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agency_grants
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
-- The agency reads (never writes) the grants naming it, in its own scope (no workspace named).
CREATE POLICY grants_of_agency ON agency_grants FOR SELECT
  USING (app_workspace_id() IS NULL AND agency_id = app_agency_id());

ALTER TABLE agency_audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agency_audit_events
  USING (agency_id = app_agency_id()) WITH CHECK (agency_id = app_agency_id());

ALTER TABLE agency_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agency_api_keys
  USING (agency_id = app_agency_id()) WITH CHECK (agency_id = app_agency_id());

ALTER TABLE agency_api_key_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency_api_key_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agency_api_key_usage
  USING (agency_id = app_agency_id()) WITH CHECK (agency_id = app_agency_id());

-- The client list of an agency: in the agency's scope (no workspace named), the workspace rows
-- (name, slug, currency, calendar — never their data) of exactly the clients that granted it.
CREATE POLICY workspaces_of_agency ON workspaces FOR SELECT
  USING (app_workspace_id() IS NULL AND app_agency_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM agency_grants g WHERE g.workspace_id = workspaces.id AND g.agency_id = app_agency_id()));

-- ---------------------------------------------------------------- security-definer doors

-- The agency a client owner pastes the id of: just enough to name it before granting. An
-- agency id is public by design (like a business id on ad platforms).
CREATE OR REPLACE FUNCTION find_agency_for_grant(p_agency_id uuid)
RETURNS TABLE (agency_id uuid, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.name FROM agencies a WHERE a.id = p_agency_id
$$;

-- An agency invite by its token's hash.
CREATE OR REPLACE FUNCTION find_agency_invite_by_token_hash(p_token_hash text)
RETURNS TABLE (invite_id uuid, agency_id uuid, agency_name text, email text, role text,
               expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i.id, i.agency_id, a.name, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
  FROM agency_invites i JOIN agencies a ON a.id = i.agency_id
  WHERE i.token_hash = p_token_hash
$$;

-- Agency API key authentication + rate limiting (the same rules as authenticate_api_key).
CREATE OR REPLACE FUNCTION authenticate_agency_api_key(p_prefix text, p_secret_hash text)
RETURNS TABLE (api_key_id uuid, agency_id uuid, scopes text[], status text, retry_after_seconds integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  k agency_api_keys%ROWTYPE;
  w timestamptz := date_trunc('minute', now());
  cur integer;
  prev integer;
  elapsed double precision := extract(epoch FROM (now() - date_trunc('minute', now()))) / 60.0;
BEGIN
  SELECT * INTO k FROM agency_api_keys a WHERE a.prefix = p_prefix;
  IF NOT FOUND OR k.secret_hash <> p_secret_hash THEN
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::text[], 'INVALID'::text, 0;
    RETURN;
  END IF;
  IF k.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT k.id, k.agency_id, k.scopes, 'REVOKED'::text, 0;
    RETURN;
  END IF;
  IF k.expires_at IS NOT NULL AND k.expires_at <= now() THEN
    RETURN QUERY SELECT k.id, k.agency_id, k.scopes, 'EXPIRED'::text, 0;
    RETURN;
  END IF;
  INSERT INTO agency_api_key_usage AS u (agency_id, api_key_id, window_start, count)
    VALUES (k.agency_id, k.id, w, 1)
    ON CONFLICT (agency_id, api_key_id, window_start) DO UPDATE SET count = u.count + 1
    RETURNING u.count INTO cur;
  SELECT u.count INTO prev FROM agency_api_key_usage u
    WHERE u.agency_id = k.agency_id AND u.api_key_id = k.id AND u.window_start = w - interval '1 minute';
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' THEN
    UPDATE agency_api_keys SET last_used_at = now() WHERE agency_api_keys.agency_id = k.agency_id AND agency_api_keys.id = k.id;
  END IF;
  IF coalesce(prev, 0) * (1 - elapsed) + cur > k.rate_limit_per_minute THEN
    RETURN QUERY SELECT k.id, k.agency_id, k.scopes, 'RATE_LIMITED'::text, greatest(1, least(60, ceil(60 * (1 - elapsed))::integer));
    RETURN;
  END IF;
  RETURN QUERY SELECT k.id, k.agency_id, k.scopes, 'OK'::text, 0;
END
$$;

-- ---------------------------------------------------------------- grants
GRANT SELECT, INSERT, UPDATE, DELETE ON agencies, agency_members, agency_invites, agency_grants,
  agency_audit_events, agency_api_keys, agency_api_key_usage TO throughline_app;
GRANT EXECUTE ON FUNCTION app_agency_id(), find_agency_for_grant(uuid), find_agency_invite_by_token_hash(text),
  authenticate_agency_api_key(text, text) TO throughline_app;
