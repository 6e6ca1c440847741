import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { getImportOrThrow, type ImportRecord } from "./import-record";
import { restoreImportFacts } from "./restore-import-facts";
import { recordImportEvent } from "./record-import-event";

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
    if (current.status !== "COMMITTED") throw AppError.badInput(["id"], `Only a committed import can be rolled back (this one is ${current.status.toLowerCase()})`);
    const { restored, deleted } = await restoreImportFacts(tx, { workspaceId, importId });
    const record = await tx.import.update({
      where: { workspaceId_id: { workspaceId, id: importId } },
      data: { status: "ROLLED_BACK", rolledBackAt: new Date(), rolledBackByUserId: actor.kind === "user" ? actor.userId : null, rowsDone: 0 },
    });
    await recordImportEvent(tx, record, "import.rolledBack", actor, { restoredFacts: restored, deletedFacts: deleted });
    return { ...record, restoredFacts: restored, deletedFacts: deleted };
  });
}
