-- Server-side sessions, password resets and the account security log (issue 16).
-- All three are global, per person (like users and login_attempts), not tenant rows: a
-- session or a reset belongs to a person across every workspace they are a member of.

-- One row per signed-in browser: the session cookie carries its id (`sid`), and a request is
-- signed in only while its row is neither revoked, nor idle longer than the idle timeout, nor
-- past its absolute expiry.
CREATE TABLE user_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at   timestamptz(3) NOT NULL,
  revoked_at   timestamptz(3),
  user_agent   text NOT NULL DEFAULT '',
  ip           text
);
CREATE INDEX user_sessions_user_id_created_at_idx ON user_sessions (user_id, created_at);

-- Password reset tokens: only the SHA-256 of the token is stored; single use (used_at) and
-- short-lived (expires_at).
CREATE TABLE password_resets (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  used_at    timestamptz(3)
);
CREATE UNIQUE INDEX password_resets_token_hash_key ON password_resets (token_hash);
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);

-- The account security log: sign-ins, failed sign-ins over the limit, password changes and
-- resets, session revocations. user_id is null for a throttled attempt on an unknown e-mail.
CREATE TABLE account_events (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid REFERENCES users (id) ON DELETE CASCADE,
  action     text NOT NULL,
  session_id uuid,
  ip         text,
  data       jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX account_events_user_id_created_at_idx ON account_events (user_id, created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON user_sessions, password_resets, account_events TO throughline_app;
