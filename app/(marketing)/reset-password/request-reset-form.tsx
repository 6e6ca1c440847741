"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { graphql } from "@/graphql/client/graphql";

const REQUEST = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      ok
    }
  }
`);

export function RequestResetForm() {
  const t = useTranslations("passwordReset");
  const tc = useTranslations("common");
  const [sent, setSent] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(REQUEST);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await run({ input: { email: String(form.get("email")).trim() } });
    if (outcome.errors.length === 0) setSent(true);
  }

  if (sent) return <Alert tone="ok">{t("sent")}</Alert>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Field id="email" label={t("email")} error={fieldErrors.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : t("submit")}
      </Button>
    </form>
  );
}
