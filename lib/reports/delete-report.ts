import "server-only";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordReportEvent } from "./record-report-event";

/**
 * Deletes a report in one tenant transaction: its live share links are revoked first (each
 * audited, so the log says which links stopped working), then the report row goes and with it —
 * by the foreign keys' ON DELETE CASCADE — its versions, share links, schedules, their delivery
 * log and unsubscribes: nothing of it can be opened or sent again. A report of another
 * workspace, or one already deleted, is NOT_FOUND exactly like a missing one.
 */
export async function deleteReport(
  db: Database,
  input: { workspaceId: string; reportId: string; actor?: Actor | null },
): Promise<{ id: string; title: string; revokedShareLinks: number; cancelledSchedules: number }> {
  const { workspaceId, reportId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    const report = await tx.report.findFirst({ where: { workspaceId, id: reportId } });
    if (!report) throw AppError.notFound("Report not found");
    const now = new Date();
    const live = await tx.shareLink.findMany({
      where: { workspaceId, reportId, revokedAt: null },
      select: { id: true },
    });
    await tx.shareLink.updateMany({ where: { workspaceId, reportId, revokedAt: null }, data: { revokedAt: now } });
    for (const link of live)
      await recordReportEvent(tx, {
        workspaceId,
        actor: input.actor,
        action: "shareLink.revoked",
        targetId: link.id,
        data: { title: report.title },
      });
    const schedules = await tx.reportSchedule.count({ where: { workspaceId, reportId } });
    await recordReportEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: "report.deleted",
      targetId: report.id,
      data: { title: report.title, shareLinks: live.length, schedules },
    });
    await tx.report.delete({ where: { id: report.id } });
    return { id: report.id, title: report.title, revokedShareLinks: live.length, cancelledSchedules: schedules };
  });
}
