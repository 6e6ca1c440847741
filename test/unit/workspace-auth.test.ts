import {
  type GraphQLFieldConfigMap,
  GraphQLBoolean,
  GraphQLID,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { inWorkspace, onWorkspace } from "@/graphql/authz";
import { schema } from "@/graphql/schema";
import { ROW_RULE_FIELDS, checkWorkspaceAuth, workspaceRuleOf } from "@/graphql/workspace-auth-check";

/**
 * One permission style: every Query, Mutation and Workspace field that touches a workspace
 * declares its rule through inWorkspace / onWorkspace (scope-auth, before the resolver), checked
 * on the live schema and on copies with planted violations so the check cannot pass by
 * checking nothing.
 */

/** The live schema with `edit` applied to the config of root type `typeName`. */
function plantedRoot(
  typeName: "Query" | "Mutation",
  edit: (config: { fields: GraphQLFieldConfigMap<unknown, unknown> }) => void,
): GraphQLSchema {
  const original = schema.getType(typeName) as GraphQLObjectType;
  const config = { ...original.toConfig() };
  const fields = { ...original.toConfig().fields };
  edit({ fields });
  const replaced = new GraphQLObjectType({ ...config, fields });
  const schemaConfig = schema.toConfig();
  return new GraphQLSchema({
    ...schemaConfig,
    query: typeName === "Query" ? replaced : schemaConfig.query,
    mutation: typeName === "Mutation" ? replaced : schemaConfig.mutation,
    types: schemaConfig.types.filter((t) => t.name !== typeName),
  });
}

describe("workspace fields: one permission style", () => {
  it("every workspace field of the live schema declares its rule", () => {
    const report = checkWorkspaceAuth(schema);
    expect(report.problems).toEqual([]);
    // Query + Mutation + Workspace have well over a hundred fields; far fewer means the walk broke.
    expect(report.checked).toBeGreaterThan(100);
  });

  it("reads the declared permission off the built schema", () => {
    const mutation = schema.getMutationType()!.getFields();
    const workspace = (schema.getType("Workspace") as GraphQLObjectType).getFields();
    expect(workspaceRuleOf(mutation.createApiKey)).toBe("apiKey.manage");
    expect(workspaceRuleOf(mutation.rollbackImport)).toBe("import.manage");
    expect(workspaceRuleOf(mutation.updateReport)).toBe("report.manage");
    expect(workspaceRuleOf(workspace.metricValues)).toBe("metrics.read");
    expect(workspaceRuleOf(workspace.auditEvents)).toBe("audit.read");
    expect(workspaceRuleOf(workspace.kpis)).toBe("access");
    expect(ROW_RULE_FIELDS).toContain("Workspace.kpis");
  });

  it("fails for a mutation that dropped its rule", () => {
    const planted = plantedRoot("Mutation", (config) => {
      const field = config.fields.createApiKey;
      const pothosOptions = { ...(field.extensions?.pothosOptions as object), authScopes: undefined };
      config.fields.createApiKey = { ...field, extensions: { ...field.extensions, pothosOptions } };
    });
    expect(checkWorkspaceAuth(planted).problems).toEqual([
      expect.stringMatching(/^Mutation\.createApiKey: reads or changes workspace data without/),
    ]);
  });

  it("fails for a new field that names a workspace without a rule", () => {
    const planted = plantedRoot("Mutation", (config) => {
      config.fields.plantedWorkspaceWrite = {
        type: GraphQLBoolean,
        args: { workspaceId: { type: new GraphQLNonNull(GraphQLID) } },
      };
    });
    expect(checkWorkspaceAuth(planted).problems).toEqual([
      expect.stringMatching(/^Mutation\.plantedWorkspaceWrite: reads or changes/),
    ]);
  });

  it('fails for an exempt field that takes a workspaceId, and for an unlisted "access" rule', () => {
    const exempt = plantedRoot("Query", (config) => {
      config.fields.viewer = { ...config.fields.viewer, args: { workspaceId: { type: GraphQLID } } };
    });
    expect(checkWorkspaceAuth(exempt).problems).toEqual([expect.stringMatching(/^Query\.viewer: takes a workspaceId/)]);

    const loose = plantedRoot("Mutation", (config) => {
      const authScopes = inWorkspace("access", (_root, args: { workspaceId: string }) => args.workspaceId);
      config.fields.plantedLooseRule = { type: GraphQLBoolean, extensions: { pothosOptions: { authScopes } } };
    });
    expect(checkWorkspaceAuth(loose).problems).toEqual([
      expect.stringMatching(/^Mutation\.plantedLooseRule: rule "access" without/),
    ]);
  });

  it("fails when a listed field is gone (no stale exemptions)", () => {
    const planted = plantedRoot("Query", (config) => {
      delete config.fields.invitation;
    });
    expect(checkWorkspaceAuth(planted).problems).toEqual(["Query.invitation: listed but not in the schema"]);
  });

  it("derives the scope from the parent or the arguments", () => {
    expect(onWorkspace("member.read")({ id: "w1" }, {})).toEqual({
      workspace: { workspaceId: "w1", rule: "member.read" },
    });
    const scope = inWorkspace("report.manage", (_root, args: { id: string }) => args.id.split(".")[0], {
      notFound: "Report not found",
    });
    expect(scope(null, { id: "w2.r1" })).toEqual({
      workspace: { workspaceId: "w2", rule: "report.manage", notFound: "Report not found" },
    });
  });
});
