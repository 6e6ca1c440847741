// `npm run bench [name ...]`: runs the named benchmarks (default: all), each printing its
// figures and writing bench/results/<name>.json. Benchmarks measure; they never pass or fail
// a build. `npm run bench reliability` (bench/reliability.ts, issue 16) is heavy: two app
// instances on PostgreSQL, 64 connections for a minute, crash and backend-kill recovery.
import { readdirSync } from "node:fs";
import path from "node:path";

async function main() {
  const available = readdirSync(path.join(process.cwd(), "bench"))
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();
  const asked = process.argv.slice(2);
  const names = asked.length > 0 ? asked : available;
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0)
    throw new Error(`Unknown benchmark(s) ${unknown.join(", ")}; available: ${available.join(", ")}`);
  for (const name of names) {
    console.log(`\n━━ bench ${name}`);
    const mod = (await import(`./${name}.ts`)) as { run?: () => Promise<void> };
    if (typeof mod.run !== "function") throw new Error(`bench/${name}.ts must export run()`);
    await mod.run();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
