import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportDocument } from "@/lib/reports/build-report-document";
import { findReport } from "@/lib/reports/find-report";
import { openSharedReport } from "@/lib/reports/open-shared-report";
import { renderReportPdf } from "@/lib/reports/render-report-pdf";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type WorkspaceWithOwner, countRowsAsOwner, createWorkspaceWithOwner, rowIdOf } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import { createReport, pdfText, reportWorkspace } from "./reports-fixture";

/**
 * Reports meet agencies (issue 14): the agency's branding on its clients' reports (copied into
 * the client while the grant lasts, never visible to a workspace that did not grant it), an
 * agency grant with the CLIENT_VIEWER role (published reports and nothing else), report
 * deletion and the report audit trail. On PGlite and PostgreSQL (TEST_DB=postgres).
 */
let db: TestDatabase;
let admin: WorkspaceWithOwner; // the agency's admin
let agencyId: string; // the agency's public id (its UUID)
let managed: Awaited<ReturnType<typeof reportWorkspace>>; // grants the agency ADMIN
let stranger: Awaited<ReturnType<typeof reportWorkspace>>; // grants nothing
let portal: Awaited<ReturnType<typeof reportWorkspace>>; // grants the agency CLIENT_VIEWER
const NOW = new Date();
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from("IHDR"),
  Buffer.alloc(20),
]);

const grant = (client: WorkspaceWithOwner & { wid: string }, role: string) =>
  gql(
    db,
    client.viewer,
    `mutation($i: GrantAgencyAccessInput!) { grantAgencyAccess(input: $i) { workspace { id } } }`,
    { i: { workspaceId: client.workspace.id, agencyId, role } },
  );

const updateAgency = (input: Record<string, unknown>) =>
  gql(
    db,
    admin.viewer,
    `mutation($i: UpdateAgencyInput!) { updateAgency(input: $i) { agency { name primaryColor } } }`,
    { i: { agencyId, ...input } },
  );

async function documentOf(workspaceId: string, reportGlobalId: string) {
  const report = await findReport(db, { workspaceId, reportId: rowIdOf(reportGlobalId) });
  return buildReportDocument(db, { workspaceId, report: report!, now: NOW });
}

/** Agency brandings visible in a workspace's own scope (RLS, as the app role). */
const agencyBrandingRowsIn = (workspaceId: string) =>
  withTenant(
    db,
    { workspaceId },
    (tx) => tx.$queryRaw<{ name: string }[]>`SELECT name FROM brandings WHERE owner_kind = 'AGENCY'`,
  );

beforeAll(async () => {
  db = await openTestDatabase();
  admin = await createWorkspaceWithOwner(db, { name: "Ada Agency" });
  const created = await gql(
    db,
    admin.viewer,
    `mutation { createAgency(input: { name: "Northwind Digital", primaryColor: "#0F766E" }) { agency { publicId } } }`,
  );
  expect(created.errors ?? []).toEqual([]);
  agencyId = created.data!.createAgency.agency.publicId;
  const logo = await updateAgency({ logoBase64: PNG.toString("base64") });
  expect(logo.errors ?? []).toEqual([]);
  managed = await reportWorkspace(db, "Клиент Альфа");
  stranger = await reportWorkspace(db, "Чужой Бета");
  portal = await reportWorkspace(db, "Клиент Портал");
  expect((await grant(managed, "ADMIN")).errors ?? []).toEqual([]);
  expect((await grant(portal, "CLIENT_VIEWER")).errors ?? []).toEqual([]);
}, 300_000);

afterAll(async () => db?.close());

