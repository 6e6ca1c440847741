import type { Page } from "@playwright/test";
import { BASE_MEASURE_KEYS } from "../../lib/metrics/measures";
import { METRIC_KEYS } from "../../lib/metrics/metric-keys";

/**
 * What a person must never read on a page (SPEC §10): developer identifiers — metric and KPI
 * keys, reason codes, scope strings, UUIDs, JSON — and, on a Russian page, English words
 * beyond the abbreviations marketers use in Russian too.
 *
 * The scan reads the page's rendered text (innerText: what is on screen, closed <details>
 * and inputs' values excluded) after removing the places where keys are the point: code
 * samples (<code>, <pre>, <kbd>) and elements marked `data-identifiers` (the formula editor,
 * the API example). A page whose text is empty is itself a finding: nothing was checked.
 */

/** Latin words a Russian page may contain: abbreviations, product and format names. */
export const RU_LATIN_ALLOWLIST: ReadonlySet<string> = new Set(
  [
    "CTR",
    "CPC",
    "CPL",
    "CPM",
    "CAC",
    "LTV",
    "ROMI",
    "ROI",
    "NPS",
    "KPI",
    "KPIs",
    "API",
    "CSV",
    "PDF",
    "SMM",
    "CMO",
    "URL",
    "UTC",
    "GMT",
    "GraphQL",
    "Throughline",
    "e-mail",
    "email",
    "Email",
    "E-mail",
    "Performance",
    "RUB",
    "USD",
    "EUR",
    "GBP",
    "KZT",
    "BYN",
    "UAH",
    "CNY",
    "TRY",
    "AED",
    "CHF",
    "JPY",
    "ID",
    "XLSX",
    "Google",
    "Yandex",
    "VK",
    "Telegram",
    "SEO",
    "CRM",
    "B2B",
    "B2C",
    "UTM",
    "Ads",
    "en",
    "ru",
    "English",
    "Windows-1251",
    "UTF-8",
    "myTarget",
    "Meta",
    "YouTube",
    "Telegram",
    "Tab",
    // Browsers and systems a session list names; image formats a logo upload names.
    "Chrome",
    "Firefox",
    "Safari",
    "Edge",
    "Windows",
    "macOS",
    "Linux",
    "Android",
    "iOS",
    "PNG",
    "JPEG",
    "WebP",
    "SVG",
  ].map((w) => w.toLowerCase()),
);

export interface ScanFinding {
  kind: string;
  text: string;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const JSON_LIKE = /[{[]\s*"[^"]+"\s*:|"\w+"\s*:\s*["{[\d]/g;
const SCOPE = /\b(?:read|write|admin):[a-z_]+\b/g;
const REASON_CODE = /\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b/g;
const SNAKE_CASE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
/** `company.revenue`, `cmo.pipeline_value`, `metricSettings.updated` (not e-mail domains or "3.5"). */
const DOTTED_KEY = /(?<![@\w.-])[a-z][A-Za-z]*\.[a-z][a-z_]*[a-z](?![\w@.-]*\.[a-z]{2,}\b)/g;
/** Catalog keys that are abbreviations: in a sentence a person reads them in capitals. */
const LOWERCASE_ABBREVIATION = /\b(?:ctr|cpc|cpm|cpl|cac|ltv|romi|roi|nps)\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([...METRIC_KEYS, ...BASE_MEASURE_KEYS]);

/** Findings in one page's text; `extraAllowed` holds words the test itself typed (names, e-mails). */
export function scanText(text: string, locale: "ru" | "en", extraAllowed: readonly string[] = []): ScanFinding[] {
  const findings: ScanFinding[] = [];
  let rest = text.replace(EMAIL, " ");
  // The person's own words become a neutral mark (not a gap: "«Acme»" must not read as "«»").
  for (const allowed of extraAllowed) rest = rest.split(allowed).join("§");
  // Each identifier is reported once, by its most telling kind, then cut out of the text.
  const add = (kind: string, re: RegExp) => {
    for (const m of rest.match(re) ?? []) findings.push({ kind, text: m });
    rest = rest.replace(re, " ");
  };
  // A sentence whose name went missing ("created the workspace «»") is as unreadable as a key.
  add("empty name", /«\s*»|“\s*”|"\s*"/g);
  add("uuid", UUID);
  add("json", JSON_LIKE);
  add("scope string", SCOPE);
  add("reason code", REASON_CODE);
  add("snake_case key", SNAKE_CASE);
  add("dotted key", DOTTED_KEY);
  add("lowercase metric key", LOWERCASE_ABBREVIATION);
  const knownKeys: string[] = [];
  for (const word of rest.match(/[A-Za-z][A-Za-z_]*/g) ?? []) {
    if (KNOWN_KEYS.has(word) && locale === "ru") knownKeys.push(word);
  }
  for (const word of knownKeys) findings.push({ kind: "metric key", text: word });
  if (knownKeys.length > 0) rest = rest.replace(new RegExp(`\\b(?:${knownKeys.join("|")})\\b`, "g"), " ");
  if (locale === "ru") {
    // Latin words (2+ letters; hyphenated ones like e-mail count as one word).
    for (const word of rest.match(/[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/g) ?? []) {
      if (word.length < 2) continue;
      if (/^[A-Z0-9-]+$/.test(word) && word.length <= 5) continue; // abbreviations and codes such as "Q1", "ISO"
      if (RU_LATIN_ALLOWLIST.has(word.toLowerCase())) continue;
      findings.push({ kind: "English word on a Russian page", text: word });
    }
  }
  return findings;
}

/** The page's visible text without code samples and elements that show keys on purpose. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll("code, pre, kbd, script, style, template, [data-identifiers], [hidden]"))
      el.remove();
    // innerText of a detached clone ignores layout; attach it off-screen so hidden parts stay hidden.
    body.style.position = "absolute";
    body.style.left = "-100000px";
    const host = document.createElement("div");
    host.appendChild(body);
    document.documentElement.appendChild(host);
    const text = body.innerText;
    host.remove();
    return `${document.title}\n${text}`;
  });
}
