import { parseTenantNodeId } from "@/graphql/ids";
import { resolveViewerFromRequest } from "@/lib/auth/resolve-viewer-from-request";
import { getDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/graphql/route-errors";
import { buildReportDocument } from "@/lib/reports/build-report-document";
import { findReport } from "@/lib/reports/find-report";
import { pdfResponse } from "@/lib/reports/pdf-response";
import { renderReportPdf } from "@/lib/reports/render-report-pdf";
import { findWorkspaceAccess } from "@/lib/tenancy/workspace-access";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `GET /api/reports/<Report id>/pdf[?version=N]` for signed-in members and API keys: the report
 * (current version for report.manage, else the published one) as a PDF. Another workspace's
 * report, a missing one and one the caller cannot read are all 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ reportId: string }> }): Promise<Response> {
  try {
    const { reportId: raw } = await params;
    const parsed = parseTenantNodeId(decodeURIComponent(raw));
    if (!parsed) throw AppError.notFound("Report not found");
    const db = await getDatabase();
    const viewer = await resolveViewerFromRequest(db, request);
    if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
    const access = await findWorkspaceAccess(db, viewer, parsed.workspaceId);
    if (!access?.permissions.has("report.read")) throw AppError.notFound("Report not found");
    const manages = access.permissions.has("report.manage");
    const wanted = new URL(request.url).searchParams.get("version");
    const version = manages ? (wanted && /^\d+$/.test(wanted) ? Number(wanted) : undefined) : "published";
    const report = await findReport(db, { workspaceId: parsed.workspaceId, reportId: parsed.rowId, version });
    if (!report) throw AppError.notFound("Report not found");
    const doc = await buildReportDocument(db, { workspaceId: parsed.workspaceId, report, now: new Date() });
    return pdfResponse(await renderReportPdf(doc), doc.title, { "cache-control": "private, no-store" });
  } catch (error) {
    return errorResponse(error, "reports.pdf", request);
  }
}
