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
    expect(missingDescriptions(bad)).toEqual(
      expect.arrayContaining([
        "Undocumented",
        "Undocumented.A",
        "Query.undocumentedField",
        "Query.undocumentedField(arg)",
      ]),
    );
    expect(missingDescriptions(bad)).not.toContain("Undocumented.B");
    const stripped = planted("type Workspace implements Node", (b) =>
      b.replace(/\n\s*("""[\s\S]*?"""|"[^"\n]*")\n(\s*currency: String!)/, "\n$2"),
    );
    expect(missingDescriptions(stripped)).toContain("Workspace.currency");
  });
});

describe("breaking-change check against SPEC §9.1 and §9.2", () => {
  it("finds no breaking change in the live schema, and nothing of §9.1 or §9.2 is pending", () => {
    const report = contractBreakingChanges(schema, SPEC);
    expect(report.breaking).toEqual([]);
    expect(report.pending).toEqual([]);
  });

  it.each([
    [
      "a removed contract field",
      planted("type Workspace implements Node", without("currency: String!")),
      /FIELD_REMOVED: Workspace\.currency/,
    ],
    [
      "a retyped payload field",
      planted("type IngestMetricsPayload", (b) => b.replace(/accepted: Int!/, "accepted: String!")),
      /FIELD_CHANGED_KIND: IngestMetricsPayload\.accepted/,
    ],
    [
      "a removed enum value",
      planted("enum ApiKeyScope", without("READ\\b")),
      /VALUE_REMOVED_FROM_ENUM: READ was removed from enum type ApiKeyScope/,
    ],
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

  it("checks the §9.2 types as strictly as §9.1", () => {
    const report = contractBreakingChanges(planted("type Agency implements Node", without("name: String!")), SPEC);
    expect(report.breaking.join("\n")).toMatch(/FIELD_REMOVED: Agency\.name/);
    const shareLink = contractBreakingChanges(planted("type CreateShareLinkPayload", without("pdfUrl: String!")), SPEC);
    expect(shareLink.breaking.join("\n")).toMatch(/FIELD_REMOVED: CreateShareLinkPayload\.pdfUrl/);
  });
});
