-- Client reports (SPEC §8, issue 14): branding, reports and their versions, share links,
-- scheduled deliveries with their log, and unsubscribed external recipients.
--
-- Tenancy as in 20261126000000_platform: workspace_id first in every primary key and index,
-- ENABLE + FORCE row-level security with the tenant_isolation policy, grants to
-- throughline_app only. The two lookups that happen before the tenant is known — a share link
-- by its token's hash, and the scheduler's "which schedules are due" — go through SECURITY
-- DEFINER functions that return only what the secret (or the clock) unlocks.

-- ---------------------------------------------------------------- brandings
-- What a report looks like: the name shown as sender, a logo and a primary colour. A branding
-- belongs to a workspace today (owner_kind WORKSPACE); an agency's branding will be a row with
-- owner_kind AGENCY and agency_id set (the agencies branch adds the agency table and the
-- policy that lets an agency's members read it).
CREATE TABLE brandings (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  owner_kind    text NOT NULL DEFAULT 'WORKSPACE' CHECK (owner_kind IN ('WORKSPACE', 'AGENCY')),
  agency_id     uuid,
  name          text NOT NULL,
  logo          bytea,
  logo_type     text CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/webp')),
  primary_color text NOT NULL DEFAULT '#1d4ed8' CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK ((logo IS NULL) = (logo_type IS NULL)),
  CHECK (logo IS NULL OR octet_length(logo) <= 524288)
);

-- ---------------------------------------------------------------- reports
-- A report and its lifecycle; its content lives in versions. published_version is what share
-- links, PDFs, schedules and CLIENT_VIEWER members see; editing a published report makes a new
-- draft version without touching the published one.
CREATE TABLE reports (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  title              text NOT NULL,
  status             text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
  current_version    integer NOT NULL DEFAULT 1,
  published_version  integer,
  branding_id        uuid,
  created_by_user_id uuid,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  updated_at         timestamptz(3) NOT NULL DEFAULT now(),
  published_at       timestamptz(3),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, branding_id) REFERENCES brandings (workspace_id, id) ON DELETE SET NULL (branding_id)
);
CREATE INDEX reports_workspace_id_created_at_idx ON reports (workspace_id, created_at);

-- Every saved state of a report, append-only. `definition` is validated by lib/reports
-- (sections, period, commentary per section and per KPI, locale).
CREATE TABLE report_versions (
  workspace_id       uuid NOT NULL,
  report_id          uuid NOT NULL,
  version            integer NOT NULL CHECK (version >= 1),
  title              text NOT NULL,
  definition         jsonb NOT NULL,
  created_by_user_id uuid,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, report_id, version),
  FOREIGN KEY (workspace_id, report_id) REFERENCES reports (workspace_id, id) ON DELETE CASCADE
);

-- ---------------------------------------------------------------- share links
-- A public read-only link to a report's published version. Only the SHA-256 of the token is
-- kept; the token (32 random bytes) is shown once in the URL createShareLink returns.
CREATE TABLE share_links (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL,
  report_id          uuid NOT NULL,
  token_hash         text NOT NULL,
  expires_at         timestamptz(3),
  revoked_at         timestamptz(3),
  last_viewed_at     timestamptz(3),
  view_count         integer NOT NULL DEFAULT 0,
  created_by_user_id uuid,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, report_id) REFERENCES reports (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX share_links_token_hash_key ON share_links (token_hash);
CREATE INDEX share_links_workspace_id_report_id_idx ON share_links (workspace_id, report_id);

-- ---------------------------------------------------------------- schedules and deliveries
-- When a report is e-mailed: WEEKLY on a weekday (1 = Monday … 7 = Sunday), MONTHLY on a day
-- (1–28), or PERIOD_CLOSE (the day after a month/quarter ends), at `hour` in the workspace's
-- time zone. next_run_at is that moment as an instant, recomputed after every slot.
CREATE TABLE report_schedules (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL,
  report_id          uuid NOT NULL,
  cadence            text NOT NULL CHECK (cadence IN ('WEEKLY', 'MONTHLY', 'PERIOD_CLOSE')),
  weekday            integer CHECK (weekday BETWEEN 1 AND 7),
  day_of_month       integer CHECK (day_of_month BETWEEN 1 AND 28),
  close_period       text CHECK (close_period IN ('month', 'quarter')),
  hour               integer NOT NULL DEFAULT 9 CHECK (hour BETWEEN 0 AND 23),
  member_user_ids    uuid[] NOT NULL DEFAULT '{}',
  external_emails    text[] NOT NULL DEFAULT '{}',
  locale             text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ru')),
  active             boolean NOT NULL DEFAULT true,
  next_run_at        timestamptz(3) NOT NULL,
  created_by_user_id uuid,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, report_id) REFERENCES reports (workspace_id, id) ON DELETE CASCADE,
  CHECK (cardinality(member_user_ids) + cardinality(external_emails) > 0)
);
CREATE INDEX report_schedules_workspace_id_report_id_idx ON report_schedules (workspace_id, report_id);
CREATE INDEX report_schedules_next_run_at_idx ON report_schedules (workspace_id, next_run_at) WHERE active;

