import "server-only";
import type { Database } from "@/lib/db/client";
import { tenantReader } from "@/lib/tenancy/read-as-tenant";

/**
 * Loaded scorecard contexts, reused while the workspace's data has not changed.
 *
 * Every transaction that writes to a table a scorecard reads (facts, KPIs, targets,
 * annotations, metric settings, custom measures and metrics) adds one row to
 * `workspace_data_changes` — lock-free, so parallel writers never wait for each other — and the
 * version is their sum (migration 20261126000900). A reader asks
 * for the version first and only then loads the data, so an entry stored under version v holds
 * data at least as new as v: a hit is exact, a write anywhere is a miss on the next read, on
 * every server process. Entries are immutable (callers never mutate a loaded context) and the
 * cache is a small LRU per process.
 */
export interface VersionedCache<T> {
  /**
   * The cached value for `key` at the workspace's current data version, or a fresh `load()`.
   * `version`: the version the caller already read for this request (read-only requests only).
   */
  get(db: Database, workspaceId: string, key: string, load: () => Promise<T>, version?: Promise<string>): Promise<T>;
  /** Entries held for one database (for tests and the bench). */
  size(db: Database): number;
  clear(): void;
}

export const DATA_VERSION_SQL =
  "SELECT coalesce(sum(weight), 0)::text AS version FROM workspace_data_changes WHERE workspace_id = $1::uuid";

/** The workspace's data version as a string ("0" before its first write). One round trip. */
export async function readDataVersion(db: Database, workspaceId: string): Promise<string> {
  const [rows] = await tenantReader(db, workspaceId)([{ text: DATA_VERSION_SQL, params: [workspaceId] }]);
  return (rows[0]?.version as string | undefined) ?? "0";
}

export function createVersionedCache<T>(maxEntries: number): VersionedCache<T> {
  // Per database (tests open several), a Map of promises: concurrent misses share one load.
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  let byDb = new WeakMap<Database, Map<string, Promise<T>>>();
  return {
    async get(db, workspaceId, key, load, known) {
      const version = await (known ?? readDataVersion(db, workspaceId));
      const fullKey = `${workspaceId}|${version}|${key}`;
      let entries = byDb.get(db);
      if (!entries) byDb.set(db, (entries = new Map()));
      const hit = entries.get(fullKey);
      if (hit !== undefined) {
        entries.delete(fullKey);
        entries.set(fullKey, hit);
        return hit;
      }
      const loading = load();
      entries.set(fullKey, loading);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      // A failed load is not remembered.
      loading.catch(() => {
        if (entries.get(fullKey) === loading) entries.delete(fullKey);
      });
      return loading;
    },
    size: (db) => byDb.get(db)?.size ?? 0,
    clear: () => {
      byDb = new WeakMap();
    },
  };
}
