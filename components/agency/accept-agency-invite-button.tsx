"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useGraphQLMutation } from "../forms/use-graphql-mutation";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { graphql } from "@/graphql/client/graphql";

const ACCEPT = graphql(`
  mutation AcceptAgencyInvite($token: String!) {
    acceptAgencyInvite(token: $token) {
      agency {
        publicId
      }
    }
  }
`);

export function AcceptAgencyInviteButton({ token }: { token: string }) {
  const t = useTranslations("agency");
  const tc = useTranslations("common");
  const router = useRouter();
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(ACCEPT);
  async function accept() {
    const outcome = await run({ token });
    const id = outcome.data?.acceptAgencyInvite.agency.publicId;
    if (id) {
      router.push(`/a/${id}`);
      router.refresh();
    }
  }
  return (
    <div className="space-y-4">
      {formError || fieldErrors.token ? <Alert tone="bad">{formError ?? fieldErrors.token}</Alert> : null}
      <Button type="button" pending={pending} onClick={accept}>
        {pending ? tc("working") : t("accept")}
      </Button>
    </div>
  );
}
