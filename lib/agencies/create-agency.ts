import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { makeSlug, slugCandidate } from "@/lib/workspaces/make-slug";
import { agencyNameSchema, primaryColorSchema } from "./agency-input";
import { AGENCY_COLUMNS, type AgencyRow, toAgency } from "./agency-row";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

const createAgencyInputSchema = z.object({ name: agencyNameSchema, primaryColor: primaryColorSchema.nullish() });

/**
 * A new agency (SPEC §9.2 createAgency): any signed-in user, who becomes its first
 * AGENCY_ADMIN. In the new agency's scope (row-level security WITH CHECK).
 */
export async function createAgency(
  db: Database,
  input: { actorId: string; name: string; primaryColor?: string | null },
): Promise<AgencyRow> {
  const data = parseInput(createAgencyInputSchema, { name: input.name, primaryColor: input.primaryColor });
  const agencyId = randomUUID();
  return withTenant(db, { workspaceId: null, userId: input.actorId, agencyId }, async (tx) => {
    const base = makeSlug(data.name);
    let inserted = false;
    for (let attempt = 0; attempt < 20 && !inserted; attempt++) {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO agencies (id, name, slug, primary_color) VALUES (${agencyId}::uuid, ${data.name}, ${slugCandidate(base, attempt)}, ${data.primaryColor ?? null})
        ON CONFLICT (slug) DO NOTHING RETURNING id`;
      inserted = rows.length === 1;
    }
    if (!inserted) throw new Error(`Could not find a free slug for "${base}"`);
    await tx.$executeRaw`INSERT INTO agency_members (agency_id, user_id, role) VALUES (${agencyId}::uuid, ${input.actorId}::uuid, 'AGENCY_ADMIN')`;
    const actor = { kind: "user", userId: input.actorId } as const;
    await recordAgencyAuditEvent(tx, {
      agencyId,
      actor,
      action: "agency.created",
      targetType: "agency",
      targetId: agencyId,
      data: { name: data.name },
    });
    await recordAgencyAuditEvent(tx, {
      agencyId,
      actor,
      action: "agencyMember.joined",
      targetType: "member",
      targetId: input.actorId,
      data: { role: "AGENCY_ADMIN" },
    });
    const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${AGENCY_COLUMNS} FROM agencies a WHERE a.id = $1::uuid`,
      agencyId,
    );
    return toAgency(rows[0]);
  });
}
