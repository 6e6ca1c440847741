/**
 * The alert rules of SPEC §8a — their single home. Codes are stable (the API and webhooks
 * return them); what a person reads comes from messages/*.json (`alerts` namespace).
 */
export const ALERT_RULES = [
  "KPI_AT_RISK",
  "KPI_OFF_TRACK",
  "KPI_BACK_ON_TRACK",
  "FORECAST_MISS",
  "LTV_CAC_BELOW_3",
  "CHANNEL_SILENT",
  "IMPORT_FAILED",
  "WEBHOOK_DISABLED",
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export type AlertSeverity = "info" | "warning" | "critical";

export const ALERT_SEVERITY: Readonly<Record<AlertRule, AlertSeverity>> = {
  KPI_AT_RISK: "warning",
  KPI_OFF_TRACK: "critical",
  KPI_BACK_ON_TRACK: "info",
  FORECAST_MISS: "warning",
  LTV_CAC_BELOW_3: "critical",
  CHANNEL_SILENT: "warning",
  IMPORT_FAILED: "warning",
  WEBHOOK_DISABLED: "warning",
};

/**
 * "A channel that stopped sending data": a channel with facts on at least
 * CHANNEL_REGULAR_MIN_DAYS of the CHANNEL_REGULAR_WINDOW days up to its last day of data, and
 * none for more than CHANNEL_SILENT_AFTER_DAYS days since.
 */
export const CHANNEL_SILENT_AFTER_DAYS = 3;
export const CHANNEL_REGULAR_WINDOW = 14;
export const CHANNEL_REGULAR_MIN_DAYS = 10;

/** Failed imports younger than this are reported (older ones were before alerts existed). */
export const IMPORT_FAILED_LOOKBACK_DAYS = 7;

/** Consecutive failed deliveries after which a webhook is turned off. */
export const WEBHOOK_DISABLE_AFTER_FAILURES = 3;
