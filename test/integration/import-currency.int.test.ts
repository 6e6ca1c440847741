import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSessionToken } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/sessions/create-session";
import { handleImportUpload } from "@/app/api/imports/handle-upload";
import { InProcessQueue } from "@/lib/jobs/in-process-queue";
import { type ImportWorker, registerImportWorker, startImportWorker } from "@/lib/jobs/import-worker";
import { PgBossQueue } from "@/lib/jobs/pg-boss-queue";
import { TEST_DB, type TestDatabase, adminUrl, gql, openTestDatabase } from "./harness";
import { type UserViewer, type WorkspaceWithOwner, createWorkspaceWithOwner } from "./factories";
import { useTempImportStore } from "./import-fixtures";

/**
 * Currencies in imports (issue 11 item 6, SPEC §7) and the audit of import commit and
 * rollback, through the upload route, GraphQL and the job queue on a real database: a
 * currency mark in a cell is read and checked, never stripped; an import in another currency
 * converts exactly at its rate (stored with the import); bad currencies and rates are field
 * errors that save nothing; the preview names channels in no channel group.
 */
let db: TestDatabase;
let worker: Promise<ImportWorker>;
let rub: WorkspaceWithOwner;

beforeAll(async () => {
  await useTempImportStore();
  db = await openTestDatabase();
  const queue =
    TEST_DB === "postgres"
      ? new PgBossQueue({
          connectionString: Object.assign(new URL(adminUrl()), { pathname: `/${db.name}` }).toString(),
          workers: 1,
        })
      : new InProcessQueue({ retryDelayMs: 20 });
  worker = startImportWorker({ db, queue, sweepEveryMs: 0 });
  registerImportWorker(db, worker);
  rub = await createWorkspaceWithOwner(db, { currency: "RUB" });
}, 300_000);
afterAll(async () => {
  await (await worker)?.stop();
  await db?.close();
});

async function upload(viewer: UserViewer, workspaceId: string, body: string): Promise<string> {
  const cookie = `tl.session=${await encodeSessionToken({ sub: viewer.userId, sv: 1, sid: (await createSession(db, { userId: viewer.userId })).id, email: viewer.email, name: viewer.name })}`;
  const request = new Request(`http://localhost/api/imports?workspaceId=${workspaceId}&fileName=costs.csv`, {
    method: "POST",
    headers: { "content-type": "text/csv", cookie },
    body: Readable.toWeb(Readable.from([Buffer.from(body)])) as unknown as ReadableStream,
    duplex: "half",
  } as RequestInit);
  const res = await handleImportUpload(request, async () => db, {});
  expect(res.status).toBe(201);
  return (await res.json()).import.id;
}

const FIELDS = `id status currency currencyRate source
  mapping { currency rate columns { index target } }
  preview { row channel measure value }
  report { errorCount factCount unmappedChannels issues { code row column value reason } }`;

