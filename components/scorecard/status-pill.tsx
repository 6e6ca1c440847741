import { useTranslations } from "next-intl";
import { StatusPill } from "../ui/badge";
import { type KpiStatus, statusTone } from "./format";

/**
 * A KPI's status as colour and words. "No data" splits in two for the reader: no actual at
 * all, or an actual without a target to judge it against ("no target set").
 */
export function KpiStatusPill({ status, hasActual, hasTarget }: { status: KpiStatus | null; hasActual: boolean; hasTarget: boolean }) {
  const t = useTranslations("scorecard.status");
  const label = !status ? t("NO_DATA") : status === "NO_DATA" && hasActual && !hasTarget ? t("NO_TARGET") : t(status);
  return <StatusPill tone={statusTone(status)} label={label} />;
}
