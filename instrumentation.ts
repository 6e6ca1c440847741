/**
 * Runs once when a server instance starts: stamps requests with their socket address
 * (lib/http/client-address.ts), opens the database (migrating it) so the first
 * request does not pay for it, seeds the demo workspace on a fresh database, and starts the
 * import worker, which resumes imports a restart interrupted, alert evaluation on change with the
 * webhook dispatcher, and the one scheduler of periodic tasks (scheduled report deliveries, the
 * alerts' morning evaluation and digests).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request is served: per-IP throttles read the socket address this stamps.
  const { installPeerAddressHeader } = await import("./lib/http/client-address");
  installPeerAddressHeader();
  const { getDatabase } = await import("./lib/db/client");
  const db = await getDatabase();
  const { seedDemoIfEmpty } = await import("./lib/demo/seed-demo");
  await seedDemoIfEmpty(db);
  const { importWorkerFor } = await import("./lib/jobs/import-worker");
  await importWorkerFor(db);
  // Alerts (SPEC §8a): evaluation after data changes and webhook deliveries.
  const { startAlertScheduler } = await import("./lib/alerts/alert-schedule");
  startAlertScheduler(db);
  // Periodic tasks: scheduled report deliveries, the alerts' morning evaluation and digests.
  const { schedulerFor } = await import("./lib/jobs/app-scheduler");
  await schedulerFor(db);
}
