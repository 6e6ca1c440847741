// Generates the Prisma client offline. Prisma's CLI wants to download its native schema
// engine even for `generate`, which needs none of it: pointing PRISMA_SCHEMA_ENGINE_BINARY at
// any existing file and disabling the update check keeps it off the network (STACK-NOTES.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync("/bin/true") ? "/bin/true" : process.execPath),
};
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
