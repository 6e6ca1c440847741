/**
 * Runs once when a server instance starts: opens the database (migrating it) so the first
 * request does not pay for it, and seeds the demo workspace on a fresh database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./lib/db/client");
  const db = await getDatabase();
  const { seedDemoIfEmpty } = await import("./lib/demo/seed-demo");
  await seedDemoIfEmpty(db);
}
