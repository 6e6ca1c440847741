// First-load JS of a page, chunk by chunk (issue 6). `fetchFirstLoadJs` measures exactly as
// bench/web.ts does: every `<script src>` in the page's HTML, fetched from the server, gzipped
// at level 6. `printFirstLoadJs` adds which modules make up each chunk, read from Next's own
// bundle analyzer when its data exists (`npx next analyze -o` writes .next/diagnostics/analyze;
// that is a separate Turbopack run, so its chunk names differ from the served build's and a
// served chunk is matched to the analyzed chunk of the nearest size).
//
//   BENCH_WEB_ONLY_JS=1 BENCH_DURATION=5 npm run bench web   # breakdown only, no load test
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface ScriptSize {
  src: string;
  raw: number;
  gzip: number;
  /** `nomodule` scripts: only browsers without ES modules (none that Next 16 supports) run them. */
  noModule: boolean;
}

export async function fetchFirstLoadJs(html: string, base: string): Promise<ScriptSize[]> {
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  const seen = new Set<string>();
  const out: ScriptSize[] = [];
  for (const tag of tags) {
    const src = tag[1];
    if (seen.has(src)) continue;
    seen.add(src);
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    out.push({
      src,
      raw: body.length,
      gzip: gzipSync(body, { level: 6 }).length,
      noModule: /\snomodule/i.test(tag[0]),
    });
  }
  return out;
}

interface Part {
  source: string;
  size: number;
}

/** Analyzed client chunks of a route: file name → its modules by size (empty without analyzer data). */
export function analyzedChunks(route: string, cwd = process.cwd()): Map<string, { size: number; parts: Part[] }> {
  const chunks = new Map<string, { size: number; parts: Part[] }>();
  if (!existsSync(path.join(cwd, ".next", "diagnostics", "analyze"))) return chunks;
  const r = spawnSync("npx", ["next", "analyze", "export", "--route", route], {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) return chunks;
  for (const line of r.stdout.split("\n")) {
    if (!line.includes('"type":"part"') || !line.includes("/static/chunks/")) continue;
    const part = JSON.parse(line) as { filename: string; source_path: string; size: number };
    const name = path.basename(part.filename);
    const chunk = chunks.get(name) ?? { size: 0, parts: [] };
    chunk.size += part.size;
    chunk.parts.push({ source: part.source_path.replace("[project]/", ""), size: part.size });
    chunks.set(name, chunk);
  }
  for (const chunk of chunks.values()) chunk.parts.sort((a, b) => b.size - a.size);
  return chunks;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1).padStart(6);

/** Prints one line per script (largest first) with its top modules, and the totals. */
export function printFirstLoadJs(scripts: ScriptSize[], route: string, topModules = 8): void {
  const analyzed = analyzedChunks(route);
  const unmatched = [...analyzed.entries()];
  console.log(`first-load JS of ${route}: ${scripts.length} scripts (raw KiB / gzip KiB)`);
  for (const s of [...scripts].sort((a, b) => b.gzip - a.gzip)) {
    const name = path.basename(s.src.split("?")[0]);
    console.log(`${kib(s.raw)} ${kib(s.gzip)}  ${name}${s.noModule ? "  (nomodule)" : ""}`);
    // The analyzer's chunk of the same name, else the one nearest in size (within 3 %).
    let best = unmatched.findIndex(([n]) => n === name);
    if (best < 0) {
      let gap = Infinity;
      unmatched.forEach(([, c], i) => {
        const d = Math.abs(c.size - s.raw);
        if (d < gap && d <= s.raw * 0.03) [gap, best] = [d, i];
      });
    }
    if (best < 0) continue;
    const [, chunk] = unmatched.splice(best, 1)[0];
    for (const p of chunk.parts.slice(0, topModules)) console.log(`         ${kib(p.size)}  ${p.source}`);
    if (chunk.parts.length > topModules)
      console.log(`                 … ${chunk.parts.length - topModules} more modules`);
  }
  const sum = (pick: (s: ScriptSize) => number, list = scripts) => list.reduce((t, s) => t + pick(s), 0);
  const modules = scripts.filter((s) => !s.noModule);
  console.log(
    `total: ${kib(sum((s) => s.raw))} raw, ${kib(sum((s) => s.gzip))} gzip KiB over ${scripts.length} scripts`,
  );
  console.log(
    `  of which module scripts (what a current browser downloads): ${kib(sum((s) => s.gzip, modules))} gzip KiB over ${modules.length}`,
  );
  if (analyzed.size === 0)
    console.log("(module lists: run `npx next analyze -o` after the build to see what is in each chunk)");
}
