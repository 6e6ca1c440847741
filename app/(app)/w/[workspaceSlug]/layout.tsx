import type { ReactNode } from "react";
import { AppFrame } from "@/components/app/app-frame";
import { requireViewer, requireWorkspace } from "../../_lib/load";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  const { workspaceSlug } = await params;
  const viewer = await requireViewer(`/w/${workspaceSlug}`);
  const workspace = await requireWorkspace(workspaceSlug);
  return (
    <AppFrame viewer={viewer} workspace={workspace}>
      {children}
    </AppFrame>
  );
}
