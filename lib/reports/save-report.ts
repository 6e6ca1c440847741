import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { agencyBrandingCopy } from "@/lib/branding/agency-branding";
import { type Tx, withTenant } from "@/lib/tenancy/with-tenant";
import { z } from "zod";
import { type ReportDefinitionInput, reportDefinitionSchema } from "./report-definition";
import { recordReportEvent } from "./record-report-event";
import { type ReportWithVersion, readDefinition } from "./report-record";
import { ue } from "@/lib/errors/user-errors";

const titleSchema = z.object({ title: z.string().trim().min(1, ue("TITLE_REQUIRED")).max(200, ue("TOO_LONG")) });

/**
 * Creates a report (reportId absent) or saves a new version of one: every save appends a
 * version, so earlier states are kept; a published report stays published at its published
 * version until it is published again. Another workspace's report id is NOT_FOUND.
 * `brandingAgencyId`: an agency holding a grant on the workspace → the report uses (a copy of)
 * that agency's branding; null → the workspace's own; absent → unchanged (new: the workspace's).
 */
export async function saveReport(
  db: Database,
  input: {
    workspaceId: string;
    actorId: string | null;
    reportId?: string | null;
    title: string;
    definition: ReportDefinitionInput;
    brandingAgencyId?: string | null;
    actor?: Actor | null;
  },
): Promise<ReportWithVersion> {
  const { title } = parseInput(titleSchema, { title: input.title });
  const definition = parseInput(reportDefinitionSchema, input.definition);
  const { workspaceId, actorId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    let report;
    if (input.reportId) {
      const existing = await tx.report.findFirst({ where: { workspaceId, id: input.reportId } });
      if (!existing) throw AppError.notFound("Report not found");
      const brandingId =
        input.brandingAgencyId === undefined
          ? existing.brandingId
          : await chosenBranding(tx, workspaceId, input.brandingAgencyId);
      report = await tx.report.update({
        where: { id: existing.id },
        data: { title, currentVersion: existing.currentVersion + 1, updatedAt: new Date(), brandingId },
      });
    } else {
      const brandingId = await chosenBranding(tx, workspaceId, input.brandingAgencyId ?? null);
      report = await tx.report.create({ data: { workspaceId, title, createdByUserId: actorId, brandingId } });
    }
    const version = await tx.reportVersion.create({
      data: {
        workspaceId,
        reportId: report.id,
        version: report.currentVersion,
        title,
        definition: definition as unknown as Prisma.InputJsonObject,
        createdByUserId: actorId,
      },
    });
    await recordReportEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: input.reportId ? "report.updated" : "report.created",
      targetId: report.id,
      data: { title, version: version.version },
    });
    return { report, version, definition: readDefinition(version.definition) };
  });
}

/** The branding row a report points at: the agency's copy, or the workspace's own (null when none was saved). */
async function chosenBranding(tx: Tx, workspaceId: string, agencyId: string | null): Promise<string | null> {
  if (agencyId) return agencyBrandingCopy(tx, { workspaceId, agencyId, path: ["brandingAgencyId"] });
  const own = await tx.branding.findFirst({
    where: { workspaceId, ownerKind: "WORKSPACE" },
    orderBy: { createdAt: "asc" },
  });
  return own?.id ?? null;
}
