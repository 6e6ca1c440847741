import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, formatDecimal, parseDecimal, toDecimal } from "./decimal";

describe("formatDecimal", () => {
  it("prints integers without a fraction", () => {
    expect(formatDecimal(new Decimal("60000"))).toBe("60000");
    expect(formatDecimal(new Decimal("60000.000"))).toBe("60000");
  });

  it("rounds to 10 fractional digits: -1/6 = -0.16666666666… → -0.1666666667", () => {
    expect(formatDecimal(new Decimal(-1).div(6))).toBe("-0.1666666667");
  });

  it("strips trailing zeros", () => {
    expect(formatDecimal(new Decimal("0.2500"))).toBe("0.25");
  });

  it("never uses exponent notation", () => {
    expect(formatDecimal(new Decimal("1e25"))).toBe("10000000000000000000000000");
    expect(formatDecimal(new Decimal("1.5e-7"))).toBe("0.00000015");
    // Below the 10-digit resolution it rounds to zero, not "1e-12".
    expect(formatDecimal(new Decimal("1e-12"))).toBe("0");
  });

  it("never prints negative zero", () => {
    expect(formatDecimal(new Decimal("-0"))).toBe("0");
    expect(formatDecimal(new Decimal("-0.00000000001"))).toBe("0");
  });

  it("rounds half to even at the 10th digit", () => {
    // 0.00000000005 is exactly half of the last unit: ties go to the even neighbour.
    expect(formatDecimal(new Decimal("0.00000000005"))).toBe("0"); // 0 is even
    expect(formatDecimal(new Decimal("0.00000000015"))).toBe("0.0000000002"); // 2 is even
    expect(formatDecimal(new Decimal("0.00000000025"))).toBe("0.0000000002");
  });

  it("rejects non-finite values instead of serializing them", () => {
    expect(() => formatDecimal(new Decimal(1).div(0))).toThrow(RangeError);
    expect(() => formatDecimal(new Decimal(NaN))).toThrow(RangeError);
  });

  it("round-trips any plain decimal with ≤ 10 fractional digits", () => {
    const plain = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 10 }))
      .map(([units, scale]) => {
        const negative = units < 0n;
        const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return negative ? `-${text}` : text;
      });
    fc.assert(
      fc.property(plain, (text) => {
        const out = formatDecimal(new Decimal(text));
        expect(new Decimal(out).eq(new Decimal(text))).toBe(true);
        expect(out).not.toMatch(/e|\.$|\.\d*0$|^-0$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("exact money arithmetic", () => {
  it("ten values of 0.1 sum to exactly 1 (a JS float sum gives 0.9999999999999999)", () => {
    let floatSum = 0;
    for (let i = 0; i < 10; i++) floatSum += 0.1;
    expect(floatSum).not.toBe(1); // the bug we are avoiding

    let sum = new Decimal(0);
    for (let i = 0; i < 10; i++) sum = sum.plus(toDecimal("0.1"));
    expect(sum.eq(1)).toBe(true);
    expect(formatDecimal(sum)).toBe("1");
  });

  it("any list of kopeck amounts sums exactly (compare with integer arithmetic)", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { maxLength: 50 }), (kopecks) => {
        const expectedKopecks = kopecks.reduce((a, b) => a + b, 0n);
        const sum = kopecks.reduce((acc, k) => acc.plus(new Decimal(k.toString()).div(100)), new Decimal(0));
        expect(sum.times(100).toFixed()).toBe(expectedKopecks.toString());
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseDecimal / toDecimal", () => {
  it("accepts plain notation only", () => {
    expect(parseDecimal("300000")?.toFixed()).toBe("300000");
    expect(parseDecimal(" -0.25 ")?.toFixed()).toBe("-0.25");
    expect(parseDecimal("1.")?.toFixed()).toBe("1");
    for (const bad of ["", "1e5", "NaN", "Infinity", "0x10", "1 000", "1,5", "--1", "."]) {
      expect(parseDecimal(bad)).toBeNull();
    }
  });

  it("accepts safe integers but never fractional JS numbers", () => {
    expect(toDecimal(400).eq(400)).toBe(true);
    expect(toDecimal(12n).eq(12)).toBe(true);
    expect(() => toDecimal(0.1)).toThrow(TypeError);
    expect(() => toDecimal("abc")).toThrow(TypeError);
    expect(() => toDecimal(new Decimal(Infinity))).toThrow(TypeError);
  });
});
