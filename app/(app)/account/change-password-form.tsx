"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { graphql } from "@/graphql/client/graphql";

const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      user {
        id
      }
    }
  }
`);

/** Changing the password ends every other session; this one gets a fresh cookie. */
export function ChangePasswordForm() {
  const t = useTranslations("account");
  const tc = useTranslations("common");
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CHANGE_PASSWORD);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("newPassword"));
    if (newPassword !== String(form.get("confirmPassword"))) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const outcome = await run({ input: { currentPassword: String(form.get("currentPassword")), newPassword } });
    if (outcome.errors.length === 0) {
      setDone(true);
      formRef.current?.reset();
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {done ? <Alert tone="ok">{t("passwordChanged")}</Alert> : null}
      <Field id="currentPassword" label={t("currentPassword")} error={fieldErrors.currentPassword}>
        {(p) => <Input {...p} name="currentPassword" type="password" autoComplete="current-password" required />}
      </Field>
      <Field id="newPassword" label={t("newPassword")} hint={t("passwordHint")} error={fieldErrors.newPassword}>
        {(p) => <Input {...p} name="newPassword" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="confirmPassword" label={t("confirmPassword")} error={mismatch ? t("mismatch") : null}>
        {(p) => <Input {...p} name="confirmPassword" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : t("changePassword")}
      </Button>
    </form>
  );
}
