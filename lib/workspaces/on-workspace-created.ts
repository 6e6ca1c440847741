import "server-only";
import { seedDefaultKpis } from "@/lib/kpis/seed-default-kpis";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface WorkspaceCreatedInfo {
  ownerUserId: string;
  locale: "ru" | "en";
}

/**
 * Runs inside the transaction that creates a workspace (tenant already set to it), so a
 * failing hook rolls the whole creation back.
 */
export type WorkspaceCreatedHook = (tx: Tx, workspaceId: string, info: WorkspaceCreatedInfo) => Promise<void>;

/**
 * What every new workspace gets. The KPI module adds its default KPI tree and role
 * scorecards here (SPEC §2.1: a workspace is useful before any data arrives). Listed
 * explicitly, not registered by import side effects, so the order is visible.
 */
export const onWorkspaceCreated: WorkspaceCreatedHook[] = [
  async (tx, workspaceId) => void (await seedDefaultKpis(tx, workspaceId)),
];

export async function runWorkspaceCreatedHooks(tx: Tx, workspaceId: string, info: WorkspaceCreatedInfo): Promise<void> {
  for (const hook of onWorkspaceCreated) await hook(tx, workspaceId, info);
}
