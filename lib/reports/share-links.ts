import "server-only";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordReportEvent } from "./record-report-event";
import type { ShareLink } from "./report-record";
import { generateShareToken, hashShareToken, isWellFormedShareToken, shareUrls } from "./share-token";

/**
 * Creates a share link to a report: 256 random bits, only the hash stored; the page and PDF
 * URLs are returned here once. The expiry, when given, must be in the future. Another
 * workspace's report is NOT_FOUND.
 */
export async function createShareLink(
  db: Database,
  input: {
    workspaceId: string;
    actorId: string | null;
    reportId: string;
    expiresAt: Date | null;
    baseUrl: string;
    now?: Date;
    actor?: Actor | null;
  },
): Promise<{ shareLink: ShareLink; url: string; pdfUrl: string }> {
  const now = input.now ?? new Date();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
    throw AppError.badInput(["expiresAt"], "EXPIRY_IN_PAST");
  const { token, tokenHash } = generateShareToken();
  const shareLink = await withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const report = await tx.report.findFirst({ where: { workspaceId: input.workspaceId, id: input.reportId } });
    if (!report) throw AppError.notFound("Report not found");
    const link = await tx.shareLink.create({
      data: {
        workspaceId: input.workspaceId,
        reportId: report.id,
        tokenHash,
        expiresAt: input.expiresAt,
        createdByUserId: input.actorId,
      },
    });
    await recordReportEvent(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "shareLink.created",
      targetId: link.id,
      data: { title: report.title, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return link;
  });
  return { shareLink, ...shareUrls(input.baseUrl, token) };
}

/** Revokes a share link at once (both URLs answer 404). Revoking twice is harmless. */
export async function revokeShareLink(
  db: Database,
  input: { workspaceId: string; shareLinkId: string; actor?: Actor | null },
): Promise<ShareLink> {
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const link = await tx.shareLink.findFirst({ where: { workspaceId: input.workspaceId, id: input.shareLinkId } });
    if (!link) throw AppError.notFound("Share link not found");
    if (link.revokedAt) return link;
    const report = await tx.report.findFirst({
      where: { workspaceId: input.workspaceId, id: link.reportId },
      select: { title: true },
    });
    await recordReportEvent(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "shareLink.revoked",
      targetId: link.id,
      data: { title: report?.title ?? null },
    });
    return tx.shareLink.update({ where: { id: link.id }, data: { revokedAt: new Date() } });
  });
}

export async function findShareLink(
  db: Database,
  input: { workspaceId: string; shareLinkId: string },
): Promise<ShareLink | null> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.shareLink.findFirst({ where: { workspaceId: input.workspaceId, id: input.shareLinkId } }),
  );
}

export async function listShareLinks(
  db: Database,
  input: { workspaceId: string; reportId: string },
): Promise<ShareLink[]> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.shareLink.findMany({
      where: { workspaceId: input.workspaceId, reportId: input.reportId },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
  );
}

/** What a live token unlocks: one report of one workspace, at its published version. */
export interface OpenedShareLink {
  shareLinkId: string;
  workspaceId: string;
  reportId: string;
  publishedVersion: number;
}

/**
 * The report behind a share token, or null for a malformed, unknown, revoked or expired token
 * or a report with nothing published — all alike. Runs before any tenant is known, so it goes
 * through the SECURITY DEFINER door open_share_link, which opens only for the hash of a live
 * token and counts the view.
 */
export async function openShareLink(
  db: Database,
  input: { token: string; countView: boolean },
): Promise<OpenedShareLink | null> {
  if (!isWellFormedShareToken(input.token)) return null;
  const { rows } = await db.sql.query<{
    share_link_id: string;
    workspace_id: string;
    report_id: string;
    published_version: number;
  }>(
    "SELECT share_link_id::text, workspace_id::text, report_id::text, published_version FROM open_share_link($1, $2)",
    [hashShareToken(input.token), input.countView],
  );
  const row = rows[0];
  return row
    ? {
        shareLinkId: row.share_link_id,
        workspaceId: row.workspace_id,
        reportId: row.report_id,
        publishedVersion: Number(row.published_version),
      }
    : null;
}
