import "server-only";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { type Tx, withTenant } from "@/lib/tenancy/with-tenant";
import { getImportOrThrow, type ImportRecord } from "./import-record";
import { restoreImportFacts } from "./restore-import-facts";
import { recordImportEvent } from "./record-import-event";
import { importStatusWord } from "@/lib/errors/error-words";

/**
 * Rolls a committed import back in ONE transaction: every fact it changed gets back the exact
 * value it replaced, every fact it inserted is deleted (see restoreImportFacts for facts
 * changed again since). Rolling back twice is refused.
 */
export async function rollbackImport(
  db: Database,
  { workspaceId, importId, actor }: { workspaceId: string; importId: string; actor: Actor },
): Promise<ImportRecord & { restoredFacts: number; deletedFacts: number }> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const current = await getImportOrThrow(tx, { workspaceId, importId, lock: true });
    if (current.status !== "COMMITTED")
      throw AppError.badInput(["id"], "ONLY_COMMITTED_ROLLBACK", { status: importStatusWord(current.status) });
    const { restored, deleted } = await restoreImportFacts(tx, { workspaceId, importId });
    const withdrawnTargets =
      current.source === "demo" ? await withdrawDemoTargets(tx, { workspaceId, record: current, actor }) : 0;
    const record = await tx.import.update({
      where: { workspaceId_id: { workspaceId, id: importId } },
      data: {
        status: "ROLLED_BACK",
        rolledBackAt: new Date(),
        rolledBackByUserId: actor.kind === "user" ? actor.userId : null,
        rowsDone: 0,
      },
    });
    await recordImportEvent(tx, record, "import.rolledBack", actor, {
      restoredFacts: restored,
      deletedFacts: deleted,
      withdrawnTargets,
    });
    return { ...record, restoredFacts: restored, deletedFacts: deleted };
  });
}

/**
 * A demo import's rollback also withdraws the targets the demo set (SPEC §7, issue 11): for
 * each KPI and period whose CURRENT target is still the demo's version, a new version without
 * a value (target history is append-only). A target someone set since — or before — is left
 * exactly as it is.
 */
async function withdrawDemoTargets(
  tx: Tx,
  { workspaceId, record, actor }: { workspaceId: string; record: ImportRecord; actor: Actor },
): Promise<number> {
  const ids = (record.report as { targetVersionIds?: unknown } | null)?.targetVersionIds;
  if (!Array.isArray(ids) || ids.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `INSERT INTO kpi_target_versions (workspace_id, kpi_id, period_from, period_to, value, source, actor_user_id, actor_api_key_id)
     SELECT workspace_id, kpi_id, period_from, period_to, NULL, 'manual', $3::uuid, $4::uuid FROM (
       SELECT DISTINCT ON (v.kpi_id, v.period_from, v.period_to) v.*
         FROM kpi_target_versions v
        WHERE v.workspace_id = $1::uuid
          AND (v.kpi_id, v.period_from, v.period_to) IN (SELECT kpi_id, period_from, period_to FROM kpi_target_versions WHERE workspace_id = $1::uuid AND id = ANY($2::uuid[]))
        ORDER BY v.kpi_id, v.period_from, v.period_to, v.effective_from DESC) current
      WHERE id = ANY($2::uuid[]) AND value IS NOT NULL`,
    workspaceId,
    ids.map(String),
    actor.kind === "user" ? actor.userId : null,
    actor.kind === "apiKey" ? actor.apiKeyId : null,
  );
}
