import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { createNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * Next.js Proxy (Next 16's middleware) for pages: a per-request CSP nonce and the security
 * headers (lib/http/security-headers.ts), and a 400 for a path whose %-escapes do not decode
 * (`/w/%E0%A4%A` answered 500). The CSP goes on the *request* too: Next reads the nonce from
 * it and puts it on its own scripts.
 *
 * API routes are not matched: a proxy makes Next buffer request bodies (proxyClientMaxBodySize),
 * which would defeat the streaming limits of lib/http/read-body.ts; their headers come from
 * next.config.ts and the handlers. Static assets are not matched either.
 */
export function proxy(request: NextRequest): NextResponse {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: the address contains a malformed %-escape.", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8", ...securityHeaders({ https: isHttps() }) },
    });
  }
  const nonce = createNonce();
  const headers = securityHeaders({ https: isHttps(), nonce, development: env().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  // Share links (/r/<token>): the token in the URL never leaves as a Referer (issue 14).
  if (request.nextUrl.pathname.startsWith("/r/")) response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

function isHttps(): boolean {
  return env().APP_URL?.startsWith("https://") ?? false;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|schema.graphql).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
