/**
 * The security headers of every response (issue 16). Pure: no env read here — callers pass
 * whether the public URL is https. Used by proxy.ts (pages: CSP with a per-request nonce),
 * next.config.ts (the static baseline for every path, API and assets included) and the API
 * handlers (HSTS, which depends on APP_URL at run time).
 *
 * - script-src: `'nonce-…' 'strict-dynamic'` — Next.js puts the nonce it finds in the request's
 *   CSP header on its own scripts (bootstrap, chunks, the inline RSC payload pushes), and the
 *   chunks those load are trusted through 'strict-dynamic'; no other script runs. Development
 *   adds 'unsafe-eval' (React's dev tooling needs it).
 * - style-src: `'self' 'unsafe-inline'` — React `style={…}` attributes (bars, swatches) cannot
 *   carry a nonce; styles cannot run code, and everything else stays locked.
 * - frame-ancestors 'none' (and X-Frame-Options: DENY for old browsers): no page, the API-key
 *   page included, can be framed. A share page that must be embeddable would pass its own.
 * - Everything else from 'self' only; objects never; forms post only here.
 */
export interface SecurityHeaderOptions {
  /** APP_URL is https: send HSTS and upgrade insecure requests. */
  https: boolean;
  /** Per-request nonce for page responses (none for API responses). */
  nonce?: string;
  development?: boolean;
}

export function contentSecurityPolicy({ https, nonce, development }: SecurityHeaderOptions): string {
  if (!nonce)
    return ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join("; ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers every response carries whatever it is (next.config.ts sends these for every path). */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** HSTS: two years, subdomains included — only when the app is served over https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** All security headers for one response. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    ...BASELINE_HEADERS,
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** Adds the API response headers (CSP that allows nothing, HSTS when https) to a Response. */
export function withApiSecurityHeaders(response: Response, https: boolean): Response {
  for (const [name, value] of Object.entries(securityHeaders({ https }))) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}

/** A fresh nonce: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
