import { getLocale, getTranslations } from "next-intl/server";
import { ConfirmMutationButton } from "@/components/app/confirm-mutation-button";
import { GrantAgencyForm } from "@/components/agency/agency-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { requirePermission } from "../../../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("agency");
  return { title: t("accessTitle") };
}

const GRANTS = graphql(`
  query AgencyGrants($id: ID!) {
    workspace(id: $id) {
      agencyGrants {
        agencyId
        agencyName
        role
        managerEmails
        agencyCreated
        grantedAt
      }
    }
  }
`);

const REVOKE = graphql(`
  mutation RevokeAgencyAccess($input: RevokeAgencyAccessInput!) {
    revokeAgencyAccess(input: $input) {
      workspace {
        id
      }
    }
  }
`);

/** The owner's agency access (SPEC §3, §8): grant with a role, change the role, revoke. */
export default async function AgencyAccessPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "agencyAccess.manage");
  const t = await getTranslations("agency");
  const tr = await getTranslations("roles");
  const locale = await getLocale();
  const { data, errors } = await executeServer(GRANTS, { id: workspace.id });
  const grants = data?.workspace?.agencyGrants ?? [];
  return (
    <ClientMessages namespaces={["agency", "roles"]}>
      <div className="space-y-6">
        <p className="max-w-prose text-sm text-ink-muted">{t("accessLead")}</p>
        {errors.length > 0 ? <Alert tone="bad">{t("loadError")}</Alert> : null}
        <Card>
          <CardHeader title={t("grantTitle")} />
          <GrantAgencyForm workspaceId={workspace.id} />
        </Card>
        <Card>
          <CardHeader title={t("grantsTitle")} />
          {grants.length === 0 ? (
            <EmptyState title={t("noGrants")} />
          ) : (
            <Table caption={t("grantsCaption")}>
              <THead>
                <tr>
                  <Th>{t("agencyName")}</Th>
                  <Th>{t("grantRole")}</Th>
                  <Th>{t("managerEmails")}</Th>
                  <Th>{t("grantedAt")}</Th>
                  <Th>
                    <span className="sr-only">{t("actions")}</span>
                  </Th>
                </tr>
              </THead>
              <tbody>
                {grants.map((g) => (
                  <tr key={g.agencyId} data-testid="agency-grant">
                    <Td>
                      <span className="font-medium">{g.agencyName}</span>
                      {g.agencyCreated ? (
                        <span className="ml-2">
                          <Badge tone="info">{t("agencyCreated")}</Badge>
                        </span>
                      ) : null}
                    </Td>
                    <Td>{tr(g.role as "CMO")}</Td>
                    <Td className="text-sm">{g.managerEmails.length ? g.managerEmails.join(", ") : t("allMembers")}</Td>
                    <Td className="text-sm">{formatDateTime(g.grantedAt, locale, workspace.timeZone)}</Td>
                    <Td className="space-y-2">
                      <details>
                        <summary className="cursor-pointer text-sm text-brand-700">{t("changeRole")}</summary>
                        <div className="mt-2">
                          <GrantAgencyForm workspaceId={workspace.id} agencyId={g.agencyId} defaultRole={g.role} />
                        </div>
                      </details>
                      <ConfirmMutationButton
                        mutation={REVOKE}
                        input={{ workspaceId: workspace.id, agencyId: g.agencyId }}
                        label={t("revoke")}
                        title={t("revokeTitle", { agency: g.agencyName })}
                        description={t("revokeBody")}
                      />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
