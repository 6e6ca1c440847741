import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Period } from "@/lib/periods/period";
import type { Permission } from "@/lib/permissions/registry";
import { type PeriodRequest, resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertCanEdit } from "./assert-can-edit";
import { getKpiOrThrow } from "./get-kpi-or-throw";
import { insertTargetVersions } from "./insert-target-versions";
import type { KpiRecord } from "./kpi-record";
import { loadWorkspaceCalendar } from "./load-workspace-calendar";
import { periodWord } from "@/lib/errors/error-words";

/**
 * SPEC §5 "Targets flow down": drops a KPI's explicit target for one period so that it follows
 * its derivation again (pipeline = 3 × the revenue target, the sum of the months, the standing
 * default) — by appending a "derived" version; the explicit values stay in the history. Audited.
 */
export async function returnTargetToDerived(
  db: Database,
  input: {
    workspaceId: string;
    kpiId: string;
    period: PeriodRequest;
    actor: Actor;
    permissions: ReadonlySet<Permission>;
    now?: Date;
  },
): Promise<{ kpi: KpiRecord; period: Period }> {
  const { workspaceId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    const { kpi } = await getKpiOrThrow(tx, workspaceId, input.kpiId);
    assertCanEdit(input.permissions, "target", [kpi.ownerRole]);
    const period = resolveScorecardPeriod(
      input.period,
      await loadWorkspaceCalendar(tx, workspaceId),
      input.now ?? new Date(),
    );
    if (period.type !== kpi.periodType) {
      throw AppError.badInput(["period", "type"], "PERIOD_TYPE_MISMATCH", {
        kpi: kpi.key,
        expected: periodWord(kpi.periodType),
        got: periodWord(period.type),
      });
    }
    await insertTargetVersions(tx, {
      workspaceId,
      versions: [{ kpiId: kpi.id, periodFrom: period.from, periodTo: period.to, value: null }],
      source: "derived",
      actor: input.actor,
    });
    await recordAuditEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: "target.returnedToDerived",
      targetType: "kpi",
      targetId: kpi.id,
      data: { kpiKey: kpi.key, periodFrom: period.from, periodTo: period.to },
    });
    return { kpi, period };
  });
}
