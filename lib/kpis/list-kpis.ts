import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { KpiRecord } from "./kpi-record";
import { loadKpis } from "./load-kpis";

/** Every KPI of a workspace in scorecard order (loadKpis), in its own tenant transaction. */
export async function listKpis(db: Database, { workspaceId }: { workspaceId: string }): Promise<KpiRecord[]> {
  return withTenant(db, { workspaceId }, (tx) => loadKpis(tx, workspaceId));
}
