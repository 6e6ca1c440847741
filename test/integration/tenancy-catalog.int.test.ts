import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";
import { type TestDatabase, openTestDatabase } from "./harness";

/**
 * The second wall, checked on the live catalog: every table that holds tenant rows (has a
 * workspace_id column, or is `workspaces` itself) has row-level security ENABLED and FORCED,
 * and the role the app runs as can bypass none of it.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

/**
 * Functions that run with their owner's rights, bypassing row-level security: each is a
 * narrow door (an API key's hash, an invite token's hash, the job sweeper). Anything else
 * must run as the caller, under the policies.
 */
// Reports (issue 14): a share link by its token's hash; the scheduler's due schedules and retries (ids only).
const SECURITY_DEFINER_DOORS = ["authenticate_api_key", "due_report_retries", "due_report_schedules", "find_invite_by_token_hash", "live_import_jobs", "open_share_link"];

/** Global tables: not tenant-owned by design (a user spans workspaces). */
const GLOBAL_TABLES = new Set(["users", "login_attempts", "_prisma_migrations"]);

describe("tenancy catalog", () => {
  it("runs as a non-superuser role without BYPASSRLS that owns no table", async () => {
    const { rows } = await db.sql.query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean; owned: string | number }>(
      `SELECT current_user, r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toMatchObject({ current_user: "throughline_app", rolsuper: false, rolbypassrls: false });
    expect(Number(rows[0].owned)).toBe(0);
  });

  it("forces row-level security on every tenant table", async () => {
    const { rows } = await db.sql.query<{ table_name: string; has_workspace: boolean; rls: boolean; forced: boolean; policies: string | number }>(
      `SELECT c.relname AS table_name,
              EXISTS (SELECT 1 FROM information_schema.columns col
                      WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'workspace_id') AS has_workspace,
              c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       ORDER BY c.relname`,
    );
    // Fail closed: a catalog query that found nothing proves nothing.
    expect(rows.length, "tables found in the public schema").toBeGreaterThanOrEqual(8);
    const tenantTables = rows.filter((r) => r.has_workspace || r.table_name === "workspaces");
    expect(tenantTables.length, "tenant tables found").toBeGreaterThanOrEqual(6);
    const unprotected = tenantTables.filter((r) => !r.rls || !r.forced || Number(r.policies) === 0).map((r) => r.table_name);
    expect(unprotected, `tenant tables without ENABLE+FORCE RLS and a policy (checked: ${tenantTables.map((t) => t.table_name).join(", ")})`).toEqual([]);
    const unclassified = rows.filter((r) => !r.has_workspace && r.table_name !== "workspaces" && !GLOBAL_TABLES.has(r.table_name)).map((r) => r.table_name);
    expect(unclassified, "tables that are neither tenant-owned nor listed as global").toEqual([]);
  });

  it("shows a raw query under another tenant's setting 0 rows, and none without a tenant", async () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const b = "00000000-0000-4000-8000-00000000000b";
    for (const id of [a, b]) {
      await withTenant(db, { workspaceId: id }, (tx) =>
        tx.workspace.create({ data: { id, name: `W ${id}`, slug: `w-${id}`, currency: "RUB", timeZone: "Europe/Moscow" } }),
      );
      await withTenant(db, { workspaceId: id }, (tx) =>
        tx.auditEvent.create({ data: { workspaceId: id, action: "test.seed", targetType: "workspace", targetId: id } }),
      );
    }
    const seenFromB = await withTenant(db, { workspaceId: b }, (tx) =>
      tx.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM audit_events WHERE workspace_id = $1::uuid", a),
    );
    expect(seenFromB[0].n).toBe(0);
    const ownFromB = await withTenant(db, { workspaceId: b }, (tx) =>
      tx.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM audit_events"),
    );
    expect(ownFromB[0].n).toBe(1);
    const noTenant = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events");
    expect(noTenant.rows[0].n).toBe(0);
    // Writing a row into another tenant is refused by the policy's WITH CHECK.
    await expect(
      withTenant(db, { workspaceId: b }, (tx) =>
        tx.$executeRawUnsafe("INSERT INTO audit_events (workspace_id, action, target_type) VALUES ($1::uuid, 'x', 'y')", a),
      ),
    ).rejects.toThrow(/row-level security/i);
  });

  it("runs only the listed doors as SECURITY DEFINER; app_user_workspaces runs as the caller", async () => {
    const { rows } = await db.sql.query<{ proname: string; prosecdef: boolean }>(
      `SELECT p.proname, p.prosecdef FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY p.proname`,
    );
    expect(rows.length, "functions found in the public schema").toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.prosecdef).map((r) => r.proname).sort()).toEqual(SECURITY_DEFINER_DOORS);
    expect(rows.find((r) => r.proname === "app_user_workspaces")).toEqual({ proname: "app_user_workspaces", prosecdef: false });
  });

  it("lists a user's own workspaces only, and nothing in a workspace-scoped or user-less transaction", async () => {
    const [a, b] = ["00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000b1"];
    const [userA, userB] = ["00000000-0000-4000-8000-00000000a0a0", "00000000-0000-4000-8000-00000000b0b0"];
    for (const [user, email] of [[userA, "a@catalog.test"], [userB, "b@catalog.test"]]) {
      await db.sql.query("INSERT INTO users (id, email, name, password_hash) VALUES ($1::uuid, $2, 'U', 'x')", [user, email]);
    }
    for (const [id, user] of [[a, userA], [b, userB]]) {
      await withTenant(db, { workspaceId: id }, async (tx) => {
        await tx.workspace.create({ data: { id, name: `W ${id}`, slug: `uw-${id}`, currency: "RUB", timeZone: "Europe/Moscow" } });
        await tx.membership.create({ data: { workspaceId: id, userId: user, role: "OWNER" } });
      });
    }
    expect((await listUserWorkspaces(db, { userId: userA })).map((w) => [w.workspace.id, w.role])).toEqual([[a, "OWNER"]]);
    expect((await listUserWorkspaces(db, { userId: userB })).map((w) => [w.workspace.id, w.role])).toEqual([[b, "OWNER"]]);
    // The policies, not the function, decide: named workspace → the "of user" policies are off.
    const scoped = await db.sql.execMany<{ id: string }>(
      `SELECT set_config('app.workspace_id', '${b}', true), set_config('app.user_id', '${userA}', true); SELECT * FROM app_user_workspaces()`,
    );
    expect(scoped[1]).toEqual([]);
    const noUser = await db.sql.execMany<{ id: string }>(`SELECT set_config('app.workspace_id', '', true), set_config('app.user_id', '', true); SELECT * FROM app_user_workspaces()`);
    expect(noUser[1]).toEqual([]);
  });
});