describe("agency branding on client reports", () => {
  it("a workspace that did not grant the agency neither sees nor can use its branding, and the database refuses a copy", async () => {
    const choices = await gql(
      db,
      stranger.viewer,
      `query($w: ID!) { workspace(id: $w) { agencyBrandings { agencyId } } }`,
      { w: stranger.wid },
    );
    expect(choices.errors ?? []).toEqual([]);
    expect(choices.data!.workspace.agencyBrandings).toEqual([]);
    const res = await gql(
      db,
      stranger.viewer,
      `mutation($input: CreateReportInput!) { createReport(input: $input) { report { id } } }`,
      {
        input: {
          workspaceId: stranger.wid,
          title: "T",
          roles: ["OWNER"],
          period: { type: "MONTH" },
          brandingAgencyId: agencyId,
        },
      },
    );
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect((res.errors![0].extensions!.fieldErrors as { path: string[] }[])[0].path).toEqual([
      "input",
      "brandingAgencyId",
    ]);
    expect(await countRowsAsOwner(db, "reports", "workspace_id = $1", [stranger.workspace.id])).toBe(0);
    // Even a raw write in the stranger's own scope cannot hold the agency's branding.
    await expect(
      withTenant(
        db,
        { workspaceId: stranger.workspace.id },
        (tx) =>
          tx.$executeRaw`INSERT INTO brandings (workspace_id, owner_kind, agency_id, name) VALUES (${stranger.workspace.id}::uuid, 'AGENCY', ${agencyId}::uuid, 'Northwind Digital')`,
      ),
    ).rejects.toThrow(/grant/);
    expect(await countRowsAsOwner(db, "brandings", "workspace_id = $1", [stranger.workspace.id])).toBe(0);
  });

  it("a managed client's report carries the agency's name, logo and colour, read in the client's own scope", async () => {
    const choices = await gql(
      db,
      admin.viewer,
      `query($w: ID!) { workspace(id: $w) { agencyBrandings { agencyId name primaryColor hasLogo } } }`,
      { w: managed.wid },
    );
    expect(choices.errors ?? []).toEqual([]);
    expect(choices.data!.workspace.agencyBrandings).toEqual([
      { agencyId, name: "Northwind Digital", primaryColor: "#0f766e", hasLogo: true },
    ]);

    const report = await createReport(db, admin.viewer, managed.wid, {
      title: "Отчёт агентства",
      brandingAgencyId: agencyId,
    });
    const read = await gql(
      db,
      admin.viewer,
      `query($w: ID!, $id: ID!) { workspace(id: $w) { report(id: $id) { brandingAgencyId } } }`,
      { w: managed.wid, id: report.id },
    );
    expect(read.data!.workspace.report.brandingAgencyId).toBe(agencyId);
    const doc = await documentOf(managed.workspace.id, report.id);
    expect(doc.brand).toMatchObject({ name: "Northwind Digital", primaryColor: "#0f766e" });
    expect(doc.brand.logo?.type).toBe("image/png");
    expect(pdfText(await renderReportPdf(doc))).toContain("Northwind Digital");
    // The copy is a row of the client, visible in the client's scope and nowhere else.
    expect(await agencyBrandingRowsIn(managed.workspace.id)).toEqual([{ name: "Northwind Digital" }]);
    expect(await agencyBrandingRowsIn(stranger.workspace.id)).toEqual([]);
    expect(await agencyBrandingRowsIn(admin.workspace.id)).toEqual([]);

    // The agency edits its branding: the client's report follows; a colour that fails AA with
    // white text is not put on reports (the default colour is).
    expect((await updateAgency({ name: "Northwind Studio", primaryColor: "#fef08a" })).errors ?? []).toEqual([]);
    expect((await documentOf(managed.workspace.id, report.id)).brand).toMatchObject({
      name: "Northwind Studio",
      primaryColor: "#1d4ed8",
    });
    expect((await updateAgency({ removeLogo: true })).errors ?? []).toEqual([]);
    expect((await documentOf(managed.workspace.id, report.id)).brand.logo).toBeNull();
    const bad = await updateAgency({
      logoBase64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString(
        "base64",
      ),
    });
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);

    // Back to the workspace's own branding, then the agency's again.
    const own = await gql(
      db,
      admin.viewer,
      `mutation($input: UpdateReportInput!) { updateReport(input: $input) { report { brandingAgencyId } } }`,
      {
        input: {
          reportId: report.id,
          title: "Отчёт агентства",
          roles: ["OWNER"],
          period: { type: "MONTH", anchor: "2026-12-01" },
          brandingAgencyId: null,
        },
      },
    );
    expect(own.data!.updateReport.report.brandingAgencyId).toBeNull();
    expect((await documentOf(managed.workspace.id, report.id)).brand.name).toBe("Клиент Альфа");
    const again = await gql(
      db,
      admin.viewer,
      `mutation($input: UpdateReportInput!) { updateReport(input: $input) { report { brandingAgencyId } } }`,
      {
        input: {
          reportId: report.id,
          title: "Отчёт агентства",
          roles: ["OWNER"],
          period: { type: "MONTH", anchor: "2026-12-01" },
          brandingAgencyId: agencyId,
        },
      },
    );
    expect(again.data!.updateReport.report.brandingAgencyId).toBe(agencyId);
  });

  it("revoking the grant removes the copy in the same transaction; the report falls back to the workspace's branding", async () => {
    const report = await createReport(db, managed.viewer, managed.wid, {
      title: "До отзыва",
      brandingAgencyId: agencyId,
    });
    expect((await documentOf(managed.workspace.id, report.id)).brand.name).toBe("Northwind Studio");
    // The share page (whose document is cached per data version and minute) follows at once.
    expect(
      (
        await gql(
          db,
          managed.viewer,
          `mutation($id: ID!) { publishReport(input: { reportId: $id }) { report { status } } }`,
          { id: report.id },
        )
      ).errors ?? [],
    ).toEqual([]);
    const link = await gql(
      db,
      managed.viewer,
      `mutation($id: ID!) { createShareLink(input: { reportId: $id }) { url } }`,
      { id: report.id },
    );
    const token = (link.data!.createShareLink.url as string).split("/r/")[1];
    const shared = async () => {
      const opened = await openSharedReport(db, { token, ip: "10.8.0.1", countView: true, now: NOW });
      return opened.kind === "ok" ? opened.document.brand.name : opened.kind;
    };
    expect(await shared()).toBe("Northwind Studio");
    const revoked = await gql(
      db,
      managed.viewer,
      `mutation($i: RevokeAgencyAccessInput!) { revokeAgencyAccess(input: $i) { workspace { id } } }`,
      { i: { workspaceId: managed.workspace.id, agencyId } },
    );
    expect(revoked.errors ?? []).toEqual([]);
    expect(
      await countRowsAsOwner(db, "brandings", "workspace_id = $1 AND agency_id IS NOT NULL", [managed.workspace.id]),
    ).toBe(0);
    expect((await documentOf(managed.workspace.id, report.id)).brand.name).toBe("Клиент Альфа");
    expect(await shared()).toBe("Клиент Альфа");
    const choices = await gql(
      db,
      managed.viewer,
      `query($w: ID!) { workspace(id: $w) { agencyBrandings { agencyId } } }`,
      { w: managed.wid },
    );
    expect(choices.data!.workspace.agencyBrandings).toEqual([]);
    const reuse = await gql(
      db,
      managed.viewer,
      `mutation($input: UpdateReportInput!) { updateReport(input: $input) { report { id } } }`,
      {
        input: {
          reportId: report.id,
          title: "После отзыва",
          roles: ["OWNER"],
          period: { type: "MONTH" },
          brandingAgencyId: agencyId,
        },
      },
    );
    expect(errorCodes(reuse)).toEqual(["BAD_USER_INPUT"]);
    // The agency's later edits no longer reach the former client.
    expect((await updateAgency({ name: "Northwind Later" })).errors ?? []).toEqual([]);
    expect((await documentOf(managed.workspace.id, report.id)).brand.name).toBe("Клиент Альфа");
  });
});