-- One row per (schedule, slot): the claim. Whoever inserts it sends; a second instance's
-- INSERT … ON CONFLICT DO NOTHING claims nothing, so each slot is delivered once.
CREATE TABLE report_deliveries (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  schedule_id   uuid NOT NULL,
  slot          text NOT NULL,                 -- the local date the slot belongs to, YYYY-MM-DD
  status        text NOT NULL CHECK (status IN ('SENDING', 'SENT', 'FAILED', 'GAVE_UP')),
  attempts      integer NOT NULL DEFAULT 1,
  recipients    integer NOT NULL DEFAULT 0,
  last_error    text,
  claimed_by    text,
  next_attempt_at timestamptz(3),
  claimed_at    timestamptz(3) NOT NULL DEFAULT now(),
  sent_at       timestamptz(3),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, schedule_id) REFERENCES report_schedules (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX report_deliveries_schedule_slot_key ON report_deliveries (workspace_id, schedule_id, slot);

-- External addresses that followed the unsubscribe link of a schedule's e-mail.
CREATE TABLE report_unsubscribes (
  workspace_id uuid NOT NULL,
  schedule_id  uuid NOT NULL,
  email        text NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, schedule_id, email),
  FOREIGN KEY (workspace_id, schedule_id) REFERENCES report_schedules (workspace_id, id) ON DELETE CASCADE
);

-- ---------------------------------------------------------------- row-level security
ALTER TABLE brandings ENABLE ROW LEVEL SECURITY;
ALTER TABLE brandings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON brandings
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reports
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE report_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_versions
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE share_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE share_links FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON share_links
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE report_schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_schedules
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE report_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_deliveries
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
ALTER TABLE report_unsubscribes ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_unsubscribes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_unsubscribes
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

-- ---------------------------------------------------------------- security-definer doors
-- A share link by its token's hash, counted as a view: returns the one live link the hash
-- unlocks (workspace, report, published version) and nothing for a revoked, expired or
-- unknown one, or for a report with nothing published. Everything the page then reads runs
-- in a tenant transaction of that workspace, under RLS.
CREATE OR REPLACE FUNCTION open_share_link(p_token_hash text, p_count_view boolean)
RETURNS TABLE (share_link_id uuid, workspace_id uuid, report_id uuid, published_version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  s share_links%ROWTYPE;
  v integer;
BEGIN
  SELECT * INTO s FROM share_links l WHERE l.token_hash = p_token_hash;
  IF NOT FOUND OR s.revoked_at IS NOT NULL OR (s.expires_at IS NOT NULL AND s.expires_at <= now()) THEN
    RETURN;
  END IF;
  SELECT r.published_version INTO v FROM reports r WHERE r.workspace_id = s.workspace_id AND r.id = s.report_id;
  IF v IS NULL THEN
    RETURN;
  END IF;
  IF p_count_view THEN
    UPDATE share_links SET view_count = view_count + 1, last_viewed_at = now()
      WHERE share_links.workspace_id = s.workspace_id AND share_links.id = s.id;
  END IF;
  RETURN QUERY SELECT s.id, s.workspace_id, s.report_id, v;
END
$$;
REVOKE ALL ON FUNCTION open_share_link(text, boolean) FROM PUBLIC;

-- The scheduler's cross-tenant read: active schedules whose next slot has come. Ids only;
-- claiming and sending run in a tenant transaction under RLS.
CREATE OR REPLACE FUNCTION due_report_schedules(p_now timestamptz, p_limit integer)
RETURNS TABLE (workspace_id uuid, schedule_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.workspace_id, s.id FROM report_schedules s
  WHERE s.active AND s.next_run_at <= p_now
  ORDER BY s.next_run_at LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION due_report_schedules(timestamptz, integer) FROM PUBLIC;

-- Failed deliveries whose retry time has come (same shape, same rules).
CREATE OR REPLACE FUNCTION due_report_retries(p_now timestamptz, p_limit integer)
RETURNS TABLE (workspace_id uuid, delivery_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.workspace_id, d.id FROM report_deliveries d
  WHERE d.status = 'FAILED' AND d.next_attempt_at <= p_now
  ORDER BY d.next_attempt_at LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION due_report_retries(timestamptz, integer) FROM PUBLIC;

-- ---------------------------------------------------------------- grants
GRANT SELECT, INSERT, UPDATE, DELETE ON brandings, reports, report_versions, share_links,
  report_schedules, report_deliveries, report_unsubscribes TO throughline_app;
GRANT EXECUTE ON FUNCTION open_share_link(text, boolean), due_report_schedules(timestamptz, integer),
  due_report_retries(timestamptz, integer) TO throughline_app;
