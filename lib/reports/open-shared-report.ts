import "server-only";
import type { Database } from "@/lib/db/client";
import { createVersionedCache } from "@/lib/data-version/data-version-cache";
import { type ReportDocument, buildReportDocument } from "./build-report-document";
import { findReport } from "./find-report";
import { openShareLink } from "./share-links";

/** Failed share lookups allowed per client IP in {@link WINDOW_MINUTES} before it is throttled. */
export const SHARE_FAILURES_ALLOWED = 30;
const WINDOW_MINUTES = 10;

/**
 * Built share documents, per workspace data version (exact for figures and — through the
 * brandings trigger of migration 20261207020000 — for branding) and per report, published
 * version and minute: the published version is immutable, the key's minute is the document's
 * "generated at", so an entry lives one minute at most (a renamed workspace or a changed time
 * zone shows within that minute). The live checks — token, expiry, revocation, publication,
 * the view count and the throttle — run on every request; only the build is shared. A link
 * viewed 20 times a second builds its document once a minute instead of 1 200 times.
 */
const sharedDocuments = createVersionedCache<ReportDocument | null>(200);

export type SharedReport =
  | { kind: "ok"; document: ReportDocument; workspaceId: string; reportId: string }
  | { kind: "not_found" }
  | { kind: "rate_limited"; retryAfterSeconds: number };

/**
 * What a share URL shows: the report its token unlocks (published version, built in the
 * report's workspace only), or not_found for a malformed, unknown, revoked or expired token —
 * each answered alike. Failed lookups are counted per client IP (in login_attempts, key
 * `share:<ip>`, shared by every app instance); past the allowance the caller is throttled
 * before any lookup, so tokens cannot be enumerated.
 */
export async function openSharedReport(
  db: Database,
  input: { token: string; ip: string | null; countView: boolean; now: Date },
): Promise<SharedReport> {
  const key = `share:${input.ip ?? "unknown"}`;
  const { rows } = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM login_attempts WHERE key = $1 AND NOT succeeded AND attempted_at > now() - make_interval(mins => ${WINDOW_MINUTES})`,
    [key],
  );
  if ((rows[0]?.n ?? 0) >= SHARE_FAILURES_ALLOWED)
    return { kind: "rate_limited", retryAfterSeconds: WINDOW_MINUTES * 60 };
  const link = await openShareLink(db, { token: input.token, countView: input.countView });
  const minute = Math.floor(input.now.getTime() / 60_000);
  const document = link
    ? await sharedDocuments.get(
        db,
        link.workspaceId,
        `${link.reportId}|${link.publishedVersion}|${minute}`,
        async () => {
          const report = await findReport(db, {
            workspaceId: link.workspaceId,
            reportId: link.reportId,
            version: link.publishedVersion,
          });
          return report ? buildReportDocument(db, { workspaceId: link.workspaceId, report, now: input.now }) : null;
        },
      )
    : null;
  if (!link || !document) {
    await db.sql.query("INSERT INTO login_attempts (key, succeeded) VALUES ($1, false)", [key]);
    return { kind: "not_found" };
  }
  return { kind: "ok", document, workspaceId: link.workspaceId, reportId: link.reportId };
}
