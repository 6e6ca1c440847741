import "server-only";
import { decode, encode } from "next-auth/jwt";
import type { Database } from "@/lib/db/client";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";
import { authSecret } from "@/lib/env";
import type { Viewer } from "./viewer";
import { UUID } from "@/lib/uuid";
import { TOUCH_EVERY_SECONDS, sessionSettings } from "@/lib/sessions/session-settings";

/**
 * The session is next-auth's JWT cookie. Login (next-auth credentials) and the signUp
 * mutation both issue it through `encodeSessionToken`, so they set the very same cookie.
 * `sv` is the user's session_version: bumping it (log out everywhere, password change)
 * revokes every cookie issued before. `sid` names the server-side session row
 * (lib/sessions): logout revokes that row, so a copy of the cookie stops working at once,
 * and the row carries the idle timeout and the absolute lifetime (lib/sessions/session-settings.ts).
 */
export const SESSION_COOKIE = "tl.session";

/** The cookie's (and the token's) lifetime: the session's absolute lifetime. */
export function sessionMaxAgeSeconds(): number {
  return sessionSettings().maxSeconds;
}

export interface SessionClaims {
  sub: string;
  sv: number;
  sid: string;
  email: string;
  name: string;
}

export async function encodeSessionToken(claims: SessionClaims): Promise<string> {
  return encode({ token: { ...claims }, secret: authSecret(), maxAge: sessionMaxAgeSeconds() });
}

export function sessionCookieHeader(token: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${sessionMaxAgeSeconds()}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearSessionCookieHeader(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/**
 * Decrypted session tokens, by token: decoding derives the key (HKDF) and decrypts the JWE on
 * every call (~1 ms), and a browser sends the same token with every request. Only the pure
 * decode is remembered — expiry is re-checked on every hit and the session version is still
 * read from the database every time, so revocation stays immediate. Bounded (FIFO).
 */
const decoded = new Map<string, { claims: Partial<SessionClaims>; secret: string; expiresAt: number }>();
const DECODED_MAX = 2_000;

async function decodeSession(token: string): Promise<Partial<SessionClaims> | null> {
  const secret = authSecret();
  const hit = decoded.get(token);
  if (hit && hit.secret === secret) return hit.expiresAt > Date.now() ? hit.claims : null;
  let claims: (Partial<SessionClaims> & { exp?: number }) | null;
  try {
    claims = (await decode({ token, secret })) as (Partial<SessionClaims> & { exp?: number }) | null;
  } catch {
    return null;
  }
  if (!claims || typeof claims.exp !== "number") return null;
  decoded.set(token, { claims, secret, expiresAt: claims.exp * 1000 });
  if (decoded.size > DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  return claims;
}

/**
 * The signed-in user behind a session token, or null when it is invalid, expired or revoked:
 * the token must name a live session row of its user (not revoked, used within the idle
 * timeout, before its absolute expiry) and the user's current session version.
 */
export async function viewerFromSessionToken(
  db: Database,
  token: string | undefined,
): Promise<Extract<Viewer, { kind: "user" }> | null> {
  if (!token) return null;
  const claims = await decodeSession(token);
  if (!claims?.sub || typeof claims.sv !== "number" || typeof claims.sid !== "string") return null;
  if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) return null;
  // One simple-protocol round trip: every signed-in request runs this.
  const [rows] = await scopedReader(db, { workspaceId: null, userId: null })([
    {
      text: `SELECT u.id::text AS id, u.email, u.name, u.locale, u.session_version,
                    (s.revoked_at IS NULL AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $3)) AS live,
                    extract(epoch FROM now() - s.last_seen_at)::int AS idle
               FROM users u JOIN user_sessions s ON s.user_id = u.id
              WHERE u.id = $1::uuid AND s.id = $2::uuid`,
      params: [claims.sub, claims.sid, sessionSettings().idleSeconds],
    },
  ]);
  const user = rows[0] as
    | { id: string; email: string; name: string; locale: string; session_version: number; live: boolean; idle: number }
    | undefined;
  if (!user || user.session_version !== claims.sv || !user.live) return null;
  if (user.idle >= TOUCH_EVERY_SECONDS)
    await db.sql.query("UPDATE user_sessions SET last_seen_at = now() WHERE id = $1::uuid", [claims.sid]);
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    sessionId: claims.sid,
  };
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1));
  }
  return undefined;
}
