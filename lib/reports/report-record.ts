import "server-only";
import type { Report, ReportVersion, ShareLink } from "@/generated/prisma/client";
import { type ReportDefinition, reportDefinitionSchema } from "./report-definition";

export type { Report, ReportVersion, ShareLink };

/** A report with the definition of one of its versions (the current one unless said). */
export interface ReportWithVersion {
  report: Report;
  version: ReportVersion;
  definition: ReportDefinition;
}

/** A stored definition, read back through the same schema (defaults filled in). */
export function readDefinition(json: unknown): ReportDefinition {
  return reportDefinitionSchema.parse(json);
}
