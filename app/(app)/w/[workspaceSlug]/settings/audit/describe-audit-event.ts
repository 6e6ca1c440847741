import { formatPeriod } from "@/components/scorecard/period";
import { type MetricInfo, channelLabel, formatValue, metricName } from "@/components/scorecard/format";
import { formatDateTime, numberFormat } from "@/lib/i18n/format";
import { timeZoneLabel } from "@/lib/i18n/time-zones";

export interface AuditEventView {
  action: string;
  actorName: string | null;
  actorKind: string | null;
  targetId: string | null;
  data: unknown;
}

/** What a sentence may need: translations, names from the catalog, the workspace's formats. */
export interface DescribeContext {
  t: (key: string, values?: Record<string, string | number>) => string;
  has: (key: string) => boolean;
  role: (role: string) => string;
  catalog: ReadonlyMap<string, MetricInfo>;
  locale: string;
  currency: string;
  timeZone: string;
}

type Data = Record<string, unknown>;

/** The event's details: the API returns them as JSON text (or an object); anything else is empty. */
function dataOf(raw: unknown): Data {
  if (raw && typeof raw === "object") return raw as Data;
  if (typeof raw !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" ? (parsed as Data) : {};
  } catch {
    return {};
  }
}
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** The settings a workspace.updated / metricSettings.updated entry names, as words. */
function fieldList(fields: readonly string[], ctx: DescribeContext): string {
  return fields.map((f) => (ctx.has(`fields.${f}`) ? ctx.t(`fields.${f}`) : ctx.t("fields.other"))).join(", ");
}

function kpiName(data: Data, ctx: DescribeContext): string {
  const metricKey = str(data.metricKey);
  if (!metricKey) return ctx.t("aKpi");
  const name = metricName(ctx.catalog.get(metricKey), metricKey, ctx.locale);
  return data.channelScope ? `${name} (${channelLabel(str(data.channelScope), ctx.locale)})` : name;
}

/** The KPI an entry names by its key only ("cmo.pipeline_value"): its metric's name. */
function kpiNameOfKey(data: Data, ctx: DescribeContext): string {
  const metricKey = str(data.kpiKey).split(".").slice(1).join(".");
  return metricKey ? kpiName({ metricKey }, ctx) : ctx.t("aKpi");
}

/** A stored date range ("2026-11-01" … "2026-11-30") as people say it. */
function dateRange(from: unknown, to: unknown, ctx: DescribeContext): string {
  if (!str(from) || !str(to)) return "—";
  const isMonth = str(from).endsWith("-01") && str(to).slice(0, 7) === str(from).slice(0, 7);
  return formatPeriod({ type: isMonth ? "MONTH" : "CUSTOM", from: str(from), to: str(to), label: "" }, ctx.locale);
}

function targetValue(value: unknown, data: Data, ctx: DescribeContext): string {
  if (value === null || value === undefined) return ctx.t("noTarget");
  const metricKey = str(data.metricKey);
  return formatValue(str(value), ctx.catalog.get(metricKey)?.unit, metricKey, {
    locale: ctx.locale,
    currency: ctx.currency,
  });
}

/**
 * An audit entry as one sentence a person reads (SPEC §10): "Ольга changed the ROMI target
 * for November from 10 % to 12 %". Names come from the catalog and the role list, never keys;
 * an action this page does not know yet still reads as a sentence ("made a change").
 */
