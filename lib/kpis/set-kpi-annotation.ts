import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Period } from "@/lib/periods/period";
import type { Permission } from "@/lib/permissions/registry";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { type PeriodRequest, resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { getKpiOrThrow } from "./get-kpi-or-throw";
import { scorecardOwnerOfRole } from "./kpi-record";
import { loadWorkspaceCalendar } from "./load-workspace-calendar";

export interface KpiAnnotationRecord {
  id: string;
  kpiId: string;
  periodFrom: string;
  periodTo: string;
  body: string;
  authorUserId: string;
  updatedAt: Date;
}

/**
 * Writes (or, with an empty body, removes) the note on a KPI for one period. SPEC §3:
 * "specialists edit nothing but annotations on their own scorecard" — a member annotates only
 * KPIs of the scorecard their role lands on (OWNER/ADMIN: the company's), with
 * annotation.write. One note per KPI and period; the last writer's text stands.
 */
export async function setKpiAnnotation(
  db: Database,
  input: {
    workspaceId: string;
    kpiId: string;
    period: PeriodRequest;
    body: string;
    userId: string;
    role: WorkspaceRole | null;
    permissions: ReadonlySet<Permission>;
    now?: Date;
  },
): Promise<{ period: Period; annotation: KpiAnnotationRecord | null }> {
  const { workspaceId } = input;
  const body = input.body.trim();
  if (body.length > 2000) throw AppError.badInput(["body"], "TOO_LONG", { max: 2000 });
  return withTenant(db, { workspaceId }, async (tx) => {
    const { kpi } = await getKpiOrThrow(tx, workspaceId, input.kpiId);
    const own = input.role ? scorecardOwnerOfRole(input.role) : null;
    if (!input.permissions.has("annotation.write") || own !== kpi.ownerRole) {
      throw new AppError("FORBIDDEN", "Annotations are written on one's own scorecard only");
    }
    const period = resolveScorecardPeriod(
      input.period,
      await loadWorkspaceCalendar(tx, workspaceId),
      input.now ?? new Date(),
    );
    const key = {
      workspaceId,
      kpiId: kpi.id,
      periodFrom: new Date(`${period.from}T00:00:00Z`),
      periodTo: new Date(`${period.to}T00:00:00Z`),
    };
    if (body === "") {
      await tx.kpiAnnotation.deleteMany({ where: key });
      return { period, annotation: null };
    }
    const row = await tx.kpiAnnotation.upsert({
      where: { workspaceId_kpiId_periodFrom_periodTo: key },
      create: { ...key, body, authorUserId: input.userId },
      update: { body, authorUserId: input.userId },
    });
    return {
      period,
      annotation: {
        id: row.id,
        kpiId: row.kpiId,
        periodFrom: period.from,
        periodTo: period.to,
        body: row.body,
        authorUserId: row.authorUserId,
        updatedAt: row.updatedAt,
      },
    };
  });
}
