import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `import "server-only"` on every server module of lib/ and graphql/ (ARCHITECTURE.md "Layers"):
 * a module is a server module when it imports something that only runs on a server — Node's
 * built-ins, the database (Prisma, pg, PGlite, lib/db, tenant transactions), mail, PDF, request
 * headers, Apollo — or another server module. Next then refuses to bundle it into a client
 * component. A module that takes the database or a tenant reader (even as a type: it does I/O
 * through it) is one.
 * Pure modules (formulas, formatters, catalogs) stay importable everywhere. Exempt: what
 * next.config.ts and proxy.ts load — Node reads next.config.ts itself, outside any bundle.
 */
const SERVER_SPECIFIERS = [
  /^node:/,
  /^(fs|path|crypto|os|stream|zlib|http|https|net|child_process|url|util|events|worker_threads)(\/|$)/,
  /^(pg|pg-boss|nodemailer|pdfkit|iconv-lite|@node-rs\/argon2|@electric-sql\/pglite|pglite-prisma-adapter|next-auth)(\/|$)/,
  /^@prisma\//,
  /^@apollo\//,
  /^@as-integrations\//,
  /^next\/headers$/,
  /^@\/generated\//,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return file === path.join("graphql", "client") ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [file] : [];
  });
}

/** Taking the database makes a module a server module, even through a type-only import. */
const DATABASE_SPECIFIERS = [
  /^@\/lib\/db\//,
  /^@\/generated\//,
  /^\.\.?\/(db\/)?client$/,
  /^@\/lib\/tenancy\/(read-as-tenant|with-tenant)$/,
  /^\.\/(read-as-tenant|with-tenant)$/,
];

function allImports(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm)].map((m) => m[1]);
}

/** Value imports only: `import type` and `export type` name nothing at run time. */
function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm))
    specifiers.push(m[1]);
  for (const m of source.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) specifiers.push(m[1]);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? specifier.slice(2)
    : specifier.startsWith(".")
      ? path.join(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return path.normalize(candidate);
    } catch {
      // not this one
    }
  }
  return null;
}

export function serverModulesWithoutMarker(): { server: string[]; unmarked: string[] } {
  const files = [...sourceFiles("lib"), ...sourceFiles("graphql")];
  const sources = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
  const imports = new Map(files.map((f) => [f, valueImports(sources.get(f) ?? "")]));
  const server = new Set(
    files.filter(
      (f) =>
        f.startsWith("graphql") ||
        (imports.get(f) ?? []).some((s) => SERVER_SPECIFIERS.some((r) => r.test(s))) ||
        (f.startsWith(path.join("lib", "db"))
          ? false
          : allImports(sources.get(f) ?? "").some((s) => DATABASE_SPECIFIERS.some((r) => r.test(s)))),
    ),
  );
  // Whatever imports a server module is one too (to a fixpoint).
  for (let changed = true; changed;) {
    changed = false;
    for (const f of files) {
      if (server.has(f)) continue;
      if ((imports.get(f) ?? []).some((s) => server.has(resolveLocal(f, s) ?? ""))) {
        server.add(f);
        changed = true;
      }
    }
  }
  for (const f of loadedOutsideBundles()) server.delete(f);
  // The schema's modules (graphql/types/*) are marked through graphql/builder.ts, which every one
  // of them imports (checked below): the marker works transitively, and those files are being
  // reshaped on another branch.
  const viaBuilder = (f: string) =>
    f.startsWith(path.join("graphql", "types")) &&
    (imports.get(f) ?? []).some((s) => /(^@\/graphql|\.\.)\/builder$/.test(s));
  const unmarked = [...server].filter((f) => !(imports.get(f) ?? []).includes("server-only") && !viaBuilder(f)).sort();
  return { server: [...server].sort(), unmarked };
}

/** lib/ modules reachable from next.config.ts and proxy.ts (value imports). */
function loadedOutsideBundles(): Set<string> {
  const seen = new Set<string>();
  const stack = ["next.config.ts", "proxy.ts"];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const s of valueImports(readFileSync(file, "utf8"))) {
      const local = resolveLocal(file, s);
      if (local) stack.push(local);
    }
  }
  return seen;
}

describe('import "server-only"', () => {
  it("marks every server module of lib/ and graphql/", () => {
    const { server, unmarked } = serverModulesWithoutMarker();
    expect(server.length).toBeGreaterThan(150);
    expect(server).toContain(path.join("lib", "db", "client.ts"));
    expect(unmarked).toEqual([]);
  });

  it("never marks what next.config.ts loads (Node reads it outside Next's bundles, where the marker throws)", () => {
    for (const f of loadedOutsideBundles()) {
      if (f.startsWith("lib")) expect(valueImports(readFileSync(f, "utf8")), f).not.toContain("server-only");
    }
  });

  it("leaves pure modules alone (the client components and the e2e specs import them)", () => {
    const { server } = serverModulesWithoutMarker();
    for (const pure of [
      "lib/i18n/format.ts",
      "lib/metrics/catalog.ts",
      "lib/metrics/measures.ts",
      "lib/csv/escape-cell.ts",
    ]) {
      expect(server).not.toContain(path.normalize(pure));
    }
  });
});
