import type { ApiKey } from "@/generated/prisma/client";
import { createApiKey, createApiKeyInputSchema } from "@/lib/api-keys/create-api-key";
import { findApiKey } from "@/lib/api-keys/find-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { MAX_ROTATION_GRACE_HOURS, DEFAULT_ROTATION_GRACE_HOURS, rotateApiKey } from "@/lib/api-keys/rotate-api-key";
import { updateApiKey } from "@/lib/api-keys/update-api-key";
import { actorOf } from "@/lib/audit/actor";
import { API_KEY_SCOPES } from "@/lib/permissions/registry";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

export const ApiKeyScopeEnum = builder.enumType("ApiKeyScope", {
  description: "What a key may do (SPEC §3); mapped onto the permission registry.",
  values: {
    ADMIN: { description: "What a workspace ADMIN may do, except managing keys and ownership." },
    READ: { description: "Read the workspace: metrics, scorecards, KPIs, reports." },
    WRITE_METRICS: { description: "Push metric rows (ingestMetrics), run and roll back imports and batches." },
  } satisfies Record<(typeof API_KEY_SCOPES)[number], { description: string }>,
});

/** An API key (tenant node). The secret is shown once at creation; its hash never leaves. */
export const ApiKeyRef = builder.node(builder.objectRef<ApiKey>("ApiKey"), {
  description:
    "An API key of a workspace. The secret is shown once (createApiKey, rotateApiKey); only its hash is kept.",
  id: { resolve: (k) => tenantNodeId(k.workspaceId, k.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("apiKey.manage")) return null;
    return findApiKey(ctx.db, { workspaceId: parsed.workspaceId, apiKeyId: parsed.rowId });
  },
  fields: (t) => ({
    name: t.exposeString("name", { description: "A name that says what the key is for." }),
    prefix: t.exposeString("prefix", { description: "Public part of the key (tl_<prefix>_…), for recognition." }),
    scopes: t.field({
      description: "What the key may do.",
      type: [ApiKeyScopeEnum],
      resolve: (k) => k.scopes as never,
    }),
    rateLimitPerMinute: t.exposeInt("rateLimitPerMinute", {
      description: "Requests per sliding minute the key may make; more are answered 429 with Retry-After.",
    }),
    createdAt: t.expose("createdAt", { description: "When the key was created.", type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", {
      type: "DateTime",
      nullable: true,
      description: "Updated at most once a minute.",
    }),
    expiresAt: t.expose("expiresAt", {
      description: "When the key stops working; null = never.",
      type: "DateTime",
      nullable: true,
    }),
    revokedAt: t.expose("revokedAt", {
      description: "When the key was revoked; null while it works.",
      type: "DateTime",
      nullable: true,
    }),
    rotatedAt: t.expose("rotatedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the secret was last rotated (rotateApiKey); null if never.",
    }),
    previousSecretExpiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description:
        "Until when the secret replaced by the last rotation still authenticates; null when no old secret is valid.",
      resolve: (k) =>
        k.previousSecretExpiresAt && k.previousSecretExpiresAt.getTime() > Date.now()
          ? k.previousSecretExpiresAt
          : null,
    }),
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
    authScopes: onWorkspace("apiKey.manage"),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) => listApiKeys(ctx.db, { workspaceId: ws.id, ...page })),
  }),
);

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  description: "A new API key (SPEC §9.1).",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace the key acts in (global id or UUID).", required: true }),
    name: t.string({
      description: "What the key is for (1–100 characters).",
      required: true,
      validate: createApiKeyInputSchema.shape.name,
    }),
    scopes: t.field({
      description: "What the key may do (at least one).",
      type: [ApiKeyScopeEnum],
      required: true,
      validate: createApiKeyInputSchema.shape.scopes,
    }),
    expiresAt: t.field({ type: "DateTime", description: "Optional expiry; must be in the future." }),
    rateLimitPerMinute: t.int({
      description: "Requests per minute (default 600).",
      validate: createApiKeyInputSchema.shape.rateLimitPerMinute,
    }),
  }),
});

