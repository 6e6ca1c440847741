import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { addMember, countRowsAsOwner, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, openTestDatabase } from "./harness";
import { APRIL_15, gqlAt } from "./scorecard-fixture";

/** KPI CRUD, targets, planner, bad input, the permission matrix and cross-tenant walls. */
let db: TestDatabase;
let A: { id: string; gid: string; viewers: Record<string, Viewer>; kpi: Map<string, string> };
let B: { id: string; gid: string; owner: Viewer; readKey: Viewer; adminKey: Viewer; kpi: Map<string, string> };

const run = (viewer: Viewer | null, query: string, variables?: Record<string, unknown>) =>
  gqlAt(db, viewer, APRIL_15, query, variables);

async function kpiMap(viewer: Viewer, gid: string): Promise<Map<string, string>> {
  const r = await run(viewer, `query($id: ID!) { workspace(id: $id) { kpis { id key } } }`, { id: gid });
  return new Map(r.data!.workspace.kpis.map((k: { id: string; key: string }) => [k.key, k.id]));
}

const ROLES: WorkspaceRole[] = ["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES", "CLIENT_VIEWER"];

beforeAll(async () => {
  db = await openTestDatabase();
  const a = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow" });
  const viewers: Record<string, Viewer> = { OWNER: a.viewer };
  for (const role of ROLES.slice(1)) viewers[role] = (await addMember(db, a.workspace.id, role)).viewer;
  viewers.READ_KEY = (
    await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] })
  ).viewer;
  const aGid = (await run(a.viewer, `query($id: ID!) { workspace(id: $id) { id } }`, { id: a.workspace.id })).data!
    .workspace.id;
  A = { id: a.workspace.id, gid: aGid, viewers, kpi: await kpiMap(a.viewer, aGid) };
  const b = await createWorkspaceWithOwner(db);
  const bGid = (await run(b.viewer, `query($id: ID!) { workspace(id: $id) { id } }`, { id: b.workspace.id })).data!
    .workspace.id;
  B = {
    id: b.workspace.id,
    gid: bGid,
    owner: b.viewer,
    readKey: (await createKey(db, { workspaceId: b.workspace.id, actorId: b.owner.id, scopes: ["READ"] })).viewer,
    adminKey: (await createKey(db, { workspaceId: b.workspace.id, actorId: b.owner.id, scopes: ["ADMIN"] })).viewer,
    kpi: await kpiMap(b.viewer, bGid),
  };
}, 300_000);
afterAll(async () => db?.close());

const SET_TARGET = `mutation($kpiId: ID!, $period: PeriodInput!, $value: Decimal) { setKpiTarget(kpiId: $kpiId, period: $period, value: $value) { target } }`;
const APRIL = { type: "MONTH", anchor: "2026-04-01" };

describe("permission matrix: every role × scorecard(role)", () => {
  const READERS: Record<string, string[]> = {
    OWNER: ["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"],
    ADMIN: ["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"],
    CMO: ["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"],
    READ_KEY: ["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"],
    PERFORMANCE: ["OWNER", "ADMIN", "PERFORMANCE"],
    SMM: ["OWNER", "ADMIN", "SMM"],
    CONTENT: ["OWNER", "ADMIN", "CONTENT"],
    SALES: ["OWNER", "ADMIN", "SALES"],
    CLIENT_VIEWER: [],
  };
  for (const [viewerRole, allowed] of Object.entries(READERS)) {
    it(`${viewerRole} reads ${allowed.join(", ") || "no scorecard"}`, async () => {
      for (const role of ROLES.filter((r) => r !== "CLIENT_VIEWER")) {
        const r = await run(
          A.viewers[viewerRole],
          `query($id: ID!, $role: WorkspaceRole!) { workspace(id: $id) { scorecard(role: $role) { owner kpis { key } } } }`,
          { id: A.gid, role },
        );
        if (allowed.includes(role)) expect(r.errors, `${viewerRole} → ${role}`).toBeUndefined();
        else expect(errorCodes(r), `${viewerRole} → ${role}`).toEqual(["FORBIDDEN"]);
      }
    });
  }

  it("the SALES scorecard is the marketing–sales view (CAC, LTV, lead→deal)", async () => {
    const r = await run(
      A.viewers.SALES,
      `query($id: ID!) { workspace(id: $id) { scorecard(role: SALES) { owner kpis { metricKey } } } }`,
      { id: A.gid },
    );
    expect(r.data!.workspace.scorecard.kpis.map((k: { metricKey: string }) => k.metricKey)).toEqual([
      "cac",
      "ltv",
      "lead_to_deal_conversion",
    ]);
  });

  it("CLIENT_VIEWER gets nothing from kpis, kpiTree and healthChecks; a specialist's tree holds company + own KPIs", async () => {
    for (const field of ["kpis { key }", "kpiTree { roots { key } }", "healthChecks { code }"]) {
      const r = await run(A.viewers.CLIENT_VIEWER, `query($id: ID!) { workspace(id: $id) { ${field} } }`, {
        id: A.gid,
      });
      expect(errorCodes(r), field).toEqual(["FORBIDDEN"]);
    }
    const r = await run(A.viewers.SMM, `query($id: ID!) { workspace(id: $id) { kpis { ownerRole } } }`, { id: A.gid });
    expect(new Set(r.data!.workspace.kpis.map((k: { ownerRole: string }) => k.ownerRole))).toEqual(
      new Set(["COMPANY", "SMM"]),
    );
  });
});

