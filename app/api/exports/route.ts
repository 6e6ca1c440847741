import { resolveViewerFromRequest } from "@/lib/auth/resolve-viewer-from-request";
import { getDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/graphql/route-errors";
import { exportWorkspaceTable } from "@/lib/reports/export-workspace-table";
import { findWorkspaceAccess } from "@/lib/tenancy/workspace-access";
import { workspaceIdOf } from "@/lib/workspaces/workspace-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `GET /api/exports?workspaceId=…&kind=scorecard|tree|metrics&role=…&format=csv|pdf&periodType=…&anchor=…&locale=en|ru`:
 * a scorecard, the KPI tree or the metric table for a period, as CSV (UTF-8 with BOM; ru: `;`
 * and decimal comma) or PDF. Session or API key; a workspace the caller cannot see is 404.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const q = (name: string) => url.searchParams.get(name);
    const db = await getDatabase();
    const viewer = await resolveViewerFromRequest(db, request);
    if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
    const workspaceId = workspaceIdOf(q("workspaceId") ?? "");
    const access = workspaceId ? await findWorkspaceAccess(db, viewer, workspaceId) : null;
    if (!workspaceId || !access) throw AppError.notFound("Workspace not found");
    const out = await exportWorkspaceTable(db, {
      workspaceId,
      access,
      now: new Date(),
      request: {
        kind: q("kind") as "scorecard",
        role: q("role") as "OWNER" | null,
        format: q("format") as "csv",
        periodType: (q("periodType") ?? undefined) as "month" | undefined,
        anchor: q("anchor"),
        locale: (q("locale") ?? undefined) as "en" | undefined,
      },
    });
    const body = typeof out.body === "string" ? out.body : new Uint8Array(out.body);
    return new Response(body, {
      headers: {
        "content-type": out.contentType,
        "content-disposition": `attachment; filename="${out.filename}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "exports", request);
  }
}
