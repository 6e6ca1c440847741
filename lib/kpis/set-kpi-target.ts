import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { Decimal, parseDecimal } from "@/lib/metrics/decimal";
import type { Period } from "@/lib/periods/period";
import type { Permission } from "@/lib/permissions/registry";
import { type PeriodRequest, resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertCanEdit } from "./assert-can-edit";
import { getKpiOrThrow } from "./get-kpi-or-throw";
import { insertTargetVersions } from "./insert-target-versions";
import type { KpiRecord } from "./kpi-record";
import { loadWorkspaceCalendar } from "./load-workspace-calendar";
import { findKnownMetrics } from "./metric-catalog-lookup";
import { validateTargetValue } from "./validate-target-value";

/**
 * Sets (or, with `value` null, removes) a KPI's target for one period by appending a target
 * version; earlier versions stay on record. The period must be of the KPI's period type
 * (a monthly KPI gets monthly targets); the value must have the KPI's sign and unit.
 */
export async function setKpiTarget(
  db: Database,
  input: {
    workspaceId: string;
    kpiId: string;
    period: PeriodRequest;
    value: string | null;
    actor: Actor;
    permissions: ReadonlySet<Permission>;
    now?: Date;
  },
): Promise<{ kpi: KpiRecord; period: Period; value: Decimal | null }> {
  const { workspaceId } = input;
  const value = input.value === null ? null : parseDecimal(input.value);
  if (input.value !== null && value === null) throw AppError.badInput(["value"], "must be a decimal number");
  return withTenant(db, { workspaceId }, async (tx) => {
    const { kpi } = await getKpiOrThrow(tx, workspaceId, input.kpiId);
    assertCanEdit(input.permissions, "target", [kpi.ownerRole]);
    const period = resolveScorecardPeriod(input.period, await loadWorkspaceCalendar(tx, workspaceId), input.now ?? new Date());
    if (period.type !== kpi.periodType) {
      throw AppError.badInput(["period", "type"], `${kpi.key} is set per ${kpi.periodType}; got a ${period.type}`);
    }
    const known = await findKnownMetrics(tx, workspaceId, [kpi.metricKey]);
    const errors = validateTargetValue(kpi, known.get(kpi.metricKey), value === null ? null : new Decimal(value), ["value"]);
    if (errors.length > 0) throw badInput(errors);
    await insertTargetVersions(tx, {
      workspaceId,
      versions: [{ kpiId: kpi.id, periodFrom: period.from, periodTo: period.to, value }],
      source: "manual",
      actor: input.actor,
    });
    // SPEC §5 / issue 11: every target change is in the audit log.
    await recordAuditEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: "target.set",
      targetType: "kpi",
      targetId: kpi.id,
      data: { kpiKey: kpi.key, periodFrom: period.from, periodTo: period.to, value: value === null ? null : value.toString() },
    });
    return { kpi, period, value };
  });
}
