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
import { snapshotAgency, snapshotTenant } from "./tenant-snapshot";
import { createAgency } from "@/lib/agencies/create-agency";
import { createAgencyApiKey } from "@/lib/agencies/create-agency-api-key";
import { grantAgencyAccess } from "@/lib/agencies/grant-agency-access";
import { revokeAgencyAccess } from "@/lib/agencies/revoke-agency-access";
import { recordAlerts } from "@/lib/alerts/record-alerts";
import { withTenantSql } from "@/lib/alerts/tenant-sql";
import { resetEnvCache } from "@/lib/env";

/**
 * The cross-tenant sweep: every root query, every mutation and every Workspace field of the
 * live schema is called by workspace B's owner and B's widest API key with workspace A's ids
 * (and, for inputs that name a workspace, with B's own workspace plus A's row ids). No
 * response may carry A's data, no call may change A's rows, and a call aimed at A's workspace
 * must fail. The sweep derives its calls from the schema, so a new resolver is swept the day
 * it is added; it fails when it visits fewer fields than the schema has.
 */
let db: TestDatabase;
let A: {
  workspaceId: string;
  globalId: string;
  name: string;
  ownerEmail: string;
  owner: UserViewer;
  ids: Map<string, string>;
};
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
  if (!isObjectType(named) && !isInterfaceType(named))
    return isScalarType(named) || isEnumType(named) ? "" : "{ __typename }";
  const parts = ["__typename"];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(field.type);
    if (isScalarType(inner) || isEnumType(inner)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} ${selection(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

function argsFor(
  field: GraphQLField<unknown, unknown>,
  plan: IdPlan,
): { decl: string; use: string; variables: Record<string, unknown> } {
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
    const res = await gql(
      db,
      A.owner,
      `query Collect($wid: ID!${decl ? `, ${decl.slice(1, -1)}` : ""}) { workspace(id: $wid) { ${field.name}${use} ${sel} } }`,
      {
        wid: A.globalId,
        ...variables,
      },
    );
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (typeof obj.id === "string" && typeof obj.__typename === "string" && !ids.has(obj.__typename))
          ids.set(obj.__typename, obj.id);
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
    [
      "createInvite",
      `mutation($w: ID!) { createInvite(input: { workspaceId: $w, email: "invitee@example.test", role: CONTENT }) { __typename } }`,
    ],
    [
      "ingestMetrics",
      `mutation($w: ID!) { ingestMetrics(input: { workspaceId: $w, idempotencyKey: "sweep-1", rows: [
        { date: "2026-01-10", channel: "google_ads", campaign: "alpha", measure: "spend", value: "1000" },
        { date: "2026-01-10", channel: "google_ads", campaign: "alpha", measure: "leads", value: "10" } ] }) { accepted } }`,
    ],
    [
      "createReport",
      `mutation($w: ID!) { createReport(input: { workspaceId: $w, title: "Alpha board report", roles: [OWNER], period: { type: MONTH } }) { report { id } } }`,
    ],
    [
      "updateReportBranding",
      `mutation($w: ID!) { updateReportBranding(input: { workspaceId: $w, name: "Alpha brand", primaryColor: "#1d4ed8" }) { __typename } }`,
    ],
  ] as const;
  for (const [name, query] of populate) {
    if (!(schema.getMutationType()?.getFields() ?? {})[name]) continue;
    const res = await gql(db, a.viewer, query, { w: toGlobal(a.workspace.id) });
    expect(res.errors ?? [], `populating A with ${name}`).toEqual([]);
  }
  // A webhook with a queued delivery (no scheduler runs here: nothing is sent) and an alert
  // notifying A's owner, so Webhook, WebhookDelivery and Notification are swept too.
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  resetEnvCache();
  const hook = await gql(
    db,
    a.viewer,
    `mutation($w: ID!) { createWebhook(input: { workspaceId: $w, url: "http://127.0.0.1:9/sweep", events: [ALERT_RAISED] }) { secret } }`,
    { w: toGlobal(a.workspace.id) },
  );
  expect(hook.errors ?? [], "populating A with a webhook").toEqual([]);
  await withTenantSql(db, a.workspace.id, (sql) =>
    recordAlerts(
      sql,
      a.workspace.id,
      [
        {
          rule: "LTV_CAC_BELOW_3",
          severity: "critical",
          subject: "workspace",
          kpiId: null,
          audience: { kind: "managers", withCmo: true },
          title: { en: "Alpha alert", ru: "Alpha alert" },
          body: { en: "Alpha body", ru: "Alpha body" },
          ruleText: { en: "Alpha rule", ru: "Alpha rule" },
          figures: {},
        },
      ],
      new Date(),
    ),
  );
  // A report with a share link and a schedule, so that Report, ShareLink and ReportSchedule ids of A are aimed at.
  const reports = await gql(db, a.viewer, `query($w: ID!) { workspace(id: $w) { reports { id } } }`, {
    w: toGlobal(a.workspace.id),
  });
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
  A = {
    workspaceId: a.workspace.id,
    globalId: toGlobal(a.workspace.id),
    name: a.workspace.name,
    ownerEmail: a.owner.email,
    owner: a.viewer,
    ids: new Map(),
  };
  A.ids = await collectIdsOfA();
  const bKey = await createKey(db, {
    workspaceId: b.workspace.id,
    actorId: b.owner.id,
    scopes: ["READ", "WRITE_METRICS", "ADMIN"],
  });
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
    for (const type of ["Webhook", "Notification", "User"])
      expect(A.ids.has(type), `${type} of A collected`).toBe(true);
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
        const viaWorkspace = await gql(db, viewer, `query Q($wid: ID!${extra}) { workspace(id: $wid) { ${inner} } }`, {
          wid: A.globalId,
          ...variables,
        });
        expect(viaWorkspace.data?.workspace ?? null, `${who}: workspace(A).${field.name}`).toBeNull();
        const viaNode = await gql(
          db,
          viewer,
          `query Q($wid: ID!${extra}) { node(id: $wid) { ... on Workspace { ${inner} } } }`,
          { wid: A.globalId, ...variables },
        );
        expect(viaNode.data?.node ?? null, `${who}: node(A).${field.name}`).toBeNull();
        expect(leaks(viaWorkspace.data).concat(leaks(viaNode.data)), `${who}: Workspace.${field.name} leaked`).toEqual(
          [],
        );
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
          const res = await gql(
            db,
            viewer,
            `query Q${decl} { ${field.name}${use} ${selection(field.type, 2)} }`,
            variables,
          );
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
        for (const otherId of A.ids.values())
          plans.push({ workspaceId: namesWorkspace(field) ? B.globalId : A.globalId, otherId });
      }
      for (const [index, plan] of plans.entries()) {
        // B's key repeats only the first two aims: scope checks are per field, not per id.
        const callers =
          index < 2 && (namesWorkspace(field) || hasIdInput(field)) ? intruders() : intruders().slice(0, 1);
        for (const [who, viewer] of callers) {
          const { decl, use, variables } = argsFor(field, plan);
          const res = await gql(
            db,
            viewer,
            `mutation M${decl} { ${field.name}${use} ${selection(field.type, 2)} }`,
            variables,
          );
          const label = `${who}: Mutation.${field.name} with workspace ${plan.workspaceId === A.globalId ? "A" : "B"} and id ${plan.otherId}`;
          expect(leaks(res.data), `${label} leaked A`).toEqual([]);
          if (plan.workspaceId === A.globalId && namesWorkspace(field)) {
            expect(res.errors?.length ?? 0, `${label} should have failed`).toBeGreaterThan(0);
            for (const e of res.errors ?? []) {
              expect(
                ["NOT_FOUND", "BAD_USER_INPUT", "FORBIDDEN", "UNAUTHENTICATED"],
                `${label}: ${e.message}`,
              ).toContain(e.extensions?.code);
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

/**
 * The agency walls (SPEC §8): agency α works for A (granted CMO). Three more actors aim at α
 * and at A — a member of another agency β, the owner of another client (B, a client of β),
 * and agency γ whose grant A revoked (its admin and its key) — through every Agency field
 * (agency(id) and node(id)), every root query and every mutation. Nothing of A or α may come
 * back and nothing of either may change. Fails when it visits fewer Agency fields than exist.
 */
describe("cross-tenant sweep: agencies", () => {
  let alpha: { id: string; globalId: string; name: string; adminEmail: string };
  const actors: [string, Viewer][] = [];
  const visitedAgency = new Set<string>();

  const agencyMarkers = () => [...markersOfA(), alpha.id, alpha.globalId, alpha.name, alpha.adminEmail];
  // An agency's own audit log keeps the history of grants it held — "<client> revoked access" —
  // by design (SPEC §8: both logs record grants and revocations), so a revoked agency still reads
  // the client's NAME there, and nothing else of it. The leak check reads everything but that
  // log; the log itself is checked for ids and figures below.
  const withoutOwnHistory = (data: unknown): unknown =>
    JSON.parse(JSON.stringify(data ?? null, (key, value) => (key === "auditEvents" ? undefined : value)));
  const agencyLeaks = (data: unknown) => {
    const text = JSON.stringify(withoutOwnHistory(data));
    return agencyMarkers().filter((m) => m && text.includes(m));
  };

  beforeAll(async () => {
    const userAlpha = await createWorkspaceWithOwner(db, {
      name: "Alpha Agency Admin",
      workspaceName: "Alpha agency's own",
    });
    const a = await createAgency(db, { actorId: userAlpha.owner.id, name: "Alpha Secret Agency" });
    await grantAgencyAccess(db, {
      workspaceId: A.workspaceId,
      actor: { kind: "user", userId: A.owner.userId },
      agencyId: a.id,
      role: "CMO",
    });
    alpha = {
      id: a.id,
      globalId: Buffer.from(`Agency:${a.id}`).toString("base64"),
      name: a.name,
      adminEmail: userAlpha.owner.email,
    };
    // β: another agency, whose client is B.
    const userBeta = await createWorkspaceWithOwner(db, {
      name: "Beta Agency Admin",
      workspaceName: "Beta agency's own",
    });
    const beta = await createAgency(db, { actorId: userBeta.owner.id, name: "Beta Intruder Agency" });
    await grantAgencyAccess(db, {
      workspaceId: B.workspaceId,
      actor: { kind: "user", userId: B.owner.userId },
      agencyId: beta.id,
      role: "ADMIN",
    });
    // γ: granted by A, then revoked; its admin and a READ key.
    const userGamma = await createWorkspaceWithOwner(db, {
      name: "Gamma Agency Admin",
      workspaceName: "Gamma agency's own",
    });
    const gamma = await createAgency(db, { actorId: userGamma.owner.id, name: "Gamma Revoked Agency" });
    const gammaKey = await createAgencyApiKey(db, {
      agencyId: gamma.id,
      actorId: userGamma.owner.id,
      name: "gamma",
      scopes: ["READ", "WRITE_METRICS", "ADMIN"],
    });
    await grantAgencyAccess(db, {
      workspaceId: A.workspaceId,
      actor: { kind: "user", userId: A.owner.userId },
      agencyId: gamma.id,
      role: "ADMIN",
    });
    await revokeAgencyAccess(db, {
      workspaceId: A.workspaceId,
      actor: { kind: "user", userId: A.owner.userId },
      agencyId: gamma.id,
    });
    actors.push(
      ["β's member", userBeta.viewer],
      ["B's owner (a client of β)", B.owner],
      ["revoked γ's admin", userGamma.viewer],
      [
        "revoked γ's key",
        {
          kind: "agencyKey",
          apiKeyId: gammaKey.apiKey.id,
          agencyId: gamma.id,
          scopes: ["READ", "WRITE_METRICS", "ADMIN"],
        },
      ],
    );
    // α really sees A: the walls below are not empty doors.
    const seen = await gql(
      db,
      userAlpha.viewer,
      `query($a: ID!, $w: ID!) { agency(id: $a) { clients { id } } workspace(id: $w) { name } }`,
      { a: alpha.globalId, w: A.globalId },
    );
    expect(seen.data).toEqual({ agency: { clients: [{ id: A.globalId }] }, workspace: { name: A.name } });
  }, 300_000);

  it("every Agency field is unreachable through α's id (agency and node), and A's workspace stays invisible", async () => {
    const before = await snapshotAgency(db, alpha.id);
    const agencyType = schema.getType("Agency");
    if (!isObjectType(agencyType)) throw new Error("no Agency type");
    const fields = Object.values(agencyType.getFields());
    expect(fields.length).toBeGreaterThanOrEqual(8);
    for (const field of fields) {
      for (const [who, viewer] of actors) {
        const { decl, use, variables } = argsFor(field, { workspaceId: A.globalId, otherId: alpha.globalId });
        const inner = `${field.name}${use} ${selection(field.type, 2)}`;
        const extra = decl ? `, ${decl.slice(1, -1)}` : "";
        for (const id of [alpha.globalId, alpha.id]) {
          const viaAgency = await gql(db, viewer, `query Q($aid: ID!${extra}) { agency(id: $aid) { ${inner} } }`, {
            aid: id,
            ...variables,
          });
          expect(viaAgency.data?.agency ?? null, `${who}: agency(α).${field.name}`).toBeNull();
          expect(agencyLeaks(viaAgency.data), `${who}: Agency.${field.name} leaked`).toEqual([]);
        }
        const viaNode = await gql(
          db,
          viewer,
          `query Q($aid: ID!${extra}) { node(id: $aid) { ... on Agency { ${inner} } } }`,
          { aid: alpha.globalId, ...variables },
        );
        expect(viaNode.data?.node ?? null, `${who}: node(α).${field.name}`).toBeNull();
        expect(agencyLeaks(viaNode.data), `${who}: node Agency.${field.name} leaked`).toEqual([]);
      }
      visitedAgency.add(`Agency.${field.name}`);
    }
    for (const [who, viewer] of actors) {
      const ws = await gql(
        db,
        viewer,
        `query($w: ID!) { workspace(id: $w) { name scorecard(role: OWNER) { score } } }`,
        { w: A.globalId },
      );
      expect(ws.data?.workspace ?? null, `${who}: workspace(A)`).toBeNull();
      const mine = await gql(
        db,
        viewer,
        `{ viewerAgencies { agency { name clients { id name } portfolio { workspace { name } } benchmarks { positions { workspace { name } } } } } }`,
      );
      expect(agencyLeaks(mine.data), `${who}: own agencies leaked A or α`).toEqual([]);
    }
    expect(await snapshotAgency(db, alpha.id)).toEqual(before);
  });

  it("every root query and mutation aimed at α or A by the three actors returns nothing and changes nothing", async () => {
    const beforeA = await snapshotTenant(db, A.workspaceId);
    const beforeAlpha = await snapshotAgency(db, alpha.id);
    const plans: IdPlan[] = [
      { workspaceId: A.globalId, otherId: alpha.globalId },
      { workspaceId: A.globalId, otherId: alpha.id },
      { workspaceId: B.globalId, otherId: alpha.globalId },
    ];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      for (const [who, viewer] of actors) {
        for (const plan of plans.slice(0, hasIdInput(field) ? 2 : 1)) {
          const { decl, use, variables } = argsFor(field, plan);
          const res = await gql(
            db,
            viewer,
            `query Q${decl} { ${field.name}${use} ${selection(field.type, 2)} }`,
            variables,
          );
          expect(agencyLeaks(res.data), `${who}: Query.${field.name} leaked (id ${plan.otherId})`).toEqual([]);
        }
      }
      visitedAgency.add(`Query.${field.name}`);
    }
    // B's owner granting (or revoking) α on B itself is the designed door, not an attack: an
    // agency id is public (it is what a client pastes) and names the agency, and the grant is
    // recorded in α's audit log. Those calls run after the "nothing changed" checks and may
    // not return anything of A.
    const designed: { field: (typeof fields)[number]; viewer: Viewer; plan: IdPlan; who: string }[] = [];
    const fields = Object.values(schema.getMutationType()!.getFields());
    for (const field of fields) {
      for (const [who, viewer] of actors) {
        for (const plan of plans.slice(0, hasIdInput(field) ? 3 : 1)) {
          if (
            viewer === B.owner &&
            plan.workspaceId === B.globalId &&
            /^(grant|revoke)AgencyAccess$/.test(field.name)
          ) {
            designed.push({ field, viewer, plan, who });
            continue;
          }
          const { decl, use, variables } = argsFor(field, plan);
          const res = await gql(
            db,
            viewer,
            `mutation M${decl} { ${field.name}${use} ${selection(field.type, 2)} }`,
            variables,
          );
          const label = `${who}: Mutation.${field.name} (workspace ${plan.workspaceId === A.globalId ? "A" : "B"}, id ${plan.otherId})`;
          expect(agencyLeaks(res.data), `${label} leaked`).toEqual([]);
          if (plan.workspaceId === A.globalId && namesWorkspace(field)) {
            expect(res.errors?.length ?? 0, `${label} should have failed`).toBeGreaterThan(0);
          }
        }
      }
      visitedAgency.add(`Mutation.${field.name}`);
    }
    expect(await snapshotTenant(db, A.workspaceId)).toEqual(beforeA);
    expect(await snapshotAgency(db, alpha.id)).toEqual(beforeAlpha);
    expect(designed.length).toBeGreaterThan(0);
    for (const { field, viewer, plan, who } of designed) {
      const { decl, use, variables } = argsFor(field, plan);
      const res = await gql(
        db,
        viewer,
        `mutation M${decl} { ${field.name}${use} ${selection(field.type, 2)} }`,
        variables,
      );
      expect(leaks(res.data), `${who}: Mutation.${field.name} on B leaked A`).toEqual([]);
    }
    expect(await snapshotTenant(db, A.workspaceId)).toEqual(beforeA);
  }, 600_000);

  it("a revoked agency's own log names the client that revoked it, and holds no id or figure of it", async () => {
    const [, gammaAdmin] = actors.find(([who]) => who === "revoked γ's admin")!;
    const res = await gql(
      db,
      gammaAdmin,
      `{ viewerAgencies { agency { auditEvents { action actorName targetType workspaceName role createdAt } } } }`,
    );
    const events = res.data!.viewerAgencies.flatMap(
      (v: { agency: { auditEvents: { action: string; workspaceName: string | null }[] } }) => v.agency.auditEvents,
    );
    expect(
      events
        .filter((e: { action: string }) => e.action === "agencyAccess.revoked")
        .map((e: { workspaceName: string | null }) => e.workspaceName),
    ).toEqual([A.name]);
    const text = JSON.stringify(events);
    expect(markersOfA().filter((m) => m !== A.name && text.includes(m))).toEqual([]);
  });

  it("visited every Agency field, root query and mutation with the agency actors", () => {
    const expected = [
      ...Object.keys((schema.getType("Agency") as { getFields(): object }).getFields()).map((f) => `Agency.${f}`),
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
    ];
    expect(actors).toHaveLength(4);
    expect([...visitedAgency].sort()).toEqual(expected.sort());
  });
});
