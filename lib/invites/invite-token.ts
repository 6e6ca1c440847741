import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Invites last a week (SPEC §2.2: single-use, expiring links). */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url; only the SHA-256 is stored (a leaked table reveals no links). */
export function generateInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isWellFormedInviteToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
