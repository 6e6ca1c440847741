import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { agencyNameSchema, primaryColorSchema } from "./agency-input";
import { AGENCY_COLUMNS, type AgencyRow, toAgency } from "./agency-row";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

const updateAgencyInputSchema = z.object({
  name: agencyNameSchema.nullish(),
  primaryColor: primaryColorSchema.nullish(),
});

/**
 * Agency settings: name and primary colour (used by white-label reports). The caller has
 * checked agency.manage. `primaryColor: null` clears the colour; undefined leaves it.
 */
export async function updateAgency(
  db: Database,
  input: { agencyId: string; actor: Actor; name?: string | null; primaryColor?: string | null },
): Promise<AgencyRow> {
  const data = parseInput(updateAgencyInputSchema, { name: input.name, primaryColor: input.primaryColor });
  return withTenant(db, { workspaceId: null, agencyId: input.agencyId }, async (tx) => {
    const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
      `UPDATE agencies a SET name = coalesce($2, a.name),
              primary_color = CASE WHEN $3::boolean THEN $4 ELSE a.primary_color END, updated_at = now()
        WHERE a.id = $1::uuid RETURNING ${AGENCY_COLUMNS}`,
      input.agencyId,
      data.name ?? null,
      input.primaryColor !== undefined,
      data.primaryColor ?? null,
    );
    if (!rows[0]) throw AppError.notFound("Agency not found");
    await recordAgencyAuditEvent(tx, {
      agencyId: input.agencyId,
      actor: input.actor,
      action: "agency.updated",
      targetType: "agency",
      targetId: input.agencyId,
      data: {
        name: data.name ?? undefined,
        primaryColor: input.primaryColor === undefined ? undefined : (data.primaryColor ?? null),
      },
    });
    return toAgency(rows[0]);
  });
}
