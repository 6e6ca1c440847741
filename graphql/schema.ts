import "server-only";
import { lexicographicSortSchema } from "graphql";
import { afterDataChange } from "@/lib/alerts/alert-schedule";
import { builder } from "./builder";
import type { GraphQLContext } from "./context";
// Each module registers its types, queries and mutations on the builder.
import "./connections";
import "./types/scalars";
import "./types/workspace";
import "./types/periods";
import "./types/viewer";
import "./types/account";
import "./types/sessions";
import "./types/workspace-settings";
import "./types/members";
import "./types/invites";
import "./types/api-keys";
import "./types/audit";
import "./types/metrics";
import "./types/metric-definitions";
import "./types/channel-groups";
import "./types/ingestion";
import "./types/imports";
import "./types/metric-batches";

import "./types/kpis";
import "./types/scorecards";
import "./types/planner";
import "./types/agencies";
import "./types/notifications";
import "./types/webhooks";
import "./types/reports";

builder.queryType({});
builder.mutationType({});

export const schema = lexicographicSortSchema(builder.toSchema());

// Mutations run one after another; each starts with the operation's memos emptied (context.ts memo).
// After one succeeds, the workspaces it was authorized for have their alerts evaluated (SPEC §8a:
// "after every data change" — evaluateAlerts skips at once when the data version is unchanged).
for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
  const resolve = field.resolve;
  if (!resolve) continue;
  field.resolve = async (source, args, ctx: GraphQLContext, info) => {
    ctx.forgetMemos();
    ctx.touchedWorkspaces.clear();
    const result = await resolve(source, args, ctx, info);
    for (const workspaceId of ctx.touchedWorkspaces) void afterDataChange(ctx.db, workspaceId, ctx.now());
    return result;
  };
}
