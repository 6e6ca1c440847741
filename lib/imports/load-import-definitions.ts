import "server-only";
import type { ChannelGroupOverrides } from "@/lib/channel-groups/channel-groups";
import { type CustomMeasureRecord, loadMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { getBaseMeasure } from "@/lib/metrics/measures";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** What reading an import file needs of its workspace besides the file. */
export interface ImportDefinitions {
  customMeasures: CustomMeasureRecord[];
  channelGroups: ChannelGroupOverrides;
  /** The workspace's reporting currency (ISO 4217): the file's money is checked and converted into it. */
  reportingCurrency: string;
}

/** The workspace's custom measures, channel groups and reporting currency, inside the caller's tenant transaction. */
export async function loadImportDefinitions(tx: Tx, workspaceId: string): Promise<ImportDefinitions> {
  const { customMeasures, channelGroups } = await loadMetricDefinitions(tx, workspaceId);
  const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { currency: true } });
  // An archived measure is no import target: a column or a long-layout name naming it is unknown.
  return {
    customMeasures: customMeasures.filter((m) => !m.archived),
    channelGroups,
    reportingCurrency: workspace?.currency ?? "RUB",
  };
}

/** Whether a measure key is money (catalog or custom), for currency checks. */
export function moneyMeasureTest(customMeasures: readonly { key: string; unit: string }[]): (key: string) => boolean {
  const custom = new Map(customMeasures.map((m) => [m.key, m.unit]));
  return (key) => (getBaseMeasure(key)?.unit ?? custom.get(key)) === "money";
}
