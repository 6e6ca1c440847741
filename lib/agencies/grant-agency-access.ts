import "server-only";
import { z } from "zod";
import type { Workspace } from "@/generated/prisma/client";
import { emailSchema } from "@/lib/accounts/account-rules";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { UUID } from "@/lib/uuid";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";
import { ue } from "@/lib/errors/user-errors";

const grantInputSchema = z.object({
  role: z.enum(WORKSPACE_ROLES).refine((r) => r !== "OWNER", ue("AGENCY_OWNER_ROLE")),
  managerEmails: z.array(emailSchema).max(50).nullish(),
});

export interface GrantResult {
  workspace: Workspace;
  /** "granted" for a new grant, "roleChanged" when an existing grant changed, "unchanged" otherwise. */
  outcome: "granted" | "roleChanged" | "unchanged";
}

/**
 * A client workspace's owner grants an agency access with a workspace role, or changes the
 * role (and the account managers it is limited to) of an existing grant (SPEC §3, §9.2
 * grantAgencyAccess). The caller has checked agencyAccess.manage (OWNER) as a member — an
 * agency acting in the client never reaches here. Recorded in the client's and the agency's
 * audit logs in one transaction. Takes effect on the next request in every process: access is
 * read per request (lib/tenancy/workspace-access.ts), nothing caches it.
 */
export async function grantAgencyAccess(
  db: Database,
  input: {
    workspaceId: string;
    actor: Extract<Actor, { kind: "user" }>;
    agencyId: string;
    role: string;
    managerEmails?: readonly string[] | null;
  },
): Promise<GrantResult> {
  const data = parseInput(grantInputSchema, { role: input.role, managerEmails: input.managerEmails });
  const agencyId = UUID.test(input.agencyId) ? input.agencyId.toLowerCase() : null;
  const unknownAgency = () => AppError.badInput(["agencyId"], "UNKNOWN_AGENCY");
  if (!agencyId) throw unknownAgency();
  return withTenant(db, { workspaceId: input.workspaceId, userId: input.actor.userId }, async (tx) => {
    const [agency] = await tx.$queryRaw<
      { agency_id: string; name: string }[]
    >`SELECT agency_id::text, name FROM find_agency_for_grant(${agencyId}::uuid)`;
    if (!agency) throw unknownAgency();
    const [ownMembership] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM agency_members WHERE agency_id = ${agencyId}::uuid AND user_id = ${input.actor.userId}::uuid`;
    if (ownMembership.n > 0) throw AppError.badInput(["agencyId"], "OWN_AGENCY");

    const emails = [...new Set(data.managerEmails ?? [])];
    const managers = emails.length
      ? await tx.$queryRaw<
          { id: string; email: string }[]
        >`SELECT id::text, email FROM users WHERE email = ANY (${emails}::text[])`
      : [];
    const missing = emails.findIndex((e) => !managers.some((m) => m.email === e));
    if (missing >= 0) throw AppError.badInput(["managerEmails", missing], "NO_PERSON_WITH_EMAIL");
    const managerIds = managers.map((m) => m.id).sort();

    const [before] = await tx.$queryRaw<{ role: string; manager_user_ids: string[] }[]>`
      SELECT role, manager_user_ids::text[] FROM agency_grants WHERE workspace_id = ${input.workspaceId}::uuid AND agency_id = ${agencyId}::uuid FOR UPDATE`;
    await tx.$executeRaw`
      INSERT INTO agency_grants (workspace_id, agency_id, role, manager_user_ids, granted_by_user_id)
      VALUES (${input.workspaceId}::uuid, ${agencyId}::uuid, ${data.role}, ${managerIds}::uuid[], ${input.actor.userId}::uuid)
      ON CONFLICT (workspace_id, agency_id) DO UPDATE SET role = EXCLUDED.role, manager_user_ids = EXCLUDED.manager_user_ids, updated_at = now()`;
    const sameManagers = before && [...before.manager_user_ids].sort().join(",") === managerIds.join(",");
    const outcome: GrantResult["outcome"] = !before
      ? "granted"
      : before.role !== data.role || !sameManagers
        ? "roleChanged"
        : "unchanged";
    if (outcome !== "unchanged") {
      const action = outcome === "granted" ? "agencyAccess.granted" : "agencyAccess.roleChanged";
      const details = {
        agencyName: agency.name,
        role: data.role,
        previousRole: before?.role ?? null,
        managerEmails: emails,
      };
      await recordAuditEvent(tx, {
        workspaceId: input.workspaceId,
        actor: input.actor,
        action,
        targetType: "agency",
        targetId: agencyId,
        data: details,
      });
      const [ws] = await tx.$queryRaw<
        { name: string }[]
      >`SELECT name FROM workspaces WHERE id = ${input.workspaceId}::uuid`;
      await recordAgencyAuditEvent(tx, {
        agencyId,
        actor: input.actor,
        action,
        targetType: "workspace",
        targetId: input.workspaceId,
        data: {
          workspaceName: ws?.name ?? null,
          role: data.role,
          previousRole: before?.role ?? null,
          managerEmails: emails,
        },
      });
    }
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: input.workspaceId } });
    return { workspace, outcome };
  });
}
