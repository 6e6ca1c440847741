import DecimalJs from "decimal.js";

/**
 * The one Decimal constructor used by every metric calculation.
 *
 * Why a clone rather than the global `decimal.js` export: the global is a shared
 * mutable singleton — any library calling `Decimal.set()` would silently change
 * our precision. A clone has its own configuration.
 *
 * - `precision: 40` significant digits (≥ 34, the IEEE decimal128 width) so that
 *   chained money arithmetic (sums of millions of kopecks, then divisions) keeps
 *   every digit that the API can show (10 fractional digits) exact.
 * - `ROUND_HALF_EVEN` (banker's rounding) so that repeated rounding of many
 *   values does not drift upward, which matters for sums of displayed figures.
 * - Huge `toExpNeg`/`toExpPos` so `toString()` never switches to exponent
 *   notation (the API contract is plain notation: "60000", not "6e4").
 *
 * Clones share decimal.js' prototype, so `x instanceof Decimal` and
 * `Decimal.isDecimal(x)` also accept values created by other clones.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** Instance type of {@link Decimal}. */
export type Decimal = DecimalJs;

/** Maximum fractional digits in serialized values (SPEC §9.1: `"-0.1666666667"`). */
export const MAX_FRACTION_DIGITS = 10;

/** Values accepted where a decimal is expected. Floats are deliberately excluded. */
export type DecimalInput = Decimal | string | bigint | number;

const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Parses a plain decimal string (`"300000"`, `"-0.25"`, `"1.50"`); returns `null`
 * for anything else (exponents, `NaN`, `Infinity`, hex, thousands separators).
 * Locale formats such as `"1 234,5"` are the ingestion layer's job.
 */
export function parseDecimal(text: string): Decimal | null {
  const trimmed = text.trim();
  if (!PLAIN_DECIMAL.test(trimmed)) return null;
  return new Decimal(trimmed);
}

/**
 * Converts a trusted value to a Decimal.
 *
 * JS numbers are accepted only when they are safe integers (counts such as
 * `400` leads): a fractional JS number is already a binary approximation and
 * money must never pass through one. Anything else is a programming error and
 * throws a `TypeError`.
 */
export function toDecimal(value: DecimalInput): Decimal {
  if (typeof value === "string") {
    const parsed = parseDecimal(value);
    if (parsed === null) throw new TypeError(`Not a plain decimal string: ${JSON.stringify(value)}`);
    return parsed;
  }
  if (typeof value === "bigint") return new Decimal(value.toString());
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new TypeError(`Only safe integers may be passed as numbers (got ${value}); pass a string`);
    }
    return new Decimal(value);
  }
  if (!value.isFinite()) throw new TypeError("Decimal must be finite");
  return value;
}

/**
 * Serializes a Decimal for the API (`scalar Decimal`, SPEC §9.1): plain notation
 * (never an exponent), rounded half-even to at most 10 fractional digits,
 * trailing zeros stripped, and never `"-0"`.
 *
 * Examples: 60000 → `"60000"`, −1/6 → `"-0.1666666667"`, 0.250 → `"0.25"`.
 *
 * NaN and ±Infinity are programming errors (metrics return `null` with a reason
 * instead), so they throw a `RangeError` rather than leaking into a response.
 */
export function formatDecimal(value: Decimal): string {
  if (!value.isFinite()) throw new RangeError(`Cannot serialize non-finite decimal ${value.toString()}`);
  // `toFixed()` without an argument is plain notation with no padding, and
  // decimal.js never keeps trailing zeros, so this is already normalized;
  // it also prints a negative zero (e.g. −1e-11 rounded) as "0".
  return value.toDecimalPlaces(MAX_FRACTION_DIGITS, Decimal.ROUND_HALF_EVEN).toFixed();
}
