import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { SHELL_QUERY, ShellWorkspaceFields } from "@/components/app/shell";
import {
  CatalogFields,
  HealthCheckFields,
  ScorecardFields,
  ScorecardKpiFields,
  ShownChangeFields,
} from "@/components/scorecard/types";
import { type ResultOf, type VariablesOf, documentText, graphql } from "@/graphql/client/graphql";
import { schema } from "@/graphql/schema";

// The shared documents pages build on, printed as forms send them and validated against the
// schema the server runs (graphql-env.d.ts, which types them, is checked by schema-drift.test.ts).
describe("typed page documents", () => {
  const documents = {
    SHELL_QUERY,
    ShellWorkspaceFields,
    CatalogFields,
    HealthCheckFields,
    ScorecardFields,
    ScorecardKpiFields,
    ShownChangeFields,
  };

  it.each(Object.entries(documents))(
    "%s prints with its fragments and validates against the schema",
    (_name, document) => {
      const text = documentText(document);
      const parsed = parse(text);
      // Fragment documents carry the fragments they spread: every spread has its definition.
      const defined = new Set(
        parsed.definitions.flatMap((d) => (d.kind === "FragmentDefinition" ? [d.name.value] : [])),
      );
      for (const spread of text.matchAll(/\.\.\.(\w+)/g)) expect(defined).toContain(spread[1]);
      const errors = validate(schema, parsed).filter((e) => !/Fragment ".*" is never used/.test(e.message));
      expect(errors.map((e) => e.message)).toEqual([]);
    },
  );

  it("prints a document once and reuses the text", () => {
    expect(documentText(SHELL_QUERY)).toBe(documentText(SHELL_QUERY));
    expect(documentText(SHELL_QUERY)).toMatch(/^query Shell \{/);
  });
});

describe("typed documents catch what strings could not (checked by `npm run typecheck`)", () => {
  // The agency portfolio once printed "undefined" for a NO_TARGET count it never selected.
  const Portfolio = graphql(`
    query PortfolioCounts($id: ID!) {
      agency(id: $id) {
        portfolio {
          scorecard {
            statusCounts {
              onTrack
              atRisk
              offTrack
              noData
            }
          }
        }
      }
    }
  `);
  type Counts = NonNullable<ResultOf<typeof Portfolio>["agency"]>["portfolio"][number]["scorecard"]["statusCounts"];

  it("a field the document did not select does not exist on its result", () => {
    const counts: Counts = { onTrack: 1, atRisk: 0, offTrack: 0, noData: 2 };
    // @ts-expect-error — noTarget was not selected: reading it is a compile error, not "undefined" on a page.
    const missing = counts.noTarget;
    expect(missing).toBeUndefined();
    expect(validate(schema, parse(documentText(Portfolio)))).toEqual([]);
  });

  it("variables are typed too: a missing required variable is a compile error", () => {
    const check = (run: (variables: VariablesOf<typeof Portfolio>) => void) => run;
    // @ts-expect-error — $id is required.
    check(() => undefined)({});
    expect(documentText(Portfolio)).toContain("$id: ID!");
  });
});
