import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { TEMPLATES } from "@/lib/scorecards/templates";
import type { Database } from "@/lib/db/client";
import { AppError, type FieldError, fieldError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { type Decimal, parseDecimal } from "@/lib/metrics/decimal";
import type { Period } from "@/lib/periods/period";
import type { Permission } from "@/lib/permissions/registry";
import { type PeriodRequest, resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertCanEdit } from "./assert-can-edit";
import { insertTargetVersions, type NewTargetVersion } from "./insert-target-versions";
import type { KpiRecord } from "./kpi-record";
import { loadKpis } from "./load-kpis";
import { loadWorkspaceCalendar } from "./load-workspace-calendar";
import { findKnownMetrics } from "./metric-catalog-lookup";
import { validateTargetValue } from "./validate-target-value";
import { periodWord } from "@/lib/errors/error-words";

const TEMPLATE_RULES = new Map(
  TEMPLATES.flatMap((t) => t.kpis).flatMap((k) => (k.defaultTarget ? [[k.key, k.defaultTarget] as const] : [])),
);

export interface PlanProposalInput {
  kpiKey: string;
  target: string;
}

/**
 * Accepts the planner's proposals — as proposed or edited by the CMO — as the targets of
 * their KPIs for one period, in ONE transaction: every proposal is checked first (KPI exists,
 * period type matches, sign and unit, permission for its scorecard) and nothing is written
 * unless all pass. Returns the KPIs whose targets were set.
 */
export async function applyTargetPlan(
  db: Database,
  input: {
    workspaceId: string;
    period: PeriodRequest;
    proposals: readonly PlanProposalInput[];
    actor: Actor;
    permissions: ReadonlySet<Permission>;
    now?: Date;
  },
): Promise<{ period: Period; kpis: KpiRecord[] }> {
  const { workspaceId } = input;
  if (input.proposals.length === 0) throw AppError.badInput(["proposals"], "NO_PROPOSALS");
  return withTenant(db, { workspaceId }, async (tx) => {
    const period = resolveScorecardPeriod(
      input.period,
      await loadWorkspaceCalendar(tx, workspaceId),
      input.now ?? new Date(),
    );
    const all = await loadKpis(tx, workspaceId);
    const byKey = new Map(all.map((k) => [k.key, k]));
    const known = await findKnownMetrics(
      tx,
      workspaceId,
      all.map((k) => k.metricKey),
    );
    const errors: FieldError[] = [];
    const versions: NewTargetVersion[] = [];
    const chosen: KpiRecord[] = [];
    const seen = new Set<string>();
    input.proposals.forEach((p, i) => {
      const kpi = byKey.get(p.kpiKey);
      if (!kpi) return void errors.push(fieldError(["proposals", i, "kpiKey"], "NO_KPI_KEY", { key: p.kpiKey }));
      if (seen.has(kpi.key))
        return void errors.push(fieldError(["proposals", i, "kpiKey"], "PROPOSED_TWICE", { key: p.kpiKey }));
      seen.add(kpi.key);
      if (kpi.periodType !== period.type) {
        return void errors.push(
          fieldError(["proposals", i, "kpiKey"], "PLAN_PERIOD_MISMATCH", {
            kpi: kpi.key,
            expected: periodWord(kpi.periodType),
            got: periodWord(period.type),
          }),
        );
      }
      const value = parseDecimal(p.target);
      if (value === null) return void errors.push(fieldError(["proposals", i, "target"], "DECIMAL_REQUIRED"));
      const problems = validateTargetValue(kpi, known.get(kpi.metricKey), value, ["proposals", i, "target"]);
      if (problems.length > 0) return void errors.push(...problems);
      versions.push({ kpiId: kpi.id, periodFrom: period.from, periodTo: period.to, value });
      chosen.push(kpi);
    });
    if (errors.length > 0) throw badInput(errors);
    assertCanEdit(
      input.permissions,
      "target",
      chosen.map((k) => k.ownerRole),
    );
    // SPEC §5 "Targets flow down": a proposal that IS its KPI's derivation (pipeline = 3 × the
    // plan's revenue) is stored as "derived", so it follows the revenue target when that changes.
    const proposed = new Map(versions.map((v, i) => [chosen[i].key, v.value]));
    const followsItsSource = (kpi: KpiRecord, value: Decimal | null): boolean => {
      const rule = kpi.templateKey ? TEMPLATE_RULES.get(kpi.templateKey) : undefined;
      if (rule?.kind !== "multipleOf" || value === null) return false;
      const base = all.find((k) => k.templateKey === rule.kpiKey);
      const baseValue = base ? proposed.get(base.key) : undefined;
      return !!baseValue && baseValue.times(rule.factor).eq(value);
    };
    const derived = versions.filter((v, i) => followsItsSource(chosen[i], v.value)).map((v) => ({ ...v, value: null }));
    const explicit = versions.filter((v, i) => !followsItsSource(chosen[i], v.value));
    await insertTargetVersions(tx, { workspaceId, versions: explicit, source: "planner", actor: input.actor });
    await insertTargetVersions(tx, { workspaceId, versions: derived, source: "derived", actor: input.actor });
    await recordAuditEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: "target.planApplied",
      targetType: "workspace",
      targetId: workspaceId,
      data: {
        periodFrom: period.from,
        periodTo: period.to,
        targets: chosen.map((k, i) => ({
          kpiKey: k.key,
          value: versions[i].value?.toString() ?? null,
          derived: followsItsSource(k, versions[i].value),
        })),
      },
    });
    return { period, kpis: chosen };
  });
}
