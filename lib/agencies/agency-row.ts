/** An agency as the app reads it. */
export interface AgencyRow {
  id: string;
  name: string;
  slug: string;
  /** '#rrggbb' or null (white-label reports fall back to their default). */
  primaryColor: string | null;
  createdAt: Date;
}

export const AGENCY_COLUMNS = `a.id::text AS id, a.name, a.slug, a.primary_color AS "primaryColor", a.created_at AS "createdAt"`;

export function toAgency(row: Record<string, unknown>): AgencyRow {
  return {
    id: String(row.id),
    name: String(row.name),
    slug: String(row.slug),
    primaryColor: (row.primaryColor as string | null) ?? null,
    createdAt: row.createdAt instanceof Date ? row.createdAt : new Date(String(row.createdAt)),
  };
}
