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
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { getLocale } from "next-intl/server";
import { RevokeSessionButton } from "./revoke-session-button";
import { graphql } from "@/graphql/client/graphql";

const SESSIONS = graphql(`
  {
    viewer {
      sessions {
        id
        createdAt
        lastSeenAt
        userAgent
        ip
        current
      }
      securityEvents(first: 10) {
        id
        action
        ip
        createdAt
      }
    }
  }
`);

/** A short, readable name for a User-Agent ("Chrome on Linux"), never the raw string. */
function deviceName(userAgent: string, unknown: string): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return browser && os ? `${browser} · ${os}` : (browser ?? os ?? unknown);
}

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const viewer = await requireViewer("/account");
  const t = await getTranslations("account");
  const tr = await getTranslations("roles");
  const ts = await getTranslations("sessions");
  const locale = await getLocale();
  const { data } = await executeServer(SESSIONS);
  const sessions = data?.viewer?.sessions ?? [];
  const events = data?.viewer?.securityEvents ?? [];
  return (
    <ClientMessages namespaces={["account", "sessions"]}>
      <div className="max-w-2xl space-y-6">
        <PageHeader
          title={t("title")}
          description={t("signedInAs", { name: viewer.name ?? "", email: viewer.email ?? "" })}
        />
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
          <Table caption={ts("caption")}>
            <THead>
              <tr>
                <Th>{ts("device")}</Th>
                <Th>{ts("signedIn")}</Th>
                <Th>{ts("lastSeen")}</Th>
                <Th>
                  <span className="sr-only">{ts("signOutDevice")}</span>
                </Th>
              </tr>
            </THead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-testid="account-session-row">
                  <Td className="font-medium">
                    {deviceName(s.userAgent, ts("unknownDevice"))}
                    {s.ip ? <span className="ml-2 text-xs text-ink-muted"> {s.ip}</span> : null}
                  </Td>
                  <Td>{formatDateTime(s.createdAt, locale)}</Td>
                  <Td>{formatDateTime(s.lastSeenAt, locale)}</Td>
                  <Td className="text-right">
                    {s.current ? (
                      <span className="text-sm text-ink-muted">{ts("thisDevice")}</span>
                    ) : (
                      <RevokeSessionButton
                        sessionId={s.id}
                        label={ts("signOutDeviceNamed", { device: deviceName(s.userAgent, ts("unknownDevice")) })}
                      />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="mt-4">
            <LogoutButton everywhere className={buttonClass("secondary")} />
          </div>
        </Card>
        <Card>
          <CardHeader title={ts("activityTitle")} description={ts("activityLead")} />
          {events.length === 0 ? (
            <EmptyState title={ts("activityEmpty")} />
          ) : (
            <Table caption={ts("activityTitle")}>
              <THead>
                <tr>
                  <Th>{ts("when")}</Th>
                  <Th>{ts("what")}</Th>
                  <Th>{ts("address")}</Th>
                </tr>
              </THead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <Td>{formatDateTime(e.createdAt, locale)}</Td>
                    <Td>
                      {ts.has(`actions.${e.action.replace(".", "_")}`)
                        ? ts(`actions.${e.action.replace(".", "_")}`)
                        : ts("actions.other")}
                    </Td>
                    <Td>{e.ip ?? "—"}</Td>
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
