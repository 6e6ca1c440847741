import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, THead } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { catalogMap } from "@/components/scorecard/format";
import { CatalogFields } from "@/components/scorecard/types";
import { type DescribeContext, auditEventDetails, describeAuditEvent } from "./describe-audit-event";
import { PAGE_SIZE } from "../../../../_lib/connection";
import { requirePermission } from "../../../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

function AuditDetails({ lines, label }: { lines: string[]; label: string }) {
  if (lines.length === 0) return null;
  return (
    <details className="mt-1 text-sm text-ink-muted">
      <summary className="cursor-pointer text-brand-700">{label}</summary>
      <ul className="mt-1 list-disc pl-5">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const AUDIT = graphql(
  `
    query Audit($id: ID!, $first: Int!, $after: String) {
      workspace(id: $id) {
        metricCatalog {
          ...CatalogFields
        }
        auditEvents(first: $first, after: $after) {
          edges {
            node {
              id
              action
              createdAt
              actorName
              actorKind
              targetType
              targetId
              data
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
  [CatalogFields],
);

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
  const ta = await getTranslations("auditLog");
  const tr = await getTranslations("roles");
  const locale = await getLocale();
  const { data, errors } = await executeServer(AUDIT, { id: workspace.id, first: PAGE_SIZE, after: after ?? null });
  const ctx: DescribeContext = {
    t: (key, values) => ta(key as "otherChange", values),
    has: (key) => ta.has(key as "otherChange"),
    role: (role) =>
      tr.has(role as "OWNER") ? tr(role as "OWNER") : role === "COMPANY" ? ta("companyScorecard") : ta("aRole"),
    catalog: catalogMap(data?.workspace?.metricCatalog ?? []),
    locale,
    currency: workspace.currency,
    timeZone: workspace.timeZone,
  };
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
              <Th>{t("what")}</Th>
            </tr>
          </THead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-testid="audit-row">
                <Td className="whitespace-nowrap">
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, locale, workspace.timeZone)}</time>
                </Td>
                <Td data-action={event.action}>
                  {describeAuditEvent(event, ctx)}
                  <AuditDetails lines={auditEventDetails(event, ctx)} label={t("details")} />
                </Td>
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
          <Link
            href={`?after=${encodeURIComponent(connection.pageInfo.endCursor)}`}
            className={buttonClass("secondary", "sm")}
          >
            {t("more")}
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
