import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportDocument } from "@/lib/reports/build-report-document";
import { findReport } from "@/lib/reports/find-report";
import { openSharedReport } from "@/lib/reports/open-shared-report";
import { renderReportPdf } from "@/lib/reports/render-report-pdf";
import { createShareLink } from "@/lib/reports/share-links";
import { exportWorkspaceTable } from "@/lib/reports/export-workspace-table";
import { findWorkspaceAccess } from "@/lib/tenancy/workspace-access";

import { addMember, countRowsAsOwner, rowIdOf } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import { createReport, pdfText, reportWorkspace } from "./reports-fixture";

let db: TestDatabase;
let A: Awaited<ReturnType<typeof reportWorkspace>>;
let B: Awaited<ReturnType<typeof reportWorkspace>>;
const NOW = new Date();

beforeAll(async () => {
  db = await openTestDatabase();
  A = await reportWorkspace(db);
  B = await reportWorkspace(db, "Bravo Intruder");
}, 300_000);

afterAll(async () => db?.close());

const token = (url: string) => url.split("/r/")[1].split("/")[0];
const open = (t: string, ip = "10.9.0.1") => openSharedReport(db, { token: t, ip, countView: true, now: NOW });

describe("report builder", () => {
  it("refuses bad input with the field named, saving nothing", async () => {
    const before = await countRowsAsOwner(db, "reports");
    const cases: [Record<string, unknown>, string][] = [
      [{ roles: ["CLIENT_VIEWER"] }, "roles"],
      [{ roles: [] }, "roles"],
      [{ title: "  " }, "title"],
      [{ period: { type: "CUSTOM" } }, "period"],
      [{ locale: "de" }, "locale"],
      [{ period: { type: "DAY" }, rolling: true }, "period"],
    ];
    for (const [patch, field] of cases) {
      const res = await gql(
        db,
        A.viewer,
        `mutation($input: CreateReportInput!) { createReport(input: $input) { report { id } } }`,
        {
          input: { workspaceId: A.wid, title: "T", roles: ["OWNER"], period: { type: "MONTH" }, ...patch },
        },
      );
      expect(errorCodes(res), JSON.stringify(patch)).toEqual(["BAD_USER_INPUT"]);
      const paths = (res.errors![0].extensions!.fieldErrors as { path: string[] }[]).map((e) => e.path.join("."));
      expect(
        paths.some((p) => p.startsWith(`input.${field}`)),
        `${JSON.stringify(patch)} → ${paths}`,
      ).toBe(true);
    }
    const unknownRole = await gql(
      db,
      A.viewer,
      `mutation { createReport(input: { workspaceId: "${A.wid}", title: "T", roles: [CEO], period: { type: MONTH } }) { report { id } } }`,
    );
    expect(unknownRole.errors?.length).toBeGreaterThan(0);
    expect(await countRowsAsOwner(db, "reports")).toBe(before);
  });

  it("creates a draft, keeps every version, publishes the current one", async () => {
    const report = await createReport(db, A.viewer, A.wid);
    expect(report).toMatchObject({ status: "DRAFT", version: 1, title: "Отчёт для совета директоров" });
    const upd = await gql(
      db,
      A.viewer,
      `mutation($input: UpdateReportInput!) { updateReport(input: $input) { report { version currentVersion publishedVersion title } } }`,
      {
        input: {
          reportId: report.id,
          title: "Отчёт v2",
          roles: ["OWNER"],
          period: { type: "MONTH" },
          rolling: true,
          includeKpiTree: true,
        },
      },
    );
    expect(upd.errors ?? []).toEqual([]);
    expect(upd.data!.updateReport.report).toMatchObject({ version: 2, currentVersion: 2, publishedVersion: null });
    const pub = await gql(
      db,
      A.viewer,
      `mutation($id: ID!) { publishReport(input: { reportId: $id }) { report { status publishedVersion versions { version title } } } }`,
      { id: report.id },
    );
    expect(pub.errors ?? []).toEqual([]);
    expect(pub.data!.publishReport.report).toMatchObject({
      status: "PUBLISHED",
      publishedVersion: 2,
      versions: [
        { version: 2, title: "Отчёт v2" },
        { version: 1, title: "Отчёт для совета директоров" },
      ],
    });
  });
});

