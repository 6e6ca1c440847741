import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WorkspaceWithOwner, addMember, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import { uploadCsv } from "./import-fixtures";
import { renderReason } from "@/lib/errors/user-errors";
import { withTenant } from "@/lib/tenancy/with-tenant";

/**
 * Custom base measures: edit (names always; unit and flow/stock only without data or readers)
 * and archive / unarchive (hidden from the import mapping and the formula editor, history kept;
 * refused while a KPI reads the measure, naming the KPI). Permissions like create; audited.
 */
let db: TestDatabase;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
}, 300_000);
afterAll(async () => db?.close());

const CREATE = `mutation($i: CreateCustomMeasureInput!) { createCustomMeasure(input: $i) { measure { key } } }`;
const UPDATE = `mutation($i: UpdateCustomMeasureInput!) { updateCustomMeasure(input: $i) { measure { key unit aggregation nameEn nameRu archived } } }`;
const ARCHIVE = `mutation($i: ArchiveCustomMeasureInput!) { archiveCustomMeasure(input: $i) { measure { key archived } } }`;
const UNARCHIVE = `mutation($i: ArchiveCustomMeasureInput!) { unarchiveCustomMeasure(input: $i) { measure { key archived } } }`;
const INGEST = `mutation($i: IngestMetricsInput!) { ingestMetrics(input: $i) { inserted } }`;
const CATALOG = `query($id: ID!) { workspace(id: $id) { metricCatalog { key archived } metricValues(keys: ["calls"], from: "2026-03-01", to: "2026-03-31") { key value } } }`;

