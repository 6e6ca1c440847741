/**
 * Calendar dates "YYYY-MM-DD". The arithmetic lives in lib/periods/local-date.ts (issue 11: one
 * home for calendar rules); this module only re-exports it for the callers that still import
 * it from here (ingestion, CSV, demo) — new code imports lib/periods directly.
 */
export {
  addDays,
  addMonths,
  addYears,
  daysInclusive,
  endOfMonth,
  isLocalDate as isCalendarDate,
  startOfIsoWeek,
  startOfMonth,
  utcToday,
} from "@/lib/periods/local-date";
export { daysInMonth as lastDayOfMonth } from "@/lib/periods/local-date";
