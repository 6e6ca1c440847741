import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WorkspaceWithOwner, addMember, countRowsAsOwner, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import { loadMarch } from "./metrics-fixture";

let db: TestDatabase;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
  await loadMarch(db, a.workspace.id);
}, 300_000);
afterAll(async () => db?.close());

const CREATE = `mutation($input: CreateCustomMetricInput!) { createCustomMetric(input: $input) { metric { key unit formula class direction custom } } }`;
const UPDATE = `mutation($input: UpdateCustomMetricInput!) { updateCustomMetric(input: $input) { metric { key unit formula } } }`;
const DELETE = `mutation($input: DeleteCustomMetricInput!) { deleteCustomMetric(input: $input) { key } }`;
const VALUES = `query($id: ID!, $keys: [String!]!) { workspace(id: $id) { metricValues(keys: $keys, from: "2026-03-01", to: "2026-03-31") { key value reason unit } } }`;

const create = (viewer: WorkspaceWithOwner["viewer"], input: Record<string, unknown>, workspaceId = a.workspace.id) =>
  gql(db, viewer, CREATE, { input: { workspaceId, nameEn: input.key, ...input } });
const customCount = (workspaceId: string) => countRowsAsOwner(db, "custom_metrics", "workspace_id = $1", [workspaceId]);

