import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config";

type Messages = { [key: string]: string | Messages };

function load(locale: string): Messages {
  return JSON.parse(readFileSync(path.resolve(__dirname, "../../messages", `${locale}.json`), "utf8"));
}

/** Every leaf key as a dotted path, e.g. "signup.title". */
function leafKeys(messages: Messages, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

/** ICU placeholders such as {name} or {count, plural, …}, by argument name. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([a-zA-Z_]\w*)\s*(?:,|\})/g)].map((m) => m[1]))].sort();
}

function lookup(messages: Messages, dotted: string): string | Messages | undefined {
  return dotted
    .split(".")
    .reduce<string | Messages | undefined>(
      (node, part) => (typeof node === "object" ? node[part] : undefined),
      messages,
    );
}

describe("messages", () => {
  const all = Object.fromEntries(LOCALES.map((l) => [l, load(l)]));

  it("has a real catalogue, not an empty file", () => {
    const keys = leafKeys(all.en);
    expect(keys.length).toBeGreaterThan(100);
    expect(lookup(all.en, "signup.title")).toBe("Create your workspace");
    expect(lookup(all.ru, "signup.title")).toBe("Создайте пространство");
    expect(lookup(all.ru, "scorecard.emptyTitle")).toBe("KPI появятся, когда придут данные");
  });

  it("has identical key sets in every locale", () => {
    const reference = leafKeys(all.en).sort();
    for (const locale of LOCALES) {
      expect(leafKeys(all[locale]).sort(), `keys of ${locale}.json`).toEqual(reference);
    }
  });

  it("uses the same placeholders in every locale and leaves no message empty", () => {
    for (const key of leafKeys(all.en)) {
      const en = lookup(all.en, key) as string;
      for (const locale of LOCALES) {
        const text = lookup(all[locale], key);
        expect(typeof text, `${locale}:${key}`).toBe("string");
        expect((text as string).trim().length, `${locale}:${key} is empty`).toBeGreaterThan(0);
        expect(placeholders(text as string), `${locale}:${key}`).toEqual(placeholders(en));
      }
    }
  });
});
