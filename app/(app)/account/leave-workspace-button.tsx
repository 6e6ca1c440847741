"use client";

import { useTranslations } from "next-intl";
import { ConfirmMutationButton } from "@/components/app/confirm-mutation-button";
import { graphql } from "@/graphql/client/graphql";

const LEAVE_WORKSPACE = graphql(`
  mutation LeaveWorkspace($workspaceId: ID!) {
    leaveWorkspace(workspaceId: $workspaceId) {
      workspaceId
    }
  }
`);

/** Leaves one workspace after a confirmation, then opens the workspace list (/w). */
export function LeaveWorkspaceButton({ workspaceId, name }: { workspaceId: string; name: string }) {
  const t = useTranslations("account");
  return (
    <ConfirmMutationButton
      mutation={LEAVE_WORKSPACE}
      variables={{ workspaceId }}
      label={t("leave")}
      title={t("leaveTitle", { name })}
      description={t("leaveBody", { name })}
      redirectTo="/w"
      // The only field error leaveWorkspace gives a valid id: the caller is the last owner.
      fieldErrorMessages={{ workspaceId: t("leaveLastOwner") }}
    />
  );
}