const CreateApiKeyPayload = builder.objectRef<{ apiKey: ApiKey; secret: string }>("CreateApiKeyPayload").implement({
  description: "A key with its secret — returned once, only here.",
  fields: (t) => ({
    apiKey: t.field({ description: "The key.", type: ApiKeyRef, resolve: (p) => p.apiKey }),
    secret: t.exposeString("secret", { description: "The full key. Returned once, only here; store it now." }),
  }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description: "Creates an API key (a signed-in user with apiKey.manage; keys cannot mint keys). SPEC §9.1.",
    args: { input: t.arg({ description: "The key to create.", type: CreateApiKeyInput, required: true }) },
    authScopes: inWorkspace("apiKey.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
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
  description: "The key to revoke.",
  fields: (t) => ({ apiKeyId: t.id({ description: "The ApiKey's global id.", required: true }) }),
});

const ApiKeyPayload = builder.objectRef<{ apiKey: ApiKey }>("ApiKeyPayload").implement({
  description: "A key after a change.",
  fields: (t) => ({ apiKey: t.field({ description: "The key.", type: ApiKeyRef, resolve: (p) => p.apiKey }) }),
});

builder.mutationField("revokeApiKey", (t) =>
  t.field({
    type: ApiKeyPayload,
    description: "Revokes an API key from the next request on (apiKey.manage).",
    args: { input: t.arg({ description: "The key to revoke.", type: RevokeApiKeyInput, required: true }) },
    authScopes: inWorkspace(
      "apiKey.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.apiKeyId), "ApiKey", ["input", "apiKeyId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.apiKeyId), "ApiKey", ["input", "apiKeyId"]);
      const apiKey = await revokeApiKey(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!), apiKeyId: rowId });
      return { apiKey };
    },
  }),
);

const RotateApiKeyInput = builder.inputType("RotateApiKeyInput", {
  description: "The key to rotate and how long its current secret stays valid.",
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: "The ApiKey's global id." }),
    gracePeriodHours: t.int({
      description: `Hours the replaced secret keeps working (0–${MAX_ROTATION_GRACE_HOURS}; default ${DEFAULT_ROTATION_GRACE_HOURS}); 0 ends it at once.`,
    }),
  }),
});

builder.mutationField("rotateApiKey", (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description:
      "Issues a new secret for a key (same id, prefix, scopes and limit; a signed-in user with apiKey.manage). The new secret is returned once, only here; the old one keeps working for the grace period, then stops. Rotating again ends any older secret at once.",
    args: {
      input: t.arg({ type: RotateApiKeyInput, required: true, description: "Which key, and the grace period." }),
    },
    authScopes: inWorkspace(
      "apiKey.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.apiKeyId), "ApiKey", ["input", "apiKeyId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.apiKeyId), "ApiKey", ["input", "apiKeyId"]);
      const viewer = ctx.requireUser();
      return underInput(() =>
        rotateApiKey(ctx.db, {
          workspaceId,
          actor: { kind: "user", userId: viewer.userId },
          apiKeyId: rowId,
          gracePeriodHours: input.gracePeriodHours ?? null,
        }),
      );
    },
  }),
);

const UpdateApiKeyInput = builder.inputType("UpdateApiKeyInput", {
  description: "What to change on a key; a field left out stays as it is.",
  fields: (t) => ({
    apiKeyId: t.id({ required: true, description: "The ApiKey's global id." }),
    name: t.string({ description: "A new name (1–100 characters)." }),
    rateLimitPerMinute: t.int({ description: "A new limit in requests per minute (1–100000)." }),
    expiresAt: t.field({ type: "DateTime", description: "A new expiry in the future; null removes the expiry." }),
  }),
});

builder.mutationField("updateApiKey", (t) =>
  t.field({
    type: ApiKeyPayload,
    description:
      "Renames a key or changes its rate limit or expiry (a signed-in user with apiKey.manage); effective from the next request. The secret and scopes stay.",
    args: { input: t.arg({ type: UpdateApiKeyInput, required: true, description: "Which key and what changes." }) },
    authScopes: inWorkspace(
      "apiKey.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.apiKeyId), "ApiKey", ["input", "apiKeyId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.apiKeyId), "ApiKey", ["input", "apiKeyId"]);
      const viewer = ctx.requireUser();
      const apiKey = await underInput(() =>
        updateApiKey(ctx.db, {
          workspaceId,
          actor: { kind: "user", userId: viewer.userId },
          apiKeyId: rowId,
          ...(input.name != null ? { name: input.name } : {}),
          ...(input.rateLimitPerMinute != null ? { rateLimitPerMinute: input.rateLimitPerMinute } : {}),
          ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
        }),
      );
      return { apiKey };
    },
  }),
);
