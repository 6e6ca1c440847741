import { z } from "zod";
import { findAuditEvent } from "@/lib/audit/find-audit-event";
import { type AuditEventRow, listAuditEvents } from "@/lib/audit/list-audit-events";
import { builder } from "../builder";
import { onWorkspace } from "../authz";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, tenantNodeId } from "../ids";
import { WorkspaceRef } from "./workspace";

const AuditActorKind = builder.enumType("AuditActorKind", {
  description: "Who did something.",
  values: {
    API_KEY: { description: "An API key." },
    USER: { description: "A signed-in person." },
  } as const,
});

/** One entry of a workspace's audit log (tenant node). */
export const AuditEventRef = builder.node(builder.objectRef<AuditEventRow>("AuditEvent"), {
  description: "One entry of the workspace's audit log: who changed what, when.",
  id: { resolve: (e) => tenantNodeId(e.workspaceId, e.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("audit.read")) return null;
    return findAuditEvent(ctx.db, { workspaceId: parsed.workspaceId, auditEventId: parsed.rowId });
  },
  fields: (t) => ({
    action: t.exposeString("action", { description: 'What happened, e.g. "member.roleChanged", "apiKey.revoked".' }),
    targetType: t.exposeString("targetType", {
      description: "What kind of thing changed: workspace, member, invite, apiKey, kpi, metric, measure, metricBatch.",
    }),
    targetId: t.exposeString("targetId", { nullable: true, description: "Row id of the target (not a global id)." }),
    actorKind: t.field({
      description: "A person or an API key.",
      type: AuditActorKind,
      resolve: (e) => (e.actorApiKeyId ? "API_KEY" : "USER"),
    }),
    actorUserId: t.exposeID("actorUserId", {
      description: "The person who acted (user id); null for an API key.",
      nullable: true,
    }),
    actorApiKeyId: t.exposeID("actorApiKeyId", {
      description: "The API key that acted (row id); null for a person.",
      nullable: true,
    }),
    actorName: t.exposeString("actorName", {
      description: "The person's or key's name at the time of reading; null if it no longer exists.",
      nullable: true,
    }),
    data: t.string({
      description: "Details as a JSON object (what changed).",
      resolve: (e) => JSON.stringify(e.data ?? {}),
    }),
    createdAt: t.expose("createdAt", { description: "When it happened.", type: "DateTime" }),
  }),
});

builder.objectField(WorkspaceRef, "auditEvents", (t) =>
  t.connection({
    type: AuditEventRef,
    nullable: true,
    description: "The audit log, newest first (audit.read).",
    args: {
      actions: t.arg.stringList({
        description: 'Only these actions, e.g. ["member.left", "member.removed"]; totalCount counts the same rows.',
        validate: z.array(z.string().min(1).max(100)).max(50),
      }),
    },
    authScopes: onWorkspace("audit.read"),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) =>
        listAuditEvents(ctx.db, { workspaceId: ws.id, actions: args.actions, ...page }),
      ),
  }),
);
