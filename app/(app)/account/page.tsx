import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LogoutButton } from "@/components/app/logout-button";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, THead } from "@/components/ui/table";
import { requireViewer } from "../_lib/load";
import { ChangePasswordForm } from "./change-password-form";
import { LeaveWorkspaceButton } from "./leave-workspace-button";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const viewer = await requireViewer("/account");
  const t = await getTranslations("account");
  const tr = await getTranslations("roles");
  return (
    <ClientMessages namespaces={["account"]}>
      <div className="max-w-2xl space-y-6">
        <PageHeader title={t("title")} description={t("signedInAs", { name: viewer.name ?? "", email: viewer.email ?? "" })} />
        <Card>
          <CardHeader title={t("passwordTitle")} description={t("passwordLead")} />
          <ChangePasswordForm />
        </Card>
        <Card>
          <CardHeader title={t("workspacesTitle")} description={t("workspacesLead")} />
          {viewer.workspaces.length === 0 ? (
            <EmptyState title={t("workspacesEmpty")} />
          ) : (
            <Table caption={t("workspacesCaption")}>
              <THead>
                <tr>
                  <Th>{t("workspace")}</Th>
                  <Th>{t("role")}</Th>
                  <Th>
                    <span className="sr-only">{t("leave")}</span>
                  </Th>
                </tr>
              </THead>
              <tbody>
                {viewer.workspaces.map(({ workspace, role }) => (
                  <tr key={workspace.id} data-testid="account-workspace-row">
                    <Td className="font-medium">
                      <Link href={`/w/${workspace.slug}`} className="hover:underline">
                        {workspace.name}
                      </Link>
                    </Td>
                    <Td>{role ? tr(role) : null}</Td>
                    <Td className="text-right">
                      <LeaveWorkspaceButton workspaceId={workspace.id} name={workspace.name} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader title={t("sessionsTitle")} description={t("sessionsLead")} />
          <LogoutButton everywhere className={buttonClass("secondary")} />
        </Card>
      </div>
    </ClientMessages>
  );
}
