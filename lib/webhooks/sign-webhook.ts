import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Throughline-Signature";
export const TIMESTAMP_HEADER = "Throughline-Timestamp";

/**
 * The signature of one delivery: `v1=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`), the
 * timestamp (Unix seconds) sent in its own header. A receiver recomputes it over the raw body
 * and refuses a timestamp older than a few minutes, so a captured request cannot be replayed.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (used by the tests' receiver and documented for integrators). */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts) || Math.abs(input.nowSeconds - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
