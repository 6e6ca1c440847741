"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { graphql } from "@/graphql/client/graphql";

const DISMISS = graphql(`
  mutation DismissChecklist($input: UpdateWorkspaceInput!) {
    updateWorkspace(input: $input) {
      workspace {
        id
      }
    }
  }
`);

/** Hides the first-day checklist for good (stored on the workspace) and opens the scorecard. */
export function DismissChecklistButton({ workspaceId, next }: { workspaceId: string; next: string }) {
  const t = useTranslations("onboarding");
  const router = useRouter();
  const { run, pending, formError } = useGraphQLMutation(DISMISS);
  return (
    <div className="space-y-2">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Button
        variant="secondary"
        pending={pending}
        onClick={async () => {
          const outcome = await run({ input: { workspaceId, dismissChecklist: true } });
          if (outcome.errors.length === 0) router.push(next);
        }}
      >
        {t("dismiss")}
      </Button>
    </div>
  );
}
