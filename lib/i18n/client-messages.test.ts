import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { CLIENT_NAMESPACES, pickMessages, SHELL_NAMESPACES } from "./client-messages";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "node_modules" ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

const FILES = ["app", "components", "lib", "graphql"].flatMap((d) => sourceFiles(path.join(ROOT, d)));
const SOURCE = new Map(FILES.map((f) => [f, readFileSync(f, "utf8")]));
const isClient = (file: string) => /^\s*["']use client["']/.test(SOURCE.get(file) ?? "");

/** Namespaces a file reads with `useTranslations("…")` (client files must use literals). */
function namespacesOf(file: string): string[] {
  const source = SOURCE.get(file) ?? "";
  expect(source, `${path.relative(ROOT, file)}: useTranslations needs a literal namespace`).not.toMatch(
    /useTranslations\((?!["'])/,
  );
  return [...source.matchAll(/useTranslations\(["']([^"']+)["']\)/g)].map((m) => m[1]);
}

/** The project files a file imports ("@/…" and relative specifiers; packages are skipped). */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const m of (SOURCE.get(file) ?? "").matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
    const spec = m[1];
    const base = spec.startsWith("@/")
      ? path.join(ROOT, spec.slice(2))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(file), spec)
        : null;
    if (!base || spec.startsWith("@/generated/")) continue;
    const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")].find(
      (c) => SOURCE.has(c),
    );
    if (found) out.push(found);
    else if (!existsSync(base) && !existsSync(`${base}.d.ts`) && !/\.(css|json)$/.test(spec))
      throw new Error(`${path.relative(ROOT, file)}: cannot resolve ${spec}`);
  }
  return out;
}

/** Namespaces a page or layout hands to its client components with <ClientMessages namespaces={[…]}>. */
function providedBy(file: string): string[] {
  const source = SOURCE.get(file) ?? "";
  return [...source.matchAll(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/g)].flatMap((m) =>
    [...m[1].matchAll(/["']([^"']+)["']/g)].map((n) => n[1]),
  );
}

/** The client files reachable from an entry through imports, with the namespaces they use. */
function clientNeeds(entry: string): Map<string, string[]> {
  const seen = new Set<string>();
  const needs = new Map<string, string[]>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (isClient(file)) needs.set(file, namespacesOf(file));
    stack.push(...importsOf(file));
  }
  return needs;
}

/** app/…/page.tsx and every special file Next renders, with the layouts above it. */
const ENTRIES = FILES.filter(
  (f) => f.startsWith(path.join(ROOT, "app")) && /\/(page|layout|error|not-found|loading)\.tsx$/.test(f),
);

function ancestorLayouts(entry: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(entry); dir.startsWith(path.join(ROOT, "app")); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (SOURCE.has(layout) && layout !== entry) out.push(layout);
  }
  return out;
}

describe("client messages", () => {
  it("reads the whole app: pages, layouts and client components", () => {
    expect(ENTRIES.filter((f) => f.endsWith("/page.tsx")).length, "pages found").toBeGreaterThanOrEqual(20);
    expect(FILES.filter(isClient).length, "client files found").toBeGreaterThanOrEqual(20);
  });

  it("lists exactly the namespaces client components use", () => {
    const used = new Set(FILES.filter(isClient).flatMap(namespacesOf));
    expect([...used].sort()).toEqual([...CLIENT_NAMESPACES].sort());
  });

  it("gives every page the namespaces of the client components it renders", () => {
    const missing = new Set<string>();
    let checked = 0;
    for (const entry of ENTRIES) {
      const provided = new Set<string>([
        ...SHELL_NAMESPACES,
        ...[entry, ...ancestorLayouts(entry)].flatMap(providedBy),
      ]);
      for (const [client, namespaces] of clientNeeds(entry)) {
        checked++;
        for (const ns of namespaces) {
          if (!provided.has(ns))
            missing.add(`${path.relative(ROOT, entry)} renders ${path.relative(ROOT, client)}, which needs "${ns}"`);
        }
      }
    }
    expect(checked, "client components reached from the pages").toBeGreaterThanOrEqual(20);
    expect([...missing]).toEqual([]);
  });

  it("sends the scorecard page nothing beyond the shell's namespaces", () => {
    const entry = path.join(ROOT, "app/(app)/w/[workspaceSlug]/scorecards/[scorecard]/page.tsx");
    expect(providedBy(entry)).toEqual([]);
    expect(
      [...clientNeeds(entry).values()].flat().filter((ns) => !(SHELL_NAMESPACES as readonly string[]).includes(ns)),
    ).toEqual([]);
  });

  it("picks nested namespaces and leaves the rest out", () => {
    const picked = pickMessages(en, ["common", "tree.owners"]);
    expect(Object.keys(picked).sort()).toEqual(["common", "tree"]);
    expect(picked.tree).toEqual({ owners: en.tree.owners });
    expect(picked.common).toEqual(en.common);
    expect(picked).not.toHaveProperty("scorecard");
    expect(Object.keys(pickMessages(en)).sort()).toEqual([...SHELL_NAMESPACES].sort());
  });
});
