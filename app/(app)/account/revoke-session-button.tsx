"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Button } from "@/components/ui/button";
import { graphql } from "@/graphql/client/graphql";

const REVOKE = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id) {
      ok
    }
  }
`);

/** "Sign out this device": ends one of the viewer's other sessions on the server. */
export function RevokeSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const t = useTranslations("sessions");
  const router = useRouter();
  const { run, pending } = useGraphQLMutation(REVOKE);
  return (
    <Button
      size="sm"
      variant="secondary"
      pending={pending}
      aria-label={label}
      onClick={async () => {
        const outcome = await run({ id: sessionId });
        if (outcome.errors.length === 0) router.refresh();
      }}
    >
      {t("signOutDevice")}
    </Button>
  );
}
