import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "../../../_lib/load";

export async function generateMetadata() {
  const t = await getTranslations("sales");
  return { title: t("title") };
}

/** The shared marketing–sales view (SPEC §2.3): CAC, LTV, lead→deal conversion, the funnel. */
export default async function SalesViewPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  await requirePermission(workspaceSlug, "salesView.read");
  const t = await getTranslations("sales");
  return (
    <>
      <PageHeader title={t("title")} description={t("lead")} />
      <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
    </>
  );
}
