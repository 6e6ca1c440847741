import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { StatusPill } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { can, requirePermission } from "../../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

const REPORTS = graphql(`
  query Reports($id: ID!) {
    workspace(id: $id) {
      reports {
        id
        title
        status
        version
        publishedAt
        updatedAt
      }
    }
  }
`);

/**
 * Reports (SPEC §8). Managers (report.manage) see drafts and published reports and compose new
 * ones; every other reader — CLIENT_VIEWER lands here and can open nothing else — sees the
 * published reports only (the API decides).
 */
export default async function ReportsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "report.read");
  const t = await getTranslations("clientReports.list");
  const locale = await getLocale();
  const manager = can(workspace, "report.manage");
  const { data, errors } = await executeServer(REPORTS, { id: workspace.id });
  const reports = data?.workspace?.reports ?? [];
  const base = `/w/${workspaceSlug}/reports`;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={manager ? t("lead") : undefined}
        actions={
          manager ? (
            <div className="flex gap-2">
              <ButtonLink href={`${base}/branding`} variant="secondary">
                {(await getTranslations("clientReports.branding"))("title")}
              </ButtonLink>
              <ButtonLink href={`${base}/new`}>{t("new")}</ButtonLink>
            </div>
          ) : null
        }
      />
      {errors.length ? <Alert tone="bad">{errors[0].message}</Alert> : null}
      {reports.length === 0 ? (
        <EmptyState title={manager ? t("empty") : t("viewerEmpty")}>{manager ? t("emptyBody") : null}</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label={t("title")}>
          {reports.map((r) => (
            <li key={r.id}>
              <Card className="flex items-center justify-between gap-4">
                <div>
                  <Link
                    href={`${base}/${encodeURIComponent(r.id)}`}
                    className="font-semibold text-ink underline-offset-2 hover:underline"
                  >
                    {r.title}
                  </Link>
                  <p className="text-sm text-ink-muted">
                    {t("version", { version: r.version })} ·{" "}
                    {formatDateTime(r.publishedAt ?? r.updatedAt, locale, workspace.timeZone)}
                  </p>
                </div>
                <StatusPill
                  tone={r.status === "PUBLISHED" ? "ok" : "neutral"}
                  label={r.status === "PUBLISHED" ? t("published") : t("draft")}
                />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
