"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";
import { setLocaleCookie } from "@/lib/i18n/locale-cookie";
import { graphql } from "@/graphql/client/graphql";

/** The `login` mutation sets the same `tl.session` cookie as next-auth's credentials sign-in. */
const LOGIN = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      user {
        id
      }
    }
  }
`);

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const tc = useTranslations("common");
  const router = useRouter();
  const locale = useLocale();
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(LOGIN);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await run({
      input: { email: String(form.get("email")).trim(), password: String(form.get("password")) },
    });
    if (outcome.data?.login && outcome.errors.length === 0) {
      // The language the person signed in with stays (a saved account locale would otherwise
      // switch an English login page to a Russian app); the header switch changes it any time.
      if (isLocale(locale) && !document.cookie.split("; ").some((c) => c.startsWith(`${LOCALE_COOKIE}=`)))
        setLocaleCookie(locale);
      router.push(next);
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Field id="email" label={t("email")} error={fieldErrors.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="username" required />}
      </Field>
      <Field id="password" label={t("password")} error={fieldErrors.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? tc("working") : t("submit")}
      </Button>
    </form>
  );
}
