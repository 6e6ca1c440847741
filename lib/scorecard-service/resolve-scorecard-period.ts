import { AppError } from "@/lib/errors/app-error";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";
import type { Period, PeriodType } from "@/lib/periods/period";
import { resolvePeriod } from "@/lib/periods/resolve-period";
import { periodErrorReason } from "@/lib/errors/error-words";

/** SPEC §9.1 PeriodInput as lib receives it (types lower-case). */
export interface PeriodRequest {
  type: PeriodType;
  /** Any day inside the period; default today in the workspace time zone. */
  anchor?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface WorkspaceCalendar {
  timeZone: string;
  fiscalYearStartMonth: number;
}

/**
 * The concrete period of a request: absent → the current month in the workspace time zone;
 * a typed period → the one containing `anchor` (default today); CUSTOM → `from`…`to`.
 * `now` is injected so that tests can pin the day. Errors are BAD_USER_INPUT under `path`.
 */
export function resolveScorecardPeriod(
  request: PeriodRequest | null | undefined,
  calendar: WorkspaceCalendar,
  now: Date,
  path: (string | number)[] = ["period"],
): Period {
  const today = localDateInTimeZone(now, calendar.timeZone);
  const { timeZone, fiscalYearStartMonth } = calendar;
  const result = !request
    ? resolvePeriod({ type: "month", anchor: today, timeZone, fiscalYearStartMonth })
    : request.type === "custom"
      ? request.from && request.to
        ? resolvePeriod({ type: "custom", from: request.from, to: request.to, timeZone, fiscalYearStartMonth })
        : null
      : resolvePeriod({ type: request.type, anchor: request.anchor ?? today, timeZone, fiscalYearStartMonth });
  if (result === null) throw AppError.badInput([...path, request?.from ? "to" : "from"], "CUSTOM_PERIOD_NEEDS_RANGE");
  if (!result.ok) throw AppError.badInput([...path, result.error.field], periodErrorReason(result.error.code));
  return result.period;
}
