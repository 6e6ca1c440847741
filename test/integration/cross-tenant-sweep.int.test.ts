import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@/graphql/schema";
import type { Viewer } from "@/lib/auth/viewer";
import { type KeyViewer, type UserViewer, addMember, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, gql, openTestDatabase } from "./harness";
import { snapshotTenant } from "./tenant-snapshot";

/**
 * The cross-tenant sweep: every root query, every mutation and every Workspace field of the
 * live schema is called by workspace B's owner and B's widest API key with workspace A's ids
 * (and, for inputs that name a workspace, with B's own workspace plus A's row ids). No
 * response may carry A's data, no call may change A's rows, and a call aimed at A's workspace
 * must fail. The sweep derives its calls from the schema, so a new resolver is swept the day
 * it is added; it fails when it visits fewer fields than the schema has.
 */
let db: TestDatabase;
let A: { workspaceId: string; globalId: string; name: string; ownerEmail: string; owner: UserViewer; ids: Map<string, string> };
let B: { workspaceId: string; globalId: string; owner: UserViewer; key: KeyViewer };
const visited = new Set<string>();

const SCALAR_SAMPLES: Record<string, unknown> = {
  String: "sweep",
  Int: 1,
  Float: 1,
  Boolean: true,
  Date: "2026-01-15",
  Decimal: "10",
  DateTime: "2026-01-15T00:00:00.000Z",
};

interface IdPlan {
  /** What a `workspaceId` argument or input field receives. */
  workspaceId: string;
  /** What every other ID receives. */
  otherId: string;
}

function sample(type: GraphQLInputType, name: string, plan: IdPlan, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name, plan, depth);
  if (isListType(type)) return [sample(type.ofType, name, plan, depth)];
  if (isScalarType(type)) {
    if (type.name === "ID") return /workspace/i.test(name) ? plan.workspaceId : plan.otherId;
    if (type.name === "String" && /workspaceId$/i.test(name)) return plan.workspaceId;
    if (type.name === "String" && /email/i.test(name)) return "sweep-intruder@example.test";
    if (type.name === "String" && /password/i.test(name)) return "correct horse battery staple 42";
    return SCALAR_SAMPLES[type.name] ?? "sweep";
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const wanted = isNonNullType(field.type) || /(^id$|Id$)/.test(field.name);
      if (wanted && depth < 4) out[field.name] = sample(field.type, field.name, plan, depth + 1);
    }
    return out;
  }
  return null;
}

