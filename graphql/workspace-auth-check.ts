import "server-only";
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isObjectType,
} from "graphql";
import type { WorkspaceRule } from "./authz";

/**
 * Root fields and Workspace fields that touch no workspace's data, each with the reason. Every
 * other Query, Mutation and Workspace field must declare its rule with `inWorkspace` /
 * `onWorkspace` (graphql/authz.ts); test/unit/workspace-auth.test.ts runs this on the live schema.
 */
export const NOT_WORKSPACE_FIELDS: Record<string, string> = {
  "Query.viewer": "the caller's own account",
  "Query.viewerAgencies": "the caller's own agencies",
  "Query.workspace": "loads the row only when ctx.access admits the caller (else null)",
  "Query.node": "each node loader checks access to the workspace in the id (else null)",
  "Query.invitation": "looked up by its secret token (SECURITY DEFINER function)",
  "Query.agency": "agency scope: requireAgency (AGENCY_PERMISSIONS of the registry)",
  "Mutation.createAgency": "agency scope: a new agency of the signed-in user",
  "Mutation.updateAgency": "agency scope: requireAgency(agency.manage)",
  "Mutation.createAgencyClient": "agency scope: requireAgency(agency.createClient); creates the workspace",
  "Mutation.createAgencyInvite": "agency scope: requireAgency(agency.manage)",
  "Mutation.acceptAgencyInvite": "looked up by its secret token",
  "Mutation.removeAgencyMember": "agency scope: requireAgency(agency.manage)",
  "Mutation.createAgencyApiKey": "agency scope: requireAgency(agency.manage)",
  "Mutation.revokeAgencyApiKey": "agency scope: requireAgency(agency.manage)",
  "Mutation.acceptInvite": "the signed-in user joins through an invite token",
  "Mutation.createWorkspace": "the signed-in user's new workspace",
  "Mutation.signUp": "account",
  "Mutation.signUpWithInvite": "account, through an invite token",
  "Mutation.login": "account",
  "Mutation.logout": "account",
  "Mutation.logoutEverywhere": "account",
  "Mutation.revokeSession": "account",
  "Mutation.changePassword": "account",
  "Mutation.requestPasswordReset": "account",
  "Mutation.resetPassword": "account",
  // The Workspace row itself and the caller's own access to it: readable by whoever could load
  // the Workspace (Query.workspace, node, viewer.workspaces and the agency's clients check access).
  "Workspace.id": "the row",
  "Workspace.name": "the row",
  "Workspace.slug": "the row",
  "Workspace.currency": "the row",
  "Workspace.locale": "the row",
  "Workspace.timeZone": "the row",
  "Workspace.fiscalYearStartMonth": "the row",
  "Workspace.createdAt": "the row",
  "Workspace.currentPeriod": "computed from the row's calendar",
  "Workspace.viewerRole": "the caller's own access",
  "Workspace.viewerPermissions": "the caller's own access",
  "Workspace.viewerAgency": "the caller's own access",
};

/**
 * Fields whose rule is `"access"`: the permission depends on the row (which scorecard, which
 * KPI's owner) and the operation applies it from the registry; or the field answers only for a
 * person (null for a key). A new field may not choose "access" without being listed here.
 */
export const ROW_RULE_FIELDS: readonly string[] = [
  "Query.planTargets",
  "Mutation.applyTargetPlan",
  "Mutation.createKpi",
  "Mutation.updateKpi",
  "Mutation.deleteKpi",
  "Mutation.setKpiTarget",
  "Mutation.returnKpiTargetToDerived",
  "Mutation.resetScorecardTemplate",
  "Mutation.setKpiAnnotation",
  "Workspace.kpis",
  "Workspace.scorecard",
  "Workspace.kpiTree",
  "Workspace.healthChecks",
  "Workspace.notifications",
  "Workspace.unreadNotificationCount",
  "Workspace.notificationPreference",
];

/** The rule a field declared through inWorkspace / onWorkspace, or null. */
export function workspaceRuleOf(field: GraphQLField<unknown, unknown>): WorkspaceRule | null {
  const options = field.extensions?.pothosOptions as { authScopes?: { workspaceRule?: WorkspaceRule } } | undefined;
  return options?.authScopes?.workspaceRule ?? null;
}

/** Whether an argument type names a workspace (a `workspaceId` at any depth of an input). */
function namesWorkspace(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => f.name === "workspaceId" || namesWorkspace(f.type, seen));
}

export interface WorkspaceAuthReport {
  /** Fields checked (a check that visited nothing must fail). */
  checked: number;
  problems: string[];
}

/** Every Query, Mutation and Workspace field: declared rule, or listed as touching no workspace. */
export function checkWorkspaceAuth(schema: GraphQLSchema): WorkspaceAuthReport {
  const problems: string[] = [];
  let checked = 0;
  const seen = new Set<string>();
  for (const typeName of ["Query", "Mutation", "Workspace"]) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) {
      problems.push(`${typeName}: not in the schema`);
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const name = `${typeName}.${field.name}`;
      seen.add(name);
      checked++;
      const rule = workspaceRuleOf(field);
      const exempt = name in NOT_WORKSPACE_FIELDS;
      const takesWorkspace = field.args.some((a) => a.name === "workspaceId" || namesWorkspace(a.type));
      if (exempt && takesWorkspace)
        problems.push(`${name}: takes a workspaceId, so it cannot be listed as touching no workspace`);
      if (!exempt && rule === null)
        problems.push(`${name}: reads or changes workspace data without inWorkspace/onWorkspace (graphql/authz.ts)`);
      if (rule === "access" && !ROW_RULE_FIELDS.includes(name))
        problems.push(`${name}: rule "access" without being listed in ROW_RULE_FIELDS`);
    }
  }
  for (const name of [...Object.keys(NOT_WORKSPACE_FIELDS), ...ROW_RULE_FIELDS]) {
    if (!seen.has(name)) problems.push(`${name}: listed but not in the schema`);
  }
  return { checked, problems };
}