describe("share links", () => {
  it("live link: page and PDF open, views are counted; wrong, revoked and expired tokens are alike not found", async () => {
    const report = await createReport(db, A.viewer, A.wid);
    const create = `mutation($id: ID!, $exp: DateTime) { createShareLink(input: { reportId: $id, expiresAt: $exp }) { url pdfUrl shareLink { id viewCount active expiresAt } } }`;
    const past = await gql(db, A.viewer, create, { id: report.id, exp: new Date(Date.now() - 60_000).toISOString() });
    expect(errorCodes(past)).toEqual(["BAD_USER_INPUT"]);
    expect((past.errors![0].extensions!.fieldErrors as { path: string[] }[])[0].path).toEqual(["input", "expiresAt"]);

    const res = await gql(db, A.viewer, create, { id: report.id });
    expect(res.errors ?? []).toEqual([]);
    const { url, pdfUrl, shareLink } = res.data!.createShareLink;
    expect(url).toMatch(/^http:\/\/localhost:3000\/r\/[A-Za-z0-9_-]{43}$/);
    expect(pdfUrl).toBe(`${url}/pdf`);
    const t = token(url);
    // The token itself is nowhere in the database, only its hash.
    expect(await countRowsAsOwner(db, "share_links", "token_hash = $1", [t])).toBe(0);

    // A draft has nothing published: not found until it is published.
    expect((await open(t)).kind).toBe("not_found");
    await gql(db, A.viewer, `mutation($id: ID!) { publishReport(input: { reportId: $id }) { report { status } } }`, {
      id: report.id,
    });
    const opened = await open(t);
    expect(opened.kind).toBe("ok");
    if (opened.kind === "ok") expect(opened.document.title).toBe("Отчёт для совета директоров");
    await open(t);
    const seen = await gql(
      db,
      A.viewer,
      `query($id: ID!) { node(id: $id) { ... on ShareLink { viewCount lastViewedAt active } } }`,
      { id: shareLink.id },
    );
    expect(seen.data!.node).toMatchObject({ viewCount: 2, active: true });
    expect(seen.data!.node.lastViewedAt).not.toBeNull();

    // Wrong tokens: a flipped character, garbage, empty.
    const flipped = t.slice(0, -1) + (t.endsWith("A") ? "B" : "A");
    for (const wrong of [flipped, "nonsense", ""]) expect((await open(wrong)).kind).toBe("not_found");

    // Revoked: not found at once.
    const rev = await gql(
      db,
      A.viewer,
      `mutation($id: ID!) { revokeShareLink(input: { id: $id }) { shareLink { revokedAt active } } }`,
      { id: shareLink.id },
    );
    expect(rev.data!.revokeShareLink.shareLink.active).toBe(false);
    expect((await open(t)).kind).toBe("not_found");

    // Expired: a link made a minute ago that lived thirty seconds.
    const ago = new Date(Date.now() - 60_000);
    const expired = await createShareLink(db, {
      workspaceId: A.workspace.id,
      actorId: null,
      reportId: rowIdOf(report.id),
      expiresAt: new Date(ago.getTime() + 30_000),
      baseUrl: "http://x",
      now: ago,
    });
    expect((await open(token(expired.url))).kind).toBe("not_found");
  });

  it("failed lookups from one address are throttled", async () => {
    const ip = "10.9.9.9";
    let last = "";
    for (let i = 0; i < 31; i++) last = (await open(`x${i}`.padEnd(43, "x"), ip)).kind;
    expect(last).toBe("rate_limited");
    // Another address is not affected.
    expect((await open("y".repeat(43), "10.9.9.10")).kind).toBe("not_found");
  });

  it("another workspace's report and link behave like missing ones everywhere", async () => {
    const report = await createReport(db, A.viewer, A.wid);
    const link = await gql(
      db,
      A.viewer,
      `mutation($id: ID!) { createShareLink(input: { reportId: $id }) { shareLink { id } } }`,
      { id: report.id },
    );
    const linkId = link.data!.createShareLink.shareLink.id;
    const calls: [string, Record<string, unknown>][] = [
      [`mutation($id: ID!) { createShareLink(input: { reportId: $id }) { url } }`, { id: report.id }],
      [`mutation($id: ID!) { revokeShareLink(input: { id: $id }) { shareLink { id } } }`, { id: linkId }],
      [`mutation($id: ID!) { publishReport(input: { reportId: $id }) { report { id } } }`, { id: report.id }],
      [
        `mutation($id: ID!) { updateReport(input: { reportId: $id, title: "x", roles: [OWNER], period: { type: MONTH } }) { report { id } } }`,
        { id: report.id },
      ],
      [
        `mutation($id: ID!) { createReportSchedule(input: { reportId: $id, cadence: WEEKLY, weekday: 1, externalEmails: ["x@example.test"] }) { schedule { id } } }`,
        { id: report.id },
      ],
    ];
    for (const [query, vars] of calls) {
      const res = await gql(db, B.viewer, query, vars);
      expect(errorCodes(res), query).toEqual(["NOT_FOUND"]);
    }
    const viaB = await gql(
      db,
      B.viewer,
      `query($w: ID!, $id: ID!) { workspace(id: $w) { report(id: $id) { id } } node(id: $id) { id } }`,
      { w: B.wid, id: report.id },
    );
    expect(viaB.data).toEqual({ workspace: { report: null }, node: null });
  });
});

