import { resolveViewerFromRequest } from "@/lib/auth/resolve-viewer-from-request";
import { MAX_LOGO_BYTES } from "@/lib/branding/check-logo";
import { saveWorkspaceLogo } from "@/lib/branding/save-branding";
import { getDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { readBodyLimited } from "@/lib/http/read-body-limited";
import { errorResponse } from "@/graphql/route-errors";
import { assertPermission, findWorkspaceAccess } from "@/lib/tenancy/workspace-access";
import { workspaceIdOf } from "@/lib/workspaces/workspace-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Non-"simple" types only, so a cross-site form cannot post without a CORS preflight. */
const ACCEPTED = /^(image\/(png|jpeg|webp)|application\/octet-stream)\b/i;

/**
 * `POST /api/reports/branding/logo?workspaceId=…` with the image as the raw body: the
 * workspace's report logo (report.manage). The size limit is enforced while the body streams;
 * the type is decided by the bytes (PNG, JPEG, WebP; SVG refused). Answers 200 `{ ok: true }`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    if (!ACCEPTED.test(request.headers.get("content-type") ?? ""))
      throw AppError.badInput(["logo"], "LOGO_CONTENT_TYPE");
    const db = await getDatabase();
    const viewer = await resolveViewerFromRequest(db, request);
    if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
    const workspaceId = workspaceIdOf(new URL(request.url).searchParams.get("workspaceId") ?? "");
    if (!workspaceId) throw AppError.notFound("Workspace not found");
    assertPermission(await findWorkspaceAccess(db, viewer, workspaceId), "report.manage");
    const logo = await readBodyLimited(request, MAX_LOGO_BYTES, "logo");
    await saveWorkspaceLogo(db, { workspaceId, logo });
    return Response.json({ ok: true });
  } catch (error) {
    return errorResponse(error, "reports.logo", request);
  }
}
