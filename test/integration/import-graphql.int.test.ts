import { Readable } from "node:stream";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSessionToken } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/sessions/create-session";
import { handleImportUpload } from "@/app/api/imports/handle-upload";
import { InProcessQueue } from "@/lib/jobs/in-process-queue";
import { type ImportWorker, registerImportWorker, startImportWorker } from "@/lib/jobs/import-worker";
import { PgBossQueue } from "@/lib/jobs/pg-boss-queue";
import { TEST_DB, type TestDatabase, adminUrl, errorCodes, gql, openTestDatabase } from "./harness";
import { type UserViewer, type WorkspaceWithOwner, addMember, createKey, createWorkspaceWithOwner } from "./factories";
import { useTempImportStore } from "./import-fixtures";

/**
 * The import API end to end: the upload route (session cookie or API key), Workspace.import /
 * imports, updateImportMapping / commitImport / cancelImport / rollbackImport, the job queue
 * of the database kind (in-process on PGlite, pg-boss on PostgreSQL), cross-tenant and role walls.
 */
let db: TestDatabase;
let worker: Promise<ImportWorker>;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;
let smm: UserViewer;

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
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
  smm = (await addMember(db, a.workspace.id, "SMM")).viewer;
}, 300_000);
afterAll(async () => {
  await (await worker)?.stop();
  await db?.close();
});

const CSV = "Дата;Канал;Расход;Клики\n01.03.2026;Яндекс;1 000,50;100\n02.03.2026;Яндекс;2 000;200\n";

async function upload(
  viewer: UserViewer | { bearer: string },
  workspaceId: string,
  body: string | ReadableStream,
  headers: Record<string, string> = {},
  maxBytes?: number,
): Promise<Response> {
  const auth: Record<string, string> =
    "bearer" in viewer
      ? { authorization: `Bearer ${viewer.bearer}` }
      : {
          cookie: `tl.session=${await encodeSessionToken({ sub: viewer.userId, sv: 1, sid: (await createSession(db, { userId: viewer.userId })).id, email: viewer.email, name: viewer.name })}`,
        };
  const stream =
    typeof body === "string" ? (Readable.toWeb(Readable.from([Buffer.from(body)])) as unknown as ReadableStream) : body;
  const request = new Request(
    `http://localhost/api/imports?workspaceId=${workspaceId}&fileName=${encodeURIComponent("март.csv")}`,
    {
      method: "POST",
      headers: { "content-type": "text/csv", ...auth, ...headers },
      body: stream,
      duplex: "half",
    } as RequestInit,
  );
  return handleImportUpload(request, async () => db, { maxBytes });
}

const IMPORT_FIELDS = `id fileName checksum status canCommit canRollback
  progress { status rowsDone rowsTotal fraction }
  mapping { layout columns { index target } }
  preview { row date channel measure value }
  report { errorCount factCount issues { row column value reason code } }`;

