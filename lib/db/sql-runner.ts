/**
 * The smallest interface both PGlite and node-postgres satisfy, for the migrator and for
 * the few hot paths that skip Prisma (API-key authentication, bulk ingestion).
 */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs several statements (no parameters), e.g. a migration file. */
  exec(text: string): Promise<void>;
}
