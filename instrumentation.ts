/**
 * Runs once when a server instance starts: opens the database (migrating it) so the first
 * request does not pay for it, seeds the demo workspace on a fresh database, and starts the
 * import worker, which resumes imports a restart interrupted, and the scheduler of periodic
 * tasks (scheduled report deliveries).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./lib/db/client");
  const db = await getDatabase();
  const { seedDemoIfEmpty } = await import("./lib/demo/seed-demo");
  await seedDemoIfEmpty(db);
  const { importWorkerFor } = await import("./lib/jobs/import-worker");
  await importWorkerFor(db);
  // Scheduled report deliveries (and, once merged, other periodic tasks).
  const { schedulerFor } = await import("./lib/jobs/app-scheduler");
  await schedulerFor(db);
}
