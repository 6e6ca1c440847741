import { type Reason, reason } from "@/lib/i18n/reasons";
/**
 * Numbers as marketers' exports write them (SPEC §7): Russian `1 234 567,89` (spaces, NBSP or
 * narrow NBSP between groups, comma decimal), `1.234,56` (dot groups), English `1,234.56`, or
 * plain `1234.56`. The result is a canonical decimal string ("1234567.89"), never a float.
 *
 * A lone separator followed by exactly three digits ("1,234", "1.234") is ambiguous between a
 * thousands group and a decimal: the file's {@link NumberStyle} decides (see detectNumberStyle).
 */
export type NumberStyle = "ru" | "en";

/**
 * A parsed cell. `currency`: the ISO 4217 code of a currency mark the cell carried ("$1,234" →
 * USD, "1 234 ₽" → RUB, "€5" → EUR), absent when it had none. The mark is read, never
 * dropped: the import checks it against its currency (lib/csv/cell-currency.ts).
 */
export type ParsedNumber = { ok: true; value: string; currency?: string } | { ok: false; reason: Reason };

/** Space-like group separators: space, NBSP, narrow NBSP, thin space, figure space. */
const SPACES = /[ \u00a0\u202f\u2009\u2007]/g;
const HAS_SPACE = /[ \u00a0\u202f\u2009\u2007]/;
/** Currency marks a cell may carry before or after the figure, captured to be checked against the import's currency. */
const CURRENCY_BEFORE = /^(₽|руб\.?|р\.|rub|\$|€|usd|eur|£|gbp|₸|kzt|¥|cny)\s*/i;
const CURRENCY_AFTER = /\s*(₽|руб\.?|р\.|rub|\$|€|usd|eur|£|gbp|₸|kzt|¥|cny)$/i;
const MARK_CODES: Record<string, string> = {
  "₽": "RUB",
  руб: "RUB",
  "руб.": "RUB",
  "р.": "RUB",
  rub: "RUB",
  $: "USD",
  usd: "USD",
  "€": "EUR",
  eur: "EUR",
  "£": "GBP",
  gbp: "GBP",
  "₸": "KZT",
  kzt: "KZT",
  "¥": "CNY",
  cny: "CNY",
};
const MAX_INTEGER_DIGITS = 18;
const MAX_FRACTION_DIGITS = 10;

export function parseLocaleNumber(raw: string, style: NumberStyle = "ru"): ParsedNumber {
  const plain = parsePlainNumber(raw, style === "ru" ? COMMA : DOT);
  return plain !== null ? { ok: true, value: plain } : parseGeneralNumber(raw, style);
}

/** {@link parseLocaleNumber} without its fast path for plain cells (exported for the test that compares the two). */
export function parseGeneralNumber(raw: string, style: NumberStyle): ParsedNumber {
  let text = raw.trim();
  if (text === "") return { ok: false, reason: reason("EMPTY_CELL") };
  // One currency mark on either side ("1 234 ₽", "$1,234.50", "-$5"), read as its ISO code.
  let currency: string | undefined;
  let sign = "";
  if (/^[-\u2212+]/.test(text) && CURRENCY_BEFORE.test(text.slice(1).trim())) {
    sign = text[0];
    text = text.slice(1).trim();
  }
  for (const pattern of [CURRENCY_BEFORE, CURRENCY_AFTER]) {
    const m = pattern.exec(text);
    if (!m) continue;
    const code = MARK_CODES[m[1].toLowerCase()];
    if (currency !== undefined && code !== currency) return { ok: false, reason: reason("TWO_CURRENCY_MARKS") };
    currency = code;
    text = text.replace(pattern, "").trim();
  }
  text = sign + text;
  let negative = false;
  if (/^[-\u2212]/.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  } else if (text.startsWith("+")) {
    text = text.slice(1).trim();
  }
  if (text === "" || !/^[\d.,]/.test(text)) return { ok: false, reason: reason("NOT_A_NUMBER") };

  let integerPart: string;
  let fractionPart = "";
  if (HAS_SPACE.test(text)) {
    // Space groups: "1 234 567,89" / "1 234 567.89" — the separator after the groups is the decimal.
    const m = /^(\d{1,3}(?:[ \u00a0\u202f\u2009\u2007]\d{3})+)(?:[.,](\d+))?$/.exec(text);
    if (!m) return { ok: false, reason: reason("BAD_DIGIT_GROUPS") };
    integerPart = m[1].replace(SPACES, "");
    fractionPart = m[2] ?? "";
  } else {
    const commas = count(text, ",");
    const dots = count(text, ".");
    if (!/^[\d.,]+$/.test(text)) return { ok: false, reason: reason("NOT_A_NUMBER") };
    if (commas > 0 && dots > 0) {
      // Both: the last one is the decimal separator, the other groups thousands.
      const decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
      const group = decimal === "," ? "." : ",";
      if (count(text, decimal) !== 1) return { ok: false, reason: reason("TWO_DECIMAL_SEPARATORS") };
      const [intText, frac] = text.split(decimal);
      if (!isGrouped(intText, group)) return { ok: false, reason: reason("MISPLACED_GROUP_SEPARATOR") };
      integerPart = intText.split(group).join("");
      fractionPart = frac;
    } else if (commas + dots === 0) {
      integerPart = text;
    } else {
      const sep = commas > 0 ? "," : ".";
      const n = commas + dots;
      if (n > 1) {
        // "1,234,567" / "1.234.567": only groups.
        if (!isGrouped(text, sep)) return { ok: false, reason: reason("MISPLACED_GROUP_SEPARATOR") };
        integerPart = text.split(sep).join("");
      } else {
        const [intText, frac] = text.split(sep);
        const decimalOfStyle = style === "ru" ? "," : ".";
        const isGroup = frac.length === 3 && /^\d{1,3}$/.test(intText) && intText !== "0" && sep !== decimalOfStyle;
        if (isGroup) integerPart = intText + frac;
        else {
          integerPart = intText;
          fractionPart = frac;
        }
      }
    }
  }
  if (integerPart === "") integerPart = "0";
  if (!/^\d+$/.test(integerPart) || !/^\d*$/.test(fractionPart)) return { ok: false, reason: reason("NOT_A_NUMBER") };
  if (fractionPart.length > MAX_FRACTION_DIGITS)
    return { ok: false, reason: reason("TOO_MANY_DECIMALS", { max: MAX_FRACTION_DIGITS }) };
  const integer = integerPart.replace(/^0+(?=\d)/, "");
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, reason: reason("NUMBER_TOO_LARGE") };
  const fraction = fractionPart.replace(/0+$/, "");
  const body = fraction ? `${integer}.${fraction}` : integer;
  const value = negative && body !== "0" ? `-${body}` : body;
  return currency === undefined ? { ok: true, value } : { ok: true, value, currency };
}

