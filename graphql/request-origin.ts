import "server-only";
/**
 * The address the person opened the app at, for invite links when APP_URL is unset: the Host
 * header (Next's request.url carries the server's own bind address, e.g. localhost:3000).
 */
export function requestOrigin(request: Request, url: URL, forwardedProto: string | null): string {
  const host = request.headers.get("host");
  if (!host || !/^[A-Za-z0-9.\-:[\]]+$/.test(host)) return url.origin;
  const proto = forwardedProto === "https" || url.protocol === "https:" ? "https" : "http";
  return `${proto}://${host}`;
}
