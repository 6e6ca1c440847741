"use client";

import { TimeZoneSelect } from "@/components/forms/time-zone-select";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { setLocaleCookie } from "@/components/locale-switcher";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { CURRENCIES } from "@/components/forms/workspace-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { isLocale } from "@/lib/i18n/config";
import { graphql } from "@/graphql/client/graphql";

const SIGN_UP = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      workspace {
        slug
      }
    }
  }
`);

export function SignUpForm({
  timeZones,
  defaults,
}: {
  timeZones: string[];
  defaults: { currency: string; timeZone: string; locale: string };
}) {
  const t = useTranslations("signup");
  const tc = useTranslations("common");
  const router = useRouter();
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(SIGN_UP);
  const [timeZone, setTimeZone] = useState(defaults.timeZone);
  const [zoneTouched, setZoneTouched] = useState(false);

  // Suggest the browser's own time zone once mounted (the server cannot know it).
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zoneTouched && browserZone && timeZones.includes(browserZone)) setTimeZone(browserZone);
  }, [timeZones, zoneTouched]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const locale = String(form.get("locale"));
    const outcome = await run({
      input: {
        name: String(form.get("name")).trim(),
        email: String(form.get("email")).trim(),
        password: String(form.get("password")),
        workspaceName: String(form.get("workspaceName")).trim(),
        currency: String(form.get("currency")),
        timeZone: String(form.get("timeZone")),
        locale,
      },
    });
    const slug = outcome.data?.signUp?.workspace.slug;
    if (slug) {
      if (isLocale(locale)) setLocaleCookie(locale);
      router.push(`/w/${slug}/onboarding`);
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Field id="name" label={t("name")} error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" required />}
      </Field>
      <Field id="email" label={t("email")} error={fieldErrors.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}
      </Field>
      <Field id="password" label={t("password")} hint={t("passwordHint")} error={fieldErrors.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" minLength={8} required />}
      </Field>
      <Field
        id="workspaceName"
        label={t("workspaceName")}
        hint={t("workspaceNameHint")}
        error={fieldErrors.workspaceName}
      >
        {(p) => <Input {...p} name="workspaceName" autoComplete="organization" required />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="currency" label={t("currency")} error={fieldErrors.currency}>
          {(p) => (
            <Select {...p} name="currency" defaultValue={defaults.currency}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="locale" label={t("language")} error={fieldErrors.locale}>
          {(p) => (
            <Select {...p} name="locale" defaultValue={defaults.locale}>
              <option value="en">English</option>
              <option value="ru">Русский</option>
            </Select>
          )}
        </Field>
      </div>
      <Field id="timeZone" label={t("timeZone")} error={fieldErrors.timeZone}>
        {(p) => (
          <TimeZoneSelect
            control={p}
            name="timeZone"
            value={timeZone}
            onChange={(zone) => {
              setZoneTouched(true);
              setTimeZone(zone);
            }}
          />
        )}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? tc("working") : t("submit")}
      </Button>
    </form>
  );
}
