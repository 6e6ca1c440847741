import "server-only";
import type { Database } from "@/lib/db/client";
import { insertTargetVersions, type NewTargetVersion } from "@/lib/kpis/insert-target-versions";
import type { KpiRecord } from "@/lib/kpis/kpi-record";
import { loadKpis } from "@/lib/kpis/load-kpis";
import { loadWorkspaceCalendar } from "@/lib/kpis/load-workspace-calendar";
import { lockKpiTree } from "@/lib/kpis/lock-kpi-tree";
import { findKnownMetrics } from "@/lib/kpis/metric-catalog-lookup";
import { validateTargetValue } from "@/lib/kpis/validate-target-value";
import { Decimal } from "@/lib/metrics/decimal";
import type { Period } from "@/lib/periods/period";
import { previousPeriod } from "@/lib/periods/previous-period";
import { loadScorecardContext } from "@/lib/scorecard-service/load-scorecard-context";
import { type WorkspaceCalendar, resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import { metricTraits } from "@/lib/metrics/metric-traits";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";

/**
 * The demo's target plan: for each template KPI, the attainment its target is set to give
 * against the demo's own figures (≥ 1 on track, 0.9–1 at risk, below 0.9 off track with the
 * default thresholds) and, where a number below it would not be a sensible target, a floor.
 *
 * The story the demo tells: the company is mostly on plan, but acquisition cost runs ~5 %
 * over target (company, CMO and sales scorecards), social engagement and landing conversion
 * lag slightly; paid ROMI misses by far (VK ads and Telegram do not pay back) and qualified
 * leads convert to deals near the 20 % lead→deal quality gate, so a weak month fails it.
 * KPIs reading the same metric share a plan, so company, CMO and sales agree on CAC.
 */
interface TargetPlan {
  attainment: string;
  /** The target is never set below this (a loss-making ROMI still gets a positive target). */
  floor?: string;
}

const ON_TRACK: TargetPlan = { attainment: "1.05" };
const ROMI: TargetPlan = { attainment: "1.1", floor: "0.1" };
const CAC: TargetPlan = { attainment: "0.95" };
const LEAD_TO_DEAL: TargetPlan = { attainment: "1.06" };
const LTV_TO_CAC: TargetPlan = { attainment: "1.15", floor: "3" };

export const DEMO_TARGET_PLAN: Readonly<Record<string, TargetPlan>> = {
  "company.revenue": { attainment: "1.05" },
  "company.new_customers": { attainment: "1.08" },
  "company.cac": CAC,
  "company.ltv_to_cac": LTV_TO_CAC,
  "company.romi": ROMI,
  "sales.cac": CAC,
  "sales.ltv": { attainment: "1.07" },
  "sales.lead_to_deal_conversion": LEAD_TO_DEAL,
  "cmo.pipeline_value": { attainment: "1.04" },
  "cmo.romi": ROMI,
  "cmo.cac": CAC,
  "cmo.lead_to_deal_conversion": LEAD_TO_DEAL,
  "cmo.ltv_to_cac": LTV_TO_CAC,
  "performance.qualified_leads": { attainment: "1.05" },
  "performance.cost_per_qualified_lead": { attainment: "1.06" },
  // Paid channels as a whole miss their ROMI target: VK ads lose most of what they spend.
  "performance.paid_romi": { attainment: "0.8", floor: "0.1" },
  "performance.lead_to_deal_conversion": LEAD_TO_DEAL,
  "smm.social_qualified_leads": { attainment: "1.06" },
  "smm.engagement_rate": { attainment: "0.95" },
  "smm.cost_per_engagement": { attainment: "1.05" },
  "smm.follower_growth": { attainment: "1.08" },
  "content.branded_traffic_growth": { attainment: "1.1", floor: "0.05" },
  "content.content_leads": { attainment: "1.05" },
  "content.landing_conversion": { attainment: "0.95" },
  "content.email_click_rate": { attainment: "1.04" },
};

/** Months back from the current one that get targets too (the scorecard's history). */
export const DEMO_TARGET_PAST_MONTHS = 3;

const ONE = new Decimal(1);
/** Per metric and period the planned attainment moves by up to ±2 % (deterministic), so months differ. */
const JITTER_STEPS = 20;
const JITTER_STEP = new Decimal("0.001");

/**
 * Gives the demo workspace's KPIs targets for the current month and the 3 before it (and
 * the current quarter / year for KPIs set per quarter or year), derived from the loaded
 * demo figures so that its scorecards show a realistic mix of statuses (DEMO_TARGET_PLAN).
 *
 * The basis of a target is exactly what the scorecard compares it with: the period's value,
 * for a flow in the current period its run rate (actual ÷ elapsed share, as pacing reads
 * it); a current period without data yet uses the previous period's value. The target is
 * basis ÷ attainment (basis × attainment for lower-is-better KPIs), rounded to 3
 * significant digits (counts: whole) in the direction that keeps the planned status.
 *
 * Idempotent and respectful of the user: a KPI and period that already have any target
 * version (the demo's, or one the user set) are left alone, so loading again adds nothing.
 * Versions go in with source "template" and no actor, in one statement.
 */
export async function setDemoTargets(
  db: Database,
  { workspaceId, now = new Date() }: { workspaceId: string; now?: Date },
): Promise<{ set: number }> {
  const { calendar, kpis, periods, existing } = await withTenant(db, { workspaceId }, async (tx) => {
    const calendar = await loadWorkspaceCalendar(tx, workspaceId);
    const kpis = (await loadKpis(tx, workspaceId)).filter((k) => k.direction !== "range");
    const periods = demoPeriods(kpis, calendar, now);
    return { calendar, kpis, periods, existing: await existingTargets(tx, workspaceId, periods) };
  });
  const wanted = (kpi: KpiRecord, period: Period) =>
    kpi.periodType === period.type && !existing.has(pairKey(kpi.id, period));
  // Every period of a type with something to set (its fallbacks included), oldest first.
  const types = new Set(
    periods.filter((p) => !p.fallbackOnly && kpis.some((k) => wanted(k, p.period))).map((p) => p.period.type),
  );
  const candidates: { kpi: KpiRecord; period: Period; basis: Decimal }[] = [];
  const lastBasis = new Map<string, Decimal>();
  for (const { period, fallbackOnly } of periods) {
    if (!types.has(period.type)) continue;
    const ctx = await loadScorecardContext(db, {
      workspaceId,
      calendar,
      period: { type: period.type as KpiRecord["periodType"], anchor: period.from },
      now,
    });
    const share = ctx.elapsedShare;
    for (const kpi of kpis) {
      if (kpi.periodType !== period.type) continue;
      const actual = ctx.current.values[scopedMetricKey(kpi.metricKey, kpi.channelScope)] ?? null;
      const flow = metricTraits(kpi.metricKey).kind === "flow";
      const own = actual === null || share.isZero() ? null : flow ? actual.div(share) : actual;
      // A period without data yet (the 1st of the month) takes the previous period's figure.
      const basis = own ?? lastBasis.get(kpi.id) ?? null;
      if (own !== null) lastBasis.set(kpi.id, own);
      if (!fallbackOnly && basis !== null && wanted(kpi, period)) candidates.push({ kpi, period, basis });
    }
  }
  if (candidates.length === 0) return { set: 0 };

  return withTenant(db, { workspaceId }, async (tx) => {
    // Two loads at once must not both write: serialise, then re-read what is there.
    await lockKpiTree(tx, workspaceId);
    const present = await existingTargets(tx, workspaceId, periods);
    const known = await findKnownMetrics(
      tx,
      workspaceId,
      kpis.map((k) => k.metricKey),
    );
    const versions: NewTargetVersion[] = [];
    for (const { kpi, period, basis } of candidates) {
      if (present.has(pairKey(kpi.id, period))) continue;
      const metric = known.get(kpi.metricKey);
      const value = targetFor(kpi, basis, period.label, metric?.unit === "count");
      if (value === null || validateTargetValue(kpi, metric, value, ["value"]).length > 0) continue;
      versions.push({ kpiId: kpi.id, periodFrom: period.from, periodTo: period.to, value });
    }
    await insertTargetVersions(tx, { workspaceId, versions, source: "template", actor: null });
    return { set: versions.length };
  });
}

/** The target that gives `kpi` its planned attainment against `basis` in the period labelled `label`. */
export function targetFor(
  kpi: Pick<KpiRecord, "key" | "templateKey" | "metricKey" | "channelScope" | "direction">,
  basis: Decimal,
  label: string,
  whole: boolean,
): Decimal | null {
  const plan = DEMO_TARGET_PLAN[kpi.templateKey ?? ""] ?? DEMO_TARGET_PLAN[kpi.key] ?? ON_TRACK;
  const jitter =
    (fnv1a(`${scopedMetricKey(kpi.metricKey, kpi.channelScope)}|${label}`) % (2 * JITTER_STEPS + 1)) - JITTER_STEPS;
  const attainment = new Decimal(plan.attainment).plus(JITTER_STEP.times(jitter));
  const lower = kpi.direction === "lower";
  let target = lower ? basis.times(attainment) : basis.div(attainment);
  // An on-track plan rounds towards the easier target, the others towards the harder one.
  const easier = attainment.gte(ONE);
  const rounding = easier === lower ? Decimal.ROUND_UP : Decimal.ROUND_DOWN;
  if (plan.floor && target.lt(plan.floor)) target = new Decimal(plan.floor);
  if (!target.isPositive() || target.isZero()) return null;
  target = target.toSignificantDigits(3, rounding);
  if (whole) target = Decimal.max(ONE, target.toDecimalPlaces(0, rounding));
  return target;
}

interface DemoPeriod {
  period: Period;
  /** Read only as the fallback basis of the next period (the month before the first one targeted). */
  fallbackOnly: boolean;
}

/** Oldest first: per period type the KPIs use, the current period and (months) the ones before it. */
function demoPeriods(kpis: readonly KpiRecord[], calendar: WorkspaceCalendar, now: Date): DemoPeriod[] {
  const out: DemoPeriod[] = [];
  for (const type of ["month", "quarter", "year"] as const) {
    if (!kpis.some((k) => k.periodType === type)) continue;
    const current = resolveScorecardPeriod({ type }, calendar, now);
    const chain = [current];
    for (let i = 0; i < (type === "month" ? DEMO_TARGET_PAST_MONTHS : 1); i++) chain.unshift(previousPeriod(chain[0]));
    // Quarters and years: only the current one is targeted; the one before is its fallback.
    chain.forEach((period, i) => out.push({ period, fallbackOnly: type !== "month" && i < chain.length - 1 }));
  }
  return out;
}

const pairKey = (kpiId: string, period: { from: string; to: string }) => `${kpiId}|${period.from}|${period.to}`;

/** KPI × period pairs among `periods` that already have a target version (any source). */
async function existingTargets(tx: Tx, workspaceId: string, periods: readonly DemoPeriod[]): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const rows = await tx.$queryRawUnsafe<{ kpi_id: string; period_from: string; period_to: string }[]>(
    `SELECT DISTINCT t.kpi_id, t.period_from::text, t.period_to::text
       FROM kpi_target_versions t
       JOIN unnest($2::date[], $3::date[]) AS p(period_from, period_to) ON p.period_from = t.period_from AND p.period_to = t.period_to
      WHERE t.workspace_id = $1::uuid`,
    workspaceId,
    periods.map((p) => p.period.from),
    periods.map((p) => p.period.to),
  );
  return new Set(rows.map((r) => pairKey(r.kpi_id, { from: r.period_from, to: r.period_to })));
}

/** FNV-1a, 32 bits (the generator's hash: deterministic jitter). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
