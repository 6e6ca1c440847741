import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type Report, type ReportWithVersion, readDefinition } from "./report-record";

/**
 * A report of the workspace with one of its versions: `published` → the published version
 * (null when nothing is published), a number → that version, default → the current one.
 * Null when the report is not in this workspace.
 */
export async function findReport(
  db: Database,
  input: { workspaceId: string; reportId: string; version?: number | "published" },
): Promise<ReportWithVersion | null> {
  const { workspaceId, reportId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    const report = await tx.report.findFirst({ where: { workspaceId, id: reportId } });
    if (!report) return null;
    const wanted = input.version === "published" ? report.publishedVersion : (input.version ?? report.currentVersion);
    if (wanted === null) return null;
    const version = await tx.reportVersion.findFirst({ where: { workspaceId, reportId, version: wanted } });
    if (!version) return null;
    return { report, version, definition: readDefinition(version.definition) };
  });
}

/** Reports of a workspace, newest first; `publishedOnly` for CLIENT_VIEWER members. */
export async function listReports(
  db: Database,
  input: { workspaceId: string; publishedOnly: boolean },
): Promise<Report[]> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.report.findMany({
      where: { workspaceId: input.workspaceId, ...(input.publishedOnly ? { status: "PUBLISHED" } : {}) },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
  );
}

/** The saved versions of a report, newest first. */
export async function listReportVersions(db: Database, input: { workspaceId: string; reportId: string }) {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.reportVersion.findMany({
      where: { workspaceId: input.workspaceId, reportId: input.reportId },
      orderBy: { version: "desc" },
      take: 100,
    }),
  );
}

export type { Report };
