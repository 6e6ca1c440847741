import { randomBytes, randomUUID } from "node:crypto";
import type { ApiKey, Membership, User, Workspace } from "@/generated/prisma/client";
import { type SignUpInput, signUp } from "@/lib/accounts/sign-up";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { hashPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/viewer";
import type { Database } from "@/lib/db/client";
import type { ApiKeyScope } from "@/lib/permissions/registry";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { withTenant } from "@/lib/tenancy/with-tenant";

/**
 * Shared test data builders. They go through the same lib functions as the app (signUp,
 * createApiKey), so a workspace made here has everything a real one has.
 */

/** The password of every user the factories create. */
export const FACTORY_PASSWORD = "factory passphrase 7319";

let factoryHash: Promise<string> | undefined;

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

export type UserViewer = Extract<Viewer, { kind: "user" }>;
export type KeyViewer = Extract<Viewer, { kind: "apiKey" }>;

export function viewerOf(user: Pick<User, "id" | "email" | "name" | "locale">): UserViewer {
  return { kind: "user", userId: user.id, email: user.email, name: user.name, locale: user.locale };
}

export interface WorkspaceWithOwner {
  workspace: Workspace;
  owner: User;
  viewer: UserViewer;
  password: string;
}

/** A signed-up workspace with its OWNER (through lib signUp). */
export async function createWorkspaceWithOwner(
  db: Database,
  overrides: Partial<SignUpInput> = {},
): Promise<WorkspaceWithOwner> {
  const input: SignUpInput = {
    email: uniqueEmail("owner"),
    password: FACTORY_PASSWORD,
    name: "Olga Owner",
    workspaceName: `Acme ${randomBytes(3).toString("hex")}`,
    ...overrides,
  };
  const { user, workspace } = await signUp(db, input);
  return { workspace, owner: user, viewer: viewerOf(user), password: input.password };
}

/** A new user holding `role` in the workspace. */
export async function addMember(
  db: Database,
  workspaceId: string,
  role: WorkspaceRole,
  overrides: { email?: string; name?: string } = {},
): Promise<{ user: User; membership: Membership; viewer: UserViewer }> {
  factoryHash ??= hashPassword(FACTORY_PASSWORD);
  const passwordHash = await factoryHash;
  const userId = randomUUID();
  return withTenant(db, { workspaceId, userId }, async (tx) => {
    const user = await tx.user.create({
      data: {
        id: userId,
        email: overrides.email ?? uniqueEmail(role.toLowerCase()),
        name: overrides.name ?? `${role} member`,
        passwordHash,
      },
    });
    const membership = await tx.membership.create({ data: { workspaceId, userId, role } });
    return { user, membership, viewer: viewerOf(user) };
  });
}

/** An API key of the workspace with `scopes`, created by `actorId` (a member with apiKey.manage). */
export async function createKey(
  db: Database,
  {
    workspaceId,
    actorId,
    scopes,
    name = "Test key",
    expiresAt,
    rateLimitPerMinute,
  }: {
    workspaceId: string;
    actorId: string;
    scopes: ApiKeyScope[];
    name?: string;
    expiresAt?: Date;
    rateLimitPerMinute?: number;
  },
): Promise<{ apiKey: ApiKey; secret: string; viewer: KeyViewer }> {
  const { apiKey, secret } = await createApiKey(db, {
    workspaceId,
    actorId,
    name,
    scopes,
    expiresAt,
    rateLimitPerMinute,
  });
  return { apiKey, secret, viewer: { kind: "apiKey", apiKeyId: apiKey.id, workspaceId, scopes } };
}

/**
 * Runs a read past row-level security, for "nothing was written" checks only: PGlite's
 * session user is a superuser that switched to the app role (RESET ROLE steps back for one
 * query); on PostgreSQL a separate superuser connection to the test database is used.
 */
export async function countRowsAsOwner(
  db: Database & { name: string },
  table: string,
  where = "true",
  params: unknown[] = [],
): Promise<number> {
  const text = `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`;
  if (db.kind === "pglite") {
    await db.sql.exec("RESET ROLE");
    try {
      const { rows } = await db.sql.query<{ n: number }>(text, params);
      return Number(rows[0].n);
    } finally {
      await db.sql.exec("SET ROLE throughline_app");
    }
  }
  const { default: pg } = await import("pg");
  const { adminUrl } = await import("./harness");
  const url = new URL(adminUrl());
  url.pathname = `/${db.name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(text, params);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** The row id inside a relay global id (Workspace: the UUID; tenant nodes: "<ws>.<row>" → row). */
export function rowIdOf(globalId: string): string {
  const decoded = Buffer.from(globalId, "base64").toString("utf8");
  const id = decoded.slice(decoded.indexOf(":") + 1);
  return id.includes(".") ? id.split(".")[1] : id;
}
