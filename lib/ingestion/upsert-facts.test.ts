import { describe, expect, it } from "vitest";
import { textArrayLiteral } from "./upsert-facts";

describe("textArrayLiteral", () => {
  it("quotes every element and escapes quotes and backslashes (PostgreSQL array input)", () => {
    expect(textArrayLiteral(["a", "a", 'say "hi"', "back\\slash", "", "NULL", "a,b", "{x}", "a"])).toBe(
      '{"a","a","say \\"hi\\"","back\\\\slash","","NULL","a,b","{x}","a"}',
    );
    expect(textArrayLiteral([])).toBe("{}");
  });
});
