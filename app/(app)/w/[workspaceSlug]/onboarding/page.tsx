import { getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/app/invite-form";
import { landingPath } from "@/components/app/landing-path";
import { WorkspaceSettingsForm } from "@/components/app/workspace-settings-form";
import { timeZones } from "@/components/forms/workspace-options";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import { can, requirePermission } from "../../../_lib/load";
import { workspaceMutation } from "../../../_lib/schema-features";
import { DemoDataButton } from "./demo-data-button";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("onboarding");
  return { title: t("pageTitle") };
}

/** First steps after sign-up (SPEC §2.1–2.2): money and calendar, the team, demo data. */
export default async function OnboardingPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "workspace.update");
  const t = await getTranslations("onboarding");
  const demo = await workspaceMutation("loadDemoData");
  const invitableRoles = WORKSPACE_ROLES.filter((r) => r !== "OWNER" || can(workspace, "owner.manage"));

  return (
    <ClientMessages namespaces={["onboarding", "settings", "members", "roles"]}>
      <div className="max-w-3xl space-y-6">
        <PageHeader title={t("title", { name: workspace.name })} description={t("lead")} />
        <Card aria-labelledby="step-basics">
          <CardHeader title={<span id="step-basics">{t("basicsTitle")}</span>} description={t("basicsLead")} />
          <WorkspaceSettingsForm
            workspace={workspace}
            timeZones={timeZones()}
            fields={["currency", "timeZone", "fiscalYearStartMonth"]}
          />
        </Card>
        {can(workspace, "invite.manage") ? (
          <Card aria-labelledby="step-team">
            <CardHeader title={<span id="step-team">{t("teamTitle")}</span>} description={t("teamLead")} />
            <InviteForm workspaceId={workspace.id} roles={invitableRoles} />
          </Card>
        ) : null}
        {demo ? (
          <Card aria-labelledby="step-demo">
            <CardHeader title={<span id="step-demo">{t("demoTitle")}</span>} description={t("demoLead")} />
            <DemoDataButton workspaceId={workspace.id} shape={demo} />
          </Card>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <ButtonLink href={landingPath(workspace.slug, workspace.viewerRole)}>{t("done")}</ButtonLink>
        </div>
      </div>
    </ClientMessages>
  );
}
