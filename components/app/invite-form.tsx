"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { useGraphQLMutation } from "../forms/use-graphql-mutation";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyableValue } from "../ui/copy-button";
import { Field, Input, Select } from "../ui/field";
import { type TadaDocumentNode, type VariablesOf, graphql } from "@/graphql/client/graphql";

/** A form builds its input from strings; the API validates them. This names the type a mutation takes. */
type Input<D extends TadaDocumentNode<any, { input: any }, any>> = VariablesOf<D>["input"];

const CREATE_INVITE = graphql(`
  mutation CreateInvite($input: CreateInviteInput!) {
    createInvite(input: $input) {
      inviteUrl
      emailSent
      invite {
        id
      }
    }
  }
`);

/**
 * Invites a person with a role. The link is always shown (with a copy button), because
 * e-mail is sent only when SMTP is configured.
 */
export function InviteForm({ workspaceId, roles }: { workspaceId: string; roles: readonly WorkspaceRole[] }) {
  const t = useTranslations("members");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ url: string; email: string; emailSent: boolean } | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE_INVITE);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email")).trim();
    const outcome = await run({
      input: { workspaceId, email, role: String(form.get("role")) as Input<typeof CREATE_INVITE>["role"] },
    });
    const invite = outcome.data?.createInvite;
    if (invite?.inviteUrl) {
      setCreated({ url: invite.inviteUrl, email, emailSent: invite.emailSent });
      formRef.current?.reset();
      router.refresh();
    }
  }

  return (
    <div className="space-y-4">
      <form
        ref={formRef}
        onSubmit={onSubmit}
        noValidate
        className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start"
      >
        {formError ? (
          <Alert tone="bad" className="sm:col-span-3">
            {formError}
          </Alert>
        ) : null}
        <Field id="invite-email" label={t("inviteEmail")} error={fieldErrors.email}>
          {(p) => <Input {...p} name="email" type="email" autoComplete="off" required />}
        </Field>
        <Field id="invite-role" label={t("inviteRole")} error={fieldErrors.role}>
          {(p) => (
            <Select {...p} name="role" defaultValue="SMM">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {tr(role)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" pending={pending} className="sm:mt-6">
          {pending ? tc("working") : t("inviteSubmit")}
        </Button>
      </form>
      {created ? (
        <Alert tone="ok" title={t("inviteCreated", { email: created.email })}>
          <p>{created.emailSent ? t("inviteEmailed") : t("inviteShareLink")}</p>
          <CopyableValue
            id="invite-link"
            label={t("inviteLink")}
            value={created.url}
            copyLabel={tc("copy")}
            copiedLabel={tc("copied")}
          />
        </Alert>
      ) : null}
    </div>
  );
}