describe("permission matrix: mutations", () => {
  const EDITORS_MARKETING = ["OWNER", "ADMIN", "CMO"];
  const EDITORS_COMPANY = ["OWNER", "ADMIN"];
  const ALL = [...ROLES, "READ_KEY"];

  it("setKpiTarget: CMO edits marketing roles, only OWNER/ADMIN the company", async () => {
    for (const who of ALL) {
      const marketing = await run(A.viewers[who], SET_TARGET, {
        kpiId: A.kpi.get("smm.social_qualified_leads"),
        period: APRIL,
        value: "10",
      });
      if (EDITORS_MARKETING.includes(who)) expect(marketing.errors, who).toBeUndefined();
      else expect(errorCodes(marketing), who).toEqual(["FORBIDDEN"]);
      const company = await run(A.viewers[who], SET_TARGET, {
        kpiId: A.kpi.get("company.revenue"),
        period: APRIL,
        value: "1000000",
      });
      if (EDITORS_COMPANY.includes(who)) expect(company.errors, who).toBeUndefined();
      else expect(errorCodes(company), who).toEqual(["FORBIDDEN"]);
    }
  });

  it("setKpiTarget is audited with the value before and after, for the audit log's sentence", async () => {
    const owner = A.viewers.OWNER;
    const kpiId = A.kpi.get("company.romi");
    expect((await run(owner, SET_TARGET, { kpiId, period: APRIL, value: "0.1" })).errors).toBeUndefined();
    expect((await run(owner, SET_TARGET, { kpiId, period: APRIL, value: "0.12" })).errors).toBeUndefined();
    const log = await run(
      owner,
      `query($id: ID!) { workspace(id: $id) { auditEvents(first: 5) { edges { node { action actorName data } } } } }`,
      { id: A.gid },
    );
    const entries = log
      .data!.workspace.auditEvents.edges.map((e: { node: { action: string; data: string } }) => ({
        action: e.node.action,
        data: JSON.parse(e.node.data),
      }))
      .filter((n: { action: string }) => n.action === "target.set");
    expect(entries[0].data).toMatchObject({
      metricKey: "romi",
      ownerRole: "COMPANY",
      period: { type: "month", from: "2026-04-01", to: "2026-04-30" },
      from: "0.1",
      to: "0.12",
    });
    expect(entries[1].data).toMatchObject({ from: null, to: "0.1" });
  });

  it("createKpi / updateKpi / deleteKpi / resetScorecardTemplate follow the same rule", async () => {
    for (const who of ALL) {
      const created = await run(
        A.viewers[who],
        `mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id key } } }`,
        {
          i: {
            workspaceId: A.gid,
            metricKey: "cpc",
            ownerRole: "PERFORMANCE",
            direction: "LOWER",
            key: `performance.cpc_${who.toLowerCase()}`,
          },
        },
      );
      if (!EDITORS_MARKETING.includes(who)) {
        expect(errorCodes(created), who).toEqual(["FORBIDDEN"]);
        continue;
      }
      expect(created.errors, who).toBeUndefined();
      const id = created.data!.createKpi.kpi.id;
      const updated = await run(
        A.viewers[who],
        `mutation($i: UpdateKpiInput!) { updateKpi(input: $i) { kpi { weight } } }`,
        { i: { id, weight: "2" } },
      );
      expect(updated.data!.updateKpi.kpi.weight, who).toBe("2");
      const toCompany = await run(
        A.viewers[who],
        `mutation($i: UpdateKpiInput!) { updateKpi(input: $i) { kpi { ownerRole } } }`,
        { i: { id, ownerRole: "COMPANY" } },
      );
      if (EDITORS_COMPANY.includes(who)) expect(toCompany.errors, who).toBeUndefined();
      else expect(errorCodes(toCompany), who).toEqual(["FORBIDDEN"]);
      const deleted = await run(A.viewers[who], `mutation($id: ID!) { deleteKpi(id: $id) { key } }`, { id });
      expect(deleted.errors, who).toBeUndefined();
    }
    for (const who of ALL) {
      const reset = await run(
        A.viewers[who],
        `mutation($w: ID!) { resetScorecardTemplate(workspaceId: $w, role: CONTENT) { kpis { key } } }`,
        { w: A.gid },
      );
      if (EDITORS_MARKETING.includes(who)) expect(reset.data!.resetScorecardTemplate.kpis, who).toHaveLength(4);
      else expect(errorCodes(reset), who).toEqual(["FORBIDDEN"]);
      const resetCompany = await run(
        A.viewers[who],
        `mutation($w: ID!) { resetScorecardTemplate(workspaceId: $w, role: COMPANY) { kpis { key } } }`,
        { w: A.gid },
      );
      if (EDITORS_COMPANY.includes(who)) expect(resetCompany.errors, who).toBeUndefined();
      else expect(errorCodes(resetCompany), who).toEqual(["FORBIDDEN"]);
    }
  });

  it("annotations: only on the member's own scorecard", async () => {
    const ANNOTATE = `mutation($k: ID!, $b: String!) { setKpiAnnotation(kpiId: $k, body: $b, period: { type: MONTH, anchor: "2026-04-01" }) { annotation { body } } }`;
    const own: Record<string, string> = {
      OWNER: "company.revenue",
      ADMIN: "company.cac",
      CMO: "cmo.romi",
      PERFORMANCE: "performance.paid_romi",
      SMM: "smm.engagement_rate",
      CONTENT: "content.content_leads",
    };
    for (const who of ALL) {
      const target = own[who] ?? "performance.paid_romi";
      const r = await run(A.viewers[who], ANNOTATE, { k: A.kpi.get(target), b: `note by ${who}` });
      if (own[who]) expect(r.data?.setKpiAnnotation.annotation.body, who).toBe(`note by ${who}`);
      else expect(errorCodes(r), who).toEqual(["FORBIDDEN"]);
    }
    const foreign = await run(A.viewers.SMM, ANNOTATE, { k: A.kpi.get("performance.paid_romi"), b: "not mine" });
    expect(errorCodes(foreign)).toEqual(["FORBIDDEN"]);
    const card = await run(
      A.viewers.PERFORMANCE,
      `query($id: ID!) { workspace(id: $id) { scorecard(role: PERFORMANCE, period: { type: MONTH, anchor: "2026-04-01" }) { kpis { key annotation { body } } } } }`,
      { id: A.gid },
    );
    expect(
      card.data!.workspace.scorecard.kpis.find((k: { key: string }) => k.key === "performance.paid_romi").annotation,
    ).toEqual({ body: "note by PERFORMANCE" });
  });

  it("planTargets / applyTargetPlan: target editors only", async () => {
    for (const who of ALL) {
      const r = await run(
        A.viewers[who],
        `query($w: ID!) { planTargets(workspaceId: $w, input: { revenueTarget: "10000000", averageDealSize: "100000", leadToDealConversion: "0.25", qualifiedLeadRate: "0.3", targetCac: "20000" }) { pipelineValue } }`,
        { w: A.gid },
      );
      if (EDITORS_MARKETING.includes(who)) expect(r.data!.planTargets.pipelineValue, who).toBe("30000000");
      else expect(errorCodes(r), who).toEqual(["FORBIDDEN"]);
    }
  });
});

