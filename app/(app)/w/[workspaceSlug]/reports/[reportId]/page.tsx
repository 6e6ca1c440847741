import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ReportView } from "@/components/reports/report-view";
import { StatusPill } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th, THead } from "@/components/ui/table";
import { parseTenantNodeId } from "@/graphql/ids";
import { getDatabase } from "@/lib/db/client";
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { buildReportDocument } from "@/lib/reports/build-report-document";
import { findReport } from "@/lib/reports/find-report";
import { can, requirePermission } from "../../../../_lib/load";
import {
  CreateShareLinkForm,
  PublishButton,
  ReportBuilderForm,
  RevokeShareLinkButton,
  ScheduleForm,
} from "../report-forms";
import { graphql } from "@/graphql/client/graphql";

const REPORT = graphql(`
  query Report($w: ID!, $id: ID!, $members: Boolean!) {
    workspace(id: $w) {
      report(id: $id) {
        id
        title
        status
        version
        publishedVersion
        roles
        includeKpiTree
        period {
          type
          anchor
          rolling
        }
        commentary
        sectionCommentary {
          section
          text
        }
        locale
        pdfPath
        brandingAgencyId
        shareLinks {
          id
          active
          viewCount
          lastViewedAt
          expiresAt
          revokedAt
          createdAt
        }
        schedules {
          id
          cadence
          weekday
          dayOfMonth
          closePeriod
          hour
          externalEmails
          memberCount
          nextRunAt
          deliveries {
            slot
            status
            attempts
            sentAt
          }
        }
      }
      members(first: 100) @include(if: $members) {
        edges {
          node {
            user {
              id
              name
              email
            }
          }
        }
      }
      agencyBrandings {
        agencyId
        name
      }
    }
  }
`);

export async function generateMetadata() {
  const t = await getTranslations("clientReports.builder");
  return { title: t("title") };
}

/**
 * One report: the rendered report (its current version for managers, the published one for
 * everyone else), its PDF, and for managers the builder, publishing, share links and schedules.
 * The API decides what the caller may see; the rendering reads the same version through lib.
 */
