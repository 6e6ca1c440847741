import pg from "pg";
import { type Database, openDatabase } from "@/lib/db/client";

export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
  );
}

/** A fresh PostgreSQL database for a benchmark, migrated; returns its URL too. */
export async function createBenchDatabase(
  baseName: string,
): Promise<{ db: Database; url: string; drop(): Promise<void> }> {
  // Engineers sharing one PostgreSQL run benches in parallel: a suffix keeps their databases apart.
  const suffix = (process.env.BENCH_DB_SUFFIX ?? "").replace(/[^a-z0-9_]/gi, "").toLowerCase();
  const name = suffix ? `${baseName}_${suffix}` : baseName;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 16 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
