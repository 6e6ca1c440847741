import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { canReadScorecard } from "@/lib/permissions/registry";
import type { WorkspaceAccess } from "@/lib/tenancy/workspace-access";
import { buildDocument, type ReportDocument } from "./build-report-document";
import { toCsvExport } from "./export-csv";
import { reportDefinitionSchema, scorecardOfRole } from "./report-definition";
import { renderReportPdf } from "./render-report-pdf";
import { ue } from "@/lib/errors/user-errors";

export const exportRequestSchema = z.object({
  kind: z.enum(["scorecard", "tree", "metrics"], { message: "kind must be scorecard, tree or metrics" }),
  role: z
    .enum(["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"], { message: "Unknown role" })
    .nullish(),
  format: z.enum(["csv", "pdf"], { message: "format must be csv or pdf" }),
  periodType: z.enum(["day", "week", "month", "quarter", "year"], { message: "Unknown period" }).default("month"),
  anchor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, ue("DATE_FORMAT"))
    .nullish(),
  locale: z.enum(["en", "ru"]).default("en"),
});

export type ExportRequest = z.input<typeof exportRequestSchema>;

/**
 * A scorecard, the KPI tree or the metric table of a workspace for one period, as CSV (by the
 * locale's conventions, see export-csv.ts) or as a branded PDF. The caller's access decides
 * what may be read, as in GraphQL: a scorecard by canReadScorecard, the tree with the company
 * view, metrics with metrics.read.
 */
export async function exportWorkspaceTable(
  db: Database,
  input: { workspaceId: string; access: WorkspaceAccess; request: ExportRequest; now: Date },
): Promise<{ body: Buffer | string; contentType: string; filename: string }> {
  const req = parseInput(exportRequestSchema, input.request);
  const { access } = input;
  const owner = req.kind === "scorecard" ? (req.role ? scorecardOfRole(req.role) : null) : null;
  if (req.kind === "scorecard" && !owner) throw AppError.badInput(["role"], "CHOOSE_ROLE");
  const allowed =
    req.kind === "scorecard"
      ? canReadScorecard(access.permissions, access.role, owner!)
      : req.kind === "tree"
        ? access.permissions.has("scorecard.readAny")
        : access.permissions.has("metrics.read");
  if (!allowed) throw new AppError("FORBIDDEN", "Not allowed to export this");
  const definition = reportDefinitionSchema.parse({
    roles: req.kind === "scorecard" ? [req.role] : [],
    includeKpiTree: req.kind === "tree",
    includeMetricTable: req.kind === "metrics",
    period: { type: req.periodType, anchor: req.anchor ?? null },
    locale: req.locale,
  });
  const doc = await buildDocument(db, {
    workspaceId: input.workspaceId,
    title: "",
    definition,
    brandingId: null,
    now: input.now,
  });
  doc.title = doc.sections[0]?.title ?? doc.t("sections.METRICS");
  const base = `${req.kind}${owner ? `-${owner.toLowerCase()}` : ""}-${doc.period.from}_${doc.period.to}`;
  if (req.format === "pdf")
    return { body: await renderReportPdf(doc), contentType: "application/pdf", filename: `${base}.pdf` };
  return { body: csvOf(doc, req.locale), contentType: "text/csv; charset=utf-8", filename: `${base}.csv` };
}

/** The document's first section as rows. Figures are the formatted ones of the document's locale. */
function csvOf(doc: ReportDocument, locale: "en" | "ru"): string {
  const section = doc.sections[0];
  const t = doc.t;
  if (!section) return toCsvExport([t("doc.metric")], [], locale);
  if (section.key === "KPI_TREE") {
    return toCsvExport(
      [t("doc.kpi"), t("doc.actual"), t("doc.target"), t("doc.status")],
      section.tree.map((r) => [`${"  ".repeat(r.depth)}${r.name}`, r.actual, r.target, r.statusLabel]),
      locale,
    );
  }
  if (section.key === "METRICS")
    return toCsvExport(
      [t("doc.metric"), t("doc.value")],
      section.tree.map((r) => [r.name, r.raw ?? null]),
      locale,
    );
  return toCsvExport(
    [
      t("doc.kpi"),
      t("doc.actual"),
      t("doc.target"),
      t("doc.attainment"),
      t("doc.expected"),
      t("doc.forecast"),
      t("doc.status"),
    ],
    section.kpis.map((k) => [
      k.name,
      k.raw.actual,
      k.raw.target,
      k.raw.attainment,
      k.raw.expectedToDate,
      k.raw.forecast,
      k.statusLabel,
    ]),
    locale,
  );
}
