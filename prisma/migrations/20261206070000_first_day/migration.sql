-- The first-day checklist (issue 12): when the owner confirmed the workspace's currency, time
-- zone and fiscal year, and when the checklist was dismissed. The other steps tick from the
-- data itself (facts, targets, members and invitations), so only these two are stored.
ALTER TABLE workspaces
  ADD COLUMN settings_confirmed_at timestamptz(3),
  ADD COLUMN checklist_dismissed_at timestamptz(3);