describe("CLIENT_VIEWER through an agency grant", () => {
  it("lands on the client's published reports and opens nothing else", async () => {
    const draft = await createReport(db, portal.viewer, portal.wid, { title: "Черновик клиента" });
    const published = await createReport(db, portal.viewer, portal.wid, { title: "Опубликованный отчёт" });
    expect(
      (
        await gql(
          db,
          portal.viewer,
          `mutation($id: ID!) { publishReport(input: { reportId: $id }) { report { status } } }`,
          { id: published.id },
        )
      ).errors ?? [],
    ).toEqual([]);

    const res = await gql(
      db,
      admin.viewer,
      `query($w: ID!, $d: ID!, $p: ID!) { workspace(id: $w) { viewerRole reports { id title status versions { version } shareLinks { id } schedules { id } } draft: report(id: $d) { id } published: report(id: $p) { title } } }`,
      {
        w: portal.wid,
        d: draft.id,
        p: published.id,
      },
    );
    expect(res.errors ?? []).toEqual([]);
    const ws = res.data!.workspace;
    expect(ws.viewerRole).toBe("CLIENT_VIEWER");
    expect(ws.reports).toEqual([
      {
        id: published.id,
        title: "Опубликованный отчёт",
        status: "PUBLISHED",
        versions: null,
        shareLinks: null,
        schedules: null,
      },
    ]);
    expect(ws.draft).toBeNull();
    expect(ws.published).toEqual({ title: "Опубликованный отчёт" });

    const forbidden: [string, Record<string, unknown>][] = [
      [`query($w: ID!) { workspace(id: $w) { scorecard(role: OWNER) { score } } }`, { w: portal.wid }],
      [
        `query($w: ID!) { workspace(id: $w) { metricValues(keys: ["spend"], from: "2026-12-01", to: "2026-12-31") { value } } }`,
        { w: portal.wid },
      ],
      [`query($w: ID!) { workspace(id: $w) { auditEvents(first: 5) { totalCount } } }`, { w: portal.wid }],
      [
        `mutation($w: ID!) { createReport(input: { workspaceId: $w, title: "x", roles: [OWNER], period: { type: MONTH } }) { report { id } } }`,
        { w: portal.wid },
      ],
      [`mutation($id: ID!) { createShareLink(input: { reportId: $id }) { url } }`, { id: published.id }],
      [`mutation($id: ID!) { deleteReport(input: { reportId: $id }) { deletedReportId } }`, { id: published.id }],
    ];
    for (const [query, vars] of forbidden) {
      const r = await gql(db, admin.viewer, query, vars);
      expect(errorCodes(r), query).toEqual(["FORBIDDEN"]);
    }
    // The published report's document opens in the client's scope; the agency's portfolio does
    // not list a client it may not read the scorecard of.
    const portfolio = await gql(
      db,
      admin.viewer,
      `query($a: ID!) { agency(id: $a) { portfolio { workspace { id } } } }`,
      { a: agencyId },
    );
    expect(portfolio.errors ?? []).toEqual([]);
    expect(
      (portfolio.data!.agency.portfolio as { workspace: { id: string } }[]).map((e) => e.workspace.id),
    ).not.toContain(portal.wid);
  });
});

