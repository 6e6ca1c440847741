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
 * narrow door (an API key's hash, an invite token's hash, the job sweeper, the alert scheduler's
 * workspace list and the webhook dispatcher's due deliveries — ids and time zones only). Anything else
 * must run as the caller, under the policies.
 */
// Reports (issue 14): a share link by its token's hash; the scheduler's due schedules and retries (ids only).
const SECURITY_DEFINER_DOORS = [
  "alert_schedule_workspaces", // the alert scheduler: which workspaces exist, their time zones (ids only)
  "authenticate_agency_api_key",
  "authenticate_api_key",
  "due_report_retries",
  "due_report_schedules",
  "find_agency_for_grant",
  "find_agency_invite_by_token_hash",
  "find_invite_by_token_hash",
  "lease_due_webhook_deliveries", // the webhook dispatcher: ids of due deliveries, leased
  "live_import_jobs",
  "open_share_link",
];

/** Global tables: not tenant-owned by design (a user spans workspaces). */
// Per person, not per workspace: sessions, password resets and the account security log (issue 16).
const GLOBAL_TABLES = new Set([
  "users",
  "login_attempts",
  "user_sessions",
  "password_resets",
  "account_events",
  "_prisma_migrations",
]);

describe("tenancy catalog", () => {
  it("runs as a non-superuser role without BYPASSRLS that owns no table", async () => {
    const { rows } = await db.sql.query<{
      current_user: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      owned: string | number;
    }>(
      `SELECT current_user, r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toMatchObject({ current_user: "throughline_app", rolsuper: false, rolbypassrls: false });
    expect(Number(rows[0].owned)).toBe(0);
  });

  it("forces row-level security on every tenant table", async () => {
    const { rows } = await db.sql.query<{
      table_name: string;
      has_workspace: boolean;
      has_agency: boolean;
      rls: boolean;
      forced: boolean;
      policies: string | number;
    }>(
      `SELECT c.relname AS table_name,
              EXISTS (SELECT 1 FROM information_schema.columns col
                      WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'workspace_id') AS has_workspace,
              EXISTS (SELECT 1 FROM information_schema.columns col
                      WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'agency_id') AS has_agency,
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
    const unprotected = tenantTables
      .filter((r) => !r.rls || !r.forced || Number(r.policies) === 0)
      .map((r) => r.table_name);
    expect(
      unprotected,
      `tenant tables without ENABLE+FORCE RLS and a policy (checked: ${tenantTables.map((t) => t.table_name).join(", ")})`,
    ).toEqual([]);
    // Agency-owned tables (agency_id without workspace_id, or `agencies` itself): the same wall,
    // scoped by app.agency_id (migration 20261206040000_agencies).
    const agencyTables = rows.filter((r) => !r.has_workspace && (r.has_agency || r.table_name === "agencies"));
    expect(agencyTables.length, "agency tables found").toBeGreaterThanOrEqual(6);
    const unprotectedAgency = agencyTables
      .filter((r) => !r.rls || !r.forced || Number(r.policies) === 0)
      .map((r) => r.table_name);
    expect(
      unprotectedAgency,
      `agency tables without ENABLE+FORCE RLS and a policy (checked: ${agencyTables.map((t) => t.table_name).join(", ")})`,
    ).toEqual([]);
    const { rows: agencyPolicies } = await db.sql.query<{ tablename: string; qual: string }>(
      `SELECT tablename, qual FROM pg_policies WHERE schemaname = 'public' AND policyname = 'agency_isolation'`,
    );
    expect(agencyPolicies.map((p) => p.tablename).sort(), "every agency table has the agency_isolation policy").toEqual(
      agencyTables.map((t) => t.table_name).sort(),
    );
    for (const p of agencyPolicies)
      expect(p.qual, `${p.tablename}: agency_isolation reads app_agency_id()`).toMatch(/app_agency_id\(\)/);
    const unclassified = rows
      .filter(
        (r) =>
          !r.has_workspace &&
          !r.has_agency &&
          r.table_name !== "workspaces" &&
          r.table_name !== "agencies" &&
          !GLOBAL_TABLES.has(r.table_name),
      )
      .map((r) => r.table_name);
    expect(unclassified, "tables that are neither tenant-owned nor listed as global").toEqual([]);
  });

  it("shows a raw query under another tenant's setting 0 rows, and none without a tenant", async () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const b = "00000000-0000-4000-8000-00000000000b";
    for (const id of [a, b]) {
      await withTenant(db, { workspaceId: id }, (tx) =>
        tx.workspace.create({
          data: { id, name: `W ${id}`, slug: `w-${id}`, currency: "RUB", timeZone: "Europe/Moscow" },
        }),
      );
      await withTenant(db, { workspaceId: id }, (tx) =>
        tx.auditEvent.create({ data: { workspaceId: id, action: "test.seed", targetType: "workspace", targetId: id } }),
      );
    }
    const seenFromB = await withTenant(db, { workspaceId: b }, (tx) =>
      tx.$queryRawUnsafe<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM audit_events WHERE workspace_id = $1::uuid",
        a,
      ),
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
        tx.$executeRawUnsafe(
          "INSERT INTO audit_events (workspace_id, action, target_type) VALUES ($1::uuid, 'x', 'y')",
          a,
        ),
      ),
    ).rejects.toThrow(/row-level security/i);
  });

  it("runs only the listed doors as SECURITY DEFINER; app_user_workspaces runs as the caller", async () => {
    const { rows } = await db.sql.query<{ proname: string; prosecdef: boolean }>(
      `SELECT p.proname, p.prosecdef FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY p.proname`,
    );
    expect(rows.length, "functions found in the public schema").toBeGreaterThanOrEqual(5);
    expect(
      rows
        .filter((r) => r.prosecdef)
        .map((r) => r.proname)
        .sort(),
    ).toEqual(SECURITY_DEFINER_DOORS);
    expect(rows.find((r) => r.proname === "app_user_workspaces")).toEqual({
      proname: "app_user_workspaces",
      prosecdef: false,
    });
  });

  it("lists a user's own workspaces only, and nothing in a workspace-scoped or user-less transaction", async () => {
    const [a, b] = ["00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000b1"];
    const [userA, userB] = ["00000000-0000-4000-8000-00000000a0a0", "00000000-0000-4000-8000-00000000b0b0"];
    for (const [user, email] of [
      [userA, "a@catalog.test"],
      [userB, "b@catalog.test"],
    ]) {
      await db.sql.query("INSERT INTO users (id, email, name, password_hash) VALUES ($1::uuid, $2, 'U', 'x')", [
        user,
        email,
      ]);
    }
    for (const [id, user] of [
      [a, userA],
      [b, userB],
    ]) {
      await withTenant(db, { workspaceId: id }, async (tx) => {
        await tx.workspace.create({
          data: { id, name: `W ${id}`, slug: `uw-${id}`, currency: "RUB", timeZone: "Europe/Moscow" },
        });
        await tx.membership.create({ data: { workspaceId: id, userId: user, role: "OWNER" } });
      });
    }
    expect((await listUserWorkspaces(db, { userId: userA })).map((w) => [w.workspace.id, w.role])).toEqual([
      [a, "OWNER"],
    ]);
    expect((await listUserWorkspaces(db, { userId: userB })).map((w) => [w.workspace.id, w.role])).toEqual([
      [b, "OWNER"],
    ]);
    // The policies, not the function, decide: named workspace → the "of user" policies are off.
    const scoped = await db.sql.execMany<{ id: string }>(
      `SELECT set_config('app.workspace_id', '${b}', true), set_config('app.user_id', '${userA}', true); SELECT * FROM app_user_workspaces()`,
    );
    expect(scoped[1]).toEqual([]);
    const noUser = await db.sql.execMany<{ id: string }>(
      `SELECT set_config('app.workspace_id', '', true), set_config('app.user_id', '', true); SELECT * FROM app_user_workspaces()`,
    );
    expect(noUser[1]).toEqual([]);
  });

  it("shows agency rows only in their agency's scope; a client sees only the agencies it granted", async () => {
    const [agA, agB] = ["00000000-0000-4000-8000-0000000a9e0a", "00000000-0000-4000-8000-0000000a9e0b"];
    const ws = "00000000-0000-4000-8000-0000000000c1";
    for (const id of [agA, agB]) {
      await withTenant(db, { workspaceId: null, agencyId: id }, async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO agencies (id, name, slug) VALUES ($1::uuid, 'Agency', $2)`,
          id,
          `ag-${id}`,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO agency_audit_events (agency_id, action, target_type) VALUES ($1::uuid, 'test.seed', 'agency')`,
          id,
        );
      });
    }
    await withTenant(db, { workspaceId: ws }, async (tx) => {
      await tx.workspace.create({
        data: { id: ws, name: "Client", slug: `c-${ws}`, currency: "RUB", timeZone: "Europe/Moscow" },
      });
      await tx.$executeRawUnsafe(
        `INSERT INTO agency_grants (workspace_id, agency_id, role) VALUES ($1::uuid, $2::uuid, 'CMO')`,
        ws,
        agA,
      );
    });
    const count = (
      scope: { workspaceId: string | null; agencyId?: string | null; userId?: string | null },
      sql: string,
    ) => withTenant(db, scope, (tx) => tx.$queryRawUnsafe<{ n: number }[]>(sql)).then((r) => r[0].n);
    expect(
      await count({ workspaceId: null, agencyId: agB }, "SELECT count(*)::int AS n FROM agency_audit_events"),
    ).toBe(1);
    expect(
      await count(
        { workspaceId: null, agencyId: agB },
        `SELECT count(*)::int AS n FROM agency_audit_events WHERE agency_id = '${agA}'`,
      ),
    ).toBe(0);
    expect(await count({ workspaceId: null }, "SELECT count(*)::int AS n FROM agencies")).toBe(0);
    expect(await count({ workspaceId: null }, "SELECT count(*)::int AS n FROM agency_audit_events")).toBe(0);
    // The client's scope: its grant and the name of the agency it granted, nothing of the other agency.
    expect(await count({ workspaceId: ws }, "SELECT count(*)::int AS n FROM agencies")).toBe(1);
    expect(await count({ workspaceId: ws }, "SELECT count(*)::int AS n FROM agency_audit_events")).toBe(0);
    // Agency scopes: A reads the grant and the client's workspace row (not its data); B nothing.
    expect(await count({ workspaceId: null, agencyId: agA }, "SELECT count(*)::int AS n FROM workspaces")).toBe(1);
    expect(await count({ workspaceId: null, agencyId: agB }, "SELECT count(*)::int AS n FROM workspaces")).toBe(0);
    expect(await count({ workspaceId: null, agencyId: agB }, "SELECT count(*)::int AS n FROM agency_grants")).toBe(0);
    // An agency cannot write a grant (that is the client owner's) nor into another agency.
    await expect(
      withTenant(db, { workspaceId: null, agencyId: agA }, (tx) =>
        tx
          .$executeRawUnsafe(`UPDATE agency_grants SET role = 'ADMIN' WHERE workspace_id = $1::uuid RETURNING 1`, ws)
          .then((n) => {
            if (n === 0) throw new Error("row-level security: no row updated");
          }),
      ),
    ).rejects.toThrow(/row-level security/i);
    await expect(
      withTenant(db, { workspaceId: null, agencyId: agB }, (tx) =>
        tx.$executeRawUnsafe(
          `INSERT INTO agency_audit_events (agency_id, action, target_type) VALUES ($1::uuid, 'x', 'y')`,
          agA,
        ),
      ),
    ).rejects.toThrow(/row-level security/i);
  });
});
