import { env, isTruthy } from "@/lib/env";

/**
 * The client address from X-Forwarded-For: Next's server appends the socket address, so the
 * last hop is the one we saw; the first is trusted only behind a proxy we control
 * (TRUST_PROXY). Same rule as graphql/http-handler.ts.
 */
export function clientIpFromForwardedFor(forwardedFor: string | null | undefined): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  return (isTruthy(env().TRUST_PROXY) ? hops[0] : hops[hops.length - 1]) ?? null;
}
