import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { InviteForm } from "@/components/app/invite-form";
import { landingPath } from "@/components/app/landing-path";
import { WorkspaceSettingsForm } from "@/components/app/workspace-settings-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { type ResultOf, graphql } from "@/graphql/client/graphql";
import { executeServer } from "@/graphql/execute-server";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import { can, requirePermission } from "../../../_lib/load";
import { DemoDataButton } from "./demo-data-button";
import { DismissChecklistButton } from "./dismiss-checklist-button";

export async function generateMetadata() {
  const t = await getTranslations("onboarding");
  return { title: t("pageTitle") };
}

const CHECKLIST = graphql(`
  query FirstDay($id: ID!) {
    workspace(id: $id) {
      firstDayChecklist {
        settingsConfirmed
        dataLoaded
        targetsSet
        teamInvited
        dismissed
      }
    }
  }
`);

type Checklist = NonNullable<NonNullable<ResultOf<typeof CHECKLIST>["workspace"]>["firstDayChecklist"]>;

function Step({
  id,
  title,
  lead,
  done,
  doneLabel,
  todoLabel,
  children,
}: {
  id: string;
  title: string;
  lead: string;
  done: boolean;
  doneLabel: string;
  todoLabel: string;
  children: ReactNode;
}) {
  return (
    <Card aria-labelledby={id} data-testid="first-day-step" data-step={id} data-done={done ? "true" : "false"}>
      <CardHeader
        title={<span id={id}>{title}</span>}
        description={lead}
        actions={<Badge tone={done ? "ok" : "neutral"}>{done ? doneLabel : todoLabel}</Badge>}
      />
      {children}
    </Card>
  );
}

/**
 * The first-day checklist (issue 12), the home of a new workspace until it is done or
 * dismissed: confirm money and calendar; bring data (CSV, an API key, or the demo); set targets
 * with the planner; invite the team. Each step ticks from the workspace's own state.
 */
export default async function OnboardingPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "workspace.update");
  const t = await getTranslations("onboarding");
  const invitableRoles = WORKSPACE_ROLES.filter((r) => r !== "OWNER" || can(workspace, "owner.manage"));
  const { data } = await executeServer(CHECKLIST, { id: workspace.id });
  const list: Checklist = data?.workspace?.firstDayChecklist ?? {
    settingsConfirmed: false,
    dataLoaded: false,
    targetsSet: false,
    teamInvited: false,
    dismissed: false,
  };
  const base = `/w/${workspace.slug}`;
  const next = landingPath(workspace.slug, workspace.viewerRole);
  const doneCount = [list.settingsConfirmed, list.dataLoaded, list.targetsSet, list.teamInvited].filter(Boolean).length;
  const apiExample = `curl -X POST ${"$"}THROUGHLINE_URL/api/graphql \\
  -H "Authorization: Bearer ${"$"}THROUGHLINE_API_KEY" -H "Content-Type: application/json" \\
  -d '{"query":"mutation($in: IngestMetricsInput!) { ingestMetrics(input: $in) { accepted } }","variables":{"in":{"workspaceId":"${workspace.id}","idempotencyKey":"first-try","rows":[{"date":"2026-11-02","channel":"yandex_direct","measure":"spend","value":"12500"}]}}}'`;
  const labels = { doneLabel: t("stepDone"), todoLabel: t("stepTodo") };

  return (
    <ClientMessages namespaces={["onboarding", "settings", "members", "roles"]}>
      <div className="max-w-3xl space-y-6">
        <PageHeader title={t("title", { name: workspace.name })} description={t("lead")} />
        <p className="text-sm text-ink-muted" data-testid="first-day-progress">
          {t("progress", { done: doneCount, total: 4 })}
        </p>
        <Step
          id="step-basics"
          title={t("basicsTitle")}
          lead={t("basicsLead")}
          done={list.settingsConfirmed}
          {...labels}
        >
          <WorkspaceSettingsForm
            workspace={workspace}
            fields={["currency", "timeZone", "fiscalYearStartMonth"]}
            submitLabel={t("confirmBasics")}
            confirm
          />
        </Step>
        <Step id="step-data" title={t("dataTitle")} lead={t("dataLead")} done={list.dataLoaded} {...labels}>
          <div className="space-y-4">
            <div>
              <h3 className="font-medium">{t("csvTitle")}</h3>
              <p className="text-sm text-ink-muted">{t("csvLead")}</p>
              <ButtonLink href={`${base}/import`} variant="secondary" className="mt-2">
                {t("csvButton")}
              </ButtonLink>
            </div>
            {can(workspace, "apiKey.manage") ? (
              <div>
                <h3 className="font-medium">{t("apiTitle")}</h3>
                <p className="text-sm text-ink-muted">{t("apiLead")}</p>
                <pre
                  className="mt-2 max-w-full overflow-x-auto rounded-lg bg-canvas p-3 text-xs"
                  data-identifiers
                  tabIndex={0}
                  aria-label={t("apiExample")}
                >
                  <code>{apiExample}</code>
                </pre>
                <div className="mt-2 flex flex-wrap gap-2">
                  <CopyButton value={apiExample} label={t("copyExample")} copiedLabel={t("copied")} />
                  <ButtonLink href={`${base}/settings/api-keys`} variant="secondary">
                    {t("apiButton")}
                  </ButtonLink>
                </div>
              </div>
            ) : null}
            <div>
              <h3 className="font-medium">{t("demoTitle")}</h3>
              <p className="text-sm text-ink-muted">{t("demoLead")}</p>
              <DemoDataButton workspaceId={workspace.id} />
            </div>
          </div>
        </Step>
        <Step id="step-targets" title={t("targetsTitle")} lead={t("targetsLead")} done={list.targetsSet} {...labels}>
          <ButtonLink href={`${base}/targets`} variant="secondary">
            {t("targetsButton")}
          </ButtonLink>
        </Step>
        {can(workspace, "invite.manage") ? (
          <Step id="step-team" title={t("teamTitle")} lead={t("teamLead")} done={list.teamInvited} {...labels}>
            <InviteForm workspaceId={workspace.id} roles={invitableRoles} />
          </Step>
        ) : null}
        <div className="flex flex-wrap items-start gap-3">
          <ButtonLink href={next}>{t("done")}</ButtonLink>
          {list.dismissed ? null : <DismissChecklistButton workspaceId={workspace.id} next={next} />}
        </div>
      </div>
    </ClientMessages>
  );
}
