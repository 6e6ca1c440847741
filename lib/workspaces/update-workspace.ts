import "server-only";
import { z } from "zod";
import type { Workspace } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { parseRate } from "@/lib/csv/cell-currency";
import { type CurrencyConversion, convertWorkspaceCurrency } from "./convert-workspace-currency";
import { slugsTakenFor } from "./list-visible-slugs";
import type { LooseSettings } from "./workspace-settings";
import {
  currencySchema,
  fiscalYearStartMonthSchema,
  localeSchema,
  slugSchema,
  timeZoneSchema,
  workspaceNameSchema,
} from "./workspace-settings";

export const updateWorkspaceInputSchema = z.object({
  name: workspaceNameSchema.nullish(),
  slug: slugSchema.nullish(),
  currency: currencySchema.nullish(),
  timeZone: timeZoneSchema.nullish(),
  fiscalYearStartMonth: fiscalYearStartMonthSchema.nullish(),
  locale: localeSchema.nullish(),
  /** One unit of the old reporting currency in the new one: required to change the currency of a workspace with data. */
  currencyConversionRate: z.string().nullish(),
  /** First-day checklist: the owner confirms the money-and-calendar settings (even unchanged). */
  confirmSettings: z.boolean().nullish(),
  /** First-day checklist: hide it for good. */
  dismissChecklist: z.boolean().nullish(),
});

const SETTINGS = ["name", "slug", "currency", "timeZone", "fiscalYearStartMonth", "locale"] as const;

/**
 * Changes workspace settings (absent fields stay as they are) and records what changed. The
 * caller has checked workspace.update.
 */
export async function updateWorkspace(
  db: Database,
  {
    workspaceId,
    actor,
    ...input
  }: { workspaceId: string; actor: Actor } & LooseSettings<z.input<typeof updateWorkspaceInputSchema>>,
): Promise<Workspace> {
  const data = parseInput(updateWorkspaceInputSchema, input);
  // Unique among the workspaces the person can open, which they all see anyway; another
  // tenant's workspace with the same slug is no conflict and is never confirmed (issue 16).
  if (data.slug && actor.kind === "user") {
    const taken = await slugsTakenFor(db, { userId: actor.userId, exceptWorkspaceId: workspaceId });
    if (taken.has(data.slug)) throw AppError.badInput(["slug"], "SLUG_TAKEN");
  }
  try {
    return await withTenant(db, { workspaceId, userId: actor.kind === "user" ? actor.userId : null }, async (tx) => {
      const before = await tx.workspace.findFirst({ where: { id: workspaceId } });
      if (!before) throw AppError.notFound("Workspace not found");
      const changes: Record<string, { from: string | number; to: string | number }> = {};
      const patch: Record<string, string | number> = {};
      for (const key of SETTINGS) {
        const value = data[key];
        if (value === null || value === undefined || value === before[key]) continue;
        patch[key] = value;
        changes[key] = { from: before[key], to: value };
      }
      const rawRate = data.currencyConversionRate?.trim() || null;
      const rate = rawRate === null ? null : parseRate(rawRate);
      if (rawRate !== null && rate === null)
        throw AppError.badInput(["currencyConversionRate"], "RATE_NOT_POSITIVE_NUMBER", { value: rawRate });
      if (rate !== null && patch.currency === undefined)
        throw AppError.badInput(["currencyConversionRate"], "RATE_WITHOUT_CURRENCY_CHANGE");
      let conversion: CurrencyConversion | null = null;
      if (patch.currency !== undefined) {
        const [{ any }] = await tx.$queryRawUnsafe<{ any: boolean }[]>(
          `SELECT EXISTS (SELECT 1 FROM metric_facts WHERE workspace_id = $1::uuid) AS any`,
          workspaceId,
        );
        if (any && rate === null) {
          throw AppError.badInput(["currencyConversionRate"], "CURRENCY_CHANGE_NEEDS_RATE", {
            from: before.currency,
            to: patch.currency,
          });
        }
        if (any)
          conversion = await convertWorkspaceCurrency(tx, {
            workspaceId,
            rate: rate!,
            actorUserId: actor.kind === "user" ? actor.userId : null,
          });
      }
      const now = new Date();
      const marks = {
        ...(data.confirmSettings && !before.settingsConfirmedAt ? { settingsConfirmedAt: now } : {}),
        ...(data.dismissChecklist && !before.checklistDismissedAt ? { checklistDismissedAt: now } : {}),
      };
      if (Object.keys(patch).length === 0 && Object.keys(marks).length === 0) return before;
      const after = await tx.workspace.update({
        where: { id: workspaceId },
        data: { ...(patch as Partial<Pick<Workspace, (typeof SETTINGS)[number]>>), ...marks },
      });
      if (Object.keys(patch).length === 0) return after;
      await recordAuditEvent(tx, {
        workspaceId,
        actor,
        action: "workspace.updated",
        targetType: "workspace",
        targetId: workspaceId,
        data: { changes },
      });
      if (conversion) {
        await recordAuditEvent(tx, {
          workspaceId,
          actor,
          action: "workspace.currencyChanged",
          targetType: "workspace",
          targetId: workspaceId,
          data: {
            from: before.currency,
            to: String(patch.currency),
            rate: rate!,
            facts: conversion.facts,
            targets: conversion.targets,
          },
        });
      }
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.badInput(["slug"], "SLUG_TAKEN");
    throw error;
  }
}