function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (!isObjectType(named) && !isInterfaceType(named)) return isScalarType(named) || isEnumType(named) ? "" : "{ __typename }";
  const parts = ["__typename"];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(field.type);
    if (isScalarType(inner) || isEnumType(inner)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} ${selection(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

function argsFor(field: GraphQLField<unknown, unknown>, plan: IdPlan): { decl: string; use: string; variables: Record<string, unknown> } {
  const used = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || /(^id$|Id$)/.test(a.name));
  const variables: Record<string, unknown> = {};
  for (const a of used) variables[a.name] = sample(a.type, a.name, plan);
  return {
    decl: used.length ? `(${used.map((a) => `$${a.name}: ${String(a.type)}`).join(", ")})` : "",
    use: used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(", ")})` : "",
    variables,
  };
}

/** True when the input of `field` names a workspace (an arg or input field called workspaceId/id of Workspace). */
function namesWorkspace(field: GraphQLField<unknown, unknown>): boolean {
  const seen = new Set<string>();
  const walk = (type: GraphQLInputType, name: string): boolean => {
    if (/workspace/i.test(name)) return true;
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => walk(f.type, f.name));
  };
  return field.args.some((a) => walk(a.type, a.name));
}

function hasIdInput(field: GraphQLField<unknown, unknown>): boolean {
  const seen = new Set<string>();
  const walk = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    if (isScalarType(named)) return named.name === "ID";
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => walk(f.type));
  };
  return field.args.some((a) => walk(a.type));
}

/** Every string that identifies A: its ids (raw and global), its name, its owner. */
function markersOfA(): string[] {
  const markers = [A.workspaceId, A.globalId, A.name, A.ownerEmail];
  for (const id of A.ids.values()) {
    markers.push(id);
    try {
      const decoded = decodeGlobalID(id).id;
      for (const part of decoded.split(".")) if (part !== B.workspaceId) markers.push(part);
    } catch {
      // not a global id
    }
  }
  return [...new Set(markers)];
}

function leaks(data: unknown): string[] {
  const text = JSON.stringify(data ?? null);
  return markersOfA().filter((m) => m && text.includes(m));
}

/** Collects one id per node type from everything A's owner can list in A. */
async function collectIdsOfA(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const workspaceType = schema.getType("Workspace");
  if (!isObjectType(workspaceType)) throw new Error("no Workspace type");
  for (const field of Object.values(workspaceType.getFields())) {
    const sel = selection(field.type, 3);
    if (!sel.includes(" id")) continue;
    const { decl, use, variables } = argsFor(field, { workspaceId: A.globalId, otherId: A.globalId });
    const res = await gql(db, A.owner, `query Collect($wid: ID!${decl ? `, ${decl.slice(1, -1)}` : ""}) { workspace(id: $wid) { ${field.name}${use} ${sel} } }`, {
      wid: A.globalId,
      ...variables,
    });
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (typeof obj.id === "string" && typeof obj.__typename === "string" && !ids.has(obj.__typename)) ids.set(obj.__typename, obj.id);
        Object.values(obj).forEach(walk);
      }
    };
    walk(res.data);
  }
  return ids;
}

beforeAll(async () => {
  db = await openTestDatabase();
  const a = await createWorkspaceWithOwner(db, { workspaceName: "Alpha Secret Holdings" });
  const b = await createWorkspaceWithOwner(db, { workspaceName: "Bravo Intruder" });
  const toGlobal = (id: string) => Buffer.from(`Workspace:${id}`).toString("base64");
  // Give A one of everything the schema can list: a member, a key, an invite, facts, a custom metric.
  await addMember(db, a.workspace.id, "SMM");
  await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] });
  const populate = [
    ["createInvite", `mutation($w: ID!) { createInvite(input: { workspaceId: $w, email: "invitee@example.test", role: CONTENT }) { __typename } }`],
    ["ingestMetrics", `mutation($w: ID!) { ingestMetrics(input: { workspaceId: $w, idempotencyKey: "sweep-1", rows: [
        { date: "2026-01-10", channel: "google_ads", campaign: "alpha", measure: "spend", value: "1000" },
        { date: "2026-01-10", channel: "google_ads", campaign: "alpha", measure: "leads", value: "10" } ] }) { accepted } }`],
    ["createReport", `mutation($w: ID!) { createReport(input: { workspaceId: $w, title: "Alpha board report", roles: [OWNER], period: { type: MONTH } }) { report { id } } }`],
    ["updateReportBranding", `mutation($w: ID!) { updateReportBranding(input: { workspaceId: $w, name: "Alpha brand", primaryColor: "#1d4ed8" }) { __typename } }`],
  ] as const;
  for (const [name, query] of populate) {
    if (!(schema.getMutationType()?.getFields() ?? {})[name]) continue;
    const res = await gql(db, a.viewer, query, { w: toGlobal(a.workspace.id) });
    expect(res.errors ?? [], `populating A with ${name}`).toEqual([]);
  }
  // A report with a share link and a schedule, so that Report, ShareLink and ReportSchedule ids of A are aimed at.
  const reports = await gql(db, a.viewer, `query($w: ID!) { workspace(id: $w) { reports { id } } }`, { w: toGlobal(a.workspace.id) });
  const reportId = reports.data?.workspace?.reports?.[0]?.id;
  if (reportId) {
    for (const query of [
      `mutation($r: ID!) { createShareLink(input: { reportId: $r }) { __typename } }`,
      `mutation($r: ID!) { createReportSchedule(input: { reportId: $r, cadence: WEEKLY, weekday: 1, externalEmails: ["alpha-board@example.test"] }) { __typename } }`,
    ]) {
      const res = await gql(db, a.viewer, query, { r: reportId });
      expect(res.errors ?? [], query).toEqual([]);
    }
  }
  A = { workspaceId: a.workspace.id, globalId: toGlobal(a.workspace.id), name: a.workspace.name, ownerEmail: a.owner.email, owner: a.viewer, ids: new Map() };
  A.ids = await collectIdsOfA();
  const bKey = await createKey(db, { workspaceId: b.workspace.id, actorId: b.owner.id, scopes: ["READ", "WRITE_METRICS", "ADMIN"] });
  B = { workspaceId: b.workspace.id, globalId: toGlobal(b.workspace.id), owner: b.viewer, key: bKey.viewer };
}, 300_000);

afterAll(async () => db?.close());

function intruders(): [string, Viewer][] {
  return [
    ["B's owner", B.owner],
    ["B's admin key", B.key],
  ];
}

describe("cross-tenant sweep", () => {
  it("collected A's rows of several node types to aim at", () => {
    expect(A.ids.size, `node types found in A: ${[...A.ids.keys()].join(", ")}`).toBeGreaterThanOrEqual(4);
  });

  it("every Workspace field is unreachable through A's id (workspace and node)", async () => {
    const before = await snapshotTenant(db, A.workspaceId);
    const workspaceType = schema.getType("Workspace");
    if (!isObjectType(workspaceType)) throw new Error("no Workspace type");
    const fields = Object.values(workspaceType.getFields());
    expect(fields.length).toBeGreaterThanOrEqual(8);
    for (const field of fields) {
      for (const [who, viewer] of intruders()) {
        const { decl, use, variables } = argsFor(field, { workspaceId: A.globalId, otherId: A.globalId });
        const inner = `${field.name}${use} ${selection(field.type, 1)}`;
        const extra = decl ? `, ${decl.slice(1, -1)}` : "";
        const viaWorkspace = await gql(db, viewer, `query Q($wid: ID!${extra}) { workspace(id: $wid) { ${inner} } }`, { wid: A.globalId, ...variables });
        expect(viaWorkspace.data?.workspace ?? null, `${who}: workspace(A).${field.name}`).toBeNull();
        const viaNode = await gql(db, viewer, `query Q($wid: ID!${extra}) { node(id: $wid) { ... on Workspace { ${inner} } } }`, { wid: A.globalId, ...variables });
        expect(viaNode.data?.node ?? null, `${who}: node(A).${field.name}`).toBeNull();
        expect(leaks(viaWorkspace.data).concat(leaks(viaNode.data)), `${who}: Workspace.${field.name} leaked`).toEqual([]);
      }
      visited.add(`Workspace.${field.name}`);
    }
    expect(await snapshotTenant(db, A.workspaceId)).toEqual(before);
  });

  it("every node of A is invisible through node(id)", async () => {
    for (const [type, id] of A.ids) {
      for (const [who, viewer] of intruders()) {
        const res = await gql(db, viewer, `query($id: ID!) { node(id: $id) { __typename id } }`, { id });
        expect(res.data?.node ?? null, `${who}: node(${type} of A)`).toBeNull();
      }
    }
  });

  it("every root query aimed at A returns nothing of A", async () => {
    const fields = Object.values(schema.getQueryType()!.getFields());
    for (const field of fields) {
      for (const [who, viewer] of intruders()) {
        for (const otherId of [A.globalId, ...A.ids.values()]) {
          const { decl, use, variables } = argsFor(field, { workspaceId: A.globalId, otherId });
          const res = await gql(db, viewer, `query Q${decl} { ${field.name}${use} ${selection(field.type, 2)} }`, variables);
          expect(leaks(res.data), `${who}: Query.${field.name} leaked A (id ${otherId})`).toEqual([]);
          if (!hasIdInput(field)) break;
        }
      }
      visited.add(`Query.${field.name}`);
    }
  });

  it("every mutation aimed at A fails and changes nothing in A", async () => {
    const before = await snapshotTenant(db, A.workspaceId);
    const fields = Object.values(schema.getMutationType()!.getFields());
    for (const field of fields) {
      // Aim at A's workspace; then, where the input names a workspace, name B's own and slip
      // A's row ids into the other ID inputs (the classic "checked the workspace, loaded the
      // row by id alone" bug); where it names only rows, try one row of every node type of A.
      const plans: IdPlan[] = [{ workspaceId: A.globalId, otherId: A.globalId }];
      if (hasIdInput(field)) {
        for (const otherId of A.ids.values()) plans.push({ workspaceId: namesWorkspace(field) ? B.globalId : A.globalId, otherId });
      }
      for (const [index, plan] of plans.entries()) {
        // B's key repeats only the first two aims: scope checks are per field, not per id.
        const callers = index < 2 && (namesWorkspace(field) || hasIdInput(field)) ? intruders() : intruders().slice(0, 1);
        for (const [who, viewer] of callers) {
          const { decl, use, variables } = argsFor(field, plan);
          const res = await gql(db, viewer, `mutation M${decl} { ${field.name}${use} ${selection(field.type, 2)} }`, variables);
          const label = `${who}: Mutation.${field.name} with workspace ${plan.workspaceId === A.globalId ? "A" : "B"} and id ${plan.otherId}`;
          expect(leaks(res.data), `${label} leaked A`).toEqual([]);
          if (plan.workspaceId === A.globalId && namesWorkspace(field)) {
            expect(res.errors?.length ?? 0, `${label} should have failed`).toBeGreaterThan(0);
            for (const e of res.errors ?? []) {
              expect(["NOT_FOUND", "BAD_USER_INPUT", "FORBIDDEN", "UNAUTHENTICATED"], `${label}: ${e.message}`).toContain(e.extensions?.code);
            }
          }
        }
      }
      visited.add(`Mutation.${field.name}`);
    }
    expect(await snapshotTenant(db, A.workspaceId)).toEqual(before);
  }, 600_000);

  it("left the intruders' own footing in B intact (e.g. leaveWorkspace refused B's last owner), so every aim was a real one", async () => {
    const res = await gql(db, B.owner, `{ viewer { workspaces { role workspace { id } } } }`);
    // (createWorkspace may have given B's owner a second workspace; B itself must still be theirs.)
    expect(res.data?.viewer.workspaces).toContainEqual({ role: "OWNER", workspace: { id: B.globalId } });
  });

  it("visited every root field and Workspace field of the schema", () => {
    const expected = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
      ...Object.keys((schema.getType("Workspace") as { getFields(): object }).getFields()).map((f) => `Workspace.${f}`),
    ];
    expect(expected.length).toBeGreaterThanOrEqual(20);
    expect([...visited].sort()).toEqual(expected.sort());
  });
});
