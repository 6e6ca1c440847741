import "server-only";
import type { Workspace } from "@/generated/prisma/client";
import { type AgencyAccess, findAgencyAccess } from "@/lib/agencies/find-agency-access";
import type { Viewer } from "@/lib/auth/viewer";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { readDataVersion } from "@/lib/data-version/data-version-cache";
import type { Locale } from "@/lib/i18n/config";
import { findWorkspace } from "@/lib/workspaces/find-workspace";
import { type WorkspaceAccess, accessOfMembership, findWorkspaceAccess } from "@/lib/tenancy/workspace-access";

export interface RequestMeta {
  /** Client IP for login throttling; null when unknown. */
  ip: string | null;
  /** Whether the request came over HTTPS (cookie `Secure` flag). */
  secure: boolean;
  /** Public base URL for links (invites). */
  baseUrl: string;
  /** The client's User-Agent, shown beside a session on the account page. */
  userAgent?: string | null;
  /** The language error messages are written in (the request's locale cookie, the user's setting, Accept-Language). */
  locale: Locale;
}

export interface GraphQLContext {
  db: Database;
  viewer: Viewer | null;
  meta: RequestMeta;
  /** Set-Cookie headers the transport adds to the response (signUp, logout). */
  responseCookies: string[];
  /** Access of the caller to a workspace (cached per request), or null. */
  access(workspaceId: string): Promise<WorkspaceAccess | null>;
  /**
   * Records a membership read elsewhere in this request (viewer.workspaces): access() and
   * workspaceRow() need not read it again.
   */
  knowMembership(workspace: Workspace, role: string): void;
  /** Drops the cached access to a workspace after the caller's own membership changed (left, role). */
  forgetAccess(workspaceId: string): void;
  /**
   * Records access derived elsewhere in this request from the same rows access() would read
   * (an agency's client list: its grants); a later access() of the workspace reuses it.
   */
  knowAccess(workspace: Workspace, access: WorkspaceAccess): void;
  /** Access of the caller to an agency (cached per request), or null — answered like a missing agency. */
  agencyAccess(agencyId: string): Promise<AgencyAccess | null>;
  /** The workspace's row, read once per request. The caller has checked access. */
  workspaceRow(workspaceId: string): Promise<Workspace | null>;
  /** The signed-in user, or UNAUTHENTICATED (API keys are not users). */
  requireUser(): Extract<Viewer, { kind: "user" }>;
  /** The request's "now" (pacing, default periods); injectable so tests can pin the day. */
  now(): Date;
  /**
   * The workspace's data version read once for this request (lib/data-version/data-version-cache.ts) — only for
   * read-only page renders (createContext `readOnly`); otherwise undefined and every cache read
   * asks the database, since a mutation in the same operation may change it.
   */
  dataVersion(workspaceId: string): Promise<string> | undefined;
  /**
   * A value computed once per operation under `key` (batching for fields that would otherwise
   * read per list item, e.g. every KPI's target). Emptied when a mutation field starts
   * (graphql/schema.ts), so a read after a write in the same document reads again.
   */
  memo<V>(key: string, load: () => Promise<V>): Promise<V>;
  /** Empties memo(); see there. */
  forgetMemos(): void;
  /**
   * Workspaces the caller was found to have access to in this operation: after a mutation,
   * graphql/schema.ts asks lib/alerts to re-evaluate them (a no-op when their data did not change).
   */
  touchedWorkspaces: Set<string>;
}

export function createContext(input: {
  db: Database;
  viewer: Viewer | null;
  meta?: Partial<RequestMeta>;
  clock?: () => Date;
  readOnly?: boolean;
}): GraphQLContext {
  const requestTime = input.clock ? null : new Date();
  // Per-request memos, by workspace id.
  const accesses = new Map<string, Promise<WorkspaceAccess | null>>();
  const rows = new Map<string, Promise<Workspace | null>>();
  const versions = new Map<string, Promise<string>>();
  const memos = new Map<string, Promise<unknown>>();
  const agencyAccesses = new Map<string, Promise<AgencyAccess | null>>();
  const ctx: GraphQLContext = {
    db: input.db,
    viewer: input.viewer,
    meta: { ip: null, secure: false, baseUrl: "http://localhost:3000", locale: "en", ...input.meta },
    responseCookies: [],
    access: async (workspaceId) => {
      const access = await remember(accesses, workspaceId, () =>
        findWorkspaceAccess(input.db, ctx.viewer, workspaceId),
      );
      if (access) ctx.touchedWorkspaces.add(workspaceId);
      return access;
    },
    knowMembership(workspace, role) {
      if (ctx.viewer?.kind !== "user") return;
      remember(accesses, workspace.id, async () => accessOfMembership(workspace.id, role));
      remember(rows, workspace.id, async () => workspace);
    },
    forgetAccess: (workspaceId) => void accesses.delete(workspaceId),
    knowAccess(workspace, access) {
      remember(accesses, workspace.id, async () => access);
      remember(rows, workspace.id, async () => workspace);
    },
    agencyAccess: (agencyId) =>
      remember(agencyAccesses, agencyId.toLowerCase(), () => findAgencyAccess(input.db, ctx.viewer, agencyId)),
    workspaceRow: (workspaceId) => remember(rows, workspaceId, () => findWorkspace(input.db, { workspaceId })),
    requireUser() {
      if (ctx.viewer?.kind !== "user") {
        throw new AppError(ctx.viewer ? "FORBIDDEN" : "UNAUTHENTICATED", "This operation needs a signed-in user");
      }
      return ctx.viewer;
    },
    now: () => (input.clock ? input.clock() : requestTime!),
    dataVersion: (workspaceId) =>
      input.readOnly ? remember(versions, workspaceId, () => readDataVersion(input.db, workspaceId)) : undefined,
    memo: <V>(key: string, load: () => Promise<V>) => remember(memos, key, load) as Promise<V>,
    forgetMemos: () => memos.clear(),
    touchedWorkspaces: new Set(),
  };
  return ctx;
}

/** The value under `key`, computed by `load` the first time it is asked for. */
function remember<V>(memo: Map<string, V>, key: string, load: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = load();
    memo.set(key, value);
  }
  return value;
}
