/**
 * Whether a database error is a unique-constraint violation: Prisma's P2002, or SQLSTATE
 * 23505 from raw SQL through either driver adapter.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "P2002" || code === "23505") return true;
    const kind = (e as { meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } }).meta
      ?.driverAdapterError?.cause;
    if (kind?.kind === "UniqueConstraintViolation" || kind?.originalCode === "23505") return true;
  }
  return false;
}
