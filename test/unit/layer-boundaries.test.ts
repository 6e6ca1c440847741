import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of eslint.config.mjs (ARCHITECTURE.md "Layers": app → graphql → lib → prisma;
 * components never import app): each planted violation must fail `npm run lint`, and the
 * imports each layer is allowed must pass. Linted as text under a real path, so the same
 * `files` globs apply as for the tree.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

// The first lint loads the config and the TypeScript parser: seconds on a busy machine.
describe("layer boundaries (eslint)", { timeout: 60_000 }, () => {
  it.each([
    ["lib/planted.ts", 'import { schema } from "@/graphql/schema";\nexport const s = schema;\n'],
    ["lib/metrics/planted.ts", 'import { x } from "../../graphql/ids";\nexport const y = x;\n'],
    ["lib/planted.ts", 'import { loadViewer } from "@/app/(app)/_lib/load";\nexport const l = loadViewer;\n'],
    ["lib/planted.ts", 'import { KpiCard } from "@/components/scorecard/kpi-card";\nexport const k = KpiCard;\n'],
    [
      "components/app/planted.ts",
      'import type { ShellViewer } from "@/app/(app)/_lib/load";\nexport type V = ShellViewer;\n',
    ],
    ["graphql/planted.ts", 'import { loadViewer } from "@/app/(app)/_lib/load";\nexport const l = loadViewer;\n'],
    [
      "graphql/planted.ts",
      'import { PrismaClient } from "@/generated/prisma/client";\nexport const p = PrismaClient;\n',
    ],
    ["app/planted.ts", 'import type { Workspace } from "@/generated/prisma/client";\nexport type W = Workspace;\n'],
    ["components/planted.ts", 'import { Prisma } from "@prisma/client";\nexport const p = Prisma;\n'],
  ])("%s: a planted violation fails lint (%#)", async (filePath, code) => {
    const errors = await layerErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/layer above this one|Only lib\/ talks to the database/);
  });

  it.each([
    [
      "app/planted.ts",
      'import { executeServer } from "@/graphql/execute-server";\nimport { can } from "@/lib/permissions/registry";\nexport const a = [executeServer, can];\n',
    ],
    [
      "graphql/planted.ts",
      'import type { Workspace } from "@/generated/prisma/client";\nimport { withTenant } from "@/lib/tenancy/with-tenant";\nexport type W = Workspace;\nexport const w = withTenant;\n',
    ],
    [
      "lib/planted.ts",
      'import { getDatabase } from "@/lib/db/client";\nimport { graphql } from "graphql";\nexport const g = [getDatabase, graphql];\n',
    ],
    ["components/planted.ts", 'import { graphql } from "@/graphql/client/graphql";\nexport const g = graphql;\n'],
  ])("%s: the imports a layer may make pass (%#)", async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});
