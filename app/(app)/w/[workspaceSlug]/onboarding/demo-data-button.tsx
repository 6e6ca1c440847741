"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { graphql } from "@/graphql/client/graphql";

const LOAD_DEMO_DATA = graphql(`
  mutation LoadDemoData($input: LoadDemoDataInput!) {
    loadDemoData(input: $input) {
      __typename
    }
  }
`);

/** "Load demo data" (Mutation.loadDemoData, metrics.write). */
export function DemoDataButton({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations("onboarding");
  const tc = useTranslations("common");
  const router = useRouter();
  const [done, setDone] = useState(false);
  const { run, pending, formError } = useGraphQLMutation(LOAD_DEMO_DATA);
  return (
    <div className="space-y-3">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {done ? <Alert tone="ok">{t("demoLoaded")}</Alert> : null}
      <Button
        variant="secondary"
        pending={pending}
        onClick={async () => {
          const outcome = await run({ input: { workspaceId } });
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
