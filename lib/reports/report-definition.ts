import { z } from "zod";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import type { ScorecardOwner } from "@/lib/permissions/registry";
import { ue } from "@/lib/errors/user-errors";

/**
 * What a report shows (SPEC §8), as stored in report_versions.definition: scorecards named by
 * role (OWNER = the company scorecard, SALES = the marketing–sales view), optionally the KPI
 * tree, a period (fixed, or rolling: "the last complete month/quarter" resolved when read),
 * commentary for the whole report, per section and per KPI, and the locale it is written in.
 */
export const REPORT_LOCALES = ["en", "ru"] as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const reportPeriodSchema = z
  .object({
    type: z.enum(["day", "week", "month", "quarter", "year", "custom"], { message: "Unknown period type" }),
    anchor: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, ue("DATE_FORMAT"))
      .nullish(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, ue("DATE_FORMAT"))
      .nullish(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, ue("DATE_FORMAT"))
      .nullish(),
    /** Always the last complete period of `type` (month, quarter, year, week) when read. */
    rolling: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.rolling && (p.type === "custom" || p.type === "day"))
      ctx.addIssue({ code: "custom", path: ["type"], message: "A rolling period is a WEEK, MONTH, QUARTER or YEAR" });
    if (p.type === "custom" && !p.rolling && (!p.from || !p.to))
      ctx.addIssue({ code: "custom", path: [p.from ? "to" : "from"], message: "a CUSTOM period needs from and to" });
  });

export const reportDefinitionSchema = z
  .object({
    roles: z
      .array(z.enum(WORKSPACE_ROLES, { message: "Unknown role" }))
      .max(8)
      .superRefine((roles, ctx) => {
        roles.forEach((r, i) => {
          if (r === "CLIENT_VIEWER")
            ctx.addIssue({ code: "custom", path: [i], message: "CLIENT_VIEWER has no scorecard" });
        });
      }),
    includeKpiTree: z.boolean().default(false),
    /** Every base measure and catalog metric of the period, as a table. */
    includeMetricTable: z.boolean().default(false),
    period: reportPeriodSchema,
    commentary: text(10_000)
      .nullish()
      .transform((v) => v || null),
    sectionCommentary: z
      .array(
        z.object({
          section: z.string().regex(/^(COMPANY|CMO|PERFORMANCE|SMM|CONTENT|SALES|KPI_TREE)$/, "Unknown section"),
          text: text(5_000),
        }),
      )
      .max(20)
      .default([]),
    kpiCommentary: z
      .array(z.object({ kpiKey: z.string().min(1).max(200), text: text(2_000) }))
      .max(200)
      .default([]),
    locale: z.enum(REPORT_LOCALES, { message: "Locale must be en or ru" }).default("en"),
  })
  .superRefine((d, ctx) => {
    if (d.roles.length === 0 && !d.includeKpiTree && !d.includeMetricTable)
      ctx.addIssue({
        code: "custom",
        path: ["roles"],
        message: "Choose at least one scorecard, the KPI tree or the metric table",
      });
  });

export type ReportDefinition = z.output<typeof reportDefinitionSchema>;
export type ReportDefinitionInput = z.input<typeof reportDefinitionSchema>;

/** The scorecard a role names in a report: OWNER and ADMIN → the company's; SALES → the marketing–sales view. */
export function scorecardOfRole(role: (typeof WORKSPACE_ROLES)[number]): ScorecardOwner | null {
  if (role === "OWNER" || role === "ADMIN") return "COMPANY";
  if (role === "CLIENT_VIEWER") return null;
  return role;
}

/** The report's sections in order, duplicates folded (OWNER and ADMIN are both the company view). */
export function reportSections(def: ReportDefinition): ("KPI_TREE" | ScorecardOwner)[] {
  const out: ("KPI_TREE" | ScorecardOwner)[] = [];
  for (const r of def.roles) {
    const owner = scorecardOfRole(r);
    if (owner && !out.includes(owner)) out.push(owner);
  }
  if (def.includeKpiTree) out.push("KPI_TREE");
  return out;
}
