import { useTranslations } from "next-intl";
import { StatusPill } from "../ui/badge";
import { type KpiStatus, statusTone } from "./format";

/**
 * A KPI's status as colour and words: NO_DATA (no actual at all) and NO_TARGET (an actual
 * without a target to judge it against) are separate statuses of the API (SPEC §5).
 */
export function KpiStatusPill({ status }: { status: KpiStatus | null; hasActual?: boolean; hasTarget?: boolean }) {
  const t = useTranslations("scorecard.status");
  const label = t(status ?? "NO_DATA");
  return <StatusPill tone={statusTone(status)} label={label} />;
}
