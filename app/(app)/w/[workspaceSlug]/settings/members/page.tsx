import { getLocale, getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/app/invite-form";
import { StatusPill, type Tone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, THead } from "@/components/ui/table";
import { Alert } from "@/components/ui/alert";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import { collectConnection } from "../../../../_lib/connection";
import { can, loadViewer, requirePermission } from "../../../../_lib/load";
import { MemberActions, RevokeInviteButton } from "./member-actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("tabs.members") };
}

type InviteState = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

const MEMBERS = graphql(`
  query Members($id: ID!, $first: Int!, $after: String) {
    workspace(id: $id) {
      members(first: $first, after: $after) {
        edges {
          node {
            id
            role
            joinedAt
            user {
              id
              name
              email
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const INVITES = graphql(`
  query Invites($id: ID!, $first: Int!, $after: String) {
    workspace(id: $id) {
      invites(first: $first, after: $after) {
        edges {
          node {
            id
            email
            role
            state
            expiresAt
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const INVITE_TONE: Record<InviteState, Tone> = { PENDING: "info", ACCEPTED: "ok", REVOKED: "neutral", EXPIRED: "warn" };

/** Members and their roles, invitations and the invite form (member.read; changes need member.manage / invite.manage). */
export default async function MembersPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "member.read");
  const viewer = await loadViewer();
  const t = await getTranslations("members");
  const tr = await getTranslations("roles");
  const locale = await getLocale();
  const canManage = can(workspace, "member.manage");
  const canManageOwners = can(workspace, "owner.manage");
  const canInvite = can(workspace, "invite.manage");
  const assignable = WORKSPACE_ROLES.filter((r) => r !== "OWNER" || canManageOwners);

  const [members, invites] = await Promise.all([
    collectConnection(MEMBERS, { id: workspace.id }, (d) => d.workspace?.members),
    canInvite ? collectConnection(INVITES, { id: workspace.id }, (d) => d.workspace?.invites) : Promise.resolve(null),
  ]);
  const memberRows = members.nodes;
  // Pending invitations first, then the rest by expiry (newest first).
  const inviteRows = [...(invites?.nodes ?? [])].sort(
    (a, b) => Number(b.state === "PENDING") - Number(a.state === "PENDING") || b.expiresAt.localeCompare(a.expiresAt),
  );

  return (
    <ClientMessages namespaces={["members", "roles"]}>
      <div className="space-y-6">
        {canInvite ? (
          <Card>
            <CardHeader title={t("inviteTitle")} description={t("inviteLead")} />
            <InviteForm workspaceId={workspace.id} roles={assignable} />
          </Card>
        ) : null}

        <Card>
          <CardHeader title={t("title")} />
          {members.errors.length > 0 ? <Alert tone="bad">{members.errors[0].message}</Alert> : null}
          {memberRows.length === 0 ? (
            <EmptyState title={t("noMembers")} />
          ) : (
            <Table caption={t("membersCaption")}>
              <THead>
                <tr>
                  <Th>{t("name")}</Th>
                  <Th>{t("email")}</Th>
                  <Th>{t("role")}</Th>
                  <Th>{t("joined")}</Th>
                  {canManage ? <Th>{t("actions")}</Th> : null}
                </tr>
              </THead>
              <tbody>
                {memberRows.map((m) => {
                  const isSelf = m.user.id === viewer?.userId;
                  const manageable = canManage && !isSelf && (m.role !== "OWNER" || canManageOwners);
                  return (
                    <tr key={m.id} data-testid="member-row">
                      <Td className="font-medium">
                        {m.user.name}
                        {isSelf ? <span className="ml-1 text-ink-muted">({t("you")})</span> : null}
                      </Td>
                      <Td className="whitespace-nowrap">{m.user.email}</Td>
                      <Td>{tr(m.role)}</Td>
                      <Td className="whitespace-nowrap">
                        {formatDate(m.joinedAt, locale, { timeZone: workspace.timeZone })}
                      </Td>
                      {canManage ? (
                        <Td>
                          {manageable ? (
                            <MemberActions memberId={m.id} name={m.user.name} role={m.role} roles={assignable} />
                          ) : (
                            <span className="text-ink-muted">—</span>
                          )}
                        </Td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
        </Card>

        {canInvite ? (
          <Card>
            <CardHeader title={t("invitesTitle")} />
            {invites?.errors.length ? <Alert tone="bad">{invites.errors[0].message}</Alert> : null}
            {inviteRows.length === 0 ? (
              <EmptyState title={t("invitesEmpty")} />
            ) : (
              <Table caption={t("invitesCaption")}>
                <THead>
                  <tr>
                    <Th>{t("email")}</Th>
                    <Th>{t("role")}</Th>
                    <Th>{t("state")}</Th>
                    <Th>{t("expires")}</Th>
                    <Th>{t("actions")}</Th>
                  </tr>
                </THead>
                <tbody>
                  {inviteRows.map((inv) => (
                    <tr key={inv.id} data-testid="invite-row">
                      <Td className="whitespace-nowrap">{inv.email}</Td>
                      <Td>{tr(inv.role)}</Td>
                      <Td>
                        <StatusPill tone={INVITE_TONE[inv.state]} label={t(`inviteStates.${inv.state}`)} />
                      </Td>
                      <Td className="whitespace-nowrap">{formatDateTime(inv.expiresAt, locale, workspace.timeZone)}</Td>
                      <Td>
                        {inv.state === "PENDING" ? (
                          <RevokeInviteButton inviteId={inv.id} email={inv.email} />
                        ) : (
                          <span className="text-ink-muted">—</span>
                        )}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
        ) : null}
      </div>
    </ClientMessages>
  );
}
