import "server-only";
import type { Actor } from "@/lib/audit/actor";
import type { Decimal } from "@/lib/metrics/decimal";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface NewTargetVersion {
  kpiId: string;
  periodFrom: string;
  periodTo: string;
  value: Decimal | null;
}

/**
 * Appends target versions in one statement (the planner writes a dozen at once). Versions
 * in one call share `effective_from`, the transaction's clock at the insert.
 */
export async function insertTargetVersions(
  tx: Tx,
  {
    workspaceId,
    versions,
    source,
    actor,
  }: {
    workspaceId: string;
    versions: readonly NewTargetVersion[];
    source: "manual" | "planner" | "template" | "derived";
    actor: Actor | null;
  },
): Promise<void> {
  if (versions.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO kpi_target_versions (workspace_id, kpi_id, period_from, period_to, value, source, actor_user_id, actor_api_key_id)
     SELECT $1::uuid, v.kpi_id, v.period_from, v.period_to, v.value, $6, $7::uuid, $8::uuid
       FROM unnest($2::uuid[], $3::date[], $4::date[], $5::numeric[]) AS v(kpi_id, period_from, period_to, value)`,
    workspaceId,
    versions.map((v) => v.kpiId),
    versions.map((v) => v.periodFrom),
    versions.map((v) => v.periodTo),
    versions.map((v) => (v.value === null ? null : v.value.toString())),
    source,
    actor?.kind === "user" ? actor.userId : null,
    actor?.kind === "apiKey" ? actor.apiKeyId : null,
  );
}
