-- "My workspaces" — every page's app shell reads it — as a PL/pgSQL function, so each
-- connection plans the statement once and reuses the plan. Run as a plain statement, the
-- planner weighed the row-level-security policies (workspaces_of_user's EXISTS) on every call:
-- ~1 ms of planning per page on PGlite against ~0.3 ms through the cached plan.
-- SECURITY INVOKER: it runs as the calling app role, so row-level security applies exactly as
-- before (the "of user" policies, only active when no workspace is named), and the user is the
-- transaction's app.user_id — the same setting the policies read, not an argument.
CREATE OR REPLACE FUNCTION app_user_workspaces()
  RETURNS TABLE (role text, id text, name text, slug text, currency text, "timeZone" text,
                 "fiscalYearStartMonth" integer, locale text, "createdAt" timestamptz, "updatedAt" timestamptz)
  LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
    SELECT m.role, w.id::text, w.name, w.slug, w.currency, w.time_zone, w.fiscal_year_start_month,
           w.locale, w.created_at::timestamptz, w.updated_at::timestamptz
      FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = app_user_id()
     ORDER BY m.created_at, m.id;
END
$$;
GRANT EXECUTE ON FUNCTION app_user_workspaces() TO throughline_app;
