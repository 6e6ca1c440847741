import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Alert } from "@/components/ui/alert";
import { StatusPill } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, THead } from "@/components/ui/table";
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { requirePermission } from "../../../../_lib/load";
import { CreateWebhookForm, DeleteWebhookButton, ResendDeliveryButton, ToggleWebhookButton } from "./webhook-forms";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("webhooks");
  return { title: t("title") };
}

const WEBHOOKS = graphql(`
  query Webhooks($id: ID!) {
    workspace(id: $id) {
      webhooks(first: 20) {
        edges {
          node {
            id
            url
            events
            enabled
            consecutiveFailures
            secretHint
            deliveries(first: 10) {
              edges {
                node {
                  id
                  event
                  status
                  attempts
                  responseCode
                  latencyMs
                  createdAt
                }
              }
            }
          }
        }
      }
    }
  }
`);

const STATUS_TONE = { PENDING: "neutral", RETRYING: "warn", SUCCEEDED: "ok", FAILED: "bad" } as const;

/** Outbound webhooks (webhook.manage): add with events (secret shown once), turn off/on, delete, delivery log with re-send. */
export default async function WebhooksPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "webhook.manage");
  const t = await getTranslations("webhooks");
  const locale = await getLocale();
  const { data, errors } = await executeServer(WEBHOOKS, { id: workspace.id });
  const hooks = data?.workspace?.webhooks?.edges.map((e) => e.node) ?? [];
  return (
    <ClientMessages namespaces={["webhooks"]}>
      <div className="space-y-6">
        <p className="max-w-prose text-sm text-ink-muted">
          {t.rich("intro", { code: (chunks) => <code>{chunks}</code> })}
        </p>
        <Card>
          <CardHeader title={t("create")} />
          <CreateWebhookForm workspaceId={workspace.id} />
        </Card>
        {errors && errors.length > 0 ? <Alert tone="bad">{errors[0].message}</Alert> : null}
        {hooks.length === 0 ? <EmptyState title={t("none")} /> : null}
        {hooks.map((hook) => (
          <Card key={hook.id}>
            <CardHeader
              title={<span className="break-all">{hook.url}</span>}
              description={
                <>
                  {hook.events.map((e) => t(`event_${e}` as "event_ALERT_RAISED")).join(" · ")} · {hook.secretHint}
                  {hook.consecutiveFailures > 0 ? ` · ${t("failures", { count: hook.consecutiveFailures })}` : ""}
                </>
              }
              actions={
                <div className="flex items-center gap-2">
                  <StatusPill tone={hook.enabled ? "ok" : "bad"} label={hook.enabled ? t("enabled") : t("disabled")} />
                  <ToggleWebhookButton webhookId={hook.id} url={hook.url} enabled={hook.enabled} />
                  <DeleteWebhookButton webhookId={hook.id} url={hook.url} />
                </div>
              }
            />
            {hook.deliveries.edges.length === 0 ? (
              <p className="text-sm text-ink-muted">{t("noDeliveries")}</p>
            ) : (
              <Table caption={t("deliveriesOf", { url: hook.url })}>
                <THead>
                  <tr>
                    <Th>{t("when")}</Th>
                    <Th>{t("event")}</Th>
                    <Th>{t("status")}</Th>
                    <Th>{t("attempts")}</Th>
                    <Th>{t("responseCode")}</Th>
                    <Th>
                      <span className="sr-only">{t("resend")}</span>
                    </Th>
                  </tr>
                </THead>
                <tbody>
                  {hook.deliveries.edges.map(({ node: d }) => (
                    <tr key={d.id}>
                      <Td>{formatDateTime(d.createdAt, locale, workspace.timeZone)}</Td>
                      <Td>{t(`event_${d.event}` as "event_ALERT_RAISED")}</Td>
                      <Td>
                        <StatusPill tone={STATUS_TONE[d.status]} label={t(`status_${d.status}`)} />
                      </Td>
                      <Td>{formatNumber(String(d.attempts), locale)}</Td>
                      <Td>
                        {d.responseCode ?? "—"}
                        {d.latencyMs !== null
                          ? ` · ${t("latency", { ms: formatNumber(String(d.latencyMs), locale) })}`
                          : ""}
                      </Td>
                      <Td>
                        {d.status === "SUCCEEDED" || d.status === "FAILED" ? (
                          <ResendDeliveryButton deliveryId={d.id} />
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
        ))}
      </div>
    </ClientMessages>
  );
}