async function ok(query: string, variables: Record<string, unknown>, viewer = a.viewer) {
  const r = await gql(db, viewer, query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}

async function auditActions(workspaceId: string): Promise<string[]> {
  const rows = await withTenant(db, { workspaceId }, (tx) =>
    tx.auditEvent.findMany({
      where: { workspaceId, action: { startsWith: "measure." } },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    }),
  );
  return rows.map((r) => r.action);
}

describe("custom measures: edit and archive", () => {
  it("edits names and kind while unused; unit and flow/stock are locked once facts exist, names are not", async () => {
    const ws = a.workspace.id;
    await ok(CREATE, { i: { workspaceId: ws, key: "calls", nameEn: "Calls", nameRu: "Звонки", unit: "COUNT" } });
    const kind = await ok(UPDATE, { i: { workspaceId: ws, key: "calls", unit: "MONEY", aggregation: "STOCK_END" } });
    expect(kind.updateCustomMeasure.measure).toMatchObject({ unit: "MONEY", aggregation: "STOCK_END" });
    await ok(UPDATE, { i: { workspaceId: ws, key: "calls", unit: "COUNT", aggregation: "FLOW" } });
    await ok(INGEST, {
      i: {
        workspaceId: ws,
        idempotencyKey: "calls-1",
        rows: [{ date: "2026-03-03", channel: "phone", measure: "calls", value: "40" }],
      },
    });

    const locked = await gql(db, a.viewer, UPDATE, { i: { workspaceId: ws, key: "calls", aggregation: "STOCK_END" } });
    expect(errorCodes(locked)).toEqual(["BAD_USER_INPUT"]);
    expect(locked.errors![0].extensions!.fieldErrors).toMatchObject([
      { path: ["input", "aggregation"], reason: "MEASURE_KIND_HAS_DATA" },
    ]);

    const renamed = await ok(UPDATE, {
      i: { workspaceId: ws, key: "calls", nameEn: "Phone calls", nameRu: "Телефонные звонки" },
    });
    expect(renamed.updateCustomMeasure.measure).toEqual({
      key: "calls",
      unit: "COUNT",
      aggregation: "FLOW",
      nameEn: "Phone calls",
      nameRu: "Телефонные звонки",
      archived: false,
    });
    // Unchanged kind with data is fine (the form sends every field).
    await ok(UPDATE, {
      i: { workspaceId: ws, key: "calls", unit: "COUNT", aggregation: "FLOW", nameEn: "Phone calls" },
    });
  });

  it("archives: hidden from the import mapping, history stays readable, restored by unarchive — each audited", async () => {
    const ws = a.workspace.id;
    const archived = await ok(ARCHIVE, { i: { workspaceId: ws, key: "calls" } });
    expect(archived.archiveCustomMeasure.measure).toEqual({ key: "calls", archived: true });
    const read = await ok(CATALOG, { id: ws });
    expect(read.workspace.metricCatalog.find((m: { key: string }) => m.key === "calls")).toEqual({
      key: "calls",
      archived: true,
    });
    expect(read.workspace.metricValues).toEqual([{ key: "calls", value: "40" }]);

    // The import mapping no longer offers it; a file column named like it is not suggested for it.
    const record = await uploadCsv(db, ws, "date,channel,calls\n2026-03-04,phone,5\n");
    const importId = encodeGlobalID("Import", `${ws}.${record.id}`);
    const IMPORT = `query($id: ID!) { node(id: $id) { ... on Import { mappingTargets { key } suggestedMapping { columns { target } } } } }`;
    const hidden = await ok(IMPORT, { id: importId });
    const targets = hidden.node.mappingTargets.map((t: { key: string }) => t.key);
    expect(targets).toContain("leads");
    expect(targets).not.toContain("calls");
    expect(hidden.node.suggestedMapping.columns.map((c: { target: string }) => c.target)).not.toContain("calls");

    const back = await ok(UNARCHIVE, { i: { workspaceId: ws, key: "calls" } });
    expect(back.unarchiveCustomMeasure.measure).toEqual({ key: "calls", archived: false });
    const again = await uploadCsv(db, ws, "date,channel,calls\n2026-03-04,phone,5\n");
    const shown = await ok(IMPORT, { id: encodeGlobalID("Import", `${ws}.${again.id}`) });
    expect(shown.node.mappingTargets.map((t: { key: string }) => t.key)).toContain("calls");
    // Archiving an archived measure changes and records nothing more.
    await ok(UNARCHIVE, { i: { workspaceId: ws, key: "calls" } });
    expect(await auditActions(ws)).toEqual([
      "measure.created",
      "measure.updated",
      "measure.updated",
      "measure.updated",
      "measure.archived",
      "measure.unarchived",
    ]);
  });

  it("refuses to archive a measure a KPI reads — through a custom metric's formula too — naming the KPI in ru and en", async () => {
    const ws = a.workspace.id;
    await ok(`mutation($i: CreateCustomMetricInput!) { createCustomMetric(input: $i) { metric { key } } }`, {
      i: {
        workspaceId: ws,
        key: "calls_per_lead",
        nameEn: "Calls per lead",
        nameRu: "Звонков на лид",
        formula: "calls / leads",
        class: "PROCESS",
        direction: "HIGHER",
      },
    });
    await ok(`mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id } } }`, {
      i: {
        workspaceId: ws,
        metricKey: "calls_per_lead",
        ownerRole: "CMO",
        direction: "HIGHER",
        key: "cmo.calls_per_lead",
      },
    });
    const refused = await gql(db, a.viewer, ARCHIVE, { i: { workspaceId: ws, key: "calls" } });
    expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
    const [field] = refused.errors![0].extensions!.fieldErrors as {
      path: string[];
      reason: string;
      message: string;
      params: { measure: { en: string; ru: string }; kpis: { en: string; ru: string } };
    }[];
    expect(field).toMatchObject({ path: ["input", "key"], reason: "ARCHIVE_MEASURE_USED_BY_KPIS" });
    expect(field.params.kpis).toEqual({ en: "Calls per lead (CMO)", ru: "Звонков на лид (Директор по маркетингу)" });
    expect(field.message).toBe(
      "“Phone calls” cannot be archived: KPIs read it — Calls per lead (CMO). Change or delete those KPIs first",
    );
    // The same reason and params read in Russian (what a ru request gets; see error-language.int.test.ts).
    expect(renderReason({ code: field.reason as "ARCHIVE_MEASURE_USED_BY_KPIS", params: field.params }, "ru")).toBe(
      "«Телефонные звонки» нельзя архивировать: его используют KPI — Звонков на лид (Директор по маркетингу). Сначала измените или удалите эти KPI",
    );
    // Nothing changed.
    const read = await ok(CATALOG, { id: ws });
    expect(read.workspace.metricCatalog.find((m: { key: string }) => m.key === "calls")).toEqual({
      key: "calls",
      archived: false,
    });
  });

  it("needs metricDefinition.manage like create; another workspace's caller sees NOT_FOUND", async () => {
    const member = await addMember(db, a.workspace.id, "SMM");
    const forbidden = await gql(db, member.viewer, ARCHIVE, { i: { workspaceId: a.workspace.id, key: "calls" } });
    expect(errorCodes(forbidden)).toEqual(["FORBIDDEN"]);
    const foreign = await gql(db, b.viewer, UPDATE, {
      i: { workspaceId: a.workspace.id, key: "calls", nameEn: "Mine" },
    });
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    const unknown = await gql(db, a.viewer, ARCHIVE, { i: { workspaceId: a.workspace.id, key: "no_such_measure" } });
    expect(errorCodes(unknown)).toEqual(["NOT_FOUND"]);
  });
});
