import type { Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { z } from "zod";
import { type ReportDefinitionInput, reportDefinitionSchema } from "./report-definition";
import { type ReportWithVersion, readDefinition } from "./report-record";
import { ue } from "@/lib/errors/user-errors";

const titleSchema = z.object({ title: z.string().trim().min(1, ue("TITLE_REQUIRED")).max(200, ue("TOO_LONG")) });

/**
 * Creates a report (reportId absent) or saves a new version of one: every save appends a
 * version, so earlier states are kept; a published report stays published at its published
 * version until it is published again. Another workspace's report id is NOT_FOUND.
 */
export async function saveReport(
  db: Database,
  input: { workspaceId: string; actorId: string | null; reportId?: string | null; title: string; definition: ReportDefinitionInput },
): Promise<ReportWithVersion> {
  const { title } = parseInput(titleSchema, { title: input.title });
  const definition = parseInput(reportDefinitionSchema, input.definition);
  const { workspaceId, actorId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    let report;
    if (input.reportId) {
      const existing = await tx.report.findFirst({ where: { workspaceId, id: input.reportId } });
      if (!existing) throw AppError.notFound("Report not found");
      report = await tx.report.update({
        where: { id: existing.id },
        data: { title, currentVersion: existing.currentVersion + 1, updatedAt: new Date() },
      });
    } else {
      const branding = await tx.branding.findFirst({ where: { workspaceId, ownerKind: "WORKSPACE" }, orderBy: { createdAt: "asc" } });
      report = await tx.report.create({ data: { workspaceId, title, createdByUserId: actorId, brandingId: branding?.id ?? null } });
    }
    const version = await tx.reportVersion.create({
      data: { workspaceId, reportId: report.id, version: report.currentVersion, title, definition: definition as unknown as Prisma.InputJsonObject, createdByUserId: actorId },
    });
    return { report, version, definition: readDefinition(version.definition) };
  });
}
