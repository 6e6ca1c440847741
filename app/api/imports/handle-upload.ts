import { encodeGlobalID } from "@pothos/plugin-relay";
import { actorOf } from "@/lib/audit/actor";
import { resolveViewerFromRequest } from "@/lib/auth/resolve-viewer-from-request";
import type { Database } from "@/lib/db/client";
import { formatError, localizeFormattedError } from "@/graphql/errors";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { requestLocale } from "@/lib/i18n/request-locale";
import { assertPermission, findWorkspaceAccess } from "@/lib/tenancy/workspace-access";
import { createImport } from "@/lib/imports/create-import";
import { MAX_IMPORT_BYTES, fileTooLarge } from "@/lib/imports/save-upload";
import { BodyTooLargeError, declaredLength, limitBody } from "@/lib/http/read-body";
import { workspaceIdOf } from "@/lib/workspaces/workspace-id";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  BAD_USER_INPUT: 400,
};
/** Non-"simple" content types only: a cross-site form cannot send them without a CORS preflight. */
const ACCEPTED_TYPES = /^(text\/csv|application\/octet-stream|application\/vnd\.ms-excel)\b/i;

/**
 * `POST /api/imports?workspaceId=…&fileName=…` with the file as the raw body (Content-Type
 * text/csv). Authenticates like the GraphQL endpoint (session cookie `tl.session`, or
 * `Authorization: Bearer <api key>`), requires import.manage, and streams the body to the
 * import store: a Content-Length over the limit is refused before the body is read.
 * Answers 201 `{ import: { id, status, errorCount } }`; the page then reads `Workspace.import(id)`.
 */
export async function handleImportUpload(
  request: Request,
  openDb: () => Promise<Database>,
  options: { maxBytes?: number } = {},
): Promise<Response> {
  try {
    if (request.method !== "POST")
      return json(405, { errors: [{ message: "Use POST", extensions: { code: "BAD_REQUEST" } }] });
    const url = new URL(request.url);
    const contentType = request.headers.get("content-type") ?? "";
    if (!ACCEPTED_TYPES.test(contentType)) throw AppError.badInput(["file"], "UPLOAD_CONTENT_TYPE");
    const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
    const declaredSize = declaredLength(request);
    const db = await openDb();
    const viewer = await resolveViewerFromRequest(db, request);
    if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
    const raw = url.searchParams.get("workspaceId") ?? "";
    const workspaceId = workspaceIdOf(raw);
    if (!workspaceId) throw AppError.notFound("Workspace not found");
    assertPermission(await findWorkspaceAccess(db, viewer, workspaceId), "import.manage");
    if (declaredSize !== null && declaredSize > maxBytes) {
      throw fileTooLarge(maxBytes);
    }
    if (!request.body) throw AppError.badInput(["file"], "EMPTY_FILE");
    const record = await createImport(db, {
      workspaceId,
      actor: actorOf(viewer),
      fileName: url.searchParams.get("fileName") ?? "upload.csv",
      body: limitBody(request, maxBytes),
      declaredSize,
      maxBytes,
    });
    return json(201, {
      import: {
        id: encodeGlobalID("Import", `${record.workspaceId}.${record.id}`),
        status: record.status,
        errorCount: record.errorCount,
        dataRows: record.dataRows,
      },
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, tooLargeBody(error.maxBytes), { connection: "close" });
    if (isAppError(error)) {
      const tooLarge = error.fieldErrors.some((e) => e.reason?.code === "FILE_TOO_LARGE");
      return json(
        tooLarge ? 413 : (STATUS[error.code] ?? 400),
        {
          errors: [
            localizeFormattedError(formatError({ message: error.message }, error), requestLocale(request.headers)),
          ],
        },
        // The client may still be sending: the rest of a refused body is not read.
        tooLarge ? { connection: "close" } : {},
      );
    }
    console.error("[imports] upload failed", error);
    return json(500, { errors: [{ message: "Unexpected error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

function tooLargeBody(maxBytes: number) {
  const error = fileTooLarge(maxBytes);
  return { errors: [{ message: error.message, extensions: { code: error.code, fieldErrors: error.fieldErrors } }] };
}