describe("planner", () => {
  const PLAN = `query($w: ID!, $i: PlanTargetsInput!) { planTargets(workspaceId: $w, input: $i) {
    requiredDeals requiredLeads requiredQualifiedLeads pipelineValue marketingBudgetCeiling maxCpl maxCostPerQualifiedLead impliedRomi
    proposals { kpiKey role target canApply basis } } }`;
  const INPUT = {
    revenueTarget: "10000000",
    averageDealSize: "100000",
    leadToDealConversion: "0.25",
    qualifiedLeadRate: "0.3",
    targetCac: "20000",
  };

  it("plans the seeds' example: revenue 10M → pipeline 30M", async () => {
    const r = await run(A.viewers.CMO, PLAN, { w: A.gid, i: INPUT });
    expect(r.errors).toBeUndefined();
    // deals 10M / 100k = 100; leads 100 / 0.25 = 400; qualified 400 × 0.3 = 120; pipeline 3 × 10M;
    // budget 100 × 20 000 = 2M; max CPL 2M / 400 = 5 000; max CPQL 2M / 120 = 16 666.66; ROMI (10M − 2M) / 2M = 4.
    expect(r.data!.planTargets).toMatchObject({
      requiredDeals: "100",
      requiredLeads: "400",
      requiredQualifiedLeads: "120",
      pipelineValue: "30000000",
      marketingBudgetCeiling: "2000000",
      maxCpl: "5000",
      maxCostPerQualifiedLead: "16666.66",
      impliedRomi: "4",
    });
    const proposals = r.data!.planTargets.proposals;
    expect(proposals.find((p: { kpiKey: string }) => p.kpiKey === "cmo.pipeline_value")).toMatchObject({
      target: "30000000",
      canApply: true,
    });
    expect(proposals.find((p: { kpiKey: string }) => p.kpiKey === "company.revenue")).toMatchObject({
      canApply: false,
    });
  });

  it("rejects zero inputs with field paths", async () => {
    const r = await run(A.viewers.CMO, PLAN, {
      w: A.gid,
      i: { ...INPUT, averageDealSize: "0", leadToDealConversion: "0" },
    });
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.fieldErrors).toMatchObject([
      { path: ["input", "averageDealSize"], message: expect.any(String) },
      { path: ["input", "leadToDealConversion"], message: expect.any(String) },
    ]);
  });

  it("applies edited proposals in one transaction, all or nothing", async () => {
    const APPLY = `mutation($w: ID!, $p: [TargetProposalInput!]!) { applyTargetPlan(workspaceId: $w, period: { type: MONTH, anchor: "2026-05-01" }, proposals: $p) { period { label } kpis { key target(period: { type: MONTH, anchor: "2026-05-01" }) { value source } } } }`;
    const before = await countRowsAsOwner(db, "kpi_target_versions", "workspace_id = $1", [A.id]);
    // A CMO may not set company targets: the whole plan is refused.
    const mixed = await run(A.viewers.CMO, APPLY, {
      w: A.gid,
      p: [
        { kpiKey: "cmo.pipeline_value", target: "30000000" },
        { kpiKey: "company.revenue", target: "10000000" },
      ],
    });
    expect(errorCodes(mixed)).toEqual(["FORBIDDEN"]);
    // A bad proposal anywhere refuses all, with its path.
    const bad = await run(A.viewers.CMO, APPLY, {
      w: A.gid,
      p: [
        { kpiKey: "cmo.pipeline_value", target: "30000000" },
        { kpiKey: "cmo.lead_to_deal_conversion", target: "25" },
      ],
    });
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect((bad.errors![0].extensions!.fieldErrors as { path: unknown[] }[])[0].path).toEqual([
      "proposals",
      1,
      "target",
    ]);
    expect(await countRowsAsOwner(db, "kpi_target_versions", "workspace_id = $1", [A.id])).toBe(before);

    const ok = await run(A.viewers.CMO, APPLY, {
      w: A.gid,
      p: [
        { kpiKey: "cmo.pipeline_value", target: "30000000" },
        { kpiKey: "performance.qualified_leads", target: "130" },
        { kpiKey: "performance.cost_per_qualified_lead", target: "16666.66" },
      ],
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.applyTargetPlan.period.label).toBe("2026-05");
    expect(ok.data!.applyTargetPlan.kpis).toEqual([
      { key: "cmo.pipeline_value", target: { value: "30000000", source: "PLANNER" } },
      { key: "performance.qualified_leads", target: { value: "130", source: "PLANNER" } },
      { key: "performance.cost_per_qualified_lead", target: { value: "16666.66", source: "PLANNER" } },
    ]);
    expect(await countRowsAsOwner(db, "kpi_target_versions", "workspace_id = $1", [A.id])).toBe(before + 3);
  });
});

