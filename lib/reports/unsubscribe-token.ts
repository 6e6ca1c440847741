import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * The unsubscribe link of one external recipient of one schedule: the workspace, schedule and
 * address signed with the app secret (HMAC-SHA256), so the link needs no stored token and
 * cannot be forged for another address or schedule.
 */
export interface UnsubscribeClaim {
  workspaceId: string;
  scheduleId: string;
  email: string;
}

function sign(payload: string): string {
  return createHmac("sha256", `unsubscribe:${authSecret()}`).update(payload).digest("base64url");
}

export function makeUnsubscribeToken(claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.workspaceId, claim.scheduleId, claim.email])).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function readUnsubscribeToken(token: string): UnsubscribeClaim | null {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [workspaceId, scheduleId, email] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as string[];
    return typeof workspaceId === "string" && typeof scheduleId === "string" && typeof email === "string"
      ? { workspaceId, scheduleId, email }
      : null;
  } catch {
    return null;
  }
}