describe("PDF", () => {
  it("renders the Cyrillic title, KPI names and figures formatted by the report's locale as extractable text", async () => {
    const created = await createReport(db, A.viewer, A.wid, { includeKpiTree: true });
    const report = await findReport(db, { workspaceId: A.workspace.id, reportId: rowIdOf(created.id) });
    const doc = await buildReportDocument(db, { workspaceId: A.workspace.id, report: report!, now: NOW });
    const pdf = await renderReportPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Отчёт для совета директоров");
    expect(text).toContain("Скоркарта компании");
    expect(text).toContain("Выручка");
    // 1 234 567,89 ₽ of revenue, shown whole as ru formats money ≥ 1 000.
    expect(text).toContain("1 234 568 ₽");
    expect(text).toContain("Europe/Moscow");
    expect(text).toMatch(/Страница 1 из \d/);
    expect(text).toContain("Крупная сделка со 2 декабря.");
    const revenue = doc.sections[0].kpis.find((k) => k.key === "company.revenue");
    expect(revenue?.actual.replace(/[\u00a0\u202f]/g, " ")).toBe("1 234 568 ₽");
  });
});

describe("exports", () => {
  it("a scorecard as ru CSV (BOM, ;, decimal comma), the KPI tree and the metric table as PDF; CLIENT_VIEWER may not export", async () => {
    const access = (await findWorkspaceAccess(db, A.viewer, A.workspace.id))!;
    const csv = await exportWorkspaceTable(db, {
      workspaceId: A.workspace.id,
      access,
      now: NOW,
      request: { kind: "scorecard", role: "OWNER", format: "csv", anchor: "2026-12-01", locale: "ru" },
    });
    const text = String(csv.body);
    expect(text.startsWith("\uFEFFKPI;Факт;План;")).toBe(true);
    expect(text).toContain("Выручка;1234567,89;");
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    const metrics = await exportWorkspaceTable(db, {
      workspaceId: A.workspace.id,
      access,
      now: NOW,
      request: { kind: "metrics", format: "csv", anchor: "2026-12-01", locale: "en" },
    });
    expect(String(metrics.body)).toContain("Revenue,1234567.89\r\n");
    for (const kind of ["tree", "metrics"] as const) {
      const pdf = await exportWorkspaceTable(db, {
        workspaceId: A.workspace.id,
        access,
        now: NOW,
        request: { kind, format: "pdf", anchor: "2026-12-01", locale: "ru" },
      });
      expect(pdfText(pdf.body as Buffer)).toContain(kind === "tree" ? "Дерево KPI" : "Метрики");
    }
    const viewer = await addMember(db, A.workspace.id, "CLIENT_VIEWER");
    const viewerAccess = (await findWorkspaceAccess(db, viewer.viewer, A.workspace.id))!;
    await expect(
      exportWorkspaceTable(db, {
        workspaceId: A.workspace.id,
        access: viewerAccess,
        now: NOW,
        request: { kind: "scorecard", role: "OWNER", format: "csv" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      exportWorkspaceTable(db, {
        workspaceId: A.workspace.id,
        access,
        now: NOW,
        request: { kind: "scorecard", role: "CLIENT_VIEWER" as "OWNER", format: "csv" },
      }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("branding", () => {
  const save = (input: Record<string, unknown>) =>
    gql(
      db,
      A.viewer,
      `mutation($input: UpdateReportBrandingInput!) { updateReportBranding(input: $input) { branding { name primaryColor hasLogo } } }`,
      { input: { workspaceId: A.wid, name: "Альфа", primaryColor: "#1d4ed8", ...input } },
    );

  it("refuses an SVG with script, a non-image, a pale colour and a non-colour, saving nothing", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString(
      "base64",
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ logoBase64: svg }, "input.logoBase64"],
      [{ logoBase64: Buffer.from("not an image at all").toString("base64") }, "input.logoBase64"],
      [{ primaryColor: "#fff176" }, "input.primaryColor"],
      [{ primaryColor: "blue-ish" }, "input.primaryColor"],
      [{ logoBase64: Buffer.alloc(600 * 1024).toString("base64") }, "input.logoBase64"],
    ];
    for (const [patch, path] of cases) {
      const res = await save(patch);
      expect(errorCodes(res), JSON.stringify(patch).slice(0, 80)).toEqual(["BAD_USER_INPUT"]);
      expect((res.errors![0].extensions!.fieldErrors as { path: string[] }[])[0].path.join(".")).toBe(path);
    }
    expect(await countRowsAsOwner(db, "brandings", "workspace_id = $1", [A.workspace.id])).toBe(0);
  });

  it("saves a PNG logo and a dark colour", async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from("IHDR"),
      Buffer.alloc(20),
    ]);
    const res = await save({ logoBase64: png.toString("base64"), primaryColor: "#0F766E" });
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.updateReportBranding.branding).toEqual({ name: "Альфа", primaryColor: "#0f766e", hasLogo: true });
  });
});

describe("client portal", () => {
  it("CLIENT_VIEWER sees published reports only, and nothing else of the workspace", async () => {
    const viewer = await addMember(db, A.workspace.id, "CLIENT_VIEWER");
    const draft = await createReport(db, A.viewer, A.wid, { title: "Черновик" });
    const res = await gql(
      db,
      viewer.viewer,
      `query($w: ID!, $d: ID!) { workspace(id: $w) { reports { id title status versions { version } shareLinks { id } } report(id: $d) { id } } }`,
      { w: A.wid, d: draft.id },
    );
    expect(res.errors ?? []).toEqual([]);
    const reports = res.data!.workspace.reports as {
      id: string;
      status: string;
      versions: unknown;
      shareLinks: unknown;
    }[];
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.status === "PUBLISHED" && r.versions === null && r.shareLinks === null)).toBe(true);
    expect(reports.map((r) => r.id)).not.toContain(draft.id);
    expect(res.data!.workspace.report).toBeNull();
    const scorecard = await gql(
      db,
      viewer.viewer,
      `query($w: ID!) { workspace(id: $w) { scorecard(role: OWNER) { score } } }`,
      { w: A.wid },
    );
    expect(errorCodes(scorecard)).toEqual(["FORBIDDEN"]);
    const metrics = await gql(
      db,
      viewer.viewer,
      `query($w: ID!) { workspace(id: $w) { metricValues(keys: ["spend"], from: "2026-12-01", to: "2026-12-31") { value } } }`,
      { w: A.wid },
    );
    expect(errorCodes(metrics)).toEqual(["FORBIDDEN"]);
    const create = await gql(
      db,
      viewer.viewer,
      `mutation($w: ID!) { createReport(input: { workspaceId: $w, title: "x", roles: [OWNER], period: { type: MONTH } }) { report { id } } }`,
      { w: A.wid },
    );
    expect(errorCodes(create)).toEqual(["FORBIDDEN"]);
  });
});

