import type { PeriodErrorCode } from "@/lib/periods/period";
import type { UserErrorCode } from "./user-errors";

type Words = { en: string; ru: string };

const PERIOD_WORDS: Record<string, Words> = {
  day: { en: "day", ru: "день" },
  week: { en: "week", ru: "неделя" },
  month: { en: "month", ru: "месяц" },
  quarter: { en: "quarter", ru: "квартал" },
  year: { en: "year", ru: "год" },
  custom: { en: "custom range", ru: "произвольный период" },
};

/** A period type named for a person in both languages (a reason param); unknown types as they are. */
export function periodWord(type: string): Words {
  return PERIOD_WORDS[type.toLowerCase()] ?? { en: type, ru: type };
}

const IMPORT_STATUS_WORDS: Record<string, Words> = {
  UPLOADED: { en: "uploaded", ru: "загружена" },
  VALIDATING: { en: "being checked", ru: "проверяется" },
  VALIDATED: { en: "checked", ru: "проверена" },
  QUEUED: { en: "queued", ru: "в очереди" },
  RUNNING: { en: "running", ru: "выполняется" },
  COMMITTING: { en: "committing", ru: "записывается" },
  COMMITTED: { en: "committed", ru: "завершена" },
  FAILED: { en: "failed", ru: "не удалась" },
  CANCELLED: { en: "cancelled", ru: "отменена" },
  ROLLED_BACK: { en: "rolled back", ru: "откачена" },
};

/** An import's status named for a person in both languages (a reason param). */
export function importStatusWord(status: string): Words {
  return (
    IMPORT_STATUS_WORDS[status] ?? {
      en: status.toLowerCase().replace(/_/g, " "),
      ru: status.toLowerCase().replace(/_/g, " "),
    }
  );
}

const PERIOD_ERROR_REASONS: Record<PeriodErrorCode, UserErrorCode> = {
  INVALID_PERIOD_TYPE: "PERIOD_INVALID_TYPE",
  INVALID_DATE: "PERIOD_INVALID_DATE",
  INVALID_TIME_ZONE: "PERIOD_INVALID_TIME_ZONE",
  INVALID_FISCAL_YEAR_START: "PERIOD_INVALID_FISCAL_YEAR_START",
  FROM_AFTER_TO: "PERIOD_RANGE_REVERSED",
  RANGE_TOO_LONG: "PERIOD_RANGE_TOO_LONG",
};

/** The reason code of a period error (lib/periods). */
export function periodErrorReason(code: PeriodErrorCode): UserErrorCode {
  return PERIOD_ERROR_REASONS[code];
}
