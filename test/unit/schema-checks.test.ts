import { readFileSync } from "node:fs";
import { type GraphQLSchema, buildSchema, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "@/graphql/schema";
import { contractBreakingChanges, missingDescriptions } from "@/graphql/schema-checks";

/**
 * The schema lint (a description on every public type, field, argument and enum value) and
 * the breaking-change check against the published contract (SPEC §9.1, §9.2) — each run on
 * the live schema and on a copy with a planted violation, so neither can pass by checking
 * nothing.
 */
const SPEC = readFileSync("docs/SPEC.md", "utf8");
const LIVE_SDL = printSchema(schema);
/** An optional description line (block or single-line string) before a schema element. */
const DESC = String.raw`(?:\n\s*(?:"""(?:(?!""")[\s\S])*"""|"[^"\n]*"))?`;
const without = (element: string) => (body: string) => body.replace(new RegExp(`${DESC}\\n\\s*${element}`), "");

/** The live schema with `edit` applied to the body of `header` (e.g. "type Workspace implements Node"). */
function planted(header: string, edit: (body: string) => string, extra = ""): GraphQLSchema {
  const start = LIVE_SDL.indexOf(`${header} {`);
  if (start < 0) throw new Error(`no ${header} in the schema`);
  const end = LIVE_SDL.indexOf("\n}", start);
  const body = LIVE_SDL.slice(start, end);
  const edited = edit(body);
  if (edited === body) throw new Error(`the planted edit did not change ${header}`);
  return buildSchema(LIVE_SDL.slice(0, start) + edited + LIVE_SDL.slice(end) + extra);
}

describe("schema lint: descriptions", () => {
  it("finds no public type, field, argument or enum value without a description", () => {
    expect(missingDescriptions(schema)).toEqual([]);
  });

  it("reports planted violations by name", () => {
    const bad = buildSchema(
      `${LIVE_SDL}\nenum Undocumented { A \n "described" B }\nextend type Query { undocumentedField(arg: Int): Undocumented }\n`,
    );
    expect(missingDescriptions(bad)).toEqual(expect.arrayContaining(["Undocumented", "Undocumented.A", "Query.undocumentedField", "Query.undocumentedField(arg)"]));
    expect(missingDescriptions(bad)).not.toContain("Undocumented.B");
    const stripped = planted("type Workspace implements Node", (b) => b.replace(/\n\s*("""[\s\S]*?"""|"[^"\n]*")\n(\s*currency: String!)/, "\n$2"));
    expect(missingDescriptions(stripped)).toContain("Workspace.currency");
  });
});

describe("breaking-change check against SPEC §9.1 and §9.2", () => {
  it("finds no breaking change in the live schema; §9.2 names not built yet are only pending", () => {
    const report = contractBreakingChanges(schema, SPEC);
    expect(report.breaking).toEqual([]);
    for (const name of report.pending) expect(name).toMatch(/Agency|Report|ShareLink|Portfolio|^Query\.agency$/);
    // §9.1 is complete here: nothing of it may be pending.
    for (const name of ["Workspace", "MetricValue", "IngestMetricsPayload", "Mutation.signUp", "Query.viewer"]) expect(report.pending).not.toContain(name);
  });

  it.each([
    ["a removed contract field", planted("type Workspace implements Node", without("currency: String!")), /FIELD_REMOVED: Workspace\.currency/],
    ["a retyped payload field", planted("type IngestMetricsPayload", (b) => b.replace(/accepted: Int!/, "accepted: String!")), /FIELD_CHANGED_KIND: IngestMetricsPayload\.accepted/],
    ["a removed enum value", planted("enum ApiKeyScope", without("READ\\b")), /VALUE_REMOVED_FROM_ENUM: READ was removed from enum type ApiKeyScope/],
    [
      "a new required input field",
      planted("input IngestMetricsInput", (b) => `${b}\n  source: String!`),
      /REQUIRED_INPUT_FIELD_ADDED: A required field source on input type IngestMetricsInput was added/,
    ],
    [
      "a removed root field",
      planted("type Mutation", without("ingestMetrics\\([\\s\\S]*?\\): IngestMetricsPayload!")),
      /FIELD_REMOVED: Mutation\.ingestMetrics/,
    ],
  ])("fails on %s", (_name, changed, expected) => {
    const report = contractBreakingChanges(changed, SPEC);
    expect(report.breaking.join("\n")).toMatch(expected);
  });

  it("checks a §9.2 type strictly as soon as it exists", () => {
    const withAgency = buildSchema(`${LIVE_SDL}\ntype Agency implements Node { id: ID! }\nextend type Query { agency(id: ID!): Agency }\n`);
    const report = contractBreakingChanges(withAgency, SPEC);
    expect(report.pending).not.toContain("Agency");
    expect(report.breaking).toEqual(expect.arrayContaining([expect.stringMatching(/FIELD_REMOVED: Agency\.name/), expect.stringMatching(/FIELD_REMOVED: Agency\.clients/)]));
  });
});
