import { defineConfig } from "prisma/config";

/**
 * Prisma is used for the typed client only. Migrations are plain SQL files under
 * prisma/migrations, applied by lib/db/migrate.ts on both PGlite and PostgreSQL
 * (the native schema engine cannot be downloaded on our machines; see ARCHITECTURE.md).
 */
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
});
