/**
 * The smallest interface both PGlite and node-postgres satisfy, for the migrator and for
 * the few hot paths that skip Prisma (API-key authentication, bulk ingestion).
 */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs several statements (no parameters), e.g. a migration file. */
  exec(text: string): Promise<void>;
  /**
   * Runs several statements in one round trip (simple protocol, no parameters) and returns
   * the rows of each. Callers must only splice in values they have validated.
   */
  execMany<Row = Record<string, unknown>>(text: string): Promise<Row[][]>;
}
