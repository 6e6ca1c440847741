import type { ReactNode } from "react";
import { AppFrame } from "@/components/app/app-frame";
import { requireViewer } from "../_lib/load";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer("/account");
  return <AppFrame viewer={viewer}>{children}</AppFrame>;
}
