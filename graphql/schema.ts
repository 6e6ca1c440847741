import { lexicographicSortSchema } from "graphql";
import { builder } from "./builder";
import type { GraphQLContext } from "./context";
// Each module registers its types, queries and mutations on the builder.
import "./connections";
import "./types/scalars";
import "./types/workspace";
import "./types/periods";
import "./types/viewer";
import "./types/account";
import "./types/workspace-settings";
import "./types/members";
import "./types/invites";
import "./types/api-keys";
import "./types/audit";
import "./types/metrics";
import "./types/ingestion";
import "./types/imports";

import "./types/kpis";
import "./types/scorecards";
import "./types/planner";
import "./types/reports";

builder.queryType({});
builder.mutationType({});

export const schema = lexicographicSortSchema(builder.toSchema());

// Mutations run one after another; each starts with the operation's memos emptied (context.ts memo).
for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
  const resolve = field.resolve;
  if (!resolve) continue;
  field.resolve = (source, args, ctx: GraphQLContext, info) => {
    ctx.forgetMemos();
    return resolve(source, args, ctx, info);
  };
}
