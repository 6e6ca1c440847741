import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WorkspaceWithOwner, addMember, createKey, createWorkspaceWithOwner } from "./factories";
import { type GqlResult, type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import { uploadCsv, useTempImportStore } from "./import-fixtures";

/**
 * totalCount on every connection: it equals the number of nodes a client collects by paging
 * to the end, counts only the caller's workspace (another workspace's rows never add to it),
 * and a filtered list counts only the filtered rows.
 */
let db: TestDatabase;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;

/** Every connection of Workspace, with how many rows the setup gives A and B. */
const CONNECTIONS = [
  { field: "members", a: 5, b: 2 },
  { field: "invites", a: 4, b: 1 },
  { field: "apiKeys", a: 3, b: 1 },
  { field: "imports", a: 3, b: 1 },
] as const;

async function invite(w: WorkspaceWithOwner, email: string) {
  const res = await gql(db, w.viewer, `mutation ($i: CreateInviteInput!) { createInvite(input: $i) { __typename } }`, {
    i: { workspaceId: w.workspace.id, email, role: "SMM" },
  });
  expect(res.errors).toBeUndefined();
}

async function populate(
  w: WorkspaceWithOwner,
  n: { members: number; invites: number; apiKeys: number; imports: number },
) {
  for (let i = 1; i < n.members; i++) await addMember(db, w.workspace.id, "CONTENT");
  for (let i = 0; i < n.invites; i++) await invite(w, `invitee-${i}-${w.workspace.id.slice(0, 6)}@example.test`);
  for (let i = 0; i < n.apiKeys; i++)
    await createKey(db, { workspaceId: w.workspace.id, actorId: w.owner.id, scopes: ["READ"], name: `key ${i}` });
  for (let i = 0; i < n.imports; i++)
    await uploadCsv(db, w.workspace.id, `date,channel,spend\n2026-03-0${i + 1},google,${i + 1}\n`);
}

beforeAll(async () => {
  await useTempImportStore();
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
  await populate(a, { members: 5, invites: 4, apiKeys: 3, imports: 3 });
  await populate(b, { members: 2, invites: 1, apiKeys: 1, imports: 1 });
}, 300_000);
afterAll(async () => db?.close());

interface PageResult {
  totalCount: number;
  edges: { node: { id: string; action?: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

/** Pages through `field` two at a time; returns every node id and every page's totalCount. */
async function pageThrough(w: WorkspaceWithOwner, field: string, args = "") {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const res: GqlResult<{ workspace: Record<string, PageResult> }> = await gql<{
      workspace: Record<string, PageResult>;
    }>(
      db,
      w.viewer,
      `query ($id: ID!, $after: String) { workspace(id: $id) { ${field}(first: 2, after: $after${args}) {
        totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`,
      { id: w.workspace.id, after },
    );
    expect(res.errors).toBeUndefined();
    const connection: PageResult = res.data!.workspace[field];
    totals.push(connection.totalCount);
    ids.push(...connection.edges.map((e) => e.node.id));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { ids, totals };
}

describe("totalCount", () => {
  it.each(CONNECTIONS)(
    "Workspace.$field: equals the nodes collected by paging, on every page, per workspace",
    async ({ field, a: inA, b: inB }) => {
      for (const [w, expected] of [
        [a, inA],
        [b, inB],
      ] as const) {
        const { ids, totals } = await pageThrough(w, field);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(expected);
        expect(
          totals.every((t) => t === expected),
          `${field} totals ${totals.join(",")}`,
        ).toBe(true);
      }
    },
  );

  it("Workspace.auditEvents: equals the nodes collected by paging", async () => {
    const { ids, totals } = await pageThrough(a, "auditEvents");
    expect(ids.length).toBeGreaterThanOrEqual(7); // at least the invites and keys above
    expect(new Set(totals)).toEqual(new Set([ids.length]));
  });

  it("Workspace.auditEvents(actions): counts only the filtered rows", async () => {
    const all = await gql(
      db,
      a.viewer,
      `query ($id: ID!) { workspace(id: $id) { auditEvents(first: 100) { totalCount edges { node { action } } } } }`,
      {
        id: a.workspace.id,
      },
    );
    const actions: string[] = all.data!.workspace.auditEvents.edges.map(
      (e: { node: { action: string } }) => e.node.action,
    );
    for (const filter of [["apiKey.created"], ["invite.created", "apiKey.created"], ["no.such.action"]]) {
      const expected = actions.filter((x) => filter.includes(x)).length;
      const { ids, totals } = await pageThrough(a, "auditEvents", `, actions: ${JSON.stringify(filter)}`);
      expect(ids, `actions ${filter.join(",")}`).toHaveLength(expected);
      expect(new Set(totals)).toEqual(new Set([expected]));
    }
    expect(actions.filter((x) => x === "apiKey.created")).toHaveLength(3);
    expect(actions.filter((x) => x === "invite.created")).toHaveLength(4);
  });

  it("is counted without asking for edges, through fragments, and under aliases", async () => {
    const res = await gql(
      db,
      a.viewer,
      `query ($id: ID!) { workspace(id: $id) {
        onlyCount: members { totalCount }
        viaFragment: members(first: 1) { ...Counted }
        viaInline: invites(first: 1) { ... on WorkspaceInvitesConnection { totalCount } }
        noCount: apiKeys(first: 1) { edges { node { id } } }
      } }
      fragment Counted on WorkspaceMembersConnection { totalCount edges { node { id } } }`,
      { id: a.workspace.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.workspace.onlyCount.totalCount).toBe(5);
    expect(res.data!.workspace.viaFragment.totalCount).toBe(5);
    expect(res.data!.workspace.viaFragment.edges).toHaveLength(1);
    expect(res.data!.workspace.viaInline.totalCount).toBe(4);
    expect(res.data!.workspace.noCount.edges).toHaveLength(1);
  });

  it("lets `last` alone read the end of the list", async () => {
    const all = await pageThrough(a, "members");
    const res = await gql(
      db,
      a.viewer,
      `query ($id: ID!) { workspace(id: $id) { members(last: 2) { totalCount edges { node { id } } pageInfo { hasPreviousPage hasNextPage } } } }`,
      {
        id: a.workspace.id,
      },
    );
    expect(res.errors).toBeUndefined();
    const members = res.data!.workspace.members;
    expect(members.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.ids.slice(-2));
    expect(members).toMatchObject({ totalCount: 5, pageInfo: { hasPreviousPage: true, hasNextPage: false } });
  });

  it("needs the list's own permission: a member without member.read sees no count", async () => {
    const smm = await addMember(db, b.workspace.id, "SMM");
    const res = await gql(db, smm.viewer, `query ($id: ID!) { workspace(id: $id) { members { totalCount } } }`, {
      id: b.workspace.id,
    });
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(res.data?.workspace?.members ?? null).toBeNull();
  });
});
