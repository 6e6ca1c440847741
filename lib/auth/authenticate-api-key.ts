import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { ApiKeyScope } from "@/lib/permissions/registry";
import { parseAgencyApiKey } from "@/lib/agencies/agency-api-keys";
import { hashApiKey, parseApiKey } from "./api-key-format";
import type { RateLimitState, Viewer } from "./viewer";

interface AuthRow {
  api_key_id: string | null;
  workspace_id: string | null;
  scopes: string[] | null;
  status: "OK" | "INVALID" | "REVOKED" | "EXPIRED" | "RATE_LIMITED";
  rate_limit_per_minute: number | null;
  retry_after_seconds: number;
  remaining: number;
  reset_seconds: number;
}

/** RATE_LIMITED with the state the RateLimit-* headers of the 429 report. */
export class RateLimitedError extends AppError {
  readonly rateLimit: RateLimitState;
  constructor(rateLimit: RateLimitState) {
    super(
      "RATE_LIMITED",
      `Rate limit of ${rateLimit.limit} requests per minute exceeded; retry in ${rateLimit.resetSeconds} s`,
      {
        retryAfter: rateLimit.resetSeconds,
      },
    );
    this.rateLimit = rateLimit;
  }
}

/**
 * Authenticates a bearer API key (its current secret, or the previous one during a rotation's
 * grace period) and counts it against the key's rate limit — a refused call is not counted — in one call of
 * the SECURITY DEFINER function authenticate_api_key (the tenant is unknown until the key is
 * found, so this is one of the few doors past RLS, and it opens only for the right secret).
 */
export async function authenticateApiKey(
  db: Database,
  secret: string,
): Promise<Extract<Viewer, { kind: "apiKey" | "agencyKey" }>> {
  if (secret.startsWith("tla_")) return authenticateAgencyApiKey(db, secret);
  const parsed = parseApiKey(secret);
  if (!parsed) throw new AppError("UNAUTHENTICATED", "Invalid API key");
  // One round trip. The counter write needs no fsync of its own: a crash may forget a few
  // rate-limit counts, never a fact, so this transaction alone commits asynchronously.
  // Both values are spliced in only after validation: the prefix matched [a-z2-9]{12} in
  // parseApiKey and the hash is SHA-256 hex.
  const hash = hashApiKey(secret);
  if (!/^[a-z2-9]{12}$/.test(parsed.prefix) || !/^[0-9a-f]{64}$/.test(hash))
    throw new AppError("UNAUTHENTICATED", "Invalid API key");
  const results = await db.sql.execMany<AuthRow>(
    `BEGIN; SET LOCAL synchronous_commit TO off;
     SELECT api_key_id, workspace_id, scopes, status, rate_limit_per_minute, retry_after_seconds, remaining, reset_seconds FROM authenticate_api_key('${parsed.prefix}', '${hash}');
     COMMIT;`,
  );
  const row = results.find((rows) => rows.length > 0 && "status" in rows[0])?.[0];
  switch (row?.status) {
    case "OK":
      return {
        kind: "apiKey",
        apiKeyId: row.api_key_id!,
        workspaceId: row.workspace_id!,
        scopes: row.scopes as ApiKeyScope[],
        rateLimit: {
          limit: Number(row.rate_limit_per_minute),
          remaining: Number(row.remaining),
          resetSeconds: Number(row.reset_seconds),
        },
      };
    case "REVOKED":
      throw new AppError("UNAUTHENTICATED", "API key has been revoked");
    case "EXPIRED":
      throw new AppError("UNAUTHENTICATED", "API key has expired");
    case "RATE_LIMITED":
      // The refused call was not counted (authenticate_api_key): retrying after Retry-After succeeds.
      throw new RateLimitedError({
        limit: Number(row.rate_limit_per_minute),
        remaining: 0,
        resetSeconds: Number(row.retry_after_seconds),
      });
    default:
      throw new AppError("UNAUTHENTICATED", "Invalid API key");
  }
}

/** The same door for an agency's key (authenticate_agency_api_key; `tla_` keys). */
async function authenticateAgencyApiKey(db: Database, secret: string): Promise<Extract<Viewer, { kind: "agencyKey" }>> {
  const parsed = parseAgencyApiKey(secret);
  const hash = hashApiKey(secret);
  if (!parsed || !/^[a-z2-9]{12}$/.test(parsed.prefix) || !/^[0-9a-f]{64}$/.test(hash))
    throw new AppError("UNAUTHENTICATED", "Invalid API key");
  const results = await db.sql.execMany<Omit<AuthRow, "workspace_id"> & { agency_id: string | null }>(
    `BEGIN; SET LOCAL synchronous_commit TO off;
     SELECT api_key_id, agency_id, scopes, status, retry_after_seconds FROM authenticate_agency_api_key('${parsed.prefix}', '${hash}');
     COMMIT;`,
  );
  const row = results.find((rows) => rows.length > 0 && "status" in rows[0])?.[0];
  switch (row?.status) {
    case "OK":
      return {
        kind: "agencyKey",
        apiKeyId: row.api_key_id!,
        agencyId: row.agency_id!,
        scopes: row.scopes as ApiKeyScope[],
      };
    case "REVOKED":
      throw new AppError("UNAUTHENTICATED", "API key has been revoked");
    case "EXPIRED":
      throw new AppError("UNAUTHENTICATED", "API key has expired");
    case "RATE_LIMITED":
      throw new AppError("RATE_LIMITED", `Rate limit exceeded; retry in ${row.retry_after_seconds} s`, {
        retryAfter: row.retry_after_seconds,
      });
    default:
      throw new AppError("UNAUTHENTICATED", "Invalid API key");
  }
}
