import "server-only";
import { createHash, randomBytes } from "node:crypto";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes (256 bits), base64url; only the SHA-256 is stored. */
export function generateShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isWellFormedShareToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** The public page and PDF of a share link (the token is the whole secret). */
export function shareUrls(baseUrl: string, token: string): { url: string; pdfUrl: string } {
  const base = baseUrl.replace(/\/+$/, "");
  return { url: `${base}/r/${token}`, pdfUrl: `${base}/r/${token}/pdf` };
}
