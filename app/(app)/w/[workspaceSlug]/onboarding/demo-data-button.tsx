"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { MutationShape } from "../../../_lib/schema-features";

/** "Load demo data": rendered only when the schema has `loadDemoData` (see schema-features.ts). */
export function DemoDataButton({ workspaceId, shape }: { workspaceId: string; shape: MutationShape }) {
  const t = useTranslations("onboarding");
  const tc = useTranslations("common");
  const router = useRouter();
  const [done, setDone] = useState(false);
  const args = shape.argStyle === "workspaceId" ? "workspaceId: $workspaceId" : "input: { workspaceId: $workspaceId }";
  const { run, pending, formError } = useGraphQLMutation(
    `mutation LoadDemoData($workspaceId: ID!) { loadDemoData(${args})${shape.returnsObject ? " { __typename }" : ""} }`,
  );
  return (
    <div className="space-y-3">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {done ? <Alert tone="ok">{t("demoLoaded")}</Alert> : null}
      <Button
        variant="secondary"
        pending={pending}
        onClick={async () => {
          const outcome = await run({ workspaceId });
          if (outcome.errors.length === 0) {
            setDone(true);
            router.refresh();
          }
        }}
      >
        {pending ? tc("working") : t("demoButton")}
      </Button>
    </div>
  );
}
