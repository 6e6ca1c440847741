import "server-only";
import type { Database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { type Limit, beginThrottledAttempt } from "./verify-login";

/**
 * Per-client-address throttles for the public doors besides login (which has its own, in
 * verify-login.ts), kept in the same login_attempts table so every instance sees them:
 *
 * - sign-up: every attempt counts, successful or not (SIGNUP_LIMIT_PER_HOUR, default 20) —
 *   the probe made 20 accounts in 0.8 s and tried 25 addresses for enumeration;
 * - invite acceptance (signed in, or signing up with an invite): failed attempts count, 20 in
 *   15 minutes — an invite token is a secret, and guessing one should be slow.
 *
 * The address is lib/http/client-address.ts's (the socket, or TRUST_PROXY hops); without one
 * (in-process calls) nothing is throttled.
 */
export type ClientAction = "signUp" | "invite";

export function clientLimit(action: ClientAction): Limit {
  if (action === "signUp")
    return { maxFailures: env().SIGNUP_LIMIT_PER_HOUR, windowSeconds: 60 * 60, resetOnSuccess: false };
  return { maxFailures: 20, windowSeconds: 15 * 60, resetOnSuccess: false };
}

const WHAT: Record<ClientAction, string> = {
  signUp: "sign-ups from this address",
  invite: "invitation attempts from this address",
};

/**
 * Records an attempt of `action` from `ip` and throws RATE_LIMITED (with retryAfter) when the
 * address is over its limit. Call `succeeded()` on success where successes do not count.
 */
export async function throttleClient(
  db: Database,
  { action, ip }: { action: ClientAction; ip: string | null },
): Promise<{ succeeded(): Promise<void> }> {
  if (!ip) return { succeeded: async () => undefined };
  return beginThrottledAttempt(db, [[`${action}-ip:${ip}`, clientLimit(action)]], WHAT[action]);
}
