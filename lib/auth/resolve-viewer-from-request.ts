import "server-only";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import { SESSION_COOKIE, readCookie, viewerFromSessionToken } from "@/lib/auth/session-cookie";
import type { Viewer } from "@/lib/auth/viewer";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * The caller of an HTTP request — the one resolver both transports use (graphql/http-handler.ts
 * and the route handlers: uploads, downloads, PDFs): `Authorization: Bearer <api key>`, else the
 * session cookie `tl.session`.
 */
export async function resolveViewerFromRequest(
  db: Database,
  request: { headers: { get(name: string): string | null } },
): Promise<Viewer | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError("UNAUTHENTICATED", "Authorization must be 'Bearer <api key>'");
    return authenticateApiKey(db, match[1]);
  }
  return viewerFromSessionToken(db, readCookie(request.headers.get("cookie"), SESSION_COOKIE));
}
