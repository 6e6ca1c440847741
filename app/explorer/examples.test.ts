import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "@/graphql/schema";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import { EXAMPLES } from "./examples";

describe("explorer examples", () => {
  it("are valid operations of the current schema", () => {
    expect(EXAMPLES.length, "examples found").toBeGreaterThanOrEqual(5);
    for (const example of EXAMPLES) {
      expect(
        validate(schema, parse(example.query)).map((e) => e.message),
        example.id,
      ).toEqual([]);
    }
  });

  it("each has a label in both languages", () => {
    for (const messages of [en, ru]) {
      expect(Object.keys(messages.explorer.example).sort()).toEqual(EXAMPLES.map((x) => x.id).sort());
    }
  });
});
