import "server-only";
import type { Database } from "@/lib/db/client";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { UUID } from "@/lib/uuid";

/** A read statement with `$n` parameters. */
export interface SqlStatement {
  text: string;
  params: unknown[];
}

/**
 * Runs read statements in the tenant's scope and returns each one's rows: through a withTenant
 * transaction, or in one round trip (tenantReader).
 */
export type SqlReader = (statements: readonly SqlStatement[]) => Promise<Record<string, unknown>[][]>;

/** A reader inside the caller's withTenant transaction (the default for everything but the hot path). */
export function txReader(tx: Tx): SqlReader {
  return async (statements) => {
    const out: Record<string, unknown>[][] = [];
    for (const s of statements) out.push(await tx.$queryRawUnsafe<Record<string, unknown>[]>(s.text, ...s.params));
    return out;
  };
}

/**
 * The read hot path of metricValues: the same tenant wall as withTenant — set_config(…, true)
 * local to a transaction, then row-level security — in ONE round trip. Both statements travel
 * in one simple-protocol message (SqlRunner.execMany), which PostgreSQL runs as one implicit
 * transaction: the setting dies with it, an error rolls it back, and a pooled connection never
 * carries the tenant on. Why not withTenant: a Prisma interactive transaction costs four round
 * trips plus its bookkeeping (≈ 1–2 ms), more than the query itself on rollups; see
 * bench/metrics.ts. Read-only statements only.
 *
 * The simple protocol has no parameters, so `params` are spliced in as literals by
 * {@link inlineParams}: the workspace id must be a UUID, strings are escaped as E'…' literals,
 * numbers must be safe integers. On PGlite, `exec` waits for any open transaction, so this
 * can never run inside someone else's.
 */
export function tenantReader(db: Database, workspaceId: string): SqlReader {
  if (!UUID.test(workspaceId)) throw new TypeError("workspaceId must be a UUID");
  return scopedReader(db, { workspaceId, userId: null });
}

/**
 * {@link tenantReader} for any scope: a workspace (its tenant policies), a user (the "of user"
 * policies: their memberships and workspaces — only active when no workspace is named), both,
 * or neither (tables without row-level security, like users); an agency (its own rows and the
 * workspace rows of the clients that granted it, never their data — migration
 * 20261206040000_agencies). Ids must be UUIDs.
 */
export function scopedReader(
  db: Database,
  scope: { workspaceId: string | null; userId: string | null; agencyId?: string | null },
): SqlReader {
  for (const id of [scope.workspaceId, scope.userId, scope.agencyId ?? null])
    if (id !== null && !UUID.test(id)) throw new TypeError("scope ids must be UUIDs");
  const setScope = `SELECT set_config('app.workspace_id', '${scope.workspaceId?.toLowerCase() ?? ""}', true), set_config('app.user_id', '${scope.userId?.toLowerCase() ?? ""}', true), set_config('app.agency_id', '${scope.agencyId?.toLowerCase() ?? ""}', true)`;
  return async (statements) => {
    const results = await db.sql.execMany<Record<string, unknown>>(
      [setScope, ...statements.map((s) => inlineParams(s.text, s.params))].join(";\n"),
    );
    // The first result is set_config's.
    return results.slice(1);
  };
}

/** Replaces `$n` placeholders with SQL literals (see {@link sqlLiteral}); casts stay in the text. */
export function inlineParams(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new RangeError(`No parameter $${n}`);
    return sqlLiteral(params[index]);
  });
}

/** A literal for a string, safe integer, null, or array of those (ARRAY[…] / '{}'). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`Only safe integers can be inlined, got ${value}`);
    // In parentheses when negative: `$2::bigint` with -1 must read (-1)::bigint, not -(1::bigint)
    // (found by test/integration/abuse-literals.int.test.ts: "-1::bigint::text" has no such operator).
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === "string") {
    // PostgreSQL text cannot hold NUL; E'…' escaping is independent of standard_conforming_strings.
    if (value.includes("\u0000")) throw new TypeError("NUL character in a string parameter");
    return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  }
  if (Array.isArray(value)) return value.length === 0 ? "'{}'" : `ARRAY[${value.map(sqlLiteral).join(",")}]`;
  throw new TypeError(`Cannot inline a ${typeof value}`);
}
