import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlRunner } from "./sql-runner";

/** Same key on every instance: only one process migrates a database at a time. */
const MIGRATION_LOCK_KEY = 727_073_690;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
}

/** Reads prisma/migrations/<name>/migration.sql in name order (names start with a timestamp). */
export async function readMigrations(dir = migrationsDir()): Promise<MigrationFile[]> {
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (names.length === 0) throw new Error(`No migrations found in ${dir}`);
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8");
      // Prisma's checksum: SHA-256 of the file, hex. Keeping it lets `prisma migrate deploy`
      // accept this history on a machine that has the native engine.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * The application role is cluster-wide, not per database: two processes migrating two fresh
 * databases of one PostgreSQL at once (parallel test workers, two new tenants' stacks) both
 * see it missing, and the slower CREATE ROLE fails with a unique violation even under the
 * migration's IF NOT EXISTS. Created here first, in its own statement that treats "already
 * exists" as done; the migration's own guard then finds it.
 */
async function ensureAppRole(db: SqlRunner): Promise<void> {
  await db.exec(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'throughline_app') THEN
    CREATE ROLE throughline_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$`);
}

/**
 * Applies pending migrations in order, each in its own transaction, recording them in a
 * Prisma-compatible `_prisma_migrations` table. Refuses to run when an applied migration's
 * file has changed since (history must be append-only).
 */
export async function migrate(db: SqlRunner, dir = migrationsDir()): Promise<MigrateResult> {
  const files = await readMigrations(dir);
  await db.exec(`CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id varchar(36) PRIMARY KEY,
    checksum varchar(64) NOT NULL,
    finished_at timestamptz,
    migration_name varchar(255) NOT NULL,
    logs text,
    rolled_back_at timestamptz,
    started_at timestamptz NOT NULL DEFAULT now(),
    applied_steps_count integer NOT NULL DEFAULT 0
  )`);
  await db.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    const { rows } = await db.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    if (files.some((file) => !done.has(file.name))) await ensureAppRole(db);
    for (const file of files) {
      const previous = done.get(file.name);
      if (previous !== undefined) {
        if (previous !== file.checksum) {
          throw new Error(
            `Migration ${file.name} was changed after it was applied (checksum ${previous} → ${file.checksum}). Add a new migration instead.`,
          );
        }
        continue;
      }
      await db.exec("BEGIN");
      try {
        await db.exec(file.sql);
        await db.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await db.exec("COMMIT");
      } catch (error) {
        await db.exec("ROLLBACK");
        throw new Error(`Migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file.name);
    }
    return { applied, alreadyApplied: files.length - applied.length };
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
