import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { type FieldError, fieldError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { formatDecimal } from "@/lib/metrics/decimal";
import {
  MAX_CUSTOMER_LIFETIME_RANGE,
  type MetricSettings,
  type MetricSettingsError,
  parseMetricSettings,
} from "@/lib/metrics/metric-settings";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { loadMetricDefinitions } from "./load-metric-definitions";

/** A partial change: absent fields keep their value; null clears an optional parameter. */
export interface UpdateMetricSettingsInput {
  ltvMethod?: string | null;
  orderValue?: string | null;
  ordersPerYear?: string | null;
  years?: string | null;
  fixedLtv?: string | null;
  grossMargin?: string | null;
  romiBasis?: string | null;
  engagementBasis?: string | null;
  /** Months, 1…600; null = no cap (SPEC §4.2 "Time-normalised unit economics"). */
  maxCustomerLifetimeMonths?: string | null;
}

/**
 * Changes the workspace's metric settings (SPEC §4.2: LTV method and parameters, maximum customer lifetime, gross margin,
 * ROMI basis, engagement-rate basis), validated by lib/metrics parseMetricSettings as a whole
 * (e.g. repeat-purchase LTV needs its three parameters). Errors name ["input", field].
 */
export async function updateMetricSettings(
  db: Database,
  { workspaceId, input, actor }: { workspaceId: string; input: UpdateMetricSettingsInput; actor: Actor },
): Promise<MetricSettings> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const { settings: current } = await loadMetricDefinitions(tx, workspaceId);
    const merged: Record<string, unknown> = {
      ltvMethod: current.ltvMethod,
      romiBasis: current.romiBasis,
      engagementBasis: current.engagementBasis,
      grossMargin: formatDecimal(current.grossMargin),
      orderValue: current.orderValue && formatDecimal(current.orderValue),
      ordersPerYear: current.ordersPerYear && formatDecimal(current.ordersPerYear),
      years: current.years && formatDecimal(current.years),
      fixedLtv: current.fixedLtv && formatDecimal(current.fixedLtv),
      maxCustomerLifetimeMonths: current.maxCustomerLifetimeMonths && formatDecimal(current.maxCustomerLifetimeMonths),
    };
    const given = Object.entries(input).filter(([, value]) => value !== undefined);
    for (const [field, value] of given) merged[field] = value;
    if (merged.grossMargin === null) merged.grossMargin = undefined;
    const parsed = parseMetricSettings(merged);
    if (!parsed.ok) throw badInput(parsed.errors.map((e) => settingFieldError(e)));
    const fields = given.map(([field]) => field).sort();
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "metricSettings.updated",
      targetType: "workspace",
      targetId: workspaceId,
      data: { fields },
    });
    const s = parsed.settings;
    const text = (d: MetricSettings["orderValue"]) => (d === null ? null : d.toString());
    await tx.$executeRawUnsafe(
      `INSERT INTO metric_settings AS m (workspace_id, ltv_method, order_value, orders_per_year, years, fixed_ltv, gross_margin, romi_basis, engagement_basis, max_customer_lifetime_months)
       VALUES ($1::uuid, $2, $3::numeric, $4::numeric, $5::numeric, $6::numeric, $7::numeric, $8, $9, $10::numeric)
       ON CONFLICT (workspace_id) DO UPDATE SET ltv_method = excluded.ltv_method, order_value = excluded.order_value,
         orders_per_year = excluded.orders_per_year, years = excluded.years, fixed_ltv = excluded.fixed_ltv,
         gross_margin = excluded.gross_margin, romi_basis = excluded.romi_basis, engagement_basis = excluded.engagement_basis,
         max_customer_lifetime_months = excluded.max_customer_lifetime_months, updated_at = now()`,
      workspaceId,
      s.ltvMethod,
      text(s.orderValue),
      text(s.ordersPerYear),
      text(s.years),
      text(s.fixedLtv),
      s.grossMargin.toString(),
      s.romiBasis,
      s.engagementBasis,
      text(s.maxCustomerLifetimeMonths),
    );
    return s;
  });
}

/** A settings problem as a field error with its reason code (texts in messages/*.json). */
function settingFieldError(e: MetricSettingsError): FieldError {
  const path = ["input", e.field];
  switch (e.code) {
    case "UNKNOWN_FIELD":
      return fieldError(path, "SETTING_UNKNOWN");
    case "INVALID_CHOICE":
      return fieldError(path, "INVALID_CHOICE");
    case "INVALID_NUMBER":
      return fieldError(path, "DECIMAL_REQUIRED");
    case "REQUIRED":
      return fieldError(path, e.field === "fixedLtv" ? "FIXED_LTV_REQUIRED" : "REPEAT_PURCHASE_REQUIRED");
    case "OUT_OF_RANGE":
      if (e.field === "maxCustomerLifetimeMonths")
        return fieldError(path, "LIFETIME_RANGE", { ...MAX_CUSTOMER_LIFETIME_RANGE });
      if (e.field === "grossMargin") return fieldError(path, "GROSS_MARGIN_RANGE");
      return fieldError(path, e.field === "fixedLtv" ? "NOT_NEGATIVE" : "POSITIVE_REQUIRED");
  }
}
