import "server-only";
import { signUp } from "@/lib/accounts/sign-up";
import type { Database } from "@/lib/db/client";
import { env, isTruthy } from "@/lib/env";
import { updateMetricSettings } from "@/lib/metric-store/update-metric-settings";
import { DEMO_GROSS_MARGIN } from "./generate-demo-facts";
import { loadDemoData } from "./load-demo-data";

/** Sign-in of the demo workspace's owner, also shown on the login page of a demo install. */
export const DEMO_OWNER = { email: "demo@throughline.local", password: "demo-throughline-2026", name: "Demo Owner" };

/** The demo company's workspace. */
export const DEMO_WORKSPACE = {
  name: "Northwind Digital (demo)",
  currency: "RUB",
  timeZone: "Europe/Moscow",
  locale: "ru",
} as const;

/**
 * Seeds the demo workspace on a database that has no users yet (a fresh install), unless
 * SEED_DEMO=0: the owner DEMO_OWNER signs up through the accounts module (so the workspace
 * gets everything a real one does), the metric settings get a realistic gross margin, and two
 * years of demo facts go in through the ingestion bulk path, and every KPI gets targets for the
 * current month and the 3 before it, derived from those facts (loadDemoData → setDemoTargets),
 * so the first scorecards show on-track / at-risk / off-track. Idempotent: a database with any
 * user is left alone. About 10 s on PGlite (≈ 160 000 facts), measured in metrics-rollups.int.test.ts.
 */
export async function seedDemoIfEmpty(
  db: Database,
): Promise<{ seeded: boolean; workspaceId?: string; rows?: number; ms?: number }> {
  if (!isTruthy(env().SEED_DEMO)) return { seeded: false };
  const { rows } = await db.sql.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM users) AS any");
  if (rows[0]?.any) return { seeded: false };
  const started = Date.now();
  const { workspace, user } = await signUp(db, {
    email: DEMO_OWNER.email,
    password: DEMO_OWNER.password,
    name: DEMO_OWNER.name,
    workspaceName: DEMO_WORKSPACE.name,
    currency: DEMO_WORKSPACE.currency,
    timeZone: DEMO_WORKSPACE.timeZone,
    locale: DEMO_WORKSPACE.locale,
  });
  // A services business: 40 % gross margin (LTV and ROMI on gross profit read it).
  await updateMetricSettings(db, {
    workspaceId: workspace.id,
    input: { grossMargin: DEMO_GROSS_MARGIN },
    actor: { kind: "user", userId: user.id },
  });
  const loaded = await loadDemoData(db, { workspaceId: workspace.id, actor: { kind: "user", userId: user.id } });
  const ms = Date.now() - started;
  console.log(
    `throughline: seeded the demo workspace (${loaded.accepted} facts, ${loaded.targets} targets, ${(ms / 1000).toFixed(1)} s); sign in as ${DEMO_OWNER.email} with the password given in README.md ("Run it")`,
  );
  return { seeded: true, workspaceId: workspace.id, rows: loaded.accepted, ms };
}