describe("report deletion and the report audit trail", () => {
  it("deleteReport revokes its links, cancels its schedules, is audited; another workspace's id is like a missing one", async () => {
    const report = await createReport(db, stranger.viewer, stranger.wid, { title: "Удаляемый отчёт" });
    const upd = await gql(
      db,
      stranger.viewer,
      `mutation($input: UpdateReportInput!) { updateReport(input: $input) { report { version } } }`,
      {
        input: {
          reportId: report.id,
          title: "Удаляемый отчёт",
          roles: ["OWNER"],
          period: { type: "MONTH", anchor: "2026-12-01" },
        },
      },
    );
    expect(upd.errors ?? []).toEqual([]);
    expect(
      (
        await gql(
          db,
          stranger.viewer,
          `mutation($id: ID!) { publishReport(input: { reportId: $id }) { report { status } } }`,
          { id: report.id },
        )
      ).errors ?? [],
    ).toEqual([]);
    const link = await gql(
      db,
      stranger.viewer,
      `mutation($id: ID!) { createShareLink(input: { reportId: $id }) { url shareLink { id } } }`,
      { id: report.id },
    );
    const token = (link.data!.createShareLink.url as string).split("/r/")[1];
    expect((await openSharedReport(db, { token, ip: "10.7.0.1", countView: false, now: NOW })).kind).toBe("ok");
    const schedule = await gql(
      db,
      stranger.viewer,
      `mutation($id: ID!) { createReportSchedule(input: { reportId: $id, cadence: MONTHLY, dayOfMonth: 1, externalEmails: ["board@example.test"] }) { schedule { id } } }`,
      { id: report.id },
    );
    expect(schedule.errors ?? []).toEqual([]);

    // Another workspace (the managed client's owner) and another tenant's id: NOT_FOUND, nothing changes.
    const foreign = await gql(
      db,
      managed.viewer,
      `mutation($id: ID!) { deleteReport(input: { reportId: $id }) { deletedReportId } }`,
      { id: report.id },
    );
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    expect(await countRowsAsOwner(db, "reports", "id = $1::uuid", [rowIdOf(report.id)])).toBe(1);

    const del = await gql(
      db,
      stranger.viewer,
      `mutation($id: ID!) { deleteReport(input: { reportId: $id }) { deletedReportId revokedShareLinks cancelledSchedules } }`,
      { id: report.id },
    );
    expect(del.errors ?? []).toEqual([]);
    expect(del.data!.deleteReport).toEqual({ deletedReportId: report.id, revokedShareLinks: 1, cancelledSchedules: 1 });
    expect((await openSharedReport(db, { token, ip: "10.7.0.2", countView: false, now: NOW })).kind).toBe("not_found");
    expect(await countRowsAsOwner(db, "report_schedules", "report_id = $1::uuid", [rowIdOf(report.id)])).toBe(0);
    expect(await countRowsAsOwner(db, "share_links", "report_id = $1::uuid", [rowIdOf(report.id)])).toBe(0);
    const again = await gql(
      db,
      stranger.viewer,
      `mutation($id: ID!) { deleteReport(input: { reportId: $id }) { deletedReportId } }`,
      { id: report.id },
    );
    expect(errorCodes(again)).toEqual(["NOT_FOUND"]);
    const gone = await gql(
      db,
      stranger.viewer,
      `query($w: ID!, $id: ID!) { workspace(id: $w) { report(id: $id) { id } } }`,
      { w: stranger.wid, id: report.id },
    );
    expect(gone.data!.workspace.report).toBeNull();

    const log = await gql(
      db,
      stranger.viewer,
      `query($w: ID!) { workspace(id: $w) { auditEvents(first: 50, actions: ["report.created", "report.updated", "report.published", "report.deleted", "shareLink.created", "shareLink.revoked", "reportSchedule.created"]) { edges { node { action actorName data } } } } }`,
      { w: stranger.wid },
    );
    expect(log.errors ?? []).toEqual([]);
    const entries = (
      log.data!.workspace.auditEvents.edges as { node: { action: string; actorName: string | null; data: string } }[]
    ).map((e) => e.node);
    expect(entries.map((e) => e.action).sort()).toEqual([
      "report.created",
      "report.deleted",
      "report.published",
      "report.updated",
      "reportSchedule.created",
      "shareLink.created",
      "shareLink.revoked",
    ]);
    expect(entries.every((e) => e.actorName !== null && JSON.parse(e.data).title === "Удаляемый отчёт")).toBe(true);
    expect(entries.some((e) => e.data.includes(token))).toBe(false);
  });
});
