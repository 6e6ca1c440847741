import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, gql, openTestDatabase } from "./harness";

/**
 * The abuse suite, slugs (issue 16, item 11): choosing a slug must tell the caller nothing about
 * workspaces they cannot open. Before, `updateWorkspace(slug: "bravo")` answered "taken" for
 * another tenant's workspace, createWorkspace handed out "<name>-2" when another tenant had the
 * name, and createAgencyClient refused another tenant's slug. Slugs are now unique among the
 * workspaces one person can open (the list their URLs resolve through), not globally.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const UPDATE = `mutation ($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { workspace { slug } } }`;
const CREATE = `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id slug } } }`;
const slugOf = async (workspaceId: string) =>
  (await withTenant(db, { workspaceId }, (tx) => tx.workspace.findFirstOrThrow({ where: { id: workspaceId } }))).slug;

describe("abuse: a slug answer reveals nothing about other tenants", () => {
  it("updateWorkspace to another tenant's slug succeeds, and both workspaces keep theirs", async () => {
    const alpha = await createWorkspaceWithOwner(db);
    const bravo = await createWorkspaceWithOwner(db);
    const res = await gql(db, alpha.viewer, UPDATE, {
      input: { workspaceId: alpha.workspace.id, slug: bravo.workspace.slug },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateWorkspace.workspace.slug).toBe(bravo.workspace.slug);
    expect(await slugOf(alpha.workspace.id)).toBe(bravo.workspace.slug);
    expect(await slugOf(bravo.workspace.id)).toBe(bravo.workspace.slug);
    // An API key of alpha (ADMIN) gets the same answer for a third tenant's slug.
    const charlie = await createWorkspaceWithOwner(db);
    const key = await createKey(db, { workspaceId: alpha.workspace.id, actorId: alpha.owner.id, scopes: ["ADMIN"] });
    const viaKey = await gql(db, key.viewer, UPDATE, {
      input: { workspaceId: alpha.workspace.id, slug: charlie.workspace.slug },
    });
    expect(viaKey.errors).toBeUndefined();
    expect(viaKey.data!.updateWorkspace.workspace.slug).toBe(charlie.workspace.slug);
  });

  it("a slug of the caller's own other workspace is still refused (they can see it), naming the field", async () => {
    const alpha = await createWorkspaceWithOwner(db);
    const second = await gql(db, alpha.viewer, CREATE, { input: { name: "Alpha second" } });
    expect(second.errors).toBeUndefined();
    const res = await gql(db, alpha.viewer, UPDATE, {
      input: { workspaceId: second.data!.createWorkspace.workspace.id, slug: alpha.workspace.slug },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/slug/i);
  });

  it("createWorkspace derives the same slug whether or not another tenant uses it; only the caller's own workspaces move it on", async () => {
    const other = await createWorkspaceWithOwner(db, { workspaceName: "Zeta Holdings" });
    expect(other.workspace.slug).toBe("zeta-holdings");
    const caller = await createWorkspaceWithOwner(db);
    const first = await gql(db, caller.viewer, CREATE, { input: { name: "Zeta Holdings" } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.createWorkspace.workspace.slug).toBe("zeta-holdings");
    const again = await gql(db, caller.viewer, CREATE, { input: { name: "Zeta Holdings" } });
    expect(again.data!.createWorkspace.workspace.slug).toBe("zeta-holdings-2");
  });

  it("createAgencyClient accepts another tenant's slug; a slug of the agency's own client is refused", async () => {
    const other = await createWorkspaceWithOwner(db);
    const admin = await createWorkspaceWithOwner(db);
    const agency = await gql(
      db,
      admin.viewer,
      `mutation { createAgency(input: { name: "Slug Probe Agency" }) { agency { id } } }`,
    );
    const agencyId = agency.data!.createAgency.agency.id;
    const CLIENT = `mutation ($input: CreateAgencyClientInput!) { createAgencyClient(input: $input) { workspace { slug } } }`;
    const res = await gql(db, admin.viewer, CLIENT, { input: { agencyId, name: "Probe", slug: other.workspace.slug } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createAgencyClient.workspace.slug).toBe(other.workspace.slug);
    const dup = await gql(db, admin.viewer, CLIENT, {
      input: { agencyId, name: "Probe two", slug: other.workspace.slug },
    });
    expect(dup.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a slug shaped like an id is refused (the app opens a workspace by its id when a person's slugs collide)", async () => {
    const alpha = await createWorkspaceWithOwner(db);
    const res = await gql(db, alpha.viewer, UPDATE, {
      input: { workspaceId: alpha.workspace.id, slug: "0b6a6a6e-1c1f-4c55-9a6e-2b1f7a2d9c11" },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