async function importOf(id: string) {
  const r = await gql(
    db,
    rub.viewer,
    `query($ws: ID!, $id: ID!) { workspace(id: $ws) { import(id: $id) { ${FIELDS} } } }`,
    { ws: rub.workspace.id, id },
  );
  return r.data!.workspace.import;
}
async function waitFor(id: string, statuses: string[]) {
  for (let i = 0; i < 300; i++) {
    const imp = await importOf(id);
    if (statuses.includes(imp.status)) return imp;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} never reached ${statuses.join("/")}`);
}
const spend = async () =>
  (
    await gql(
      db,
      rub.viewer,
      `query($ws: ID!) { workspace(id: $ws) { metricValues(keys: ["spend"], from: "2026-03-01", to: "2026-03-31") { value } } }`,
      { ws: rub.workspace.id },
    )
  ).data!.workspace.metricValues[0].value;
const remap = (id: string, mapping: Record<string, unknown>) =>
  gql(
    db,
    rub.viewer,
    `mutation($id: ID!, $m: ImportMappingInput!) { updateImportMapping(id: $id, mapping: $m) { ${FIELDS} } }`,
    { id, m: mapping },
  );
const auditActions = async () =>
  (
    await gql(
      db,
      rub.viewer,
      `query($ws: ID!) { workspace(id: $ws) { auditEvents(first: 20) { edges { node { action targetType data } } } } }`,
      { ws: rub.workspace.id },
    )
  ).data!.workspace.auditEvents.edges.map((e: { node: { action: string; targetType: string; data: string } }) => ({
    ...e.node,
    data: JSON.parse(e.node.data) as Record<string, unknown>,
  }));

const WIDE = [
  { index: 0, target: "date" },
  { index: 1, target: "channel" },
  { index: 2, target: "spend" },
];

describe(`currencies in imports (${TEST_DB})`, () => {
  it('"$1,234" in a RUB import without a rate is an error naming its row and column, never 1 234 ₽; the preview names an unmapped channel', async () => {
    const id = await upload(
      rub.viewer,
      rub.workspace.id,
      'date,channel,spend\n2026-03-01,Mystery Net,"1 000 ₽"\n2026-03-02,google_ads,"$1,234"\n',
    );
    const imp = await waitFor(id, ["UPLOADED"]);
    expect(imp.report.errorCount).toBe(1);
    expect(imp.report.issues[0]).toMatchObject({ code: "CURRENCY_MISMATCH", row: 3, column: "spend", value: "$1,234" });
    expect(imp.report.issues[0].reason).toContain("USD");
    expect(imp.report.unmappedChannels).toEqual(["Mystery Net"]);
    const commit = await gql(db, rub.viewer, `mutation($id: ID!) { commitImport(id: $id) { status } }`, { id });
    expect(commit.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("converts a USD import exactly at its rate, stores the rate with the import, and audits commit and rollback", async () => {
    const id = await upload(
      rub.viewer,
      rub.workspace.id,
      'date,channel,spend\n2026-03-03,google_ads,"$100.50"\n2026-03-04,google_ads,200\n',
    );
    expect((await waitFor(id, ["UPLOADED"])).report.issues[0]).toMatchObject({ code: "CURRENCY_MISMATCH", row: 2 });
    const mapped = await remap(id, { columns: WIDE, currency: "usd", rate: "92.3456" });
    expect(mapped.errors).toBeUndefined();
    const imp = mapped.data!.updateImportMapping;
    expect(imp.report).toMatchObject({ errorCount: 0, factCount: 2, unmappedChannels: [] });
    // 100.50 × 92.3456 = 9 280.7328; 200 × 92.3456 = 18 469.12 — exact decimals, no float.
    expect(imp.preview.map((p: { value: string }) => p.value)).toEqual(["9280.7328", "18469.12"]);
    expect(imp).toMatchObject({
      currency: "USD",
      currencyRate: "92.3456",
      source: "CSV",
      mapping: { currency: "USD", rate: "92.3456" },
    });

    const before = await spend();
    await gql(db, rub.viewer, `mutation($id: ID!) { commitImport(id: $id) { status } }`, { id });
    expect((await waitFor(id, ["COMMITTED", "FAILED"])).status).toBe("COMMITTED");
    expect(await spend()).toBe("27749.8528");
    expect((await auditActions())[0]).toMatchObject({
      action: "import.committed",
      targetType: "import",
      data: { currency: "USD", currencyRate: "92.3456", rows: 2 },
    });

    const rolled = await gql(db, rub.viewer, `mutation($id: ID!) { rollbackImport(id: $id) { status } }`, { id });
    expect(rolled.data?.rollbackImport.status).toBe("ROLLED_BACK");
    expect(await spend()).toBe(before);
    expect((await auditActions())[0]).toMatchObject({
      action: "import.rolledBack",
      targetType: "import",
      data: { deletedFacts: 2 },
    });
  });

  it("refuses a bad currency or rate with a field error and saves nothing", async () => {
    const id = await upload(rub.viewer, rub.workspace.id, "date,channel,spend\n2026-03-05,google_ads,100\n");
    const before = await waitFor(id, ["UPLOADED"]);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ columns: WIDE, currency: "USD", rate: "0" }, ["mapping", "rate"]],
      [{ columns: WIDE, currency: "USD", rate: "-1.5" }, ["mapping", "rate"]],
      [{ columns: WIDE, currency: "XYZ", rate: "2" }, ["mapping", "currency"]],
      [{ columns: WIDE, currency: "USD" }, ["mapping", "rate"]],
    ];
    for (const [mapping, path] of cases) {
      const r = await remap(id, mapping);
      expect(r.errors?.[0].extensions, JSON.stringify(mapping)).toMatchObject({
        code: "BAD_USER_INPUT",
        fieldErrors: [{ path }],
      });
    }
    const nonNumeric = await remap(id, { columns: WIDE, currency: "USD", rate: "ninety" });
    expect(nonNumeric.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await importOf(id)).toEqual(before);
  });

  it("reads a currency column: a cell mark that disagrees with it, and an unknown code, are errors naming row and column", async () => {
    const id = await upload(
      rub.viewer,
      rub.workspace.id,
      'date,channel,spend,currency\n2026-03-06,google_ads,"€5",USD\n2026-03-07,google_ads,5,ZZZ\n2026-03-08,google_ads,7,RUB\n',
    );
    await waitFor(id, ["UPLOADED"]);
    const r = await remap(id, { columns: [...WIDE, { index: 3, target: "currency" }], currency: "USD", rate: "90" });
    const report = r.data!.updateImportMapping.report;
    expect(report.issues.map((i: { code: string; row: number; column: string }) => [i.code, i.row, i.column])).toEqual([
      ["CURRENCY_MISMATCH", 2, "spend"],
      ["UNKNOWN_CURRENCY", 3, "currency"],
    ]);
    expect(report.factCount).toBe(1);
  });
});
