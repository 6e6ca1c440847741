import type { TestDatabase } from "./harness";
import { adminUrl } from "./harness";

/**
 * A fingerprint of every row a workspace owns, read past row-level security (the check is
 * "nothing changed", so it must see everything): one md5 per tenant table.
 */
export async function snapshotTenant(db: TestDatabase, workspaceId: string): Promise<Record<string, string>> {
  return asOwner(db, async (query) => {
    const tables = await query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' AND c.column_name = 'workspace_id' ORDER BY c.table_name`,
    );
    if (tables.length === 0) throw new Error("snapshotTenant found no tenant tables");
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const rows = await query<{ n: number; digest: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${table_name}" t WHERE t.workspace_id = $1::uuid`,
        [workspaceId],
      );
      out[table_name] = `${rows[0].n}:${rows[0].digest ?? "-"}`;
    }
    const ws = await query<{ digest: string }>(
      "SELECT md5(t::text) AS digest FROM workspaces t WHERE t.id = $1::uuid",
      [workspaceId],
    );
    out.workspaces = ws[0]?.digest ?? "missing";
    return out;
  });
}

/** The same fingerprint for an agency: every row carrying its agency_id, and its own row. */
export async function snapshotAgency(db: TestDatabase, agencyId: string): Promise<Record<string, string>> {
  return asOwner(db, async (query) => {
    const tables = await query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' AND c.column_name = 'agency_id' ORDER BY c.table_name`,
    );
    if (tables.length === 0) throw new Error("snapshotAgency found no agency tables");
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const rows = await query<{ n: number; digest: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${table_name}" t WHERE t.agency_id = $1::uuid`,
        [agencyId],
      );
      out[table_name] = `${rows[0].n}:${rows[0].digest ?? "-"}`;
    }
    const own = await query<{ digest: string }>("SELECT md5(t::text) AS digest FROM agencies t WHERE t.id = $1::uuid", [
      agencyId,
    ]);
    out.agencies = own[0]?.digest ?? "missing";
    return out;
  });
}

type Query = <Row>(text: string, params?: unknown[]) => Promise<Row[]>;

async function asOwner<T>(db: TestDatabase, fn: (query: Query) => Promise<T>): Promise<T> {
  if (db.kind === "pglite") {
    await db.sql.exec("RESET ROLE");
    try {
      return await fn(async (text, params) => (await db.sql.query(text, params)).rows as never);
    } finally {
      await db.sql.exec("SET ROLE throughline_app");
    }
  }
  const { default: pg } = await import("pg");
  const url = new URL(adminUrl());
  url.pathname = `/${db.name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(async (text, params) => (await client.query(text, params as unknown[])).rows as never);
  } finally {
    await client.end();
  }
}
