import "server-only";
import type { Database } from "@/lib/db/client";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";

export interface AgencyAuditEventRow {
  id: string;
  action: string;
  actorName: string | null;
  targetType: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** The agency's audit log, newest first, at most `limit` events (the caller has checked agency.manage). */
export async function listAgencyAuditEvents(
  db: Database,
  { agencyId, limit }: { agencyId: string; limit: number },
): Promise<AgencyAuditEventRow[]> {
  const [rows] = await scopedReader(db, { workspaceId: null, userId: null, agencyId })([
    {
      text: `SELECT e.id::text, e.action, u.name AS actor_name, e.target_type, e.data, e.created_at
               FROM agency_audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
              WHERE e.agency_id = $1::uuid ORDER BY e.created_at DESC, e.id LIMIT $2`,
      params: [agencyId, Math.max(1, Math.min(200, Math.trunc(limit)))],
    },
  ]);
  return rows.map((r) => ({
    id: String(r.id),
    action: String(r.action),
    actorName: (r.actor_name as string | null) ?? null,
    targetType: String(r.target_type),
    data: (typeof r.data === "string" ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
    createdAt: new Date(r.created_at as string | Date),
  }));
}
