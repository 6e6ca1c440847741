// Reports benchmark (issue 14):
// 1. PDF of a two-scorecard report (company + CMO, demo workspace with two years of data):
//    p50/p95 of build + render over 100 renders and RSS along the way (goal p95 ≤ 1 s, RSS growth
//    ≤ 100 MB and flat), measured after 10 warm-up renders. Floor: a one-page pdfkit document
//    with the same (parsed-once) embedded font.
// 2. Share page TTFB at an even 20 requests/s against `next start` (goal p95 ≤ 150 ms); floor:
//    /login at the same rate.
// 3. 1 000 scheduled deliveries (one external recipient each, all due) to a local SMTP server:
//    total time and the count of messages the server received (must be exactly 1 000), on PGlite
//    and on PostgreSQL. Floor: nodemailer sending 1 000 messages with the same PDF attached.
import http from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import PDFDocument from "pdfkit";
import { SMTPServer } from "smtp-server";
import { signUp } from "@/lib/accounts/sign-up";
import { type Database, openDatabase } from "@/lib/db/client";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { DEMO_OWNER } from "@/lib/demo/seed-demo";
import { buildReportDocument } from "@/lib/reports/build-report-document";
import { findReport } from "@/lib/reports/find-report";
import { parsedPdfFonts } from "@/lib/reports/pdf-fonts";
import { publishReport } from "@/lib/reports/publish-report";
import { renderReportPdf } from "@/lib/reports/render-report-pdf";
import { runReportDeliveries } from "@/lib/reports/run-report-deliveries";
import { saveReport } from "@/lib/reports/save-report";
import { createBenchDatabase } from "./lib/bench-database";
import { startNextServer } from "./lib/next-server";
import { round, summarize, writeResult } from "./lib/report";

const RENDERS = Number(process.env.BENCH_REPORT_RENDERS ?? 100);
const DELIVERIES = Number(process.env.BENCH_REPORT_DELIVERIES ?? 1000);
const RATE = 20;
const PROBE_SECONDS = Number(process.env.BENCH_DURATION ?? 20);
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

async function demoWorkspace(db: Database): Promise<{ workspaceId: string; userId: string }> {
  const { workspace, user } = await signUp(db, {
    email: `bench-${Date.now()}@example.test`,
    password: "bench passphrase 7319",
    name: "Bench",
    workspaceName: "Бенч Холдинг",
    currency: "RUB",
    timeZone: "Europe/Moscow",
    locale: "ru",
  });
  await loadDemoData(db, { workspaceId: workspace.id, now: new Date() });
  return { workspaceId: workspace.id, userId: user.id };
}

async function twoScorecardReport(db: Database, workspaceId: string, userId: string) {
  const saved = await saveReport(db, {
    workspaceId,
    actorId: userId,
    title: "Отчёт совету директоров",
    definition: {
      roles: ["OWNER", "CMO"],
      period: { type: "month", rolling: true },
      commentary: "Комментарий к месяцу.",
      locale: "ru",
    },
  });
  await publishReport(db, { workspaceId, reportId: saved.report.id });
  return saved.report.id;
}

async function pdfRenders(db: Database, workspaceId: string, reportId: string) {
  const report = (await findReport(db, { workspaceId, reportId }))!;
  // Warm-up: the first renders parse the fonts, fill the scorecard cache and JIT the code.
  for (let i = 0; i < 10; i++)
    await renderReportPdf(await buildReportDocument(db, { workspaceId, report, now: new Date() }));
  const rssStart = process.memoryUsage().rss;
  const heapStart = process.memoryUsage().heapUsed;
  const samples: number[] = [];
  const rss: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RENDERS; i++) {
    const started = process.hrtime.bigint();
    const doc = await buildReportDocument(db, { workspaceId, report, now: new Date() });
    const pdf = await renderReportPdf(doc);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    bytes = pdf.length;
    rss.push(process.memoryUsage().rss);
  }
  const s = summarize(samples);
  const firstTen = rss.slice(0, 10).reduce((a, b) => a + b, 0) / Math.min(10, rss.length);
  const lastTen = rss.slice(-10).reduce((a, b) => a + b, 0) / Math.min(10, rss.length);
  // Floor: a one-page document with the same font and no data.
  const floor: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      const doc = new PDFDocument({ size: "A4" });
      doc.registerFont("body", parsedPdfFonts().regular as unknown as Buffer);
      doc.font("body").text("Отчёт");
      doc.on("data", () => undefined).on("end", resolve);
      doc.end();
    });
    floor.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return {
    renders: RENDERS,
    pdfKiB: round(bytes / 1024, 1),
    p50Ms: round(s.p50),
    p95Ms: round(s.p95),
    maxMs: round(Math.max(...samples)),
    rssStartMiB: mb(rssStart),
    rssPeakMiB: mb(Math.max(...rss)),
    rssGrowthMiB: mb(Math.max(...rss) - rssStart),
    rssFirstTenMiB: mb(firstTen),
    rssLastTenMiB: mb(lastTen),
    heapUsedStartMiB: mb(heapStart),
    heapUsedEndMiB: mb(process.memoryUsage().heapUsed),
    warmUpRenders: 10,
    floorOnePagePdfP50Ms: round(summarize(floor).p50),
    goalMet: (s.p95 ?? Infinity) <= 1000 && Math.max(...rss) - rssStart <= 100 * 2 ** 20,
  };
}

