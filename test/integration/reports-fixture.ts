import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { Database } from "@/lib/db/client";
import { type UserViewer, createWorkspaceWithOwner } from "./factories";
import { gql } from "./harness";

export const toGlobal = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

/** A ru workspace with a month of facts (revenue 1 234 567,89 ₽ in December 2026) and a report on it. */
export async function reportWorkspace(db: Database, name = "Альфа Холдинг") {
  const ws = await createWorkspaceWithOwner(db, {
    workspaceName: name,
    currency: "RUB",
    timeZone: "Europe/Moscow",
    locale: "ru",
  });
  const wid = toGlobal("Workspace", ws.workspace.id);
  const days = ["2026-12-01", "2026-12-02", "2026-12-03"];
  const rows = days.flatMap((date, i) => [
    { date, channel: "google_ads", campaign: "alpha", measure: "spend", value: String(100000 + i * 1000) },
    { date, channel: "google_ads", campaign: "alpha", measure: "impressions", value: "50000" },
    { date, channel: "google_ads", campaign: "alpha", measure: "clicks", value: "1500" },
    { date, channel: "google_ads", campaign: "alpha", measure: "leads", value: "120" },
    { date, channel: "google_ads", campaign: "alpha", measure: "qualified_leads", value: "40" },
    { date, channel: "google_ads", campaign: "alpha", measure: "deals_won", value: "5" },
  ]);
  rows.push({ date: "2026-12-02", channel: "google_ads", campaign: "alpha", measure: "revenue", value: "1234567.89" });
  const ingest = await gql(
    db,
    ws.viewer,
    `mutation($w: ID!, $rows: [MetricRowInput!]!) { ingestMetrics(input: { workspaceId: $w, idempotencyKey: "reports-fixture", rows: $rows }) { accepted } }`,
    { w: wid, rows },
  );
  expect(ingest.errors ?? []).toEqual([]);
  return { ...ws, wid };
}

export const CREATE_REPORT = /* GraphQL */ `
  mutation ($input: CreateReportInput!) {
    createReport(input: $input) {
      report {
        id
        title
        status
        version
        currentVersion
        publishedVersion
        roles
        locale
        pdfPath
      }
    }
  }
`;

export async function createReport(db: Database, viewer: UserViewer, wid: string, extra: Record<string, unknown> = {}) {
  const res = await gql(db, viewer, CREATE_REPORT, {
    input: {
      workspaceId: wid,
      title: "Отчёт для совета директоров",
      roles: ["OWNER", "CMO"],
      period: { type: "MONTH", anchor: "2026-12-01" },
      commentary: "Декабрь: выручка выше плана.",
      kpiCommentary: [{ kpiKey: "company.revenue", text: "Крупная сделка со 2 декабря." }],
      locale: "ru",
      ...extra,
    },
  });
  expect(res.errors ?? []).toEqual([]);
  return res.data!.createReport.report as {
    id: string;
    title: string;
    status: string;
    version: number;
    pdfPath: string;
  };
}

/** The text of a PDF as poppler's pdftotext extracts it (spaces of every kind as plain spaces). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tl-pdf-"));
  try {
    const file = path.join(dir, "r.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(
      /[\u00a0\u202f]/g,
      " ",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
