import { createFinding } from "@/lib/health-checks/create-finding";
import { formatNumber } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { LTV_TO_CAC_MINIMUM } from "@/lib/scorecards/method-constants";
import type Decimal from "decimal.js";

const UNIT_ECONOMICS = new Set(["ltv_to_cac", "ltv", "cac"]);

/**
 * LTV_CAC_BELOW_3 — SPEC §1/§5: "LTV must be at least 3 × CAC". Reads the workspace
 * LTV:CAC (all channels); when only LTV and CAC are present it divides them itself.
 * Critical: below 3 every new customer is bought at a price the business can't sustain.
 */
export function checkLtvToCac({ kpis, values }: HealthCheckInput): HealthCheckFinding[] {
  const ratio = ltvToCac(values.ltv_to_cac ?? null, values.ltv ?? null, values.cac ?? null);
  if (ratio === null || ratio.gte(LTV_TO_CAC_MINIMUM)) return [];

  return [
    createFinding("LTV_CAC_BELOW_3", {
      owner: "COMPANY",
      kpiKeys: kpis.filter((k) => UNIT_ECONOMICS.has(k.metricKey) && !k.channelScope).map((k) => k.key),
      message: {
        en: `LTV:CAC is ${formatNumber(ratio, "en")}: a customer brings back less than 3 × what it cost to win.`,
        ru: `LTV:CAC = ${formatNumber(ratio, "ru")}: клиент приносит меньше трёх своих стоимостей привлечения.`,
      },
    }),
  ];
}

function ltvToCac(ratio: Decimal | null, ltv: Decimal | null, cac: Decimal | null): Decimal | null {
  if (ratio !== null) return ratio;
  if (ltv === null || cac === null || !cac.gt(0)) return null;
  return ltv.div(cac);
}
