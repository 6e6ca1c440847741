import { describe, expect, it } from "vitest";
import { inlineParams, sqlLiteral } from "./read-as-tenant";

describe("inlineParams", () => {
  it("renders strings, integers, null and arrays as literals and keeps casts", () => {
    expect(
      inlineParams("SELECT $1::uuid, $2::int[], $3::text[], $10", ["a", [0, 1], [], null, 5, 6, 7, 8, 9, "x"]),
    ).toBe("SELECT E'a'::uuid, ARRAY[0,1]::int[], '{}'::text[], E'x'");
  });

  it("escapes quotes and backslashes so a value cannot end its literal", () => {
    expect(sqlLiteral("x' OR true --")).toBe("E'x'' OR true --'");
    expect(sqlLiteral("a\\'b")).toBe("E'a\\\\''b'");
  });

  it("refuses values it cannot render exactly", () => {
    expect(() => sqlLiteral(1.5)).toThrow(TypeError);
    expect(() => sqlLiteral("a\u0000b")).toThrow(TypeError);
    expect(() => sqlLiteral({})).toThrow(TypeError);
    expect(() => inlineParams("$2", ["a"])).toThrow(RangeError);
  });
});
