import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { TabLinks } from "@/components/ui/tabs";
import type { Permission } from "@/lib/permissions/registry";
import { can, requireWorkspace } from "../../../_lib/load";

const TABS: { path: string; key: string; permission: Permission }[] = [
  { path: "", key: "general", permission: "workspace.update" },
  { path: "/members", key: "members", permission: "member.read" },
  { path: "/metrics", key: "metrics", permission: "metricDefinition.manage" },
  { path: "/channels", key: "channels", permission: "metricDefinition.manage" },
  { path: "/measures", key: "measures", permission: "metricDefinition.manage" },
  { path: "/api-keys", key: "apiKeys", permission: "apiKey.manage" },
  { path: "/agencies", key: "agencies", permission: "agencyAccess.manage" },
  { path: "/webhooks", key: "webhooks", permission: "webhook.manage" },
  { path: "/audit", key: "audit", permission: "audit.read" },
];

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  const { workspaceSlug } = await params;
  const workspace = await requireWorkspace(workspaceSlug);
  const t = await getTranslations("settings");
  const tabs = TABS.filter((tab) => can(workspace, tab.permission));
  if (tabs.length === 0) notFound();
  const base = `/w/${workspace.slug}/settings`;
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <TabLinks
        label={t("sections")}
        items={tabs.map((tab) => ({ href: `${base}${tab.path}`, label: t(`tabs.${tab.key}`), exact: tab.path === "" }))}
      />
      {children}
    </>
  );
}
