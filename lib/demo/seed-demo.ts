import type { Database } from "@/lib/db/client";
import { env, isTruthy } from "@/lib/env";

/** Sign-in of the demo workspace's owner, also shown on the login page of a demo install. */
export const DEMO_OWNER = { email: "demo@throughline.local", password: "demo-throughline-2026", name: "Demo Owner" };

/**
 * Seeds the demo workspace on a database that has no users yet (a fresh install), unless
 * SEED_DEMO=0. Idempotent: a database with any user is left alone.
 */
export async function seedDemoIfEmpty(db: Database): Promise<{ seeded: boolean }> {
  if (!isTruthy(env().SEED_DEMO)) return { seeded: false };
  const { rows } = await db.sql.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM users) AS any");
  if (rows[0]?.any) return { seeded: false };
  // The demo workspace is created by the accounts and metrics modules as they land.
  return { seeded: false };
}