describe("schedules: bad input", () => {
  it("needs a recipient, real addresses, members of the workspace; saves nothing otherwise", async () => {
    const report = await createReport(db, A.viewer, A.wid);
    const before = await countRowsAsOwner(db, "report_schedules");
    const cases: [Record<string, unknown>, string][] = [
      [{ cadence: "WEEKLY", weekday: 1 }, "input.externalEmails"],
      [{ cadence: "WEEKLY", weekday: 1, externalEmails: ["not an address"] }, "input.externalEmails.0"],
      [{ cadence: "WEEKLY", externalEmails: ["a@example.test"] }, "input.weekday"],
      [{ cadence: "MONTHLY", dayOfMonth: 31, externalEmails: ["a@example.test"] }, "input.dayOfMonth"],
      [{ cadence: "WEEKLY", weekday: 1, memberIds: [B.owner.id] }, "input.memberUserIds.0"],
    ];
    for (const [patch, path] of cases) {
      const res = await gql(
        db,
        A.viewer,
        `mutation($input: CreateReportScheduleInput!) { createReportSchedule(input: $input) { schedule { id } } }`,
        { input: { reportId: report.id, ...patch } },
      );
      expect(errorCodes(res), JSON.stringify(patch)).toEqual(["BAD_USER_INPUT"]);
      expect(
        (res.errors![0].extensions!.fieldErrors as { path: (string | number)[] }[])[0].path.join("."),
        JSON.stringify(patch),
      ).toBe(path);
    }
    expect(await countRowsAsOwner(db, "report_schedules")).toBe(before);
  });
});
