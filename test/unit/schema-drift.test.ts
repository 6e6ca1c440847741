import { readFileSync } from "node:fs";
import { printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { printGraphQLEnv } from "@/graphql/print-graphql-env";
import { schema } from "@/graphql/schema";

describe("graphql/schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema:print` after changing the API)", () => {
    const committed = readFileSync("graphql/schema.graphql", "utf8");
    expect(committed.length).toBeGreaterThan(100);
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it("graphql/client/graphql-env.d.ts, which types the page documents, matches it too (`npm run schema:print`)", () => {
    const committed = readFileSync("graphql/client/graphql-env.d.ts", "utf8");
    expect(committed).toContain("'KpiStatusCounts'");
    expect(committed).toBe(printGraphQLEnv(schema));
  });

  it("keeps the SPEC §9.1 public contract", () => {
    const sdl = printSchema(schema);
    for (const needle of ["scalar Date", "scalar Decimal", "viewer: Viewer"]) {
      expect(sdl).toContain(needle);
    }
    // Arguments carry descriptions, so the SDL spreads them over lines: check the fields.
    const query = schema.getQueryType()!.getFields();
    expect(String(query.workspace.type)).toBe("Workspace");
    expect(query.workspace.args.map((a) => `${a.name}: ${a.type}`)).toEqual(["id: ID!"]);
    expect(String(query.node.type)).toBe("Node");
    expect(query.node.args.map((a) => `${a.name}: ${a.type}`)).toEqual(["id: ID!"]);
  });
});
