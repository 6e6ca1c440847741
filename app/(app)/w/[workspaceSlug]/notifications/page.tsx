import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { executeServer } from "@/graphql/execute-server";
import { dateTimeFormat, formatDateTime } from "@/lib/i18n/format";
import { requirePermission } from "../../../_lib/load";
import { MarkAllReadButton, MarkReadButton, PreferenceForm } from "./notification-actions";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

const NOTIFICATIONS = graphql(`
  query Notifications($id: ID!) {
    workspace(id: $id) {
      unreadNotificationCount
      notificationPreference {
        delivery
        digestHour
        digestWeekday
      }
      notifications(first: 50) {
        edges {
          node {
            id
            severity
            title
            body
            ruleText
            createdAt
            readAt
          }
        }
      }
    }
  }
`);

const TONE = { INFO: "ok", WARNING: "warn", CRITICAL: "bad" } as const;

/** The signed-in person's alerts in this workspace (SPEC §8a): list, mark read, e-mail preference. */
export default async function NotificationsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "workspace.read");
  const t = await getTranslations("notifications");
  const locale = await getLocale();
  const { data, errors } = await executeServer(NOTIFICATIONS, { id: workspace.id });
  const ws = data?.workspace;
  const items = ws?.notifications?.edges.map((e) => e.node) ?? [];
  const unread = ws?.unreadNotificationCount ?? 0;
  const weekdayName = dateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, i) => weekdayName.format(new Date(Date.UTC(2024, 0, 1 + i))));

  return (
    <ClientMessages namespaces={["notifications"]}>
      <div className="space-y-6">
        <PageHeader
          title={t("title")}
          description={unread > 0 ? t("unread", { count: unread }) : undefined}
          actions={unread > 0 ? <MarkAllReadButton workspaceId={workspace.id} /> : undefined}
        />
        {errors && errors.length > 0 ? <Alert tone="bad">{errors[0].message}</Alert> : null}
        {items.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <ul className="space-y-3" aria-label={t("title")}>
            {items.map((n) => (
              <li key={n.id} data-testid="notification" data-read={n.readAt ? "true" : "false"}>
                <Card className={n.readAt ? "opacity-75" : undefined}>
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 space-y-1">
                      <h2 className="font-semibold">{n.title}</h2>
                      <p className="text-sm">{n.body}</p>
                      <p className="text-sm text-ink-muted">
                        <span className="font-medium">{t("rule")}:</span> {n.ruleText}
                      </p>
                      <p className="text-xs text-ink-muted">
                        {formatDateTime(n.createdAt, locale, workspace.timeZone)}
                      </p>
                    </div>
                    <div className="flex items-center gap-2">
                      <Badge tone={TONE[n.severity]}>{n.readAt ? t("read") : "●"}</Badge>
                      {n.readAt ? null : <MarkReadButton notificationId={n.id} />}
                    </div>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {ws?.notificationPreference ? (
          <Card>
            <CardHeader title={t("settingsTitle")} />
            <PreferenceForm
              workspaceId={workspace.id}
              // graphql-js results have null prototypes; client components need plain objects.
              preference={{
                delivery: ws.notificationPreference.delivery,
                digestHour: ws.notificationPreference.digestHour,
                digestWeekday: ws.notificationPreference.digestWeekday,
              }}
              weekdays={weekdays}
            />
          </Card>
        ) : null}
      </div>
    </ClientMessages>
  );
}
