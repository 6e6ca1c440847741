import type { ApiKey } from "@/generated/prisma/client";
import { createApiKey, createApiKeyInputSchema } from "@/lib/api-keys/create-api-key";
import { findApiKey } from "@/lib/api-keys/find-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { actorOf } from "@/lib/audit/actor";
import { API_KEY_SCOPES } from "@/lib/permissions/registry";
import { builder } from "../builder";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

export const ApiKeyScopeEnum = builder.enumType("ApiKeyScope", {
  description: "What a key may do (SPEC §3); mapped onto the permission registry.",
  values: API_KEY_SCOPES,
});

/** An API key (tenant node). The secret is shown once at creation; its hash never leaves. */
export const ApiKeyRef = builder.node(builder.objectRef<ApiKey>("ApiKey"), {
  id: { resolve: (k) => tenantNodeId(k.workspaceId, k.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("apiKey.manage")) return null;
    return findApiKey(ctx.db, { workspaceId: parsed.workspaceId, apiKeyId: parsed.rowId });
  },
  fields: (t) => ({
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "Public part of the key (tl_<prefix>_…), for recognition." }),
    scopes: t.field({ type: [ApiKeyScopeEnum], resolve: (k) => k.scopes as never }),
    rateLimitPerMinute: t.exposeInt("rateLimitPerMinute"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true, description: "Updated at most once a minute." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    active: t.boolean({
      description: "Neither revoked nor expired.",
      resolve: (k) => !k.revokedAt && (!k.expiresAt || k.expiresAt.getTime() > Date.now()),
    }),
  }),
});

builder.objectField(WorkspaceRef, "apiKeys", (t) =>
  t.connection({
    type: ApiKeyRef,
    nullable: true,
    description: "API keys, newest first (apiKey.manage).",
    authScopes: (ws) => ({ workspace: { workspaceId: ws.id, permission: "apiKey.manage" } }),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) => listApiKeys(ctx.db, { workspaceId: ws.id, ...page })),
  }),
);

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    name: t.string({ required: true, validate: createApiKeyInputSchema.shape.name }),
    scopes: t.field({ type: [ApiKeyScopeEnum], required: true, validate: createApiKeyInputSchema.shape.scopes }),
    expiresAt: t.field({ type: "DateTime", description: "Optional expiry; must be in the future." }),
    rateLimitPerMinute: t.int({ description: "Requests per minute (default 600).", validate: createApiKeyInputSchema.shape.rateLimitPerMinute }),
  }),
});

const CreateApiKeyPayload = builder.objectRef<{ apiKey: ApiKey; secret: string }>("CreateApiKeyPayload").implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (p) => p.apiKey }),
    secret: t.exposeString("secret", { description: "The full key. Returned once, only here; store it now." }),
  }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description: "Creates an API key (a signed-in user with apiKey.manage; keys cannot mint keys). SPEC §9.1.",
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      await ctx.requirePermission(workspaceId, "apiKey.manage");
      const viewer = ctx.requireUser();
      return underInput(() =>
        createApiKey(ctx.db, {
          workspaceId,
          actorId: viewer.userId,
          name: input.name,
          scopes: input.scopes,
          expiresAt: input.expiresAt ?? null,
          rateLimitPerMinute: input.rateLimitPerMinute ?? null,
        }),
      );
    },
  }),
);

const RevokeApiKeyInput = builder.inputType("RevokeApiKeyInput", {
  fields: (t) => ({ apiKeyId: t.id({ required: true }) }),
});

const ApiKeyPayload = builder.objectRef<{ apiKey: ApiKey }>("ApiKeyPayload").implement({
  fields: (t) => ({ apiKey: t.field({ type: ApiKeyRef, resolve: (p) => p.apiKey }) }),
});

builder.mutationField("revokeApiKey", (t) =>
  t.field({
    type: ApiKeyPayload,
    description: "Revokes an API key from the next request on (apiKey.manage).",
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.apiKeyId), "ApiKey", ["input", "apiKeyId"]);
      await ctx.requirePermission(workspaceId, "apiKey.manage");
      const apiKey = await revokeApiKey(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!), apiKeyId: rowId });
      return { apiKey };
    },
  }),
);
