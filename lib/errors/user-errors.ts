import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { REASON_TEXTS, type ReasonCode, type ReasonParams, reasonText } from "@/lib/i18n/reasons";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

/**
 * Why a request's input was refused, as a stable machine code with the values its text names
 * (SPEC §10: validation errors in the reader's language; the API keeps the code beside the
 * message). The texts live in `messages/{en,ru}.json` under `apiErrors.<CODE>`; the GraphQL
 * layer renders them in the request's locale (graphql/errors.ts `localizeFormattedError`).
 *
 * This object is the registry of every code: the value lists the placeholders its text uses.
 * `lib/errors/user-errors.test.ts` fails when a code has no ru or en text or the placeholders
 * differ. Import reasons (lib/i18n/reasons.ts) travel the same way under their own codes.
 *
 * In zod schemas, pass the code as the message (`.min(1, "NAME_REQUIRED")` through
 * {@link ue}); the issue's own `minimum` / `maximum` become the `min` / `max` params.
 */
export const USER_ERRORS = {
  REQUIRED: [],
  TOO_SHORT: ["min"],
  TOO_LONG: ["max"],
  TOO_SMALL: ["min"],
  TOO_LARGE: ["max"],
  TOO_FEW: ["min"],
  TOO_MANY: ["max"],
  INVALID_FORMAT: [],
  INVALID_CHOICE: [],
  INVALID_VALUE: [],
  DECIMAL_REQUIRED: [],
  NUL_CHARACTER: [],
  PAGE_TOO_LARGE: ["max"],
  NOT_AN_ID: ["kind"],
  ALREADY_AGENCY_MEMBER: [],
  UNKNOWN_AGENCY: [],
  OWN_AGENCY: [],
  NO_PERSON_WITH_EMAIL: [],
  AGENCY_OWNER_ROLE: [],
  KEY_ALREADY_REVOKED: [],
  NO_AGENCY_GRANT: [],
  INVITE_NO_LONGER_VALID: [],
  INVITE_FOR_OTHER_EMAIL: ["email"],
  ALREADY_IN_AGENCY: [],
  LAST_AGENCY_ADMIN: [],
  CLIENT_SLUG_FORMAT: [],
  AGENCY_NAME_REQUIRED: [],
  AGENCY_NAME_TOO_LONG: ["max"],
  COLOR_FORMAT: [],
  RATE_NOT_POSITIVE_NUMBER: ["value"],
  RATE_WITHOUT_CURRENCY_CHANGE: [],
  CURRENCY_CHANGE_NEEDS_RATE: ["from", "to"],
  SLUG_TAKEN: [],
  ADDRESS_TAKEN: [],
  WORKSPACE_NAME_REQUIRED: [],
  WORKSPACE_NAME_TOO_LONG: ["max"],
  UNKNOWN_CURRENCY_CODE: [],
  UNKNOWN_TIME_ZONE: [],
  LOCALE_CHOICE: [],
  FISCAL_MONTH_RANGE: [],
  SLUG_FORMAT: [],
  SLUG_LOOKS_LIKE_ID: [],
  FIELD_TOO_LARGE_KB: ["max"],
  CHANNEL_NAME_REQUIRED: [],
  UNKNOWN_CHANNEL_GROUP: ["group", "groups"],
  PERIOD_TYPE_MISMATCH: ["expected", "got", "kpi"],
  NO_PROPOSALS: [],
  LOGO_EMPTY: [],
  LOGO_TOO_LARGE: ["max"],
  LOGO_SVG: [],
  LOGO_NOT_AN_IMAGE: [],
  LOGO_NOT_BASE64: [],
  BRAND_NAME_REQUIRED: [],
  COLOR_NOT_HEX: [],
  LOW_CONTRAST: ["min", "ratio"],
  LOGO_CONTENT_TYPE: [],
  RESET_TOKEN_INVALID: [],
  REVOKED_KEY_ROTATION: [],
  CURRENT_PASSWORD_WRONG: [],
  NEW_PASSWORD_SAME: [],
  EMAIL_TAKEN: [],
  EMAIL_TAKEN_ACCEPT_INVITE: [],
  INVITE_FOR_EMAIL: ["email"],
  ALREADY_IN_WORKSPACE: [],
  INVITE_INVALID: [],
  INVITE_ACCEPTED: [],
  INVITE_REVOKED: [],
  INVITE_EXPIRED: [],
  ALREADY_WORKSPACE_MEMBER: [],
  INVITE_ALREADY_USED: [],
  LAST_OWNER_CANNOT_LEAVE: [],
  LAST_OWNER: [],
  TOO_MANY_KEYS: ["max"],
  UNKNOWN_METRIC: ["key"],
  USED_BY_FORMULAS: ["key", "metrics"],
  USED_BY_KPIS: ["key", "kpis"],
  MEASURE_HAS_DATA: ["key"],
  FORMULA_BREAKS_METRICS: ["metrics"],
  NOT_A_CALENDAR_DATE: ["value"],
  RANGE_REVERSED: ["from", "to"],
  RANGE_TOO_LONG: ["years"],
  ONLY_COMMITTED_ROLLBACK: ["status"],
  IMPORT_COMMITTED_ROLL_BACK: [],
  IMPORT_IN_STATUS: ["status"],
  IMPORT_NOT_EDITABLE: ["status"],
  BATCH_ALREADY_ROLLED_BACK: [],
  UPLOAD_CONTENT_TYPE: [],
  CUSTOM_PERIOD_NEEDS_RANGE: [],
  PERIOD_INVALID_TYPE: [],
  PERIOD_INVALID_TIME_ZONE: [],
  PERIOD_INVALID_FISCAL_YEAR_START: [],
  PERIOD_INVALID_DATE: [],
  PERIOD_RANGE_REVERSED: [],
  PERIOD_RANGE_TOO_LONG: [],
  TOO_MANY_ROWS: ["count", "max"],
  IDEMPOTENCY_KEY_LENGTH: ["max"],
  IDEMPOTENCY_KEY_REUSED: [],
  WEBHOOK_OFF: [],
  TOO_MANY_WEBHOOKS: ["max"],
  URL_NOT_ABSOLUTE: [],
  URL_NOT_HTTPS: [],
  URL_HAS_CREDENTIALS: [],
  HOST_DOES_NOT_RESOLVE: ["host"],
  HOST_PRIVATE: ["address"],
  NOT_A_MEMBER: [],
  EXPIRY_IN_PAST: [],
  CHOOSE_ROLE: [],
  NO_SUCH_KPI: [],
  ROLE_HAS_NO_SCORECARD: ["role"],
  NOTIFICATION_IDS_COUNT: ["max"],
  NOTIFICATION_IDS_ONE_WORKSPACE: [],
  CURRENT_PERIOD_TYPE: [],
  LOGO_BASE64_TOO_LARGE: ["max"],
  KEY_EMPTY: [],
  KEY_TOO_LONG: ["max"],
  KEY_NOT_SNAKE_CASE: ["key"],
  KEY_RESERVED: ["key"],
  KEY_TAKEN: ["key"],
  METRIC_NAME_REQUIRED: [],
  PASSWORD_TOO_SHORT: ["min"],
  PASSWORD_TOO_LONG: ["max"],
  PASSWORD_COMMON: [],
  PASSWORD_IS_EMAIL: [],
  PASSWORD_WEAK: [],
  FILE_TOO_LARGE: ["max"],
  IMPORT_HAS_PROBLEMS: ["count"],
  PLANNER_REQUIRED: [],
  PLANNER_NOT_A_NUMBER: [],
  PLANNER_NOT_POSITIVE: [],
  PLANNER_ABOVE_ONE: [],
  SETTING_UNKNOWN: [],
  LIFETIME_RANGE: ["max", "min"],
  GROSS_MARGIN_RANGE: [],
  POSITIVE_REQUIRED: [],
  NOT_NEGATIVE: [],
  REPEAT_PURCHASE_REQUIRED: [],
  FIXED_LTV_REQUIRED: [],
  KPI_KEY_INVALID: [],
  KPI_WEIGHT_NOT_POSITIVE: [],
  KPI_THRESHOLD_NOT_POSITIVE: [],
  KPI_THRESHOLDS_OUT_OF_ORDER: [],
  KPI_RANGE_MISSING: [],
  KPI_RANGE_NEGATIVE: [],
  KPI_RANGE_OUT_OF_ORDER: [],
  KPI_TARGET_WRONG_SIGN: [],
  KPI_TARGET_ZERO: [],
  KPI_DUPLICATE_KEY: [],
  KPI_UNKNOWN_PARENT: [],
  KPI_TREE_CYCLE: ["cycle"],
  UNKNOWN_METRIC_KEY: ["key"],
  DIAGNOSTIC_TWICE: [],
  BAD_CHANNEL_SCOPE: [],
  TARGET_SHARE_ABOVE_ONE: ["value"],
  TARGET_COUNT_WHOLE: ["value"],
  NO_KPI_KEY: ["key"],
  PROPOSED_TWICE: ["key"],
  PLAN_PERIOD_MISMATCH: ["expected", "got", "kpi"],
  FORMULA_EMPTY_FORMULA: [],
  FORMULA_FORMULA_TOO_LONG: ["max"],
  FORMULA_TOO_DEEP: ["max"],
  FORMULA_UNEXPECTED_CHARACTER: ["text"],
  FORMULA_INVALID_NUMBER: ["text"],
  FORMULA_UNEXPECTED_TOKEN: [],
  FORMULA_UNEXPECTED_END: [],
  FORMULA_UNCLOSED_PARENTHESIS: [],
  FORMULA_UNKNOWN_FUNCTION: ["name"],
  FORMULA_WRONG_ARGUMENT_COUNT: ["name"],
  FORMULA_FUNCTION_WITHOUT_CALL: ["name"],
  FORMULA_UNKNOWN_REFERENCE: ["name"],
  FORMULA_NESTED_PREV: [],
  FORMULA_UNIT_MISMATCH: [],
  FORMULA_DIVISION_BY_ZERO: [],
  FORMULA_CYCLE: ["cycle"],
  FORMULA_INVALID_DEPENDENCY: ["metric"],
  FORMULA_RESERVED_KEY: ["key"],
  FORMULA_DUPLICATE_KEY: ["key"],
  NAME_REQUIRED: [],
  NOT_A_KPI_ID: [],
  SCOPE_REQUIRED: [],
  RATE_LIMIT_RANGE: [],
  EVENT_REQUIRED: [],
  WEEKDAY_RANGE: [],
  DAY_OF_MONTH_RANGE: [],
  HOUR_RANGE: [],
  NOT_AN_EMAIL: [],
  DATE_FORMAT: [],
  TITLE_REQUIRED: [],
  WHOLE_NUMBER: [],
  DIGEST_HOUR_RANGE: [],
  EMAIL_TOO_LONG: ["max"],
  EMAIL_INVALID: [],
  PERSON_NAME_TOO_LONG: ["max"],
  PERSON_NAME_REQUIRED: [],
  PASSWORD_FIELD_TOO_LONG: [],
  MEASURE_KIND_HAS_DATA: [],
  MEASURE_KIND_USED_BY_KPIS: ["kpis"],
  MEASURE_KIND_USED_BY_FORMULAS: ["metrics"],
  ARCHIVE_MEASURE_USED_BY_KPIS: ["kpis", "measure"],
} as const satisfies Record<string, readonly string[]>;

