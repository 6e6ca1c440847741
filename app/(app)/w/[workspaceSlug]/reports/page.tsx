import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "../../../_lib/load";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

/** Published reports (SPEC §8); CLIENT_VIEWER lands here. */
export default async function ReportsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  await requirePermission(workspaceSlug, "report.read");
  const t = await getTranslations("reports");
  return (
    <>
      <PageHeader title={t("title")} description={t("lead")} />
      <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
    </>
  );
}
