/**
 * Brand colours and WCAG 2.x contrast. A report's primary colour fills its header band and
 * section rules, with white text on it; it is accepted only when that text stays readable:
 * contrast ≥ 4.5 : 1 (WCAG AA for normal text). Pure.
 */
export const AA_NORMAL_TEXT = 4.5;

/** The text colour that sits on the primary colour in reports (header band, KPI status chips). */
export const TEXT_ON_PRIMARY = "#ffffff";

/** `#rgb` or `#rrggbb` (any case) → `#rrggbb` lower case; anything else → null. */
export function parseHexColor(value: string): string | null {
  const v = value.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return /^#[0-9a-f]{6}$/.test(v) ? v : null;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio between two `#rrggbb` colours, 1…21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
