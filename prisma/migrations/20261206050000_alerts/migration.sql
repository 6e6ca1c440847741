-- Alerts, notifications and outbound webhooks (SPEC §8a, issue 15).
--
-- Tenancy as in 20261126000000_platform: workspace_id first in every primary key and index,
-- ENABLE + FORCE row-level security with the tenant_isolation policy, grants to
-- throughline_app only. None of these tables is read by a scorecard, so none carries the
-- data-version trigger (an alert is a consequence of data, not an input to a KPI).

-- ---------------------------------------------------------------- alert state
-- The last condition seen per (rule, subject) — e.g. ('kpi_status', <kpi id>) → 'OFF_TRACK'.
-- An alert fires only when an evaluation finds a condition different from the stored one, so
-- repeated evaluations of unchanged data (page views, the daily run) fire nothing. The row
-- ('evaluation', 'workspace') keeps the data version and local day last evaluated.
CREATE TABLE alert_states (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  rule         text NOT NULL,
  subject      text NOT NULL,
  state        text NOT NULL,
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX alert_states_workspace_id_rule_subject_key ON alert_states (workspace_id, rule, subject);

-- ---------------------------------------------------------------- alerts
-- One fired alert: what it says (title/body/rule in ru and en, figures formatted per locale at
-- the time it fired) and the figures as data (for webhooks).
CREATE TABLE alerts (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  rule         text NOT NULL CHECK (rule IN ('KPI_AT_RISK', 'KPI_OFF_TRACK', 'KPI_BACK_ON_TRACK', 'FORECAST_MISS',
                                             'LTV_CAC_BELOW_3', 'CHANNEL_SILENT', 'IMPORT_FAILED', 'WEBHOOK_DISABLED')),
  subject      text NOT NULL,
  kpi_id       uuid,
  severity     text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  title        jsonb NOT NULL,            -- {"ru": …, "en": …}
  body         jsonb NOT NULL,            -- {"ru": …, "en": …}
  rule_text    jsonb NOT NULL,            -- {"ru": …, "en": …}: the rule the alert cites
  figures      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX alerts_workspace_id_created_at_idx ON alerts (workspace_id, created_at);

-- ---------------------------------------------------------------- notifications
-- An alert as one person receives it: read state, and when it went out by e-mail (at once, or
-- in which digest).
CREATE TABLE notifications (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  alert_id     uuid NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  read_at      timestamptz(3),
  emailed_at   timestamptz(3),
  email_kind   text CHECK (email_kind IN ('IMMEDIATE', 'DAILY_DIGEST', 'WEEKLY_DIGEST', 'OFF')),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, alert_id) REFERENCES alerts (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX notifications_workspace_id_user_id_created_at_idx ON notifications (workspace_id, user_id, created_at);
CREATE INDEX notifications_workspace_id_user_id_unread_idx ON notifications (workspace_id, user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_workspace_id_unsent_idx ON notifications (workspace_id, user_id) WHERE emailed_at IS NULL;

-- How a person wants a workspace's alerts by e-mail (no row = IMMEDIATE, digest at 08:00 on Monday).
CREATE TABLE notification_preferences (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id   uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  delivery       text NOT NULL CHECK (delivery IN ('IMMEDIATE', 'DAILY_DIGEST', 'WEEKLY_DIGEST', 'OFF')),
  digest_hour    integer NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
  digest_weekday integer NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 1 AND 7),   -- ISO: 1 = Monday
  updated_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX notification_preferences_workspace_id_user_id_key ON notification_preferences (workspace_id, user_id);

-- ---------------------------------------------------------------- scheduled sends
-- Exactly once across instances: a scheduled run (the daily evaluation, a digest) first claims
-- its (kind, subject, slot) with INSERT … ON CONFLICT DO NOTHING; only the claimer runs it.
CREATE TABLE scheduled_claims (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind         text NOT NULL,
  subject      text NOT NULL,
  slot         text NOT NULL,
  claimed_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX scheduled_claims_workspace_id_kind_subject_slot_key ON scheduled_claims (workspace_id, kind, subject, slot);

-- ---------------------------------------------------------------- webhooks
-- A subscription of an outside system. owner_kind is 'workspace' today; an agency-wide
-- subscription later becomes one row per client workspace with owner_kind 'agency' and an
-- agency_id column (so every row stays in one workspace behind RLS) — the CHECK is widened then.
-- The signing secret is stored encrypted (AES-256-GCM under a key derived from AUTH_SECRET):
-- it must be readable to sign, and is shown to a person once.
CREATE TABLE webhook_subscriptions (
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id         uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  owner_kind           text NOT NULL DEFAULT 'workspace' CHECK (owner_kind IN ('workspace')),
  url                  text NOT NULL,
  events               text[] NOT NULL,
  secret_ciphertext    text NOT NULL,
  secret_hint          text NOT NULL,
  enabled              boolean NOT NULL DEFAULT true,
  consecutive_failures integer NOT NULL DEFAULT 0,
  disabled_at          timestamptz(3),
  created_by_user_id   uuid,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  updated_at           timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX webhook_subscriptions_workspace_id_created_at_idx ON webhook_subscriptions (workspace_id, created_at);

-- One event sent to one subscription: the exact body, its state and the last attempt's result.
CREATE TABLE webhook_deliveries (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL,
  subscription_id    uuid NOT NULL,
  event              text NOT NULL,
  event_id           uuid NOT NULL,
  body               text NOT NULL,
  status             text NOT NULL CHECK (status IN ('PENDING', 'RETRYING', 'SUCCEEDED', 'FAILED')),
  attempts           integer NOT NULL DEFAULT 0,
  next_attempt_at    timestamptz(3),
  lease_until        timestamptz(3),
  last_response_code integer,
  last_latency_ms    integer,
  last_error         text,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  delivered_at       timestamptz(3),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, subscription_id) REFERENCES webhook_subscriptions (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_workspace_id_subscription_id_created_at_idx ON webhook_deliveries (workspace_id, subscription_id, created_at);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');

-- Every attempt: when, response code, latency, error.
CREATE TABLE webhook_delivery_attempts (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  delivery_id   uuid NOT NULL,
  attempt_no    integer NOT NULL,
  response_code integer,
  latency_ms    integer NOT NULL,
  error         text,
  started_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, delivery_id) REFERENCES webhook_deliveries (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_delivery_attempts_workspace_id_delivery_id_idx ON webhook_delivery_attempts (workspace_id, delivery_id);

-- ---------------------------------------------------------------- cross-tenant doors for the scheduler
-- The scheduler must know which workspaces exist (and their time zones) to run each one's
-- morning evaluation and digests; it then works inside each workspace's tenant transaction.
CREATE OR REPLACE FUNCTION alert_schedule_workspaces()
  RETURNS TABLE (workspace_id uuid, time_zone text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT w.id, w.time_zone FROM workspaces w ORDER BY w.id
$$;
REVOKE ALL ON FUNCTION alert_schedule_workspaces() FROM PUBLIC;

-- Leases up to p_limit due deliveries (ids only) for p_lease_seconds: SKIP LOCKED and the lease
-- make two instances never send the same attempt.
CREATE OR REPLACE FUNCTION lease_due_webhook_deliveries(p_limit integer, p_lease_seconds integer)
  RETURNS TABLE (workspace_id uuid, delivery_id uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE webhook_deliveries d SET lease_until = now() + make_interval(secs => p_lease_seconds)
    FROM (SELECT x.workspace_id, x.id FROM webhook_deliveries x
          WHERE x.status IN ('PENDING', 'RETRYING') AND x.next_attempt_at <= now()
            AND (x.lease_until IS NULL OR x.lease_until < now())
          ORDER BY x.next_attempt_at LIMIT p_limit FOR UPDATE SKIP LOCKED) due
    WHERE d.workspace_id = due.workspace_id AND d.id = due.id
    RETURNING d.workspace_id, d.id
$$;
REVOKE ALL ON FUNCTION lease_due_webhook_deliveries(integer, integer) FROM PUBLIC;

-- ---------------------------------------------------------------- row-level security
ALTER TABLE alert_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_states FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_states
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alerts
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_preferences
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE scheduled_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduled_claims FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduled_claims
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE webhook_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_subscriptions
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

ALTER TABLE webhook_delivery_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_delivery_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_delivery_attempts
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());

-- ---------------------------------------------------------------- grants
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_states, alerts, notifications, notification_preferences,
  scheduled_claims, webhook_subscriptions, webhook_deliveries, webhook_delivery_attempts TO throughline_app;
GRANT EXECUTE ON FUNCTION alert_schedule_workspaces(), lease_due_webhook_deliveries(integer, integer) TO throughline_app;
