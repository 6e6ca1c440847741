import "server-only";
import type { Database } from "@/lib/db/client";
import { type ReportDocument, buildReportDocument } from "./build-report-document";
import { findReport } from "./find-report";
import { openShareLink } from "./share-links";

/** Failed share lookups allowed per client IP in {@link WINDOW_MINUTES} before it is throttled. */
export const SHARE_FAILURES_ALLOWED = 30;
const WINDOW_MINUTES = 10;

export type SharedReport = { kind: "ok"; document: ReportDocument; workspaceId: string; reportId: string } | { kind: "not_found" } | { kind: "rate_limited"; retryAfterSeconds: number };

/**
 * What a share URL shows: the report its token unlocks (published version, built in the
 * report's workspace only), or not_found for a malformed, unknown, revoked or expired token —
 * each answered alike. Failed lookups are counted per client IP (in login_attempts, key
 * `share:<ip>`, shared by every app instance); past the allowance the caller is throttled
 * before any lookup, so tokens cannot be enumerated.
 */
export async function openSharedReport(db: Database, input: { token: string; ip: string | null; countView: boolean; now: Date }): Promise<SharedReport> {
  const key = `share:${input.ip ?? "unknown"}`;
  const { rows } = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM login_attempts WHERE key = $1 AND NOT succeeded AND attempted_at > now() - make_interval(mins => ${WINDOW_MINUTES})`,
    [key],
  );
  if ((rows[0]?.n ?? 0) >= SHARE_FAILURES_ALLOWED) return { kind: "rate_limited", retryAfterSeconds: WINDOW_MINUTES * 60 };
  const link = await openShareLink(db, { token: input.token, countView: input.countView });
  const report = link ? await findReport(db, { workspaceId: link.workspaceId, reportId: link.reportId, version: link.publishedVersion }) : null;
  if (!link || !report) {
    await db.sql.query("INSERT INTO login_attempts (key, succeeded) VALUES ($1, false)", [key]);
    return { kind: "not_found" };
  }
  const document = await buildReportDocument(db, { workspaceId: link.workspaceId, report, now: input.now });
  return { kind: "ok", document, workspaceId: link.workspaceId, reportId: link.reportId };
}