export type UserErrorCode = keyof typeof USER_ERRORS;
/** Any code a field error may carry: a user error or an import reason. */
export type AnyReasonCode = UserErrorCode | ReasonCode;

/** A refused input as producers report it. */
export interface UserReason {
  code: AnyReasonCode;
  params?: ReasonParams;
}

/** Types a zod message as a registered code (the message *is* the code; see above). */
export function ue(code: UserErrorCode): UserErrorCode {
  return code;
}

export function isUserErrorCode(value: unknown): value is UserErrorCode {
  return typeof value === "string" && Object.hasOwn(USER_ERRORS, value);
}

function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === "string" && Object.hasOwn(REASON_TEXTS, value);
}

export function isKnownReason(value: unknown): value is AnyReasonCode {
  return isUserErrorCode(value) || isReasonCode(value);
}

const MESSAGES = { en, ru } as const;
const translators = new Map<Locale, (key: string, values: Record<string, string | number | Date>) => string>();

function translator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    const created = createTranslator({ locale, messages: MESSAGES[locale], namespace: "apiErrors" });
    t = created as unknown as (key: string, values: Record<string, string | number | Date>) => string;
    translators.set(locale, t);
  }
  return t;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 10 })));
  return format;
}

/**
 * The reason's text in `locale`: numbers formatted for it (1 000 in ru), names given as
 * `{ en, ru }` in the reader's language.
 */
export function renderReason(reason: UserReason, locale: Locale): string {
  if (isReasonCode(reason.code)) return reasonText({ code: reason.code, params: reason.params }, locale);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) {
    values[name] =
      typeof value === "object" && value !== null
        ? value[locale]
        : typeof value === "number"
          ? numberFormat(locale).format(value)
          : value;
  }
  // A value the text names but the producer did not give (a schema bound it has no issue for)
  // reads as an ellipsis rather than breaking the whole sentence.
  for (const name of USER_ERRORS[reason.code]) values[name] ??= "…";
  return translator(locale)(reason.code, values);
}

/** Builds a {@link UserReason}. */
export function userReason(code: AnyReasonCode, params?: ReasonParams): UserReason {
  return params ? { code, params } : { code };
}
