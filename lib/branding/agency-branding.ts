import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { type Tx, withTenant } from "@/lib/tenancy/with-tenant";
import { UUID } from "@/lib/uuid";
import { AA_NORMAL_TEXT, TEXT_ON_PRIMARY, contrastRatio } from "./color-contrast";
import { checkLogo } from "./check-logo";
import { logoProblem } from "./save-branding";

/**
 * An agency's branding on its clients' reports — copy on grant (ARCHITECTURE.md "Agency branding").
 * The master is agency-owned (agencies.name, primary_color, logo); a client's report that picks
 * it points at a copy in the client's own `brandings` (owner_kind AGENCY, agency_id), which the
 * database allows only while the client's grant to that agency exists and deletes when the grant
 * is revoked. The client reads the master only in its own scope, through the policy
 * agencies_of_client (agencies holding a grant on it).
 */
export const DEFAULT_REPORT_COLOR = "#1d4ed8";

export interface AgencyBrandingChoice {
  agencyId: string;
  name: string;
  primaryColor: string;
  hasLogo: boolean;
}

interface MasterRow {
  agency_id: string;
  name: string;
  primary_color: string | null;
  logo: Uint8Array | null;
  logo_type: string | null;
}

/** The colour reports use: the agency's when white text on it reaches WCAG AA, else the default. */
export function reportColorOf(agencyColor: string | null): string {
  return agencyColor && contrastRatio(agencyColor, TEXT_ON_PRIMARY) >= AA_NORMAL_TEXT
    ? agencyColor
    : DEFAULT_REPORT_COLOR;
}

async function masters(tx: Tx, agencyId: string | null): Promise<MasterRow[]> {
  // In the client's scope: agency_grants' tenant policy admits the client's own grants, and
  // agencies_of_client admits exactly the agencies those grants name.
  return tx.$queryRaw<MasterRow[]>`
    SELECT a.id::text AS agency_id, a.name, a.primary_color, a.logo, a.logo_type
    FROM agency_grants g JOIN agencies a ON a.id = g.agency_id
    WHERE g.workspace_id = app_workspace_id() AND (${agencyId}::uuid IS NULL OR a.id = ${agencyId}::uuid)
    ORDER BY a.name`;
}

/** The agencies whose branding a workspace's reports may use: those holding a grant on it. */
export async function listAgencyBrandingChoices(
  db: Database,
  input: { workspaceId: string },
): Promise<AgencyBrandingChoice[]> {
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) =>
    (await masters(tx, null)).map((m) => ({
      agencyId: m.agency_id,
      name: m.name,
      primaryColor: reportColorOf(m.primary_color),
      hasLogo: m.logo !== null,
    })),
  );
}

/**
 * Inside a client's tenant transaction: the id of the client's copy of the agency's branding,
 * created or refreshed from the master. An agency without a grant on this workspace is a
 * BAD_USER_INPUT on `path` — exactly like an unknown agency.
 */
export async function agencyBrandingCopy(
  tx: Tx,
  input: { workspaceId: string; agencyId: string; path: string[] },
): Promise<string> {
  const missing = () => AppError.badInput(input.path, "NO_AGENCY_GRANT");
  if (!UUID.test(input.agencyId)) throw missing();
  const [master] = await masters(tx, input.agencyId.toLowerCase());
  if (!master) throw missing();
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO brandings (workspace_id, owner_kind, agency_id, name, primary_color, logo, logo_type)
    VALUES (${input.workspaceId}::uuid, 'AGENCY', ${master.agency_id}::uuid, ${master.name}, ${reportColorOf(master.primary_color)}, ${master.logo}, ${master.logo_type})
    ON CONFLICT (workspace_id, agency_id) WHERE agency_id IS NOT NULL
    DO UPDATE SET name = EXCLUDED.name, primary_color = EXCLUDED.primary_color, logo = EXCLUDED.logo, logo_type = EXCLUDED.logo_type, updated_at = now()
    RETURNING id::text`;
  return row.id;
}

/**
 * After the agency edited its branding: every client's copy is refreshed, each in that client's
 * own tenant transaction (the agency scope lists the grants; it never writes client rows).
 */
export async function refreshAgencyBrandingCopies(db: Database, input: { agencyId: string }): Promise<number> {
  const clients = await withTenant(
    db,
    { workspaceId: null, agencyId: input.agencyId },
    (tx) =>
      tx.$queryRaw<
        { workspace_id: string }[]
      >`SELECT workspace_id::text FROM agency_grants WHERE agency_id = ${input.agencyId}::uuid`,
  );
  let refreshed = 0;
  for (const { workspace_id: workspaceId } of clients) {
    refreshed += await withTenant(db, { workspaceId }, async (tx) => {
      const [master] = await masters(tx, input.agencyId);
      if (!master) return 0;
      return tx.$executeRaw`
        UPDATE brandings SET name = ${master.name}, primary_color = ${reportColorOf(master.primary_color)}, logo = ${master.logo}, logo_type = ${master.logo_type}, updated_at = now()
        WHERE workspace_id = ${workspaceId}::uuid AND agency_id = ${input.agencyId}::uuid`;
    });
  }
  return refreshed;
}

/** The agency's logo (agency settings; agency.manage checked by the caller): checked by content, `null` removes it; copies follow. */
export async function saveAgencyLogo(
  db: Database,
  input: { agencyId: string; logo: Uint8Array | null },
): Promise<void> {
  let logo: { bytes: Uint8Array; type: string } | null = null;
  if (input.logo) {
    const check = checkLogo(input.logo);
    if (!check.ok) throw logoProblem(check.problem);
    logo = { bytes: new Uint8Array(input.logo), type: check.type };
  }
  await withTenant(
    db,
    { workspaceId: null, agencyId: input.agencyId },
    (tx) =>
      tx.$executeRaw`UPDATE agencies SET logo = ${logo?.bytes ?? null}, logo_type = ${logo?.type ?? null}, updated_at = now() WHERE id = ${input.agencyId}::uuid`,
  );
  await refreshAgencyBrandingCopies(db, { agencyId: input.agencyId });
}

/** The agency whose branding copy a report points at, or null for the workspace's own. */
export async function brandingAgencyOf(
  db: Database,
  input: { workspaceId: string; brandingId: string },
): Promise<string | null> {
  const row = await withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.branding.findFirst({
      where: { workspaceId: input.workspaceId, id: input.brandingId },
      select: { agencyId: true },
    }),
  );
  return row?.agencyId ?? null;
}
