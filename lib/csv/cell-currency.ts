import { type Reason, reason } from "@/lib/i18n/reasons";
import { Decimal } from "@/lib/metrics/decimal";

/**
 * The currencies of one import (SPEC §7): the workspace's reporting currency, the currency
 * the file's money is in, and — when they differ — the rate of one unit of the import
 * currency in the reporting currency (exact decimal, > 0).
 */
export interface ImportCurrency {
  reporting: string;
  import: string;
  /** Canonical decimal string; null when import === reporting. */
  rate: string | null;
}

/** Values keep at most this many decimals after conversion (the facts' limit), rounded half-even. */
const MAX_FRACTION_DIGITS = 10;

export type CellCurrencyResult =
  | { ok: true; value: string }
  | { ok: false; code: "CURRENCY_MISMATCH" | "NO_RATE" | "UNKNOWN_CURRENCY"; reason: Reason };

/**
 * Brings one parsed cell into the reporting currency. The cell's money is in, in order: the
 * currency its mark names ("$1,234" → USD), else the row's currency column, else the import's
 * currency. A mark that disagrees with the row's currency column is an error; money in the
 * reporting currency is kept as it is; money in the import currency is multiplied by the
 * import's rate (exact); any other currency has no rate and is an error — never relabelled.
 * A currency mark on a measure that is not money (clicks, leads) is an error too. Pure.
 */
export function convertCell(input: {
  value: string;
  /** ISO code of the cell's currency mark, if it had one. */
  mark: string | undefined;
  /** The row's currency column, trimmed (null: no currency column). */
  column: string | null;
  money: boolean;
  currency: ImportCurrency;
}): CellCurrencyResult {
  const { value, mark, money, currency } = input;
  if (!money) {
    return mark === undefined
      ? { ok: true, value }
      : { ok: false, code: "CURRENCY_MISMATCH", reason: reason("MARK_ON_NON_MONEY", { mark }) };
  }
  let columnCode: string | null = null;
  if (input.column !== null && input.column !== "") {
    columnCode = input.column.toUpperCase();
    if (!isCurrencyCode(columnCode))
      return { ok: false, code: "UNKNOWN_CURRENCY", reason: reason("UNKNOWN_CURRENCY", { currency: input.column }) };
    if (mark !== undefined && mark !== columnCode) {
      return {
        ok: false,
        code: "CURRENCY_MISMATCH",
        reason: reason("MARK_DISAGREES_WITH_COLUMN", { mark, column: columnCode }),
      };
    }
  }
  const code = mark ?? columnCode ?? currency.import;
  if (code === currency.reporting) return { ok: true, value };
  if (code === currency.import && currency.rate !== null) {
    const converted = new Decimal(value)
      .times(currency.rate)
      .toDecimalPlaces(MAX_FRACTION_DIGITS, Decimal.ROUND_HALF_EVEN);
    return { ok: true, value: converted.toFixed() };
  }
  return {
    ok: false,
    code: mark !== undefined && columnCode === null ? "CURRENCY_MISMATCH" : "NO_RATE",
    reason:
      mark !== undefined && columnCode === null
        ? reason("CELL_CURRENCY_WITHOUT_RATE", { code, importCurrency: currency.import, reporting: currency.reporting })
        : reason("NO_RATE", { code, reporting: currency.reporting }),
  };
}

const CODES = new Set(Intl.supportedValuesOf("currency"));

/** An ISO 4217 code this runtime knows (RUB, USD, EUR…). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CODES.has(code);
}

/** A rate as the API or a form gives it: a positive decimal, canonical; null when it is not one. */
export function parseRate(raw: string): string | null {
  const text = raw.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const d = new Decimal(text);
  return d.gt(0) ? d.toFixed() : null;
}