export default async function ReportPage({ params }: { params: Promise<{ workspaceSlug: string; reportId: string }> }) {
  const { workspaceSlug, reportId: rawId } = await params;
  const reportId = decodeURIComponent(rawId);
  const workspace = await requirePermission(workspaceSlug, "report.read");
  const manager = can(workspace, "report.manage");
  const { data } = await executeServer(REPORT, {
    w: workspace.id,
    id: reportId,
    members: can(workspace, "member.read"),
  });
  const report = data?.workspace?.report;
  if (!report) notFound();
  const ids = parseTenantNodeId(Buffer.from(report.id, "base64").toString("utf8").split(":")[1] ?? "");
  if (!ids) notFound();
  const db = await getDatabase();
  const stored = await findReport(db, {
    workspaceId: ids.workspaceId,
    reportId: ids.rowId,
    version: manager ? report.version : "published",
  });
  if (!stored) notFound();
  const doc = await buildReportDocument(db, { workspaceId: ids.workspaceId, report: stored, now: new Date() });
  const t = await getTranslations("clientReports");
  const locale = await getLocale();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, workspace.timeZone) : "—");
  const members = (data?.workspace?.members?.edges ?? []).map((e) => ({
    id: e.node.user.id,
    label: e.node.user.name || e.node.user.email,
  }));
  const pdfLink = (
    <a
      href={report.pdfPath}
      className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow"
      download
    >
      {t("builder.downloadPdf")}
    </a>
  );

  return (
    <ClientMessages namespaces={["clientReports"]}>
      <div className="space-y-6">
        <ReportView doc={doc} actions={pdfLink} />
        {manager ? (
          <>
            <Card className="flex flex-wrap items-center justify-between gap-4">
              <div className="flex items-center gap-3">
                <StatusPill
                  tone={report.status === "PUBLISHED" ? "ok" : "neutral"}
                  label={report.status === "PUBLISHED" ? t("list.published") : t("list.draft")}
                />
                <span className="text-sm text-ink-muted">
                  {t("list.version", { version: report.version })}
                  {report.publishedVersion
                    ? ` · ${t("list.published")}: ${t("list.version", { version: report.publishedVersion })}`
                    : ""}
                </span>
              </div>
              <PublishButton
                reportId={report.id}
                published={report.status === "PUBLISHED" && report.publishedVersion === report.version}
              />
            </Card>
            <Card>
              <CardHeader title={t("builder.title")} />
              <ReportBuilderForm
                workspaceId={workspace.id}
                slug={workspaceSlug}
                reportId={report.id}
                initial={{
                  title: report.title,
                  roles: report.roles.map((r) => (r === "ADMIN" ? "OWNER" : r)),
                  includeKpiTree: report.includeKpiTree,
                  periodType: report.period.type,
                  anchor: report.period.anchor,
                  rolling: report.period.rolling,
                  commentary: report.commentary,
                  sectionCommentary: report.sectionCommentary,
                  locale: report.locale,
                  brandingAgencyId: report.brandingAgencyId,
                }}
                agencyBrandings={(data?.workspace?.agencyBrandings ?? []).map((a) => ({
                  agencyId: a.agencyId,
                  name: a.name,
                }))}
              />
            </Card>
            <Card className="space-y-4">
              <CardHeader title={t("share.title")} />
              <CreateShareLinkForm reportId={report.id} />
              {report.shareLinks?.length ? (
                <Table caption={t("share.title")}>
                  <THead>
                    <tr>
                      <Th>{t("share.active")}</Th>
                      <Th>{t("share.expiresAt")}</Th>
                      <Th>{t("share.views", { count: 0 }).replace(/^0\s*/, "")}</Th>
                      <Th>
                        <span className="sr-only">{t("share.revoke")}</span>
                      </Th>
                    </tr>
                  </THead>
                  <tbody>
                    {report.shareLinks.map((l) => (
                      <tr key={l.id}>
                        <Td>
                          <StatusPill
                            tone={l.active ? "ok" : "neutral"}
                            label={l.active ? t("share.active") : l.revokedAt ? t("share.revoked") : t("share.expired")}
                          />
                        </Td>
                        <Td>{when(l.expiresAt)}</Td>
                        <Td>
                          {t("share.views", { count: l.viewCount })} ·{" "}
                          {l.lastViewedAt ? t("share.lastViewed", { date: when(l.lastViewedAt) }) : t("share.never")}
                        </Td>
                        <Td>{l.active ? <RevokeShareLinkButton id={l.id} /> : null}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              ) : (
                <p className="text-sm text-ink-muted">{t("share.none")}</p>
              )}
            </Card>
            <Card className="space-y-4">
              <CardHeader title={t("schedule.title")} />
              {report.schedules?.length ? (
                <ul className="space-y-2 text-sm">
                  {report.schedules.map((s) => (
                    <li key={s.id}>
                      <span className="font-medium">{t(`schedule.${s.cadence}`)}</span>
                      {s.weekday ? ` · ${t(`schedule.weekdays.${s.weekday}` as "schedule.weekdays.1")}` : ""}
                      {s.dayOfMonth ? ` · ${s.dayOfMonth}` : ""}
                      {s.closePeriod
                        ? ` · ${t(s.closePeriod === "MONTH" ? "schedule.month" : "schedule.quarter")}`
                        : ""}
                      {` · ${String(s.hour).padStart(2, "0")}:00 · ${t("schedule.nextRun", { date: when(s.nextRunAt) })} · ${[...s.externalEmails].join(", ")}`}
                      {s.deliveries.length ? (
                        <ul className="ml-4 text-ink-muted">
                          {s.deliveries.slice(0, 5).map((d) => (
                            <li key={d.slot}>
                              {d.slot}:{" "}
                              {t(
                                `schedule.${d.status === "SENT" ? "delivered" : d.status === "FAILED" ? "failed" : d.status === "GAVE_UP" ? "gaveUp" : "sending"}`,
                              )}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-ink-muted">{t("schedule.none")}</p>
              )}
              <ScheduleForm reportId={report.id} members={members} />
            </Card>
          </>
        ) : null}
      </div>
    </ClientMessages>
  );
}
