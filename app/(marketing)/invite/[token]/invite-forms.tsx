"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { landingPath } from "@/components/app/landing-path";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { graphql } from "@/graphql/client/graphql";

const SIGN_UP_WITH_INVITE = graphql(`
  mutation SignUpWithInvite($input: SignUpWithInviteInput!) {
    signUpWithInvite(input: $input) {
      workspace {
        slug
      }
    }
  }
`);

const ACCEPT_INVITE = graphql(`
  mutation AcceptInvite($input: AcceptInviteInput!) {
    acceptInvite(input: $input) {
      workspace {
        slug
      }
      role
    }
  }
`);

/** A new person: name and password; the e-mail is the invite's (shown, not editable). */
export function InviteSignUpForm({
  token,
  email,
  role,
  workspaceName,
}: {
  token: string;
  email: string;
  role: WorkspaceRole;
  workspaceName: string;
}) {
  const t = useTranslations("invite");
  const tc = useTranslations("common");
  const router = useRouter();
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(SIGN_UP_WITH_INVITE);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await run({
      input: { token, email, name: String(form.get("name")).trim(), password: String(form.get("password")) },
    });
    const workspace = outcome.data?.signUpWithInvite?.workspace;
    if (workspace) {
      // Straight to the member's landing page (no redirect hop). The request that signed up
      // had no session yet, so the invite's role (shown on this page) decides it.
      router.push(landingPath(workspace.slug, role));
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {fieldErrors.token ? <Alert tone="bad">{fieldErrors.token}</Alert> : null}
      <Field id="invite-email" label={t("email")} error={fieldErrors.email}>
        {(p) => <Input {...p} value={email} readOnly autoComplete="username" />}
      </Field>
      <Field id="invite-name" label={t("name")} error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" required />}
      </Field>
      <Field id="invite-password" label={t("password")} hint={t("passwordHint")} error={fieldErrors.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        {pending ? tc("working") : t("submit", { workspace: workspaceName })}
      </Button>
    </form>
  );
}

/** A signed-in person accepts with one click. */
export function AcceptInviteButton({ token }: { token: string }) {
  const t = useTranslations("invite");
  const tc = useTranslations("common");
  const router = useRouter();
  const { run, pending, formError, fieldErrors } = useGraphQLMutation(ACCEPT_INVITE);
  const error = formError ?? Object.values(fieldErrors)[0] ?? null;
  return (
    <div className="space-y-3">
      {error ? <Alert tone="bad">{error}</Alert> : null}
      <Button
        pending={pending}
        onClick={async () => {
          const outcome = await run({ input: { token } });
          const accepted = outcome.data?.acceptInvite;
          if (accepted) {
            router.push(landingPath(accepted.workspace.slug, accepted.role));
            router.refresh();
          }
        }}
      >
        {pending ? tc("working") : t("accept")}
      </Button>
    </div>
  );
}
