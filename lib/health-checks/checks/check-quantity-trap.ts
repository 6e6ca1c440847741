import { createFinding } from "@/lib/health-checks/create-finding";
import { channelScopeLabel, formatNumber, formatPercent } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";
import type { KpiOwner } from "@/lib/scorecards/types";

const LEAD_COUNTS = new Set(["leads", "qualified_leads"]);
const CONVERSION = "lead_to_deal_conversion";

/**
 * QUANTITY_TRAP — SPEC §5: "lead count up while lead→deal conversion falls". Checked
 * for the workspace's leads and for every lead-count KPI in its channel scope. Deals
 * often carry no channel in the CRM, so a scope without its own conversion falls back
 * to the all-channel conversion. Strict comparison: any rise of volume together with
 * any fall of quality is worth a look; the message gives both numbers to judge.
 */
export function checkQuantityTrap({ kpis, values, previousValues }: HealthCheckInput): HealthCheckFinding[] {
  if (!previousValues) return [];
  const leadKpis = kpis.filter((k) => LEAD_COUNTS.has(k.metricKey));
  const conversionKpis = kpis.filter((k) => k.metricKey === CONVERSION).map((k) => k.key);

  const subjects = new Map<
    string,
    { metricKey: string; scope: string | null; kpiKeys: string[]; owners: Set<KpiOwner> }
  >();
  subjects.set("leads", { metricKey: "leads", scope: null, kpiKeys: [], owners: new Set() });
  for (const kpi of leadKpis) {
    const key = scopedMetricKey(kpi.metricKey, kpi.channelScope);
    const subject = subjects.get(key) ?? {
      metricKey: kpi.metricKey,
      scope: kpi.channelScope ?? null,
      kpiKeys: [],
      owners: new Set(),
    };
    subject.kpiKeys.push(kpi.key);
    subject.owners.add(kpi.ownerRole);
    subjects.set(key, subject);
  }

  const findings: HealthCheckFinding[] = [];
  for (const [key, subject] of subjects) {
    const now = values[key];
    const before = previousValues[key];
    const conversionKey = scopedMetricKey(CONVERSION, subject.scope);
    const usesScopedConversion = values[conversionKey] != null && previousValues[conversionKey] != null;
    const conversionNow = usesScopedConversion ? values[conversionKey] : values[CONVERSION];
    const conversionBefore = usesScopedConversion ? previousValues[conversionKey] : previousValues[CONVERSION];
    if (now == null || before == null || conversionNow == null || conversionBefore == null) continue;
    if (!now.gt(before) || !conversionNow.lt(conversionBefore)) continue;

    const owner: KpiOwner = subject.owners.size === 1 ? [...subject.owners][0] : "COMPANY";
    const what = {
      en: subject.metricKey === "leads" ? "Leads" : "Qualified leads",
      ru: subject.metricKey === "leads" ? "Лиды" : "Квалифицированные лиды",
    };
    const scope = subject.scope ? channelScopeLabel(subject.scope) : null;
    findings.push(
      createFinding("QUANTITY_TRAP", {
        owner,
        kpiKeys: [...subject.kpiKeys, ...conversionKpis],
        message: {
          en: `${what.en}${scope ? ` (${scope.en})` : ""} rose from ${formatNumber(before, "en")} to ${formatNumber(now, "en")} while lead→deal conversion fell from ${formatPercent(conversionBefore, "en")} to ${formatPercent(conversionNow, "en")}.`,
          ru: `${what.ru}${scope ? ` (${scope.ru})` : ""} выросли с ${formatNumber(before, "ru")} до ${formatNumber(now, "ru")}, а конверсия из лида в сделку упала с ${formatPercent(conversionBefore, "ru")} до ${formatPercent(conversionNow, "ru")}.`,
        },
      }),
    );
  }
  return findings;
}