async function waitForStatus(viewer: UserViewer, workspaceId: string, id: string, statuses: string[]): Promise<any> {
  for (let i = 0; i < 300; i++) {
    const res = await gql(
      db,
      viewer,
      `query($ws: ID!, $id: ID!) { workspace(id: $ws) { import(id: $id) { ${IMPORT_FIELDS} error } } }`,
      { ws: workspaceId, id },
    );
    const imp = res.data?.workspace?.import;
    if (imp && statuses.includes(imp.status)) return imp;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} never reached ${statuses.join("/")}`);
}

const spendOf = async (viewer: UserViewer, workspaceId: string) =>
  (
    await gql(
      db,
      viewer,
      `query($ws: ID!) { workspace(id: $ws) { metricValues(keys: ["spend", "clicks"], from: "2026-03-01", to: "2026-03-31") { key value } } }`,
      { ws: workspaceId },
    )
  ).data?.workspace?.metricValues;

describe(`import API (${TEST_DB})`, () => {
  let importId: string;

  it("uploads through the route, previews, commits through the job queue and rolls back", async () => {
    const res = await upload(a.viewer, a.workspace.id, CSV);
    expect(res.status).toBe(201);
    importId = (await res.json()).import.id;
    const before = await spendOf(a.viewer, a.workspace.id);
    const uploaded = await waitForStatus(a.viewer, a.workspace.id, importId, ["UPLOADED"]);
    expect(uploaded).toMatchObject({
      fileName: "март.csv",
      canCommit: true,
      report: { errorCount: 0, factCount: 4 },
      mapping: { layout: "WIDE" },
    });
    expect(uploaded.preview[0]).toMatchObject({
      row: 2,
      date: "2026-03-01",
      channel: "Яндекс",
      measure: "spend",
      value: "1000.5",
    });

    const commit = await gql(db, a.viewer, `mutation($id: ID!) { commitImport(id: $id) { status } }`, { id: importId });
    expect(commit.errors).toBeUndefined();
    const done = await waitForStatus(a.viewer, a.workspace.id, importId, ["COMMITTED", "FAILED"]);
    expect(done).toMatchObject({
      status: "COMMITTED",
      canRollback: true,
      progress: { rowsDone: 4, rowsTotal: 4, fraction: 1 },
    });
    expect(await spendOf(a.viewer, a.workspace.id)).toEqual([
      { key: "spend", value: "3000.5" },
      { key: "clicks", value: "300" },
    ]);

    const history = await gql(
      db,
      a.viewer,
      `query($ws: ID!) { workspace(id: $ws) { imports(first: 10) { edges { node { id status } } } } }`,
      { ws: a.workspace.id },
    );
    expect(history.data?.workspace.imports.edges.map((e: any) => e.node.id)).toContain(importId);

    const rolled = await gql(db, a.viewer, `mutation($id: ID!) { rollbackImport(id: $id) { status } }`, {
      id: importId,
    });
    expect(rolled.data?.rollbackImport.status).toBe("ROLLED_BACK");
    expect(await spendOf(a.viewer, a.workspace.id)).toEqual(before);
  });

  it("re-validates with another mapping and refuses to commit a file with problems", async () => {
    const res = await upload(a.viewer, a.workspace.id, "date,channel,x\n2026-03-01,vk,-3\n");
    const id = (await res.json()).import.id;
    const mapped = await gql(
      db,
      a.viewer,
      `mutation($id: ID!, $m: ImportMappingInput!) { updateImportMapping(id: $id, mapping: $m) { ${IMPORT_FIELDS} } }`,
      {
        id,
        m: {
          columns: [
            { index: 0, target: "date" },
            { index: 1, target: "channel" },
            { index: 2, target: "clicks" },
          ],
        },
      },
    );
    expect(mapped.data?.updateImportMapping.report.issues[0]).toMatchObject({
      row: 2,
      column: "x",
      value: "-3",
      code: "NEGATIVE_COUNT",
    });
    const commit = await gql(db, a.viewer, `mutation($id: ID!) { commitImport(id: $id) { status } }`, { id });
    expect(errorCodes(commit)).toEqual(["BAD_USER_INPUT"]);
    const cancel = await gql(db, a.viewer, `mutation($id: ID!) { cancelImport(id: $id) { status } }`, { id });
    expect(cancel.data?.cancelImport.status).toBe("CANCELLED");
  });

  it("refuses a file over the size limit before reading it, and one that grows past it while streaming", async () => {
    let read = false;
    // highWaterMark 0: the stream is pulled only when someone reads the body.
    const untouched = new ReadableStream(
      {
        pull(controller) {
          read = true;
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const declared = await upload(a.viewer, a.workspace.id, untouched, { "content-length": "5000" }, 1000);
    expect(declared.status).toBe(413);
    expect(read).toBe(false);
    const streamed = await upload(
      a.viewer,
      a.workspace.id,
      "date,channel,spend\n" + "2026-03-01,vk,1\n".repeat(200),
      {},
      1000,
    );
    expect(streamed.status).toBe(413);
  });

  it("accepts an API key with WRITE_METRICS on the upload route", async () => {
    const key = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["WRITE_METRICS"] });
    // The route takes the workspace's relay id (what pages read from GraphQL) or its UUID.
    const res = await upload({ bearer: key.secret }, encodeGlobalID("Workspace", a.workspace.id), CSV);
    expect(res.status).toBe(201);
    const readKey = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] });
    expect((await upload({ bearer: readKey.secret }, a.workspace.id, CSV)).status).toBe(403);
  });

  describe("cross-tenant: another workspace's import is NOT_FOUND everywhere", () => {
    it("upload route into another workspace → 404", async () => {
      const res = await upload(b.viewer, a.workspace.id, CSV);
      expect(res.status).toBe(404);
      expect((await res.json()).errors[0].extensions.code).toBe("NOT_FOUND");
    });
    it("Workspace.import with another workspace's import id → NOT_FOUND", async () => {
      const res = await gql(
        db,
        b.viewer,
        `query($ws: ID!, $id: ID!) { workspace(id: $ws) { import(id: $id) { id } } }`,
        { ws: b.workspace.id, id: importId },
      );
      expect(errorCodes(res)).toEqual(["NOT_FOUND"]);
    });
    it("Workspace.imports of another workspace is invisible, and node(id) is null", async () => {
      const res = await gql(
        db,
        b.viewer,
        `query($ws: ID!, $id: ID!) { workspace(id: $ws) { imports(first: 5) { edges { node { id } } } } node(id: $id) { id } }`,
        { ws: a.workspace.id, id: importId },
      );
      expect(res.data?.workspace).toBeNull();
      expect(res.data?.node).toBeNull();
      const own = await gql(
        db,
        b.viewer,
        `query($ws: ID!) { workspace(id: $ws) { imports(first: 5) { edges { node { id } } } } }`,
        { ws: b.workspace.id },
      );
      expect(own.data?.workspace.imports.edges).toEqual([]);
    });
    for (const [name, extra] of [
      ["commitImport", ""],
      ["cancelImport", ""],
      ["rollbackImport", ""],
      ["updateImportMapping", ', mapping: { columns: [{ index: 0, target: "date" }] }'],
    ] as const) {
      it(`${name} → NOT_FOUND`, async () => {
        const res = await gql(db, b.viewer, `mutation($id: ID!) { ${name}(id: $id${extra}) { id } }`, { id: importId });
        expect(errorCodes(res)).toEqual(["NOT_FOUND"]);
      });
    }
  });

  describe("roles: SMM cannot import", () => {
    it("upload route → 403", async () => {
      expect((await upload(smm, a.workspace.id, CSV)).status).toBe(403);
    });
    it("Workspace.imports / import → FORBIDDEN", async () => {
      const res = await gql(db, smm, `query($ws: ID!, $id: ID!) { workspace(id: $ws) { import(id: $id) { id } } }`, {
        ws: a.workspace.id,
        id: importId,
      });
      expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
      const list = await gql(
        db,
        smm,
        `query($ws: ID!) { workspace(id: $ws) { imports(first: 5) { edges { node { id } } } } }`,
        { ws: a.workspace.id },
      );
      expect(errorCodes(list)).toEqual(["FORBIDDEN"]);
    });
    for (const name of ["commitImport", "cancelImport", "rollbackImport"]) {
      it(`${name} → FORBIDDEN`, async () => {
        const res = await gql(db, smm, `mutation($id: ID!) { ${name}(id: $id) { id } }`, { id: importId });
        expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
      });
    }
  });
});
