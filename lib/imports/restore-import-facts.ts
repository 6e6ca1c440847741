import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";

/**
 * Undoes an import's writes inside the caller's tenant transaction:
 *
 * 1. facts it updated and that still carry its batch id get back the exact value and batch
 *    id the journal recorded (the version the upsert replaced);
 * 2. facts it inserted (its batch id, no journal row) are deleted.
 *
 * A fact changed again since (by a later import or push) carries another batch id and is left
 * alone: rolling back an older import never undoes newer data. The rollup triggers keep the
 * daily and channel totals in step within the same statements.
 */
export async function restoreImportFacts(
  tx: Tx,
  { workspaceId, importId }: { workspaceId: string; importId: string },
): Promise<{ restored: number; deleted: number }> {
  const restored = await tx.$executeRawUnsafe(
    `UPDATE metric_facts f
        SET value = c.previous_value, import_batch_id = c.previous_batch_id, updated_at = now()
       FROM import_fact_changes c
      WHERE c.workspace_id = $1::uuid AND c.import_id = $2::uuid
        AND f.workspace_id = c.workspace_id AND f.date = c.date AND f.channel = c.channel
        AND f.campaign = c.campaign AND f.measure = c.measure AND f.import_batch_id = $2::uuid`,
    workspaceId,
    importId,
  );
  // After the update, a fact still stamped with the import can only be one it inserted.
  const deleted = await tx.$executeRawUnsafe(
    `DELETE FROM metric_facts WHERE workspace_id = $1::uuid AND import_batch_id = $2::uuid`,
    workspaceId,
    importId,
  );
  await tx.$executeRawUnsafe(
    `DELETE FROM import_chunks WHERE workspace_id = $1::uuid AND import_id = $2::uuid`,
    workspaceId,
    importId,
  );
  return { restored, deleted };
}
