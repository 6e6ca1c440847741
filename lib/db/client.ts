import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";
import { migrate } from "./migrate";
import type { SqlRunner } from "./sql-runner";

export interface Database {
  kind: "pglite" | "postgres";
  /** Connected as the application role: row-level security applies to every query. */
  prisma: PrismaClient;
  /** Raw SQL on the same role, for hot paths that skip Prisma. */
  sql: SqlRunner;
  /**
   * Runs `fn` in one transaction on one connection of the same role, without Prisma (bulk
   * ingestion: Prisma copies each large parameter several times on the way, which measured
   * ~180 MB of RSS over a 1 M-row import). Rolls back when `fn` throws.
   */
  sqlTransaction<T>(fn: (sql: TransactionSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A query inside {@link Database.sqlTransaction}: rows, and rows affected by a write. */
export interface TransactionSql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[]; affected: number }>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent, PGlite at `dataDir`. */
  url?: string;
  dataDir?: string;
  appRole?: string;
  poolSize?: number;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
}

/**
 * Opens the database: migrates as the connecting (owner) role, then works as the
 * non-superuser application role so that PostgreSQL's RLS is the second tenancy wall.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const appRole = options.appRole ?? "throughline_app";
  const db = options.url
    ? await openPostgres(options.url, appRole, options.poolSize ?? 10, options.migrate ?? true)
    : await openPglite(options.dataDir ?? ".data/pglite", appRole, options.migrate ?? true);
  await assertNotPrivileged(db.sql);
  return db;
}

async function openPostgres(url: string, appRole: string, poolSize: number, runMigrations: boolean): Promise<Database> {
  if (runMigrations) {
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      await migrate({
        query: (text, params) => owner.query(text, params as unknown[]) as never,
        exec: async (text) => void (await owner.query(text)),
        execMany: async () => {
          throw new Error("not used by the migrator");
        },
      });
    } finally {
      await owner.end();
    }
  }
  // `-c role=…` makes every pooled connection start as the app role: there is no window in
  // which a connection runs as the owner, and nothing a request runs can depend on SET ROLE.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: appRole ? `-c role=${appRole}` : undefined,
  });
  // An idle pooled connection that the server drops (restart, pg_terminate_backend) emits
  // 'error' on the pool; unhandled, that event would crash the process.
  pool.on("error", (error) => console.error("[db] idle connection error:", error.message));
  const adapter = new PrismaPg(pool);
  // Waiting for a pooled connection is queueing, not failure: with more concurrent requests than
  // connections (64 clients on a pool of 16 in `npm run bench reliability`) Prisma's default
  // 2 s maxWait turned a busy minute into "Unable to start a transaction" errors.
  const prisma = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  return {
    kind: "postgres",
    prisma,
    sql: {
      query: (text, params) => pool.query(text, params as unknown[]) as never,
      exec: async (text) => void (await pool.query(text)),
      execMany: async (text) => {
        const client = await pool.connect();
        try {
          const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
          client.release();
          return (Array.isArray(result) ? result : [result]).map((r) => r.rows) as never;
        } catch (error) {
          // A failed statement may leave an open transaction behind: never pool that connection.
          client.release(true);
          throw error;
        }
      },
    },
    async sqlTransaction(fn) {
      const client = await pool.connect();
      // A connection killed while checked out reports through its query promises; this keeps
      // its 'error' event from crashing the process meanwhile.
      const onError = () => undefined;
      client.on("error", onError);
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await fn({
          query: async (text, params) => {
            const r = await client.query(text, params as unknown[]);
            return { rows: r.rows as never[], affected: r.rowCount ?? 0 };
          },
        });
        // COMMIT of a transaction a swallowed error aborted answers ROLLBACK: that is a failure.
        const commit = await client.query("COMMIT");
        if (commit.command !== "COMMIT") throw new Error("the transaction was rolled back (a statement in it failed)");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => (broken = true));
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

async function openPglite(dataDir: string, appRole: string, runMigrations: boolean): Promise<Database> {
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  if (runMigrations) {
    await migrate({
      query: (text, params) => pglite.query(text, params as unknown[]) as never,
      exec: async (text) => void (await pglite.exec(text)),
      execMany: async (text) => (await pglite.exec(text)).map((r) => r.rows) as never,
    });
  }
  // PGlite runs as the superuser `postgres`, which bypasses RLS even with FORCE: switch to the
  // app role for the life of this (single) connection.
  if (appRole) await pglite.exec(`SET ROLE ${appRole}`);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: TRANSACTION_OPTIONS });
  return {
    kind: "pglite",
    prisma,
    sql: {
      query: (text, params) => pglite.query(text, params as unknown[]) as never,
      exec: async (text) => void (await pglite.exec(text)),
      execMany: async (text) => (await pglite.exec(text)).map((r) => r.rows) as never,
    },
    // PGlite has one connection; its transaction() holds it (Prisma's adapter uses the same).
    sqlTransaction: (fn) =>
      pglite.transaction(async (tx) => {
        const result = await fn({
          query: async (text, params) => {
            const r = await tx.query(text, params as unknown[]);
            return { rows: r.rows as never[], affected: r.affectedRows ?? 0 };
          },
        });
        // Fails when a swallowed error aborted the transaction (its COMMIT would roll back silently).
        await tx.query("SELECT 1");
        return result;
      }),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function assertNotPrivileged(sql: SqlRunner): Promise<void> {
  const { rows } = await sql.query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
    "SELECT current_user, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user",
  );
  const me = rows[0];
  if (!me || me.rolsuper || me.rolbypassrls) {
    throw new Error(
      `Refusing to serve as database role "${me?.current_user}": it bypasses row-level security. ` +
        "Set DATABASE_APP_ROLE to a non-superuser role.",
    );
  }
}

const globalForDb = globalThis as unknown as { __throughlineDb?: Promise<Database> };

/** The process-wide database, opened once from the environment (dev reloads reuse it). */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.__throughlineDb) {
    const e = env();
    globalForDb.__throughlineDb = openDatabase({
      url: e.DATABASE_URL,
      dataDir: e.PGLITE_DATA_DIR,
      appRole: e.DATABASE_APP_ROLE,
      poolSize: e.DATABASE_POOL_SIZE,
    }).catch((error) => {
      globalForDb.__throughlineDb = undefined;
      throw error;
    });
  }
  return globalForDb.__throughlineDb;
}

/** Interactive transactions wait up to 15 s for a connection and may run 30 s (Prisma: 2 s and 5 s). */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;