const COMMA = 44;
const DOT = 46;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/**
 * The common cell in one scan, no regular expression: optional "-", digits, optionally the
 * style's decimal separator and digits — the one reading the full parser gives such a cell
 * (no group separator can be in it). Returns the canonical decimal, or null for anything else
 * (spaces, currency, groups, a leading "+", too many digits: the full parser decides those).
 */
function parsePlainNumber(text: string, decimal: number): string | null {
  const n = text.length;
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  const start = i;
  let c = 0;
  while (i < n && (c = text.charCodeAt(i)) >= ZERO && c <= NINE) i++;
  const integerEnd = i;
  if (integerEnd === start) return null;
  let fractionEnd = i;
  if (i < n) {
    if (c !== decimal) return null;
    i++;
    while (i < n && (c = text.charCodeAt(i)) >= ZERO && c <= NINE) i++;
    if (i < n || i === integerEnd + 1) return null;
    fractionEnd = i;
  }
  if (fractionEnd > integerEnd && fractionEnd - integerEnd - 1 > MAX_FRACTION_DIGITS) return null;
  let intStart = start;
  while (intStart < integerEnd - 1 && text.charCodeAt(intStart) === ZERO) intStart++;
  if (integerEnd - intStart > MAX_INTEGER_DIGITS) return null;
  let fracEnd = fractionEnd;
  while (fracEnd > integerEnd + 1 && text.charCodeAt(fracEnd - 1) === ZERO) fracEnd--;
  const integer = text.slice(intStart, integerEnd);
  const body = fracEnd > integerEnd + 1 ? `${integer}.${text.slice(integerEnd + 1, fracEnd)}` : integer;
  if (start === 0) return body;
  return body === "0" ? body : `-${body}`;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === ch) n++;
  return n;
}

/** "1.234.567" with "." → groups of exactly three after a 1–3 digit head. */
function isGrouped(text: string, sep: string): boolean {
  const parts = text.split(sep);
  return /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/**
 * Picks the number style of a file from sample cells: an unambiguous decimal comma
 * ("12,5", "1 234,56", "1.234,56") means ru; an unambiguous decimal point ("12.5",
 * "1,234.56") means en; otherwise the delimiter decides (";" and tab exports are Russian
 * spreadsheets' habit, "," means English).
 */
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T].*)?$/;

export function detectNumberStyle(samples: Iterable<string>, delimiter: string): NumberStyle {
  let ru = 0;
  let en = 0;
  for (const raw of samples) {
    const s = raw.trim();
    if (DATE_LIKE.test(s)) continue;
    if (/\d,\d{1,2}$|\d,\d{4,}$|\.\d{3},\d+$|\d[ \u00a0\u202f]\d{3},\d+$/.test(s)) ru++;
    else if (/\d\.\d{1,2}$|\d\.\d{4,}$|,\d{3}\.\d+$/.test(s)) en++;
  }
  if (ru !== en) return ru > en ? "ru" : "en";
  return delimiter === "," ? "en" : "ru";
}

/** Formats a canonical decimal the way a style writes it, for tests and sample files. */
export function formatLocaleNumber(
  value: string,
  style: NumberStyle,
  group: string = style === "ru" ? "\u00a0" : ",",
): string {
  const negative = value.startsWith("-");
  const [intPart, frac] = (negative ? value.slice(1) : value).split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const decimal = style === "ru" ? "," : ".";
  return `${negative ? "-" : ""}${grouped}${frac ? decimal + frac : ""}`;
}
