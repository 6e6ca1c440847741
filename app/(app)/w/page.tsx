import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/app/app-frame";
import { CreateWorkspaceForm } from "@/components/app/create-workspace-form";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireViewer } from "../_lib/load";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("workspaces");
  return { title: t("title") };
}

/**
 * After login: an agency member lands on the agency's portfolio (SPEC §8); otherwise the only
 * workspace opens directly; several are listed; none offers to create one.
 */
export default async function WorkspacesPage() {
  const viewer = await requireViewer("/w");
  const t = await getTranslations("workspaces");
  const tr = await getTranslations("roles");
  if (viewer.agencies.length > 0) redirect(`/a/${viewer.agencies[0].agency.publicId}`);
  if (viewer.workspaces.length === 1) redirect(`/w/${viewer.workspaces[0].workspace.slug}`);
  return (
    <ClientMessages namespaces={["workspaces"]}>
      <AppFrame viewer={viewer}>
        <PageHeader title={t("title")} description={viewer.workspaces.length ? t("lead") : undefined} />
        {viewer.workspaces.length === 0 ? (
          <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {viewer.workspaces.map(({ workspace, role }) => (
              <li key={workspace.id}>
                <Link
                  href={`/w/${workspace.slug}`}
                  className="block rounded-[var(--radius-card)] border border-line bg-surface p-4 hover:border-brand-500"
                >
                  <span className="block font-semibold">{workspace.name}</span>
                  <span className="block text-sm text-ink-muted">{role ? tr(role) : null}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Card className="mt-8 max-w-xl">
          <h2 className="mb-4 text-lg font-semibold">{t("createTitle")}</h2>
          <CreateWorkspaceForm />
        </Card>
      </AppFrame>
    </ClientMessages>
  );
}
