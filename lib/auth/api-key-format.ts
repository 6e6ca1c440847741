import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * API keys look like `tl_<prefix>_<secret>`: the 12-character prefix is public (shown in the
 * UI, stored in clear, used to find the key), the secret is 32 random bytes. Only the SHA-256
 * of the whole key is stored: a fast hash is right for 256-bit random secrets (nothing to
 * brute-force), and it keeps authentication to one indexed lookup.
 */
const PREFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

export interface GeneratedApiKey {
  prefix: string;
  secret: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const bytes = randomBytes(12);
  let id = "";
  for (const b of bytes) id += PREFIX_ALPHABET[b % PREFIX_ALPHABET.length];
  const secret = `tl_${id}_${randomBytes(32).toString("base64url")}`;
  return { prefix: id, secret, secretHash: hashApiKey(secret) };
}

/** A fresh secret under an existing prefix (key rotation keeps the key's public prefix). */
export function generateApiKeySecret(prefix: string): { secret: string; secretHash: string } {
  const secret = `tl_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { secret, secretHash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The prefix of a well-formed key, or null: malformed keys never reach the database. */
export function parseApiKey(secret: string): { prefix: string } | null {
  const match = /^tl_([a-z2-9]{12})_[A-Za-z0-9_-]{43}$/.exec(secret);
  return match ? { prefix: match[1] } : null;
}
