import "server-only";
/**
 * @deprecated Moved to lib/data-version/data-version-cache.ts (the cache is per workspace data
 * version, not per scorecard). Kept only so graphql/types/metrics.ts — being split on another
 * branch — compiles unchanged; delete when that branch is merged and imports the new path.
 */
export { createVersionedCache, DATA_VERSION_SQL, readDataVersion, type VersionedCache } from "@/lib/data-version/data-version-cache";
