import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, THead } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { executeServer } from "@/lib/graphql-client/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { PAGE_SIZE } from "../../../../_lib/connection";
import { requirePermission } from "../../../../_lib/load";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

interface AuditNode {
  id: string;
  action: string;
  createdAt: string;
  actorName: string | null;
  actorKind: string | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
}


const AUDIT = /* GraphQL */ `
  query Audit($id: ID!, $first: Int!, $after: String) {
    workspace(id: $id) {
      auditEvents(first: $first, after: $after) {
        edges { node { id action createdAt actorName actorKind targetType targetId data } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

/** A compact, readable rendering of an event's JSON details. */
function describe(data: unknown): string {
  if (data === null || data === undefined) return "";
  const text = typeof data === "string" ? data : JSON.stringify(data);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The audit log (audit.read), newest first, paged by cursor. */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<{ after?: string }>;
}) {
  const { workspaceSlug } = await params;
  const { after } = await searchParams;
  const workspace = await requirePermission(workspaceSlug, "audit.read");
  const t = await getTranslations("audit");
  const locale = await getLocale();
  const { data, errors } = await executeServer<{
    workspace: { auditEvents: { edges: { node: AuditNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null } | null;
  }>(AUDIT, { id: workspace.id, first: PAGE_SIZE, after: after ?? null });
  const connection = data?.workspace?.auditEvents;
  const events = connection?.edges.map((e) => e.node) ?? [];

  return (
    <Card>
      <CardHeader title={t("title")} description={t("lead")} />
      {errors.length > 0 ? <Alert tone="bad">{errors[0].message}</Alert> : null}
      {events.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Table caption={t("caption")}>
          <THead>
            <tr>
              <Th>{t("when")}</Th>
              <Th>{t("who")}</Th>
              <Th>{t("action")}</Th>
              <Th>{t("target")}</Th>
              <Th>{t("details")}</Th>
            </tr>
          </THead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-testid="audit-row">
                <Td className="whitespace-nowrap">
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, locale, workspace.timeZone)}</time>
                </Td>
                <Td>{event.actorName ?? (event.actorKind === "API_KEY" ? t("apiKey") : t("system"))}</Td>
                <Td>
                  <code className="font-mono text-xs">{event.action}</code>
                </Td>
                <Td className="text-ink-muted">{event.targetType ?? "—"}</Td>
                <Td className="max-w-md break-words font-mono text-xs text-ink-muted">{describe(event.data)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        {after ? (
          <Link href="?" className={buttonClass("secondary", "sm")}>
            {t("newest")}
          </Link>
        ) : null}
        {connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
          <Link href={`?after=${encodeURIComponent(connection.pageInfo.endCursor)}`} className={buttonClass("secondary", "sm")}>
            {t("more")}
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