export function describeAuditEvent(event: AuditEventView, ctx: DescribeContext): string {
  const data = dataOf(event.data);
  const actor = event.actorName ?? (event.actorKind === "API_KEY" ? ctx.t("anApiKey") : ctx.t("theSystem"));
  const role = (v: unknown) => (str(v) ? ctx.role(str(v)) : "—");
  const who = (v: unknown) => str(v) || ctx.t("someone");
  const metric = (key: unknown) => metricName(ctx.catalog.get(str(key)), str(key), ctx.locale);
  const values: Record<string, string | number> = { actor };
  switch (event.action) {
    case "workspace.created":
      return ctx.t("workspaceCreated", { ...values, name: str(data.name) });
    case "workspace.updated":
      return ctx.t("workspaceUpdated", {
        ...values,
        fields: fieldList(Object.keys((data.changes as Data) ?? {}), ctx),
      });
    case "member.joined":
      return ctx.t("memberJoined", { ...values, role: role(data.role) });
    case "member.roleChanged":
      return ctx.t("memberRoleChanged", {
        ...values,
        email: who(data.email),
        from: role(data.from),
        to: role(data.to),
      });
    case "member.removed":
      return ctx.t("memberRemoved", { ...values, email: who(data.email), role: role(data.role) });
    case "member.left":
      return ctx.t("memberLeft", { ...values, email: who(data.email) });
    case "invite.created":
      return ctx.t("inviteCreated", {
        ...values,
        email: who(data.email),
        role: role(data.role),
        expires: data.expiresAt ? formatDateTime(str(data.expiresAt), ctx.locale, ctx.timeZone) : "—",
      });
    case "invite.revoked":
      return ctx.t("inviteRevoked", { ...values, email: who(data.email) });
    case "invite.accepted":
      return ctx.t("inviteAccepted", { ...values, email: who(data.email), role: role(data.role) });
    case "apiKey.created":
      return ctx.t("apiKeyCreated", { ...values, name: str(data.name) });
    case "apiKey.revoked":
      return ctx.t("apiKeyRevoked", { ...values, name: str(data.name) });
    case "kpi.created":
      return ctx.t("kpiCreated", { ...values, kpi: kpiName(data, ctx), owner: role(data.ownerRole) });
    case "kpi.updated":
      return ctx.t("kpiUpdated", {
        ...values,
        kpi: kpiName(data, ctx),
        fields: fieldList((data.fields as string[]) ?? [], ctx),
      });
    case "kpi.deleted":
      return ctx.t("kpiDeleted", { ...values, kpi: kpiName(data, ctx), owner: role(data.ownerRole) });
    case "kpi.templateReset":
      return ctx.t("kpiTemplateReset", { ...values, owner: role(data.owner) });
    case "metric.created":
    case "metric.updated":
    case "metric.deleted":
    case "measure.created":
    case "measure.deleted":
      return ctx.t(
        event.action === "metric.created"
          ? "metricCreated"
          : event.action === "metric.updated"
            ? "metricUpdated"
            : event.action === "metric.deleted"
              ? "metricDeleted"
              : event.action === "measure.created"
                ? "measureCreated"
                : "measureDeleted",
        {
          ...values,
          name: metric(data.key),
        },
      );
    case "measure.updated":
    case "measure.archived":
    case "measure.unarchived": {
      const named = ctx.locale === "ru" ? data.nameRu : data.nameEn;
      const name = typeof named === "string" && named ? named : metric(data.key);
      return ctx.t(
        event.action === "measure.updated"
          ? "measureUpdated"
          : event.action === "measure.archived"
            ? "measureArchived"
            : "measureUnarchived",
        { ...values, name },
      );
    }
    case "metricSettings.updated":
      return ctx.t("metricSettingsUpdated", { ...values, fields: fieldList((data.fields as string[]) ?? [], ctx) });
    case "target.set": {
      const period = data.period as { type: string; from: string; to: string } | undefined;
      const periodText = period
        ? formatPeriod({ type: period.type.toUpperCase(), from: period.from, to: period.to, label: "" }, ctx.locale)
        : "—";
      const params = {
        ...values,
        kpi: kpiName(data, ctx),
        period: periodText,
        from: targetValue(data.from, data, ctx),
        to: targetValue(data.to, data, ctx),
      };
      if (data.to === null) return ctx.t("targetRemoved", params);
      if (data.from === null || data.from === undefined) return ctx.t("targetSet", params);
      return ctx.t("targetChanged", params);
    }
    case "target.returnedToDerived":
      return ctx.t("targetReturnedToDerived", {
        ...values,
        kpi: kpiNameOfKey(data, ctx),
        period: dateRange(data.periodFrom, data.periodTo, ctx),
      });
    case "target.planApplied":
      return ctx.t("targetPlanApplied", {
        ...values,
        period: dateRange(data.periodFrom, data.periodTo, ctx),
        count: Array.isArray(data.targets) ? data.targets.length : 0,
      });
    case "channelGroup.updated":
      return data.to
        ? ctx.t("channelGroupUpdated", {
            ...values,
            channel: str(data.channel),
            group: channelLabel(str(data.to), ctx.locale),
          })
        : ctx.t("channelGroupReset", { ...values, channel: str(data.channel) });
    case "import.committed":
      return ctx.t("importCommitted", {
        ...values,
        file: str(data.fileName),
        inserted: Number(data.inserted ?? 0),
        updated: Number(data.updated ?? 0),
      });
    case "import.rolledBack":
      return data.source === "demo"
        ? ctx.t("demoRolledBack", values)
        : ctx.t("importRolledBack", { ...values, file: str(data.fileName) });
    case "demo.loaded":
      return ctx.t("demoLoaded", values);
    case "workspace.currencyChanged":
      return ctx.t("currencyChanged", {
        ...values,
        from: str(data.from),
        to: str(data.to),
        rate: numberFormat(ctx.locale, { maximumFractionDigits: 10 }).format(Number(str(data.rate))),
      });
    case "agencyAccess.granted":
      return ctx.t("agencyGranted", { ...values, agency: who(data.agencyName), role: role(data.role) });
    case "agencyAccess.roleChanged":
      return ctx.t("agencyRoleChanged", {
        ...values,
        agency: who(data.agencyName),
        from: role(data.previousRole),
        to: role(data.role),
      });
    case "agencyAccess.revoked":
      return ctx.t("agencyRevoked", { ...values, agency: who(data.agencyName) });
    case "agencyClient.created":
      return ctx.t("agencyClientCreated", values);
    case "webhook.created":
      return ctx.t("webhookCreated", { ...values, url: str(data.url) });
    case "webhook.updated":
      return ctx.t("webhookUpdated", { ...values, url: str(data.url) });
    case "webhook.deleted":
      return ctx.t("webhookDeleted", { ...values, url: str(data.url) });
    case "metricBatch.ingested":
      return ctx.t("batchIngested", {
        ...values,
        rows: Number(data.rows ?? 0),
        inserted: Number(data.inserted ?? 0),
        updated: Number(data.updated ?? 0),
      });
    case "metricBatch.rolledBack":
      return ctx.t("batchRolledBack", { ...values, rows: Number(data.rows ?? 0) });
    case "apiKey.updated":
      return ctx.t("apiKeyUpdated", { ...values, name: str(data.name) });
    case "apiKey.rotated":
      return ctx.t("apiKeyRotated", { ...values, name: str(data.name) });
    case "report.created":
    case "report.updated":
    case "report.published":
    case "report.unpublished":
    case "report.deleted":
    case "shareLink.created":
    case "shareLink.revoked":
    case "reportSchedule.created":
    case "reportSchedule.deleted": {
      const [kind, verb] = event.action.split(".");
      const key = `${kind}${verb[0].toUpperCase()}${verb.slice(1)}`;
      const cadence = ctx.has(`cadence${str(data.cadence)}`) ? ctx.t(`cadence${str(data.cadence)}`) : "";
      return ctx.t(key, {
        ...values,
        title: str(data.title) || ctx.t("aReport"),
        version: Number(data.version ?? 0),
        cadence,
      });
    }
    default:
      return ctx.t("otherChange", values);
  }
}

/** The details of an entry on demand: each changed setting with its old and new value. */
export function auditEventDetails(event: AuditEventView, ctx: DescribeContext): string[] {
  const data = dataOf(event.data);
  if (event.action !== "workspace.updated") return [];
  const changes = (data.changes as Record<string, { from: unknown; to: unknown }>) ?? {};
  return Object.entries(changes).map(([field, change]) =>
    ctx.t("changeLine", {
      field: fieldList([field], ctx),
      from: settingValue(field, change.from, ctx),
      to: settingValue(field, change.to, ctx),
    }),
  );
}

function settingValue(field: string, value: unknown, ctx: DescribeContext): string {
  if (field === "locale") return str(value) === "ru" ? "Русский" : "English";
  if (field === "fiscalYearStartMonth" && typeof value === "number") {
    return new Intl.DateTimeFormat(ctx.locale, { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2024, value - 1, 1)),
    );
  }
  if (field === "timeZone") return timeZoneLabel(str(value), ctx.locale);
  return str(value);
}
