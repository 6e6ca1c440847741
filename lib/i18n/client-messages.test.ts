import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { CLIENT_NAMESPACES, pickMessages } from "./client-messages";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "node_modules" ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [file] : [];
  });
}

/** Namespaces that "use client" modules read, e.g. `useTranslations("tree.owners")`. */
function clientNamespaces(): Set<string> {
  const used = new Set<string>();
  for (const file of ["app", "components", "lib"].flatMap((d) => sourceFiles(path.join(ROOT, d)))) {
    const source = readFileSync(file, "utf8");
    if (!/^\s*["']use client["']/.test(source)) continue;
    expect(source, `${path.relative(ROOT, file)}: useTranslations needs a literal namespace`).not.toMatch(/useTranslations\((?!["'])/);
    for (const m of source.matchAll(/useTranslations\(["']([^"']+)["']\)/g)) used.add(m[1]);
  }
  return used;
}

describe("client messages", () => {
  it("lists exactly the namespaces client components use", () => {
    expect([...clientNamespaces()].sort()).toEqual([...CLIENT_NAMESPACES].sort());
  });

  it("picks nested namespaces and leaves the rest out", () => {
    const picked = pickMessages(en);
    expect(Object.keys(picked).sort()).toEqual([...new Set(CLIENT_NAMESPACES.map((n) => n.split(".")[0]))].sort());
    expect(picked.tree).toEqual({ owners: en.tree.owners });
    expect(picked.common).toEqual(en.common);
    expect(picked).not.toHaveProperty("scorecard");
  });
});
