import type { ReactNode } from "react";
import { AppFrame } from "@/components/app/app-frame";
import { requireAgency, requireViewer } from "../../_lib/load";

export default async function AgencyLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ agencyId: string }>;
}) {
  const { agencyId } = await params;
  const viewer = await requireViewer(`/a/${agencyId}`);
  const agency = await requireAgency(agencyId);
  return (
    <AppFrame viewer={viewer} agency={agency}>
      {children}
    </AppFrame>
  );
}