describe("bad input: BAD_USER_INPUT with field paths, nothing half-saved", () => {
  const CREATE = `mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id key } } }`;
  const paths = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    ((r.errors?.[0]?.extensions?.fieldErrors as { path: unknown[] }[]) ?? []).map((e) => e.path.join("."));

  it("thresholds out of order, unknown metric, wrong unit and sign", async () => {
    const owner = A.viewers.OWNER;
    const kpisBefore = await countRowsAsOwner(db, "kpis", "workspace_id = $1", [A.id]);
    const r1 = await run(owner, CREATE, {
      i: {
        workspaceId: A.gid,
        metricKey: "leads",
        ownerRole: "PERFORMANCE",
        direction: "HIGHER",
        thresholds: { onTrack: "0.8", atRisk: "0.9" },
      },
    });
    expect(errorCodes(r1)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(r1)).toEqual(["input.thresholds"]);
    const r2 = await run(owner, CREATE, {
      i: {
        workspaceId: A.gid,
        metricKey: "happiness",
        ownerRole: "SMM",
        direction: "HIGHER",
        diagnostics: ["ctr", "vibes"],
      },
    });
    expect(paths(r2)).toEqual(["input.metricKey", "input.diagnostics.1"]);
    const r3 = await run(owner, CREATE, {
      i: { workspaceId: A.gid, metricKey: "leads", ownerRole: "SMM", direction: "RANGE" },
    });
    expect(paths(r3)).toEqual(["input.range"]);
    expect(await countRowsAsOwner(db, "kpis", "workspace_id = $1", [A.id])).toBe(kpisBefore);

    const wrongUnit = await run(owner, SET_TARGET, {
      kpiId: A.kpi.get("performance.lead_to_deal_conversion"),
      period: APRIL,
      value: "20",
    });
    expect(paths(wrongUnit)).toEqual(["value"]);
    const wrongSign = await run(owner, SET_TARGET, {
      kpiId: A.kpi.get("performance.qualified_leads"),
      period: APRIL,
      value: "-5",
    });
    expect(paths(wrongSign)).toEqual(["value"]);
    const fractionalCount = await run(owner, SET_TARGET, {
      kpiId: A.kpi.get("performance.qualified_leads"),
      period: APRIL,
      value: "10.5",
    });
    expect(paths(fractionalCount)).toEqual(["value"]);
    const wrongPeriod = await run(owner, SET_TARGET, {
      kpiId: A.kpi.get("performance.qualified_leads"),
      period: { type: "QUARTER" },
      value: "10",
    });
    expect(paths(wrongPeriod)).toEqual(["period.type"]);
  });

  it("refuses a tree edge that would make a cycle", async () => {
    const r = await run(
      A.viewers.OWNER,
      `mutation($i: UpdateKpiInput!) { updateKpi(input: $i) { kpi { parentKey } } }`,
      {
        i: { id: A.kpi.get("company.revenue"), parentId: A.kpi.get("performance.qualified_leads") },
      },
    );
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(paths(r)).toEqual(["input.parentId"]);
    const check = await run(A.viewers.OWNER, `query($id: ID!) { node(id: $id) { ... on Kpi { parentKey } } }`, {
      id: A.kpi.get("company.revenue"),
    });
    expect(check.data!.node.parentKey).toBeNull();
  });

  it("allows a sixth KPI on a role and flags it", async () => {
    for (const metricKey of ["cpc", "cpm"]) {
      const r = await run(A.viewers.OWNER, CREATE, {
        i: {
          workspaceId: A.gid,
          metricKey,
          ownerRole: "PERFORMANCE",
          direction: "LOWER",
          parentId: A.kpi.get("company.cac"),
        },
      });
      expect(r.errors).toBeUndefined();
    }
    const checks = await run(
      A.viewers.OWNER,
      `query($id: ID!) { workspace(id: $id) { healthChecks { code owner } kpis(role: PERFORMANCE) { key } } }`,
      { id: A.gid },
    );
    expect(checks.data!.workspace.kpis).toHaveLength(6);
    expect(checks.data!.workspace.healthChecks).toContainEqual({ code: "ROLE_KPI_COUNT_HIGH", owner: "PERFORMANCE" });
  });
});

