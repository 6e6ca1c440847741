import { redirect } from "next/navigation";
import { landingPath } from "@/components/app/landing-path";
import { executeServer } from "@/graphql/execute-server";
import { can, requireWorkspace } from "../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

const CHECKLIST = graphql(`
  query HomeChecklist($id: ID!) {
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

/**
 * /w/<slug> sends each member to their role's landing page (SPEC §2.3); the owner of a new
 * workspace first lands on the first-day checklist until it is done or dismissed.
 */
export default async function WorkspaceHome({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requireWorkspace(workspaceSlug);
  // The owner's first day (admins and members keep their role's landing page, SPEC §2.3).
  if (workspace.viewerRole === "OWNER" && can(workspace, "workspace.update")) {
    const { data } = await executeServer(CHECKLIST, { id: workspace.id });
    const list = data?.workspace?.firstDayChecklist;
    if (
      list &&
      !list.dismissed &&
      !(list.settingsConfirmed && list.dataLoaded && list.targetsSet && list.teamInvited)
    ) {
      redirect(`/w/${workspace.slug}/onboarding`);
    }
  }
  redirect(landingPath(workspace.slug, workspace.viewerRole));
}
