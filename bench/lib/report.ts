import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Percentile of a sample (nearest-rank); NaN-free: an empty sample gives null. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samplesMs: number[]): {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
} {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null;
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
  };
}

export function round(value: number | null | undefined, digits = 2): number | null {
  return value === null || value === undefined ? null : Number(value.toFixed(digits));
}

/** Writes bench/results/<name>.json with the machine it ran on, and prints it. */
export function writeResult(name: string, result: Record<string, unknown>): string {
  const dir = path.join(process.cwd(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const payload = {
    bench: name,
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    },
    ...result,
  };
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  console.log(JSON.stringify(payload, null, 2));
  console.log(`wrote ${file}`);
  return file;
}
