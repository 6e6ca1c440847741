import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Workspace } from "@/generated/prisma/client";
import { emailSchema } from "@/lib/accounts/account-rules";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { createInvite } from "@/lib/invites/create-invite";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { slugsTakenFor } from "@/lib/workspaces/list-visible-slugs";
import { insertWorkspace } from "@/lib/workspaces/insert-workspace";
import {
  currencySchema,
  defaultSettings,
  localeSchema,
  timeZoneSchema,
  workspaceNameSchema,
} from "@/lib/workspaces/workspace-settings";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";
import { ue } from "@/lib/errors/user-errors";

const inputSchema = z.object({
  name: workspaceNameSchema,
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, ue("CLIENT_SLUG_FORMAT"))
    .nullish(),
  currency: currencySchema.nullish(),
  timeZone: timeZoneSchema.nullish(),
  locale: localeSchema.nullish(),
  ownerEmail: emailSchema.nullish(),
});

export interface CreatedAgencyClient {
  workspace: Workspace;
  /** The owner invitation link (shown once), when an owner e-mail was given. */
  ownerInviteUrl: string | null;
}

/**
 * An agency admin creates a client workspace the agency manages (SPEC §8): the workspace gets
 * the default KPI tree like any other, no member of its own, and a grant of ADMIN to the
 * agency (agency_created). The client's owner is invited with role OWNER; when they accept,
 * they own the workspace and may change or revoke the agency's grant like any owner — the
 * agency keeps whatever grant the owner leaves it. The caller has checked agency.createClient.
 * Recorded in the new workspace's and the agency's audit logs.
 */
export async function createAgencyClient(
  db: Database,
  input: {
    agencyId: string;
    actorId: string;
    baseUrl: string;
    name: string;
    slug?: string | null;
    currency?: string | null;
    timeZone?: string | null;
    locale?: string | null;
    ownerEmail?: string | null;
  },
): Promise<CreatedAgencyClient> {
  const data = parseInput(inputSchema, input);
  const defaults = defaultSettings(data.locale ?? "en");
  const workspaceId = randomUUID();
  const takenSlugs = await slugsTakenFor(db, { userId: input.actorId });
  const workspace = await withTenant(db, { workspaceId, userId: input.actorId }, async (tx) => {
    const ws = await insertWorkspace(tx, {
      takenSlugs,
      id: workspaceId,
      name: data.name,
      currency: data.currency ?? defaults.currency,
      timeZone: data.timeZone ?? defaults.timeZone,
      locale: defaults.locale,
      ownerUserId: input.actorId,
      heldByAgency: true,
      exactSlug: data.slug ?? undefined,
    });
    await tx.$executeRaw`
      INSERT INTO agency_grants (workspace_id, agency_id, role, agency_created, granted_by_user_id)
      VALUES (${workspaceId}::uuid, ${input.agencyId}::uuid, 'ADMIN', true, ${input.actorId}::uuid)`;
    const actor = { kind: "user", userId: input.actorId } as const;
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "agencyClient.created",
      targetType: "agency",
      targetId: input.agencyId,
      data: { role: "ADMIN" },
    });
    await recordAgencyAuditEvent(tx, {
      agencyId: input.agencyId,
      actor,
      action: "agencyClient.created",
      targetType: "workspace",
      targetId: workspaceId,
      data: { workspaceName: ws.name, role: "ADMIN" },
    });
    return ws;
  });
  if (!data.ownerEmail) return { workspace, ownerInviteUrl: null };
  // The agency invites the owner-to-be: the one invite an ADMIN grant may send with OWNER.
  const invite = await createInvite(db, {
    workspaceId,
    actorId: input.actorId,
    canManageOwners: true,
    baseUrl: input.baseUrl,
    email: data.ownerEmail,
    role: "OWNER",
  });
  return { workspace, ownerInviteUrl: invite.inviteUrl };
}
