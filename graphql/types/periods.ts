import { type Decimal, formatDecimal } from "@/lib/metrics/decimal";
import type { Period } from "@/lib/periods/period";
import { PERIOD_TYPES } from "@/lib/periods/period";
import type { PeriodRequest } from "@/lib/scorecard-service/resolve-scorecard-period";
import { builder } from "../builder";

/** Decimals leave the API as exact strings (SPEC §9.1); null stays null. */
export const dec = (value: Decimal | null | undefined): string | null => (value == null ? null : formatDecimal(value));


export const PeriodTypeEnum = builder.enumType("PeriodType", {
  description: "Day, ISO week, month, fiscal quarter, fiscal year, or an explicit range.",
  values: PERIOD_TYPES.map((t) => t.toUpperCase()) as ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "CUSTOM"],
});

export const PeriodInput = builder.inputType("PeriodInput", {
  description:
    "A reporting period in the workspace time zone and fiscal calendar. MONTH/QUARTER/YEAR/WEEK/DAY: the one containing `anchor` (default today); CUSTOM: `from`…`to` inclusive. Omitted: the current month.",
  fields: (t) => ({
    type: t.field({ type: PeriodTypeEnum, required: true }),
    anchor: t.field({ type: "Date", required: false }),
    from: t.field({ type: "Date", required: false }),
    to: t.field({ type: "Date", required: false }),
  }),
});

export function toPeriodRequest(input: { type: string; anchor?: string | null; from?: string | null; to?: string | null } | null | undefined): PeriodRequest | null {
  if (!input) return null;
  return { type: input.type.toLowerCase() as PeriodRequest["type"], anchor: input.anchor, from: input.from, to: input.to };
}

export const PeriodRef = builder.objectRef<Period>("Period").implement({
  description: "A resolved period: inclusive local dates and a locale-neutral label (2026-04, 2026 Q2, FY2027, 2026-W14).",
  fields: (t) => ({
    type: t.field({ type: PeriodTypeEnum, resolve: (p) => p.type.toUpperCase() as never }),
    from: t.field({ type: "Date", resolve: (p) => p.from }),
    to: t.field({ type: "Date", resolve: (p) => p.to }),
    label: t.exposeString("label"),
    days: t.exposeInt("days"),
  }),
});

