// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database)
// and exits. The server also migrates on start; this is for operators and deploy pipelines.
import { openDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";

async function main() {
  const e = env();
  const started = Date.now();
  const db = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DATA_DIR, appRole: e.DATABASE_APP_ROLE });
  const { rows } = await db.sql.query<{ n: string | number }>("SELECT count(*) AS n FROM _prisma_migrations");
  console.log(`db:migrate: ${db.kind} is at ${rows[0]?.n} migrations (${Date.now() - started} ms)`);
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