function ttfb(target: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(target, { agent: false }, (res) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve(ms) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
  });
}

async function probe(url: URL, rate: number, seconds: number) {
  const samples: number[] = [];
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  const started = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    pending.push(
      ttfb(url).then(
        (ms) => void samples.push(ms),
        (e: Error) => void errors.push(e.message),
      ),
    );
    const wait = started + ((i + 1) * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(pending);
  const s = summarize(samples);
  return {
    rate,
    requests: samples.length,
    errors: errors.length,
    p50: round(s.p50),
    p95: round(s.p95),
    p99: round(s.p99),
  };
}

async function gql(url: string, query: string, variables: Record<string, unknown>, cookie?: string) {
  const res = await fetch(`${url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as { data?: any; errors?: unknown[] } };
}

async function sharePage(port: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tl-bench-reports-"));
  const server = await startNextServer(
    { PGLITE_DATA_DIR: path.join(dataDir, "pglite"), DATABASE_URL: undefined, SEED_DEMO: "1" },
    port,
  );
  try {
    const login = await gql(server.url, "mutation($i: LoginInput!) { login(input: $i) { user { id } } }", {
      i: { email: DEMO_OWNER.email, password: DEMO_OWNER.password },
    });
    // A failed sign-in sets no cookie: say so instead of reading a signed-out viewer later.
    const cookie = login.res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith("tl.session="));
    if (!cookie) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    const viewer = await gql(server.url, "{ viewer { workspaces { workspace { id } } } }", {}, cookie);
    const wid = viewer.body.data.viewer.workspaces[0].workspace.id;
    const created = await gql(
      server.url,
      `mutation($w: ID!) { createReport(input: { workspaceId: $w, title: "Board report", roles: [OWNER, CMO], period: { type: MONTH }, rolling: true }) { report { id } } }`,
      { w: wid },
      cookie,
    );
    const reportId = created.body.data.createReport.report.id;
    await gql(
      server.url,
      `mutation($r: ID!) { publishReport(input: { reportId: $r }) { report { status } } }`,
      { r: reportId },
      cookie,
    );
    const link = await gql(
      server.url,
      `mutation($r: ID!) { createShareLink(input: { reportId: $r }) { url } }`,
      { r: reportId },
      cookie,
    );
    const shareUrl = new URL(new URL(link.body.data.createShareLink.url).pathname, server.url);
    for (let i = 0; i < 20; i++) await ttfb(shareUrl);
    const share = await probe(shareUrl, RATE, PROBE_SECONDS);
    const loginPage = new URL("/login", server.url);
    for (let i = 0; i < 10; i++) await ttfb(loginPage);
    const floor = await probe(loginPage, RATE, PROBE_SECONDS);
    return {
      page: "/r/<token> (demo workspace, company + CMO scorecards, last complete month)",
      share,
      loginPageFloor: floor,
      goalMet: share.errors === 0 && (share.p95 ?? Infinity) <= 150,
    };
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function smtpSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _s, cb) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        received++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true&pool=true&maxConnections=4`,
    received: () => received,
    reset: () => void (received = 0),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function deliveries(label: string, db: Database, smtp: Awaited<ReturnType<typeof smtpSink>>) {
  const { workspaceId, userId } = await demoWorkspace(db);
  const reportId = await twoScorecardReport(db, workspaceId, userId);
  // DELIVERIES weekly schedules, each due (its slot was last Monday) with one external recipient.
  await db.sqlTransaction(async (sql) => {
    await sql.query("SELECT set_config('app.workspace_id', $1, true)", [workspaceId]);
    await sql.query(
      `INSERT INTO report_schedules (workspace_id, report_id, cadence, weekday, hour, external_emails, locale, next_run_at)
       SELECT $1::uuid, $2::uuid, 'WEEKLY', 1, 9, ARRAY['board-' || g || '@example.test'], 'ru', now() - interval '1 hour'
       FROM generate_series(1, $3::int) g`,
      [workspaceId, reportId, DELIVERIES],
    );
  });
  smtp.reset();
  const started = process.hrtime.bigint();
  let sent = 0;
  let failed = 0;
  for (let round = 0; round < 20 && sent + failed < DELIVERIES; round++) {
    const r = await runReportDeliveries({
      db,
      now: new Date(),
      baseUrl: "http://bench.local",
      instanceId: "bench",
      smtpUrl: smtp.url,
      limit: DELIVERIES,
    });
    sent += r.sent;
    failed += r.failed;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((r) => setTimeout(r, 500));
  return {
    database: label,
    deliveries: DELIVERIES,
    sent,
    failed,
    messagesReceived: smtp.received(),
    totalSeconds: round(seconds, 2),
    perSecond: round(sent / seconds, 1),
    exactlyOnce: smtp.received() === DELIVERIES,
  };
}

async function mailFloor(smtp: Awaited<ReturnType<typeof smtpSink>>, pdf: Buffer) {
  smtp.reset();
  const transport = nodemailer.createTransport(smtp.url);
  const started = process.hrtime.bigint();
  for (let i = 0; i < DELIVERIES; i++) {
    await transport.sendMail({
      from: "bench@example.test",
      to: `floor-${i}@example.test`,
      subject: "Floor",
      text: "x",
      attachments: [{ filename: "r.pdf", content: pdf, contentType: "application/pdf" }],
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  transport.close();
  return {
    messages: DELIVERIES,
    totalSeconds: round(seconds, 2),
    perSecond: round(DELIVERIES / seconds, 1),
    received: smtp.received(),
  };
}

export async function run(): Promise<void> {
  // BENCH_REPORT_PARTS=pdf,deliveries,share (default: all) — to re-measure one part alone.
  const parts = new Set((process.env.BENCH_REPORT_PARTS ?? "pdf,deliveries,share").split(",").map((p) => p.trim()));
  const dir = mkdtempSync(path.join(os.tmpdir(), "tl-bench-reports-db-"));
  const smtp = await smtpSink();
  const result: Record<string, unknown> = {
    goal: {
      pdfP95Ms: 1000,
      rssGrowthMiB: 100,
      sharePageTtfbP95Ms: 150,
      atRequestsPerSecond: RATE,
      deliveries: DELIVERIES,
    },
    parts: [...parts],
  };
  try {
    if (parts.has("pdf") || parts.has("deliveries")) {
      const db = await openDatabase({ dataDir: path.join(dir, "pglite") });
      const { workspaceId, userId } = await demoWorkspace(db);
      const reportId = await twoScorecardReport(db, workspaceId, userId);
      if (parts.has("pdf")) {
        console.log("PDF renders…");
        result.pdf = {
          ...(await pdfRenders(db, workspaceId, reportId)),
          loadAverageAfter: os.loadavg().map((l) => round(l, 2)),
        };
      }
      if (parts.has("deliveries")) {
        const samplePdf = await renderReportPdf(
          await buildReportDocument(db, {
            workspaceId,
            report: (await findReport(db, { workspaceId, reportId }))!,
            now: new Date(),
          }),
        );
        console.log("deliveries (PGlite)…");
        const pgliteDeliveries = await deliveries("pglite", db, smtp);
        await db.close();
        console.log("deliveries (PostgreSQL)…");
        const bench = await createBenchDatabase("tl_bench_reports");
        let postgresDeliveries;
        try {
          postgresDeliveries = await deliveries("postgres", bench.db, smtp);
        } finally {
          await bench.drop();
        }
        result.deliveries = [pgliteDeliveries, postgresDeliveries];
        result.deliveriesLoadAverageAfter = os.loadavg().map((l) => round(l, 2));
        result.mailFloor = await mailFloor(smtp, samplePdf);
      } else {
        await db.close();
      }
    }
    if (parts.has("share")) {
      console.log("share page…");
      const loadBefore = os.loadavg().map((l) => round(l, 2));
      result.sharePage = {
        ...(await sharePage(Number(process.env.BENCH_PORT ?? 3185))),
        loadAverageBefore: loadBefore,
        loadAverageAfter: os.loadavg().map((l) => round(l, 2)),
      };
    }
    // A partial run keeps the other parts of the last result (each part records its own load).
    const previousFile = path.join(process.cwd(), "bench", "results", "reports.json");
    const previous =
      parts.size < 3 && existsSync(previousFile)
        ? (JSON.parse(readFileSync(previousFile, "utf8")) as Record<string, unknown>)
        : {};
    const kept = Object.fromEntries(
      Object.entries(previous).filter(
        ([k]) => !["bench", "at", "machine", "goal", "parts"].includes(k) && !(k in result),
      ),
    );
    writeResult("reports", {
      ...result,
      ...(Object.keys(kept).length
        ? { keptFromEarlierRun: { at: previous.at, machine: previous.machine, ...kept } }
        : {}),
    });
  } finally {
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
