import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { WorkspaceCalendar } from "@/lib/scorecard-service/resolve-scorecard-period";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** The workspace's time zone and fiscal-year start, or NOT_FOUND. */
export async function loadWorkspaceCalendar(tx: Tx, workspaceId: string): Promise<WorkspaceCalendar> {
  const ws = await tx.workspace.findFirst({
    where: { id: workspaceId },
    select: { timeZone: true, fiscalYearStartMonth: true },
  });
  if (!ws) throw AppError.notFound("Workspace not found");
  return ws;
}
