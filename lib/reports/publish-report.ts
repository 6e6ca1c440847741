import "server-only";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordReportEvent } from "./record-report-event";
import type { Report } from "./report-record";

/**
 * Publishes the report's current version (draft → published): share links, PDFs, schedules
 * and CLIENT_VIEWER members see that version from now on. `unpublish` takes it back to draft
 * (share links then answer 404 until it is published again).
 */
export async function publishReport(
  db: Database,
  input: { workspaceId: string; reportId: string; unpublish?: boolean; actor?: Actor | null },
): Promise<Report> {
  const { workspaceId, reportId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    const existing = await tx.report.findFirst({ where: { workspaceId, id: reportId } });
    if (!existing) throw AppError.notFound("Report not found");
    const now = new Date();
    await recordReportEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: input.unpublish ? "report.unpublished" : "report.published",
      targetId: existing.id,
      data: { title: existing.title, version: existing.currentVersion },
    });
    return tx.report.update({
      where: { id: existing.id },
      data: input.unpublish
        ? { status: "DRAFT", publishedVersion: null, publishedAt: null, updatedAt: now }
        : { status: "PUBLISHED", publishedVersion: existing.currentVersion, publishedAt: now, updatedAt: now },
    });
  });
}
