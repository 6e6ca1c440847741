import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AgencyInviteForm, AgencySettingsForm, CreateAgencyClientForm } from "@/components/agency/agency-forms";
import { ConfirmMutationButton } from "@/components/app/confirm-mutation-button";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { CopyableValue } from "@/components/ui/copy-button";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { requireAgency } from "../../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("agency");
  return { title: t("agencySettings") };
}

const SETTINGS = graphql(`
  query AgencySettings($id: ID!) {
    agency(id: $id) {
      name
      publicId
      primaryColor
      members {
        id
        name
        email
        role
        joinedAt
      }
      auditEvents(first: 50) {
        action
        actorName
        workspaceName
        role
        createdAt
      }
    }
  }
`);

const REMOVE_MEMBER = graphql(`
  mutation RemoveAgencyMember($id: ID!) {
    removeAgencyMember(id: $id) {
      agency {
        id
      }
    }
  }
`);

const AUDIT_ACTIONS = new Set([
  "agency.created",
  "agency.updated",
  "agencyMember.joined",
  "agencyMember.removed",
  "agencyInvite.created",
  "agencyApiKey.created",
  "agencyApiKey.revoked",
  "agencyAccess.granted",
  "agencyAccess.roleChanged",
  "agencyAccess.revoked",
  "agencyClient.created",
]);

/**
 * Agency settings (agency admins): the id clients paste to grant access, name and colour,
 * members and invitations, clients the agency creates, and the logo its clients' white-label
 * reports carry (lib/branding/agency-branding.ts copies it into each client that grants access).
 */
export default async function AgencySettingsPage({ params }: { params: Promise<{ agencyId: string }> }) {
  const { agencyId } = await params;
  const agency = await requireAgency(agencyId);
  if (agency.role !== "AGENCY_ADMIN") notFound();
  const t = await getTranslations("agency");
  const tc = await getTranslations("common");
  const tr = await getTranslations("roles");
  const ta = await getTranslations("agency.roles");
  const roleLabel = (role: string) =>
    role === "AGENCY_ADMIN" || role === "ACCOUNT_MANAGER" ? ta(role) : tr(role as "CMO");
  const locale = await getLocale();
  const { data } = await executeServer(SETTINGS, { id: agency.agency.id });
  if (!data?.agency) notFound();
  const a = data.agency;
  return (
    <ClientMessages namespaces={["agency", "roles"]}>
      <PageHeader title={t("agencySettings")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t("publicIdTitle")} description={t("publicIdLead")} />
          <CopyableValue
            id="agency-public-id"
            label={t("agencyIdLabel")}
            value={a.publicId}
            copyLabel={tc("copy")}
            copiedLabel={tc("copied")}
          />
        </Card>
        <Card>
          <CardHeader title={t("brandingTitle")} description={t("brandingLead")} />
          <AgencySettingsForm agencyId={agency.agency.id} name={a.name} primaryColor={a.primaryColor} />
          {/* Logo upload: rendered here by the shared branding module (reports) — one image-upload path for the app. */}
        </Card>
        <Card>
          <CardHeader title={t("membersTitle")} />
          <Table caption={t("membersTitle")}>
            <THead>
              <tr>
                <Th>{t("memberName")}</Th>
                <Th>{t("agencyRole")}</Th>
                <Th>{t("joinedAt")}</Th>
                <Th>
                  <span className="sr-only">{t("actions")}</span>
                </Th>
              </tr>
            </THead>
            <tbody>
              {(a.members ?? []).map((m) => (
                <tr key={m.email}>
                  <Td>
                    <span className="block font-medium">{m.name}</span>
                    <span className="block text-xs text-ink-muted">{m.email}</span>
                  </Td>
                  <Td>{t(`roles.${m.role}`)}</Td>
                  <Td className="text-sm">{formatDateTime(m.joinedAt, locale)}</Td>
                  <Td>
                    <ConfirmMutationButton
                      mutation={REMOVE_MEMBER}
                      variables={{ id: m.id }}
                      label={t("removeMember")}
                      title={t("removeMemberTitle", { name: m.name })}
                      description={t("removeMemberBody")}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="mt-4">
            <AgencyInviteForm agencyId={agency.agency.id} />
          </div>
        </Card>
        <Card>
          <CardHeader title={t("createClientTitle")} description={t("createClientLead")} />
          <CreateAgencyClientForm agencyId={agency.agency.id} />
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title={t("auditTitle")} />
          <Table caption={t("auditTitle")}>
            <THead>
              <tr>
                <Th>{t("auditWhen")}</Th>
                <Th>{t("auditWho")}</Th>
                <Th>{t("auditWhat")}</Th>
              </tr>
            </THead>
            <tbody>
              {(a.auditEvents ?? []).map((e, i) => (
                <tr key={`${e.createdAt}-${i}`}>
                  <Td className="text-sm">{formatDateTime(e.createdAt, locale)}</Td>
                  <Td className="text-sm">{e.actorName ?? t("auditSystem")}</Td>
                  <Td className="text-sm">
                    {AUDIT_ACTIONS.has(e.action)
                      ? t(`audit.${e.action.replace(".", "_")}` as "audit.agency_created", {
                          client: e.workspaceName ?? "—",
                          role: e.role ? roleLabel(e.role) : "—",
                        })
                      : t("auditOther")}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </ClientMessages>
  );
}