describe("cross-tenant: B's owner and keys with A's ids", () => {
  it("sees nothing and changes nothing of A", async () => {
    const tables = ["kpis", "kpi_target_versions", "kpi_annotations"];
    const before = await Promise.all(tables.map((t) => countRowsAsOwner(db, t, "workspace_id = $1", [A.id])));
    const aKpi = A.kpi.get("performance.qualified_leads")!;
    for (const viewer of [B.owner, B.readKey, B.adminKey]) {
      const reads = await run(viewer, `query($id: ID!, $k: ID!) { workspace(id: $id) { id } node(id: $k) { id } }`, {
        id: A.gid,
        k: aKpi,
      });
      expect(reads.data).toEqual({ workspace: null, node: null });
      for (const field of [
        "scorecard(role: OWNER) { score }",
        "kpiTree { roots { key } }",
        "healthChecks { code }",
        "kpis { id }",
      ]) {
        const r = await run(viewer, `query($id: ID!) { workspace(id: $id) { ${field} } }`, { id: A.gid });
        expect(r.data?.workspace ?? null, field).toBeNull();
      }
      const calls: [string, Record<string, unknown>][] = [
        [SET_TARGET, { kpiId: aKpi, period: APRIL, value: "1" }],
        [`mutation($i: UpdateKpiInput!) { updateKpi(input: $i) { kpi { id } } }`, { i: { id: aKpi, weight: "3" } }],
        [`mutation($id: ID!) { deleteKpi(id: $id) { key } }`, { id: aKpi }],
        [`mutation($k: ID!) { setKpiAnnotation(kpiId: $k, body: "x") { period { label } } }`, { k: aKpi }],
        [
          `mutation($w: ID!) { resetScorecardTemplate(workspaceId: $w, role: PERFORMANCE) { kpis { id } } }`,
          { w: A.gid },
        ],
        [
          `mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id } } }`,
          { i: { workspaceId: A.gid, metricKey: "cpc", ownerRole: "PERFORMANCE", direction: "LOWER" } },
        ],
        [
          `query($w: ID!) { planTargets(workspaceId: $w, input: { revenueTarget: "1", averageDealSize: "1", leadToDealConversion: "1", qualifiedLeadRate: "1", targetCac: "1" }) { requiredDeals } }`,
          { w: A.gid },
        ],
        [
          `mutation($w: ID!) { applyTargetPlan(workspaceId: $w, period: { type: MONTH }, proposals: [{ kpiKey: "cmo.pipeline_value", target: "1" }]) { kpis { id } } }`,
          { w: A.gid },
        ],
      ];
      for (const [query, variables] of calls) {
        const r = await run(viewer, query, variables);
        expect(errorCodes(r), query).toEqual(["NOT_FOUND"]);
      }
      // B's own workspace with A's KPI as parent: refused, A's id is not B's.
      const parented = await run(viewer, `mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id } } }`, {
        i: { workspaceId: B.gid, metricKey: "cpc", ownerRole: "PERFORMANCE", direction: "LOWER", parentId: aKpi },
      });
      expect(errorCodes(parented)).toEqual(["BAD_USER_INPUT"]);
    }
    const after = await Promise.all(tables.map((t) => countRowsAsOwner(db, t, "workspace_id = $1", [A.id])));
    expect(after).toEqual(before);
  });
});
