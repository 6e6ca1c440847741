import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Workspace } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { slugsTakenFor } from "./list-visible-slugs";
import { insertWorkspace } from "./insert-workspace";
import type { LooseSettings } from "./workspace-settings";
import {
  currencySchema,
  defaultSettings,
  fiscalYearStartMonthSchema,
  localeSchema,
  timeZoneSchema,
  workspaceNameSchema,
} from "./workspace-settings";

export const createWorkspaceInputSchema = z.object({
  name: workspaceNameSchema,
  currency: currencySchema.nullish(),
  timeZone: timeZoneSchema.nullish(),
  locale: localeSchema.nullish(),
  fiscalYearStartMonth: fiscalYearStartMonthSchema.nullish(),
});

/**
 * Another workspace for a signed-in user, who becomes its OWNER (a person can belong to
 * several workspaces and switch between them). Settings default from the user's locale.
 */
export async function createWorkspace(
  db: Database,
  {
    actorId,
    userLocale,
    ...input
  }: { actorId: string; userLocale?: string } & LooseSettings<z.input<typeof createWorkspaceInputSchema>>,
): Promise<Workspace> {
  const data = parseInput(createWorkspaceInputSchema, input);
  const defaults = defaultSettings(data.locale ?? (userLocale === "ru" ? "ru" : "en"));
  const workspaceId = randomUUID();
  const takenSlugs = await slugsTakenFor(db, { userId: actorId });
  return withTenant(db, { workspaceId, userId: actorId }, (tx) =>
    insertWorkspace(tx, {
      takenSlugs,
      id: workspaceId,
      name: data.name,
      currency: data.currency ?? defaults.currency,
      timeZone: data.timeZone ?? defaults.timeZone,
      locale: defaults.locale,
      fiscalYearStartMonth: data.fiscalYearStartMonth ?? 1,
      ownerUserId: actorId,
    }),
  );
}
