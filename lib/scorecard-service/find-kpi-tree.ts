import "server-only";
import type { Database } from "@/lib/db/client";
import type { Decimal } from "@/lib/metrics/decimal";
import type { Period } from "@/lib/periods/period";
import type { ScorecardOwner } from "@/lib/permissions/registry";
import { buildKpiTree, type KpiTree } from "@/lib/scorecards/build-kpi-tree";
import type { KpiTargets } from "@/lib/scorecards/types";
import { loadScorecardContext } from "./load-scorecard-context";
import type { PeriodRequest, WorkspaceCalendar } from "./resolve-scorecard-period";

export interface KpiTreeView extends KpiTree {
  period: Period;
  asOf: string;
  elapsedShare: Decimal;
}

/**
 * The KPI tree of SPEC §5 for one period — company targets → role KPIs → diagnostics, each
 * KPI node with status and variance and the roll-up of its drivers. `owners` limits the tree
 * to the scorecards the caller may read (a specialist sees the company targets and their own
 * KPIs under them); null = everything.
 */
export async function findKpiTree(
  db: Database,
  input: {
    workspaceId: string;
    calendar: WorkspaceCalendar;
    period?: PeriodRequest | null;
    now: Date;
    dataVersion?: Promise<string>;
    owners: readonly ScorecardOwner[] | null;
  },
): Promise<KpiTreeView> {
  const ctx = await loadScorecardContext(db, input);
  const visible = input.owners ? new Set<string>(input.owners) : null;
  const kpis = ctx.definitions.kpis.filter((k) => !visible || visible.has(k.ownerRole));
  const targets: KpiTargets = Object.fromEntries([...ctx.targets].map(([key, t]) => [key, t.value]));
  const tree = buildKpiTree({
    kpis,
    values: ctx.current.values,
    previousValues: ctx.previousToDate.values,
    targets,
    elapsedShare: ctx.elapsedShare,
    traits: ctx.traits,
  });
  return { ...tree, period: ctx.period, asOf: ctx.asOf, elapsedShare: ctx.elapsedShare };
}
