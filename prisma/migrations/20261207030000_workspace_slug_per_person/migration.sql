-- Issue 16, item 11: a workspace slug is unique among the workspaces one person can open (their
-- memberships and their agencies' clients: lib/workspaces/list-visible-slugs.ts), not across
-- all tenants. The app's URLs /w/<slug> resolve through that same list (app/(app)/_lib/load.ts),
-- so a global unique index bought nothing but an oracle: "this slug is taken" confirmed a
-- workspace the caller could not see. No query looks a workspace up by slug alone.
DROP INDEX IF EXISTS workspaces_slug_key;
