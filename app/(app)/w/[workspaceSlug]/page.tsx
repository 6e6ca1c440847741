import { redirect } from "next/navigation";
import { landingPath } from "@/components/app/landing-path";
import { requireWorkspace } from "../../_lib/load";

/** /w/<slug> sends each member to their role's landing page (SPEC §2.3). */
export default async function WorkspaceHome({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requireWorkspace(workspaceSlug);
  redirect(landingPath(workspace.slug, workspace.viewerRole));
}
