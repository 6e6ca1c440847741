import { AppError } from "@/lib/errors/app-error";
import { type Decimal, formatDecimal } from "@/lib/metrics/decimal";
import { currentPeriod } from "@/lib/periods/current-period";
import type { Period, PeriodType } from "@/lib/periods/period";
import { PERIOD_TYPES } from "@/lib/periods/period";
import type { PeriodRequest } from "@/lib/scorecard-service/resolve-scorecard-period";
import { builder } from "../builder";
import { WorkspaceRef } from "./workspace";

/** Decimals leave the API as exact strings (SPEC §9.1); null stays null. */
export const dec = (value: Decimal | null | undefined): string | null => (value == null ? null : formatDecimal(value));

export const PeriodTypeEnum = builder.enumType("PeriodType", {
  description: "Day, ISO week, month, fiscal quarter, fiscal year, or an explicit range.",
  values: {
    CUSTOM: { description: "An explicit range (from, to)." },
    DAY: { description: "One day." },
    MONTH: { description: "A calendar month." },
    QUARTER: { description: "A fiscal quarter." },
    WEEK: { description: "An ISO week (Monday to Sunday)." },
    YEAR: { description: "A fiscal year." },
  } satisfies Record<Uppercase<(typeof PERIOD_TYPES)[number]>, { description: string }>,
});

export const PeriodInput = builder.inputType("PeriodInput", {
  description:
    "A reporting period in the workspace time zone and fiscal calendar. MONTH/QUARTER/YEAR/WEEK/DAY: the one containing `anchor` (default today); CUSTOM: `from`…`to` inclusive. Omitted: the current month.",
  fields: (t) => ({
    type: t.field({ description: "The kind of period.", type: PeriodTypeEnum, required: true }),
    anchor: t.field({
      description: "A day inside the wanted period (default today); not for CUSTOM.",
      type: "Date",
      required: false,
    }),
    from: t.field({ description: "CUSTOM only: first day.", type: "Date", required: false }),
    to: t.field({ description: "CUSTOM only: last day, inclusive.", type: "Date", required: false }),
  }),
});

export function toPeriodRequest(
  input: { type: string; anchor?: string | null; from?: string | null; to?: string | null } | null | undefined,
): PeriodRequest | null {
  if (!input) return null;
  return {
    type: input.type.toLowerCase() as PeriodRequest["type"],
    anchor: input.anchor,
    from: input.from,
    to: input.to,
  };
}

export const PeriodRef = builder.objectRef<Period>("Period").implement({
  description:
    "A resolved period: inclusive local dates and a locale-neutral label (2026-04, 2026 Q2, FY2027, 2026-W14).",
  fields: (t) => ({
    type: t.field({
      description: "The kind of period.",
      type: PeriodTypeEnum,
      resolve: (p) => p.type.toUpperCase() as never,
    }),
    from: t.field({ description: "First day (local date).", type: "Date", resolve: (p) => p.from }),
    to: t.field({ description: "Last day (local date), inclusive.", type: "Date", resolve: (p) => p.to }),
    label: t.exposeString("label", { description: "A locale-neutral label: 2026-04, 2026 Q2, FY2027, 2026-W14." }),
    days: t.exposeInt("days", { description: "Number of days, both ends included." }),
  }),
});

builder.objectField(WorkspaceRef, "currentPeriod", (t) =>
  t.field({
    type: PeriodRef,
    description:
      "The day, ISO week, month, fiscal quarter or fiscal year that contains today in the workspace time zone and fiscal calendar (the scorecard default for MONTH). CUSTOM is BAD_USER_INPUT.",
    args: { type: t.arg({ description: "The kind of period (not CUSTOM).", type: PeriodTypeEnum, required: true }) },
    resolve: (ws, args, ctx) => {
      const type = args.type.toLowerCase() as PeriodType;
      if (type === "custom") throw AppError.badInput(["type"], "CURRENT_PERIOD_TYPE");
      const result = currentPeriod(type, ctx.now(), ws.timeZone, ws.fiscalYearStartMonth);
      // The workspace's own calendar is validated when saved; a failure here is a bug, not input.
      if (!result.ok) throw new Error(`currentPeriod: ${result.error.code} ${result.error.message}`);
      return result.period;
    },
  }),
);
