import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge, StatusPill } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, THead } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { collectConnection } from "../../../../_lib/connection";
import { requirePermission } from "../../../../_lib/load";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-key-forms";
import { EditApiKeyButton } from "./edit-api-key-button";
import { RotateApiKeyButton } from "./rotate-api-key-button";
import { ClientMessages } from "@/components/i18n/client-messages";
import { graphql } from "@/graphql/client/graphql";

/** The calendar date of an instant in a time zone, as YYYY-MM-DD (a date input's value). */
function localDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(iso),
  );
}

export async function generateMetadata() {
  const t = await getTranslations("apiKeys");
  return { title: t("title") };
}

const API_KEYS = graphql(`
  query ApiKeys($id: ID!, $first: Int!, $after: String) {
    workspace(id: $id) {
      apiKeys(first: $first, after: $after) {
        edges {
          node {
            id
            name
            prefix
            scopes
            lastUsedAt
            expiresAt
            revokedAt
            createdAt
            rateLimitPerMinute
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

/** API keys (apiKey.manage): create with scopes, the secret shown once; list and revoke. */
export default async function ApiKeysPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "apiKey.manage");
  const t = await getTranslations("apiKeys");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const { nodes: keys, errors } = await collectConnection(API_KEYS, { id: workspace.id }, (d) => d.workspace?.apiKeys);
  const now = Date.now();

  return (
    <ClientMessages namespaces={["apiKeys", "apiKeyRotation"]}>
      <div className="space-y-6">
        <p className="max-w-prose text-sm text-ink-muted">{t("lead")}</p>
        <Card>
          <CardHeader title={t("createTitle")} />
          <CreateApiKeyForm workspaceId={workspace.id} />
        </Card>
        <Card>
          <CardHeader title={t("title")} />
          {errors.length > 0 ? <Alert tone="bad">{errors[0].message}</Alert> : null}
          {keys.length === 0 ? (
            <EmptyState title={t("empty")} />
          ) : (
            <Table caption={t("listCaption")}>
              <THead>
                <tr>
                  <Th>{t("name")}</Th>
                  <Th>{t("prefix")}</Th>
                  <Th>{t("scopes")}</Th>
                  <Th>{t("lastUsed")}</Th>
                  <Th>{t("expires")}</Th>
                  <Th>{t("status")}</Th>
                  <Th>
                    <span className="sr-only">{t("revoke")}</span>
                  </Th>
                </tr>
              </THead>
              <tbody>
                {keys.map((key) => {
                  const expired = key.expiresAt !== null && new Date(key.expiresAt).getTime() <= now;
                  const state = key.revokedAt ? "revoked" : expired ? "expired" : "active";
                  return (
                    <tr key={key.id} data-testid="api-key-row">
                      <Td className="font-medium">{key.name}</Td>
                      <Td>
                        <code className="font-mono text-xs">tl_{key.prefix}_…</code>
                      </Td>
                      <Td>
                        <span className="flex flex-wrap gap-1">
                          {key.scopes.map((s) => (
                            <Badge key={s}>{t(`scopeShort.${s}`)}</Badge>
                          ))}
                        </span>
                      </Td>
                      <Td className="whitespace-nowrap">
                        {key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale, workspace.timeZone) : tc("never")}
                      </Td>
                      <Td className="whitespace-nowrap">
                        {key.expiresAt
                          ? formatDate(key.expiresAt, locale, { timeZone: workspace.timeZone })
                          : tc("never")}
                      </Td>
                      <Td>
                        <StatusPill
                          tone={state === "active" ? "ok" : state === "expired" ? "warn" : "neutral"}
                          label={t(state)}
                        />
                      </Td>
                      <Td>
                        {state === "revoked" ? null : (
                          <div className="flex flex-wrap items-start gap-2">
                            <EditApiKeyButton
                              apiKeyId={key.id}
                              name={key.name}
                              rateLimitPerMinute={key.rateLimitPerMinute}
                              expiresOn={key.expiresAt ? localDate(key.expiresAt, workspace.timeZone) : null}
                            />
                            <RotateApiKeyButton apiKeyId={key.id} name={key.name} />
                            <RevokeApiKeyButton apiKeyId={key.id} name={key.name} />
                          </div>
                        )}
                      </Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
