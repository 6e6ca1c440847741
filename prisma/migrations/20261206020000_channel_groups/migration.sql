-- Channel groups per workspace (issue 11, SPEC §4.2 "Channel groups").
--
-- A workspace starts with the default groups of lib/channel-groups/channel-groups.ts; this
-- table holds its own choices: channel key → group. A channel's key is its name in lower
-- case without spaces, underscores and hyphens (case- and space-insensitive matching), the
-- same rule as channelKey() in TypeScript: "Google Ads " and "google_ads" are one channel.
-- Only A–Z are folded (one translate(), byte-identical on PostgreSQL and PGlite whatever the
-- collation; lower() would depend on it).
CREATE OR REPLACE FUNCTION channel_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(name, E'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n\r_-\u00a0', 'abcdefghijklmnopqrstuvwxyz') $$;

GRANT EXECUTE ON FUNCTION channel_key(text) TO throughline_app;

CREATE TABLE channel_group_mappings (
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id        uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  channel_key         text COLLATE "C" NOT NULL CHECK (channel_key <> '' AND channel_key = channel_key(channel_key)),
  -- The name as the person wrote it (shown when no fact carries the channel yet).
  channel             text NOT NULL CHECK (length(channel) BETWEEN 1 AND 200),
  group_key           text NOT NULL CHECK (group_key IN ('paid', 'social', 'content', 'email', 'organic', 'referral', 'other')),
  updated_by_user_id  uuid,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  updated_at          timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, channel_key)
);

ALTER TABLE channel_group_mappings ENABLE ROW LEVEL SECURITY;
ALTER TABLE channel_group_mappings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON channel_group_mappings
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON channel_group_mappings TO throughline_app;

-- Scorecards and metric reads depend on the groups: a change bumps the data version.
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON channel_group_mappings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();

-- Currencies (SPEC §7): an import's currency and its rate into the reporting currency
-- (exact numeric), and where the import came from (a CSV file or the demo dataset).
ALTER TABLE imports
  ADD COLUMN currency text CHECK (currency ~ '^[A-Z]{3}$'),
  ADD COLUMN currency_rate numeric CHECK (currency_rate > 0),
  ADD COLUMN source text NOT NULL DEFAULT 'csv' CHECK (source IN ('csv', 'demo'));
