import "server-only";
import type { Database } from "@/lib/db/client";
import { type Mail, deliverMail } from "@/lib/mail/send-mail";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { findWorkspace } from "@/lib/workspaces/find-workspace";
import { buildReportDocument } from "./build-report-document";
import { findReport } from "./find-report";
import { reportMessages } from "./report-messages";
import { renderReportPdf } from "./render-report-pdf";
import { nextSlot, slotOf } from "./schedule-slots";
import { createShareLink } from "./share-links";
import { makeUnsubscribeToken } from "./unsubscribe-token";

export const MAX_DELIVERY_ATTEMPTS = 3;
/** Retry after 5, then 20 minutes. */
const RETRY_DELAYS_MS = [5 * 60_000, 20 * 60_000];
/** A share link sent by e-mail stays valid this long. */
const MAILED_LINK_TTL_MS = 30 * 24 * 3600_000;

export interface DeliveryRunOptions {
  db: Database;
  now: Date;
  /** Public base URL for the share and unsubscribe links. */
  baseUrl: string;
  /** Names the claiming instance in the delivery log. */
  instanceId: string;
  /** Overrides SMTP_URL. */
  smtpUrl?: string;
  /** How many due schedules one tick takes. */
  limit?: number;
}

export interface DeliveryRunResult {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * One tick of scheduled report delivery (SPEC §8): every due schedule's slot is claimed by
 * inserting (schedule, slot) into report_deliveries — the unique key means that of two
 * instances ticking together exactly one inserts, and only the inserter sends — and the
 * schedule moves to its next slot in the same transaction. The claimer renders the published
 * report as a PDF, makes a share link, and e-mails every member and external recipient
 * (external ones with an unsubscribe link); the log row ends SENT, or FAILED with the error and
 * a retry time, GAVE_UP after {@link MAX_DELIVERY_ATTEMPTS}. Failed rows due for retry are
 * re-claimed the same way (an UPDATE guarded by their attempt count).
 */
export async function runReportDeliveries(options: DeliveryRunOptions): Promise<DeliveryRunResult> {
  const { db, now } = options;
  const limit = options.limit ?? 100;
  const result: DeliveryRunResult = { claimed: 0, sent: 0, failed: 0 };
  const pdfCache = new Map<string, Promise<{ pdf: Buffer; title: string; periodLabel: string; brand: string }>>();

  const due = await db.sql.query<{ workspace_id: string; schedule_id: string }>(
    "SELECT workspace_id::text, schedule_id::text FROM due_report_schedules($1::timestamptz, $2)",
    [now.toISOString(), limit],
  );
  for (const row of due.rows) {
    const claim = await claimSlot(db, row.workspace_id, row.schedule_id, now, options.instanceId);
    if (!claim) continue;
    result.claimed++;
    if (await deliver(options, row.workspace_id, claim.deliveryId, claim.attempt, pdfCache)) result.sent++;
    else result.failed++;
  }
  const retries = await db.sql.query<{ workspace_id: string; delivery_id: string }>(
    "SELECT workspace_id::text, delivery_id::text FROM due_report_retries($1::timestamptz, $2)",
    [now.toISOString(), limit],
  );
  for (const row of retries.rows) {
    const attempt = await reclaimRetry(db, row.workspace_id, row.delivery_id, now, options.instanceId);
    if (attempt === null) continue;
    result.claimed++;
    if (await deliver(options, row.workspace_id, row.delivery_id, attempt, pdfCache)) result.sent++;
    else result.failed++;
  }
  return result;
}

async function claimSlot(
  db: Database,
  workspaceId: string,
  scheduleId: string,
  now: Date,
  instanceId: string,
): Promise<{ deliveryId: string; attempt: number } | null> {
  const workspace = await findWorkspace(db, { workspaceId });
  if (!workspace) return null;
  return withTenant(db, { workspaceId }, async (tx) => {
    const s = await tx.reportSchedule.findFirst({ where: { workspaceId, id: scheduleId, active: true } });
    if (!s || s.nextRunAt.getTime() > now.getTime()) return null;
    const rule = {
      cadence: s.cadence as "WEEKLY",
      weekday: s.weekday,
      dayOfMonth: s.dayOfMonth,
      closePeriod: s.closePeriod as "month" | null,
      hour: s.hour,
      timeZone: workspace.timeZone,
      fiscalYearStartMonth: workspace.fiscalYearStartMonth,
    };
    const slot = slotOf(rule, s.nextRunAt);
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO report_deliveries (workspace_id, schedule_id, slot, status, attempts, claimed_by)
      VALUES (${workspaceId}::uuid, ${scheduleId}::uuid, ${slot}, 'SENDING', 1, ${instanceId})
      ON CONFLICT (workspace_id, schedule_id, slot) DO NOTHING RETURNING id::text`;
    // Missed slots (the app was down) are caught up once: the next slot is after now.
    const next = nextSlot(rule, new Date(Math.max(now.getTime(), s.nextRunAt.getTime())));
    await tx.reportSchedule.updateMany({
      where: { workspaceId, id: scheduleId, nextRunAt: s.nextRunAt },
      data: { nextRunAt: next.at },
    });
    return inserted[0] ? { deliveryId: inserted[0].id, attempt: 1 } : null;
  });
}

async function reclaimRetry(
  db: Database,
  workspaceId: string,
  deliveryId: string,
  now: Date,
  instanceId: string,
): Promise<number | null> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const d = await tx.reportDelivery.findFirst({ where: { workspaceId, id: deliveryId, status: "FAILED" } });
    if (!d || !d.nextAttemptAt || d.nextAttemptAt.getTime() > now.getTime()) return null;
    const { count } = await tx.reportDelivery.updateMany({
      where: { workspaceId, id: deliveryId, status: "FAILED", attempts: d.attempts },
      data: { status: "SENDING", attempts: d.attempts + 1, claimedBy: instanceId, claimedAt: now, nextAttemptAt: null },
    });
    return count === 1 ? d.attempts + 1 : null;
  });
}

async function deliver(
  options: DeliveryRunOptions,
  workspaceId: string,
  deliveryId: string,
  attempt: number,
  pdfCache: Map<string, Promise<{ pdf: Buffer; title: string; periodLabel: string; brand: string }>>,
): Promise<boolean> {
  const { db, now } = options;
  let recipients = 0;
  try {
    const { schedule, members, unsubscribed } = await withTenant(db, { workspaceId }, async (tx) => {
      const delivery = await tx.reportDelivery.findFirstOrThrow({ where: { workspaceId, id: deliveryId } });
      const schedule = await tx.reportSchedule.findFirstOrThrow({ where: { workspaceId, id: delivery.scheduleId } });
      const memberships = await tx.membership.findMany({
        where: { workspaceId, userId: { in: schedule.memberUserIds } },
        include: { user: true },
      });
      const unsub = await tx.reportUnsubscribe.findMany({ where: { workspaceId, scheduleId: schedule.id } });
      return {
        schedule,
        members: memberships.map((m) => m.user.email),
        unsubscribed: new Set(unsub.map((u) => u.email)),
      };
    });
    const report = await findReport(db, { workspaceId, reportId: schedule.reportId, version: "published" });
    if (!report) throw new PermanentFailure("The report is not published");
    const key = `${workspaceId}/${report.report.id}/${report.version.version}`;
    let rendered = pdfCache.get(key);
    if (!rendered) {
      rendered = buildReportDocument(db, { workspaceId, report, now }).then(async (doc) => ({
        pdf: await renderReportPdf(doc),
        title: doc.title,
        periodLabel: doc.periodLabel,
        brand: doc.brand.name,
      }));
      pdfCache.set(key, rendered);
    }
    const { pdf, title, periodLabel, brand } = await rendered;
    const link = await createShareLink(db, {
      workspaceId,
      actorId: null,
      reportId: report.report.id,
      expiresAt: new Date(now.getTime() + MAILED_LINK_TTL_MS),
      baseUrl: options.baseUrl,
      now,
    });
    const t = reportMessages(report.definition.locale);
    const base = options.baseUrl.replace(/\/+$/, "");
    const externals = schedule.externalEmails.filter((e) => !unsubscribed.has(e));
    const to = [
      ...members.map((email) => ({ email, external: false })),
      ...externals.filter((e) => !members.includes(e)).map((email) => ({ email, external: true })),
    ];
    const filename = `${title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "report"}.pdf`;
    for (const r of to) {
      const unsubscribeUrl = r.external
        ? `${base}/r/unsubscribe/${makeUnsubscribeToken({ workspaceId, scheduleId: schedule.id, email: r.email })}`
        : null;
      const mail: Mail = {
        to: r.email,
        subject: t("mail.subject", { title, period: periodLabel }),
        text: [
          t("mail.body", { brand, title, period: periodLabel }),
          "",
          t("mail.link", { url: link.url }),
          ...(unsubscribeUrl ? ["", t("mail.unsubscribe", { url: unsubscribeUrl })] : []),
        ].join("\n"),
        attachments: [{ filename, content: pdf, contentType: "application/pdf" }],
        ...(unsubscribeUrl ? { headers: { "List-Unsubscribe": `<${unsubscribeUrl}>` } } : {}),
      };
      await deliverMail(mail, { smtpUrl: options.smtpUrl });
      recipients++;
    }
    await withTenant(db, { workspaceId }, (tx) =>
      tx.reportDelivery.updateMany({
        where: { workspaceId, id: deliveryId },
        data: { status: "SENT", sentAt: new Date(), recipients, lastError: null },
      }),
    );
    return true;
  } catch (error) {
    const permanent = error instanceof PermanentFailure || attempt >= MAX_DELIVERY_ATTEMPTS;
    const message = (error as Error).message.slice(0, 500);
    await withTenant(db, { workspaceId }, (tx) =>
      tx.reportDelivery.updateMany({
        where: { workspaceId, id: deliveryId },
        data: {
          status: permanent ? "GAVE_UP" : "FAILED",
          lastError: message,
          recipients,
          nextAttemptAt: permanent
            ? null
            : new Date(now.getTime() + RETRY_DELAYS_MS[Math.min(attempt - 1, RETRY_DELAYS_MS.length - 1)]),
        },
      }),
    );
    console.error(`[reports] delivery ${deliveryId} failed (attempt ${attempt})`, message);
    return false;
  }
}

class PermanentFailure extends Error {}
