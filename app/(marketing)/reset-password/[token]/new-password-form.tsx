"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { graphql } from "@/graphql/client/graphql";

const RESET = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      ok
    }
  }
`);

export function NewPasswordForm({ token }: { token: string }) {
  const t = useTranslations("passwordReset");
  const tc = useTranslations("common");
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(RESET);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirmPassword"))) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const outcome = await run({ input: { token, password } });
    if (outcome.errors.length === 0) setDone(true);
  }

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="ok">{t("done")}</Alert>
        <Link href="/login" className="font-medium text-brand-700 underline">
          {t("logIn")}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {fieldErrors.token ? <Alert tone="bad">{fieldErrors.token}</Alert> : null}
      <Field id="password" label={t("newPassword")} hint={t("hint")} error={fieldErrors.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="confirmPassword" label={t("confirmPassword")} error={mismatch ? t("mismatch") : null}>
        {(p) => <Input {...p} name="confirmPassword" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : t("save")}
      </Button>
    </form>
  );
}
