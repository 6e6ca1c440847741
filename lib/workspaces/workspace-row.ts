import "server-only";
import type { Workspace } from "@/generated/prisma/client";

/** The columns of a workspace as the Prisma model names them, for raw reads (alias `w`). */
export const WORKSPACE_COLUMNS = `w.id::text AS id, w.name, w.slug, w.currency, w.time_zone AS "timeZone",
  w.fiscal_year_start_month AS "fiscalYearStartMonth", w.locale, w.created_at AS "createdAt", w.updated_at AS "updatedAt",
  w.settings_confirmed_at AS "settingsConfirmedAt", w.checklist_dismissed_at AS "checklistDismissedAt"`;

/** A raw row selected with {@link WORKSPACE_COLUMNS} as the Prisma model (drivers differ on dates). */
export function toWorkspace(row: Record<string, unknown>): Workspace {
  return {
    id: String(row.id),
    name: String(row.name),
    slug: String(row.slug),
    currency: String(row.currency),
    timeZone: String(row.timeZone),
    fiscalYearStartMonth: Number(row.fiscalYearStartMonth),
    locale: String(row.locale),
    createdAt: new Date(row.createdAt as string | Date),
    updatedAt: new Date(row.updatedAt as string | Date),
    settingsConfirmedAt: row.settingsConfirmedAt ? new Date(row.settingsConfirmedAt as string | Date) : null,
    checklistDismissedAt: row.checklistDismissedAt ? new Date(row.checklistDismissedAt as string | Date) : null,
  };
}
