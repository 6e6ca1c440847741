import type { MetricUnit } from "./format";

/**
 * Whether a ratio is typed as a percent in forms (ROMI 400 %, conversion 20 %) rather than a
 * multiple (LTV:CAC 3 — unit MULTIPLE, from the catalog through catalogMap).
 */
export function entersAsPercent(unit: MetricUnit | undefined, _metricKey?: string): boolean {
  return unit === "RATIO";
}

/**
 * A number typed by a person ("1 234,5", "10000000", "20") → the API's Decimal string, or
 * null when it is not a number. Percent fields are divided by 100 in decimal arithmetic on the
 * string (no binary float drift: "30" → "0.3").
 */
export function parseDecimalInput(raw: string, asPercent = false): string | null {
  const cleaned = raw
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(",", ".")
    .replace(/%$/, "");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  if (!asPercent) return cleaned;
  const negative = cleaned.startsWith("-");
  const [int, frac = ""] = cleaned.replace("-", "").split(".");
  const padded = int.padStart(3, "0");
  const digits = `${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`.replace(/^0+(?=\d)/, "");
  const trimmed = digits.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  return `${negative ? "-" : ""}${trimmed}`;
}

/**
 * The API's Decimal → what a form shows (percent fields × 100), with the locale's decimal
 * separator ("233,33" in ru; parseDecimalInput reads both).
 */
export function toInputValue(value: string | null, asPercent = false, locale = "en"): string {
  if (value === null) return "";
  const shown = asPercent ? String(Math.round(Number(value) * 100 * 1e6) / 1e6) : value;
  return locale === "ru" ? shown.replace(".", ",") : shown;
}
