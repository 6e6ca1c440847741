import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import type { Permission } from "@/lib/permissions/registry";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertCanEdit } from "./assert-can-edit";
import { assertValidKpi, type KpiFieldsInput, kpiColumns, kpiFieldsSchema, mergeKpi } from "./kpi-input";
import type { KpiRecord } from "./kpi-record";
import { loadKpis } from "./load-kpis";
import { lockKpiTree } from "./lock-kpi-tree";

/**
 * Adds a KPI to a scorecard. A sixth KPI on a role is allowed — the ROLE_KPI_COUNT_HIGH
 * health check flags it, the write does not refuse it. The key defaults to
 * `<owner>.<metric>` (numbered when taken). Validated against the whole tree; nothing is
 * written unless every check passes.
 */
export async function createKpi(
  db: Database,
  {
    workspaceId,
    permissions,
    actor,
    ...input
  }: { workspaceId: string; permissions: ReadonlySet<Permission>; actor: Actor } & KpiFieldsInput,
): Promise<KpiRecord> {
  const data = parseInput(kpiFieldsSchema, input);
  assertCanEdit(permissions, "kpi", [data.ownerRole]);
  const id = randomUUID();
  return withTenant(db, { workspaceId }, async (tx) => {
    await lockKpiTree(tx, workspaceId);
    const all = await loadKpis(tx, workspaceId);
    const key =
      data.key ??
      freeKey(
        all,
        `${data.ownerRole.toLowerCase()}.${data.metricKey}${data.channelScope ? `_${data.channelScope}` : ""}`,
      );
    const position =
      data.position ?? Math.max(-1, ...all.filter((k) => k.ownerRole === data.ownerRole).map((k) => k.position)) + 1;
    const candidate = mergeKpi(null, { ...data, key, position }, id, workspaceId, all);
    await assertValidKpi(tx, candidate, all);
    await tx.kpi.create({ data: { id, workspaceId, ...kpiColumns(candidate) } });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "kpi.created",
      targetType: "kpi",
      targetId: id,
      data: { key, metricKey: data.metricKey, ownerRole: data.ownerRole },
    });
    return (await loadKpis(tx, workspaceId)).find((k) => k.id === id)!;
  });
}

function freeKey(all: readonly KpiRecord[], wanted: string): string {
  const base = wanted.toLowerCase().replace(/[^a-z0-9_.]/g, "_");
  const taken = new Set(all.map((k) => k.key));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}
