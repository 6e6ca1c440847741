import "server-only";
import type { Workspace } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { UUID } from "@/lib/uuid";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

/**
 * The client's owner revokes an agency's access (SPEC §9.2 revokeAgencyAccess): the grant row
 * is deleted, so the agency's members and keys lose the workspace on their next request in
 * every process. Revoking a grant that does not exist (twice, or an unknown agency) is a
 * BAD_USER_INPUT on agencyId and changes nothing. Recorded in both audit logs.
 */
export async function revokeAgencyAccess(
  db: Database,
  input: { workspaceId: string; actor: Actor; agencyId: string },
): Promise<Workspace> {
  const noGrant = () => AppError.badInput(["agencyId"], "NO_AGENCY_GRANT");
  if (!UUID.test(input.agencyId)) throw noGrant();
  const agencyId = input.agencyId.toLowerCase();
  return withTenant(
    db,
    { workspaceId: input.workspaceId, userId: input.actor.kind === "user" ? input.actor.userId : null },
    async (tx) => {
      const [gone] = await tx.$queryRaw<{ role: string }[]>`
      DELETE FROM agency_grants WHERE workspace_id = ${input.workspaceId}::uuid AND agency_id = ${agencyId}::uuid RETURNING role`;
      if (!gone) throw noGrant();
      const [agency] = await tx.$queryRaw<
        { name: string }[]
      >`SELECT name FROM find_agency_for_grant(${agencyId}::uuid)`;
      await recordAuditEvent(tx, {
        workspaceId: input.workspaceId,
        actor: input.actor,
        action: "agencyAccess.revoked",
        targetType: "agency",
        targetId: agencyId,
        data: { agencyName: agency?.name ?? null, role: gone.role },
      });
      const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: input.workspaceId } });
      await recordAgencyAuditEvent(tx, {
        agencyId,
        actor: input.actor,
        action: "agencyAccess.revoked",
        targetType: "workspace",
        targetId: input.workspaceId,
        data: { workspaceName: workspace.name, role: gone.role },
      });
      return workspace;
    },
  );
}