describe("custom metrics", () => {
  it("creates a metric, infers its unit and computes it from the same sums", async () => {
    const r = await create(a.viewer, { key: "revenue_per_lead", formula: "revenue / leads", class: "RESULT" });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data!.createCustomMetric.metric).toMatchObject({
      key: "revenue_per_lead",
      unit: "MONEY",
      class: "RESULT",
      direction: "HIGHER",
      custom: true,
    });
    const growth = await create(a.viewer, { key: "spend_growth", formula: "spend / prev(spend) - 1" });
    expect(growth.data!.createCustomMetric.metric.unit).toBe("RATIO");
    const v = await gql(db, a.viewer, VALUES, {
      id: a.workspace.id,
      keys: ["revenue_per_lead", "spend_growth", "cac"],
    });
    expect(v.data!.workspace.metricValues).toEqual([
      { key: "revenue_per_lead", value: "625", reason: null, unit: "MONEY" },
      { key: "spend_growth", value: "299", reason: null, unit: "RATIO" }, // 300 000 / 1 000 − 1
      { key: "cac", value: "60000", reason: null, unit: "MONEY" },
    ]);
  });

  it("returns positioned errors for syntax, unknown names, unit mismatch and cycles; nothing is saved", async () => {
    const before = await customCount(a.workspace.id);
    const syntax = await create(a.viewer, { key: "broken", formula: "spend / (leads" });
    expect(errorCodes(syntax)).toEqual(["BAD_USER_INPUT"]);
    const fe = syntax.errors![0].extensions!.fieldErrors as {
      path: unknown[];
      code: string;
      position: { start: number; end: number };
    }[];
    expect(fe[0]).toMatchObject({ path: ["input", "formula"], code: "UNCLOSED_PARENTHESIS" });
    expect(fe[0].position.start).toBeGreaterThanOrEqual(8);

    const unit = await create(a.viewer, { key: "money_plus_count", formula: "spend + leads" });
    expect((unit.errors![0].extensions!.fieldErrors as { code: string; position: unknown }[])[0]).toMatchObject({
      code: "UNIT_MISMATCH",
      position: { start: 0, end: 13 },
    });
    const unknown = await create(a.viewer, { key: "typo", formula: "spend / leadz" });
    expect((unknown.errors![0].extensions!.fieldErrors as { code: string; position: unknown }[])[0]).toMatchObject({
      code: "UNKNOWN_REFERENCE",
      position: { start: 8, end: 13 },
    });
    const zero = await create(a.viewer, { key: "always_null", formula: "spend / (2 - 2)" });
    expect((zero.errors![0].extensions!.fieldErrors as { code: string }[])[0].code).toBe("DIVISION_BY_ZERO");

    // A cycle through an update: x reads y, then y is changed to read x.
    expect((await create(a.viewer, { key: "cyc_y", formula: "leads * 2" })).errors).toBeUndefined();
    expect((await create(a.viewer, { key: "cyc_x", formula: "cyc_y + leads" })).errors).toBeUndefined();
    const before2 = await customCount(a.workspace.id);
    const cycle = await gql(db, a.viewer, UPDATE, {
      input: { workspaceId: a.workspace.id, key: "cyc_y", formula: "cyc_x - 1" },
    });
    expect(errorCodes(cycle)).toEqual(["BAD_USER_INPUT"]);
    expect((cycle.errors![0].extensions!.fieldErrors as { code: string; message: string }[])[0]).toMatchObject({
      code: "CYCLE",
    });
    const kept = await gql(db, a.viewer, `query($id: ID!) { workspace(id: $id) { metricCatalog { key formula } } }`, {
      id: a.workspace.id,
    });
    expect(kept.data!.workspace.metricCatalog.find((e: { key: string }) => e.key === "cyc_y").formula).toBe(
      "leads * 2",
    );
    expect(await customCount(a.workspace.id)).toBe(before2);
    expect(before2).toBe(before + 2);
  });

  it("rejects reserved and duplicate keys, and a change that breaks a dependent's unit", async () => {
    expect(errorCodes(await create(a.viewer, { key: "cac", formula: "spend / leads" }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await create(a.viewer, { key: "revenue_per_lead", formula: "spend / leads" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(errorCodes(await create(a.viewer, { key: "Bad Key", formula: "spend / leads" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    // cyc_x = cyc_y + leads: turning cyc_y into money would make cyc_x "money + count".
    const breaking = await gql(db, a.viewer, UPDATE, {
      input: { workspaceId: a.workspace.id, key: "cyc_y", formula: "spend" },
    });
    expect(errorCodes(breaking)).toEqual(["BAD_USER_INPUT"]);
  });

  it("validates a formula live without saving", async () => {
    const r = await gql(
      db,
      a.viewer,
      `query($id: ID!) { workspace(id: $id) {
      ok: validateMetricFormula(formula: "(revenue - spend) / spend") { valid unit errors { code } references }
      bad: validateMetricFormula(formula: "spend +") { valid errors { code start end } } } }`,
      { id: a.workspace.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.workspace.ok).toEqual({ valid: true, unit: "RATIO", errors: [], references: ["revenue", "spend"] });
    expect(r.data!.workspace.bad.valid).toBe(false);
    expect(r.data!.workspace.bad.errors[0]).toMatchObject({ code: "UNEXPECTED_END", start: 7 });
  });

  it("refuses to delete a metric another one reads, then deletes it once free", async () => {
    const blocked = await gql(db, a.viewer, DELETE, { input: { workspaceId: a.workspace.id, key: "cyc_y" } });
    expect(errorCodes(blocked)).toEqual(["BAD_USER_INPUT"]);
    expect(
      (await gql(db, a.viewer, DELETE, { input: { workspaceId: a.workspace.id, key: "cyc_x" } })).data!
        .deleteCustomMetric.key,
    ).toBe("cyc_x");
    expect(
      (await gql(db, a.viewer, DELETE, { input: { workspaceId: a.workspace.id, key: "cyc_y" } })).data!
        .deleteCustomMetric.key,
    ).toBe("cyc_y");
  });

  it("adds custom measures that can be ingested and used in formulas", async () => {
    const m = await gql(
      db,
      a.viewer,
      `mutation($input: CreateCustomMeasureInput!) { createCustomMeasure(input: $input) { measure { key unit aggregation custom } } }`,
      {
        input: { workspaceId: a.workspace.id, key: "demo_calls", nameEn: "Demo calls", unit: "COUNT" },
      },
    );
    expect(m.data!.createCustomMeasure.measure).toEqual({
      key: "demo_calls",
      unit: "COUNT",
      aggregation: "FLOW",
      custom: true,
    });
    const ing = await gql(
      db,
      a.viewer,
      `mutation($input: IngestMetricsInput!) { ingestMetrics(input: $input) { inserted } }`,
      {
        input: {
          workspaceId: a.workspace.id,
          idempotencyKey: "calls",
          rows: [{ date: "2026-03-03", channel: "sales", measure: "demo_calls", value: "40" }],
        },
      },
    );
    expect(ing.data!.ingestMetrics.inserted).toBe(1);
    expect(
      (await create(a.viewer, { key: "calls_per_deal", formula: "demo_calls / deals_won" })).errors,
    ).toBeUndefined();
    const v = await gql(db, a.viewer, VALUES, { id: a.workspace.id, keys: ["demo_calls", "calls_per_deal"] });
    expect(v.data!.workspace.metricValues.map((x: { value: string }) => x.value)).toEqual(["40", "8"]);
    // In use by a formula and holding data: not deletable.
    const del = await gql(
      db,
      a.viewer,
      `mutation($input: DeleteCustomMeasureInput!) { deleteCustomMeasure(input: $input) { key } }`,
      {
        input: { workspaceId: a.workspace.id, key: "demo_calls" },
      },
    );
    expect(errorCodes(del)).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses to delete a metric or measure a KPI reads (metric, gate or diagnostic); allowed once the KPI lets go", async () => {
    expect(
      (await create(a.viewer, { key: "leads_per_post", formula: "leads / posts_published" })).errors,
    ).toBeUndefined();
    const kpi = await gql(db, a.viewer, `mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id key } } }`, {
      i: {
        workspaceId: a.workspace.id,
        metricKey: "leads_per_post",
        ownerRole: "SMM",
        direction: "HIGHER",
        key: "smm.leads_per_post",
      },
    });
    expect(kpi.errors, JSON.stringify(kpi.errors)).toBeUndefined();
    const refused = await gql(db, a.viewer, DELETE, { input: { workspaceId: a.workspace.id, key: "leads_per_post" } });
    expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors![0].message).toContain("smm.leads_per_post");
    expect(await customCount(a.workspace.id)).toBeGreaterThan(0);
    const keys = async () =>
      (
        await gql(db, a.viewer, `query($id: ID!) { workspace(id: $id) { metricCatalog { key } } }`, {
          id: a.workspace.id,
        })
      ).data!.workspace.metricCatalog.map((m: { key: string }) => m.key);
    expect(await keys()).toContain("leads_per_post");

    // A custom measure used as a diagnostic only is held the same way.
    const m = await gql(
      db,
      a.viewer,
      `mutation($input: CreateCustomMeasureInput!) { createCustomMeasure(input: $input) { measure { key } } }`,
      {
        input: { workspaceId: a.workspace.id, key: "podcast_plays", nameEn: "Podcast plays", unit: "COUNT" },
      },
    );
    expect(m.errors).toBeUndefined();
    const upd = await gql(
      db,
      a.viewer,
      `mutation($i: UpdateKpiInput!) { updateKpi(input: $i) { kpi { diagnostics } } }`,
      { i: { id: kpi.data!.createKpi.kpi.id, diagnostics: ["podcast_plays"] } },
    );
    expect(upd.errors, JSON.stringify(upd.errors)).toBeUndefined();
    const delMeasure = `mutation($input: DeleteCustomMeasureInput!) { deleteCustomMeasure(input: $input) { key } }`;
    expect(
      errorCodes(await gql(db, a.viewer, delMeasure, { input: { workspaceId: a.workspace.id, key: "podcast_plays" } })),
    ).toEqual(["BAD_USER_INPUT"]);

    expect(
      (await gql(db, a.viewer, `mutation($id: ID!) { deleteKpi(id: $id) { key } }`, { id: kpi.data!.createKpi.kpi.id }))
        .errors,
    ).toBeUndefined();
    expect(
      (await gql(db, a.viewer, DELETE, { input: { workspaceId: a.workspace.id, key: "leads_per_post" } })).data!
        .deleteCustomMetric.key,
    ).toBe("leads_per_post");
    expect(
      (await gql(db, a.viewer, delMeasure, { input: { workspaceId: a.workspace.id, key: "podcast_plays" } })).data!
        .deleteCustomMeasure.key,
    ).toBe("podcast_plays");
    expect(await keys()).not.toContain("leads_per_post");
  });

  it("updates settings with validation, and the numbers follow", async () => {
    const SET = `mutation($input: UpdateMetricSettingsInput!) { updateMetricSettings(input: $input) { settings { ltvMethod grossMargin romiBasis } } }`;
    const bad = await gql(db, a.viewer, SET, { input: { workspaceId: a.workspace.id, grossMargin: "1.5" } });
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors![0].extensions!.fieldErrors).toMatchObject([
      { path: ["input", "grossMargin"], message: expect.any(String) },
    ]);
    const missing = await gql(db, a.viewer, SET, {
      input: { workspaceId: a.workspace.id, ltvMethod: "REPEAT_PURCHASE" },
    });
    expect(errorCodes(missing)).toEqual(["BAD_USER_INPUT"]);
    const ok = await gql(db, a.viewer, SET, {
      input: { workspaceId: a.workspace.id, grossMargin: "0.5", romiBasis: "GROSS_PROFIT" },
    });
    expect(ok.data!.updateMetricSettings.settings).toEqual({
      ltvMethod: "SUBSCRIPTION",
      grossMargin: "0.5",
      romiBasis: "GROSS_PROFIT",
    });
    const v = await gql(db, a.viewer, VALUES, { id: a.workspace.id, keys: ["romi", "ltv"] });
    // ROMI on gross profit: (125 000 − 300 000) / 300 000; LTV = 50 000 × 0.5 / MONTHLY churn, where
    // monthly churn = 6 / 150 / (31 / 30.4375) (SPEC §4.2 "Time-normalised unit economics").
    expect(v.data!.workspace.metricValues.map((x: { value: string }) => x.value)).toEqual([
      "-0.5833333333",
      "636550.3080082136",
    ]);
  });

  it("sets the maximum customer lifetime (1…600 months, null = no cap); out of range names the field and saves nothing", async () => {
    const SET = `mutation($input: UpdateMetricSettingsInput!) { updateMetricSettings(input: $input) { settings { maxCustomerLifetimeMonths } } }`;
    const READ = `query($id: ID!) { workspace(id: $id) { metricSettings { maxCustomerLifetimeMonths } } }`;
    const read = async () =>
      (await gql(db, a.viewer, READ, { id: a.workspace.id })).data!.workspace.metricSettings.maxCustomerLifetimeMonths;
    expect(await read()).toBe("60");
    for (const bad of ["0", "-1", "601"]) {
      const r = await gql(db, a.viewer, SET, {
        input: { workspaceId: a.workspace.id, maxCustomerLifetimeMonths: bad },
      });
      expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors![0].extensions!.fieldErrors).toMatchObject([
        { path: ["input", "maxCustomerLifetimeMonths"], message: expect.stringContaining("600") },
      ]);
      expect(await read()).toBe("60");
    }
    const set = await gql(db, a.viewer, SET, {
      input: { workspaceId: a.workspace.id, maxCustomerLifetimeMonths: "24" },
    });
    expect(set.data!.updateMetricSettings.settings.maxCustomerLifetimeMonths).toBe("24");
    // Another change keeps the lifetime; null removes the cap.
    await gql(db, a.viewer, SET, { input: { workspaceId: a.workspace.id, romiBasis: "REVENUE" } });
    expect(await read()).toBe("24");
    const none = await gql(db, a.viewer, SET, {
      input: { workspaceId: a.workspace.id, maxCustomerLifetimeMonths: null },
    });
    expect(none.data!.updateMetricSettings.settings.maxCustomerLifetimeMonths).toBeNull();
    expect(await read()).toBeNull();
    await gql(db, a.viewer, SET, { input: { workspaceId: a.workspace.id, maxCustomerLifetimeMonths: "60" } });
  });
});

describe("custom metrics: roles and tenancy", () => {
  it("forbids SMM and READ keys from managing metrics", async () => {
    const smm = await addMember(db, a.workspace.id, "SMM");
    expect(errorCodes(await create(smm.viewer, { key: "smm_metric", formula: "spend / leads" }))).toEqual([
      "FORBIDDEN",
    ]);
    const key = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] });
    expect(errorCodes(await create(key.viewer as never, { key: "key_metric", formula: "spend / leads" }))).toEqual([
      "FORBIDDEN",
    ]);
    const smmValidate = await gql(
      db,
      smm.viewer,
      `query($id: ID!) { workspace(id: $id) { validateMetricFormula(formula: "spend") { valid } } }`,
      { id: a.workspace.id },
    );
    expect(errorCodes(smmValidate)).toEqual(["FORBIDDEN"]);
    const cmo = await addMember(db, a.workspace.id, "CMO");
    expect((await create(cmo.viewer, { key: "cmo_metric", formula: "spend / leads" })).errors).toBeUndefined();
  });

  it("answers every definition mutation on another workspace with NOT_FOUND and changes nothing", async () => {
    const ws = b.workspace.id;
    const before = await customCount(ws);
    const calls = [
      create(a.viewer, { key: "intruder", formula: "spend / leads" }, ws),
      gql(db, a.viewer, UPDATE, { input: { workspaceId: ws, key: "x", formula: "spend" } }),
      gql(db, a.viewer, DELETE, { input: { workspaceId: ws, key: "x" } }),
      gql(
        db,
        a.viewer,
        `mutation($input: CreateCustomMeasureInput!) { createCustomMeasure(input: $input) { measure { key } } }`,
        { input: { workspaceId: ws, key: "m_x", nameEn: "x", unit: "COUNT" } },
      ),
      gql(db, a.viewer, `mutation($input: DeleteCustomMeasureInput!) { deleteCustomMeasure(input: $input) { key } }`, {
        input: { workspaceId: ws, key: "m_x" },
      }),
      gql(
        db,
        a.viewer,
        `mutation($input: UpdateMetricSettingsInput!) { updateMetricSettings(input: $input) { settings { grossMargin } } }`,
        { input: { workspaceId: ws, grossMargin: "0.1" } },
      ),
    ];
    for (const r of await Promise.all(calls)) expect(errorCodes(r)).toEqual(["NOT_FOUND"]);
    expect(await customCount(ws)).toBe(before);
    expect(await countRowsAsOwner(db, "custom_measures", "workspace_id = $1", [ws])).toBe(0);
    expect(await countRowsAsOwner(db, "metric_settings", "workspace_id = $1", [ws])).toBe(0);
    // B's own catalog does not see A's custom metrics.
    const catalog = await gql(db, b.viewer, `query($id: ID!) { workspace(id: $id) { metricCatalog { key custom } } }`, {
      id: ws,
    });
    expect(catalog.data!.workspace.metricCatalog.filter((e: { custom: boolean }) => e.custom)).toEqual([]);
    const value = await gql(db, b.viewer, VALUES, { id: ws, keys: ["revenue_per_lead"] });
    expect(errorCodes(value)).toEqual(["BAD_USER_INPUT"]);
  });
});
