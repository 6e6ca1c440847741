import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { REASON_TEXTS } from "@/lib/i18n/reasons";
import { USER_ERRORS, renderReason } from "./user-errors";

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)/g)].map((m) => m[1]))].sort();
const texts = { en: en.apiErrors as Record<string, string>, ru: ru.apiErrors as Record<string, string> };

/** Every source file of the app (not tests, not generated code). */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe("user error reasons (lib/errors/user-errors.ts)", () => {
  it("every registered code has an en and a ru text with the registered placeholders", () => {
    const codes = Object.keys(USER_ERRORS);
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) {
      const declared = [...USER_ERRORS[code as keyof typeof USER_ERRORS]].sort();
      expect(texts.en[code], `${code} has no en text`).toBeTypeOf("string");
      expect(texts.ru[code], `${code} has no ru text`).toBeTypeOf("string");
      expect(placeholders(texts.en[code]), `${code} en placeholders`).toEqual(declared);
      expect(placeholders(texts.ru[code]), `${code} ru placeholders`).toEqual(declared);
      expect(texts.ru[code], `${code} ru is Russian`).toMatch(/[а-яё]/i);
    }
  });

  it("every text renders in both languages (valid message syntax, every placeholder filled)", () => {
    for (const [code, names] of Object.entries(USER_ERRORS)) {
      const params = Object.fromEntries(names.map((n) => [n, 7]));
      for (const locale of ["en", "ru"] as const) {
        const text = renderReason({ code: code as keyof typeof USER_ERRORS, params }, locale);
        expect(text, `${code} (${locale})`).not.toMatch(/apiErrors|\{|\}/);
        expect(text.length, `${code} (${locale})`).toBeGreaterThan(3);
      }
    }
  });

  it("messages hold no text for a code that is not registered (no orphans)", () => {
    for (const locale of ["en", "ru"] as const) {
      for (const code of Object.keys(texts[locale]))
        expect(Object.hasOwn(USER_ERRORS, code), `${locale}: ${code}`).toBe(true);
    }
  });

  it("every code thrown in the sources is registered (with its texts) or an import reason", () => {
    // Codes reach errors through these calls; a literal first/second argument is the code.
    const call =
      /(?:AppError\.badInput\([^,]+,\s*|AppError\.input\(|fieldError\([^,]+,\s*|\bue\(|userReason\()"([A-Z][A-Z0-9_]+)"/g;
    const seen = new Set<string>();
    for (const file of [...sourceFiles("lib"), ...sourceFiles("graphql"), ...sourceFiles("app")]) {
      for (const match of readFileSync(file, "utf8").matchAll(call)) {
        seen.add(match[1]);
        const known = Object.hasOwn(USER_ERRORS, match[1]) || Object.hasOwn(REASON_TEXTS, match[1]);
        expect(known, `${file}: ${match[1]} is thrown but has no ru/en text`).toBe(true);
      }
    }
    // The scan must have found the thrown codes, or it checked nothing.
    expect(seen.size).toBeGreaterThan(60);
  });

  it("renders in the reader's language with locale-formatted numbers", () => {
    expect(renderReason({ code: "TOO_LONG", params: { max: 2000 } }, "en")).toBe("must be at most 2,000 characters");
    expect(renderReason({ code: "TOO_LONG", params: { max: 2000 } }, "ru")).toBe("не длиннее 2\u00a0000 симв.");
    expect(renderReason({ code: "LOW_CONTRAST", params: { ratio: 1.47, min: 4.5 } }, "ru")).toBe(
      "Контраст белого текста на этом цвете 1,47:1, а по WCAG AA нужно не меньше 4,5:1 — выберите цвет темнее",
    );
    expect(renderReason({ code: "NOT_AN_ID", params: { kind: { en: "schedule", ru: "расписание" } } }, "ru")).toBe(
      "это не идентификатор (расписание)",
    );
    // Import reasons travel the same way.
    expect(renderReason({ code: "NOT_A_NUMBER" }, "ru")).toBe("это не число");
  });
});
