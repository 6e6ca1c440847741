import "server-only";
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
import { periodWord } from "@/lib/errors/error-words";

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
  if (input.value !== null && value === null) throw AppError.badInput(["value"], "DECIMAL_REQUIRED");
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
    const known = await findKnownMetrics(tx, workspaceId, [kpi.metricKey]);
    const errors = validateTargetValue(kpi, known.get(kpi.metricKey), value === null ? null : new Decimal(value), [
      "value",
    ]);
    if (errors.length > 0) throw badInput(errors);
    // The audit entry reads "changed the ROMI target for November from 10 % to 12 %": the
    // value in force for exactly this period before the change (the latest version).
    const previous = await tx.$queryRawUnsafe<{ value: string | null }[]>(
      `SELECT value::text AS value FROM kpi_target_versions
        WHERE workspace_id = $1::uuid AND kpi_id = $2::uuid AND period_from = $3::date AND period_to = $4::date
        ORDER BY effective_from DESC, id DESC LIMIT 1`,
      workspaceId,
      kpi.id,
      period.from,
      period.to,
    );
    await recordAuditEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: "target.set",
      targetType: "kpi",
      targetId: kpi.id,
      data: {
        key: kpi.key,
        metricKey: kpi.metricKey,
        channelScope: kpi.channelScope,
        ownerRole: kpi.ownerRole,
        period: { type: period.type, from: period.from, to: period.to },
        from: previous[0]?.value ?? null,
        to: value === null ? null : value.toString(),
      },
    });
    await insertTargetVersions(tx, {
      workspaceId,
      versions: [{ kpiId: kpi.id, periodFrom: period.from, periodTo: period.to, value }],
      source: "manual",
      actor: input.actor,
    });
    return { kpi, period, value };
  });
}
