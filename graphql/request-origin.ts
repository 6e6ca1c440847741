import "server-only";
/**
 * The address the person opened the app at, for invite links when APP_URL is unset: the Host
 * header (Next's request.url carries the server's own bind address, e.g. localhost:3000).
 */
export function requestOrigin(
  host: string | null,
  urlOrigin: () => string,
  urlProtocol: string,
  forwardedProto: string | null,
): string {
  if (!host || !/^[A-Za-z0-9.\-:[\]]+$/.test(host)) return urlOrigin();
  const proto = forwardedProto === "https" || urlProtocol === "https:" ? "https" : "http";
  return `${proto}://${host}`;
}
