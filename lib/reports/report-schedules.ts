import "server-only";
import { z } from "zod";
import type { ReportDelivery, ReportSchedule } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { findWorkspace } from "@/lib/workspaces/find-workspace";
import { recordReportEvent } from "./record-report-event";
import { nextSlot } from "./schedule-slots";
import { readUnsubscribeToken } from "./unsubscribe-token";
import { ue } from "@/lib/errors/user-errors";

export type { ReportDelivery, ReportSchedule };

export const reportScheduleInputSchema = z
  .object({
    cadence: z.enum(["WEEKLY", "MONTHLY", "PERIOD_CLOSE"]),
    weekday: z.number().int().min(1, ue("WEEKDAY_RANGE")).max(7, ue("WEEKDAY_RANGE")).nullish(),
    dayOfMonth: z.number().int().min(1, ue("DAY_OF_MONTH_RANGE")).max(28, ue("DAY_OF_MONTH_RANGE")).nullish(),
    closePeriod: z.enum(["month", "quarter"]).nullish(),
    hour: z.number().int().min(0, ue("HOUR_RANGE")).max(23, ue("HOUR_RANGE")).default(9),
    memberUserIds: z.array(z.string().uuid("is not a member")).max(200).default([]),
    externalEmails: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.email(ue("NOT_AN_EMAIL"))),
      )
      .max(200)
      .default([]),
    locale: z.enum(["en", "ru"]).nullish(),
  })
  .superRefine((s, ctx) => {
    if (s.cadence === "WEEKLY" && !s.weekday)
      ctx.addIssue({ code: "custom", path: ["weekday"], message: "A weekly schedule needs a weekday" });
    if (s.cadence === "MONTHLY" && !s.dayOfMonth)
      ctx.addIssue({ code: "custom", path: ["dayOfMonth"], message: "A monthly schedule needs a day of the month" });
    if (s.cadence === "PERIOD_CLOSE" && !s.closePeriod)
      ctx.addIssue({
        code: "custom",
        path: ["closePeriod"],
        message: "Choose the period whose close sends the report",
      });
    if (s.memberUserIds.length + s.externalEmails.length === 0)
      ctx.addIssue({ code: "custom", path: ["externalEmails"], message: "Add at least one recipient" });
  });

export type ReportScheduleInput = z.input<typeof reportScheduleInputSchema>;

/**
 * Adds a delivery schedule to a report. Members must belong to the workspace; external
 * addresses must be addresses; the first slot is computed in the workspace's time zone.
 * Another workspace's report is NOT_FOUND; nothing is saved on any error.
 */
export async function createReportSchedule(
  db: Database,
  input: {
    workspaceId: string;
    actorId: string | null;
    reportId: string;
    schedule: ReportScheduleInput;
    now?: Date;
    actor?: Actor | null;
  },
): Promise<ReportSchedule> {
  const s = parseInput(reportScheduleInputSchema, input.schedule);
  const { workspaceId } = input;
  const workspace = await findWorkspace(db, { workspaceId });
  if (!workspace) throw AppError.notFound("Workspace not found");
  const rule = { ...s, timeZone: workspace.timeZone, fiscalYearStartMonth: workspace.fiscalYearStartMonth };
  const first = nextSlot(rule, input.now ?? new Date());
  return withTenant(db, { workspaceId }, async (tx) => {
    const report = await tx.report.findFirst({ where: { workspaceId, id: input.reportId } });
    if (!report) throw AppError.notFound("Report not found");
    const members = s.memberUserIds.length
      ? await tx.membership.findMany({ where: { workspaceId, userId: { in: s.memberUserIds } } })
      : [];
    s.memberUserIds.forEach((id, i) => {
      if (!members.some((m) => m.userId === id)) throw AppError.badInput(["memberUserIds", i], "NOT_A_MEMBER");
    });
    const created = await tx.reportSchedule.create({
      data: {
        workspaceId,
        reportId: report.id,
        cadence: s.cadence,
        weekday: s.cadence === "WEEKLY" ? s.weekday : null,
        dayOfMonth: s.cadence === "MONTHLY" ? s.dayOfMonth : null,
        closePeriod: s.cadence === "PERIOD_CLOSE" ? s.closePeriod : null,
        hour: s.hour,
        memberUserIds: [...new Set(s.memberUserIds)],
        externalEmails: [...new Set(s.externalEmails)],
        locale: s.locale ?? workspace.locale ?? "en",
        nextRunAt: first.at,
        createdByUserId: input.actorId,
      },
    });
    await recordReportEvent(tx, {
      workspaceId,
      actor: input.actor,
      action: "reportSchedule.created",
      targetId: created.id,
      data: { title: report.title, cadence: created.cadence },
    });
    return created;
  });
}

export async function deleteReportSchedule(
  db: Database,
  input: { workspaceId: string; scheduleId: string; actor?: Actor | null },
): Promise<ReportSchedule> {
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const schedule = await tx.reportSchedule.findFirst({
      where: { workspaceId: input.workspaceId, id: input.scheduleId },
    });
    if (!schedule) throw AppError.notFound("Schedule not found");
    const report = await tx.report.findFirst({
      where: { workspaceId: input.workspaceId, id: schedule.reportId },
      select: { title: true },
    });
    await recordReportEvent(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "reportSchedule.deleted",
      targetId: schedule.id,
      data: { title: report?.title ?? null, cadence: schedule.cadence },
    });
    await tx.reportSchedule.delete({ where: { id: schedule.id } });
    return schedule;
  });
}

export async function listReportSchedules(
  db: Database,
  input: { workspaceId: string; reportId: string },
): Promise<ReportSchedule[]> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.reportSchedule.findMany({
      where: { workspaceId: input.workspaceId, reportId: input.reportId },
      orderBy: { createdAt: "asc" },
    }),
  );
}

export async function findReportSchedule(
  db: Database,
  input: { workspaceId: string; scheduleId: string },
): Promise<ReportSchedule | null> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.reportSchedule.findFirst({ where: { workspaceId: input.workspaceId, id: input.scheduleId } }),
  );
}

/** The delivery log of a schedule, newest first. */
export async function listReportDeliveries(
  db: Database,
  input: { workspaceId: string; scheduleId: string },
): Promise<ReportDelivery[]> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.reportDelivery.findMany({
      where: { workspaceId: input.workspaceId, scheduleId: input.scheduleId },
      orderBy: { claimedAt: "desc" },
      take: 50,
    }),
  );
}

/**
 * Follows an unsubscribe link: the signed claim names the workspace, schedule and address;
 * the address stops receiving that schedule's e-mails. False for a forged or stale link.
 */
export async function unsubscribeRecipient(db: Database, input: { token: string }): Promise<boolean> {
  const claim = readUnsubscribeToken(input.token);
  if (!claim) return false;
  return withTenant(db, { workspaceId: claim.workspaceId }, async (tx) => {
    const schedule = await tx.reportSchedule.findFirst({
      where: { workspaceId: claim.workspaceId, id: claim.scheduleId },
    });
    if (!schedule) return false;
    await tx.reportUnsubscribe.upsert({
      where: {
        workspaceId_scheduleId_email: {
          workspaceId: claim.workspaceId,
          scheduleId: claim.scheduleId,
          email: claim.email,
        },
      },
      create: { workspaceId: claim.workspaceId, scheduleId: claim.scheduleId, email: claim.email },
      update: {},
    });
    return true;
  });
}
