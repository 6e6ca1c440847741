"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { graphql } from "@/graphql/client/graphql";

const UPDATE_API_KEY = graphql(`
  mutation UpdateApiKey($input: UpdateApiKeyInput!) {
    updateApiKey(input: $input) {
      apiKey {
        id
        name
        rateLimitPerMinute
        expiresAt
      }
    }
  }
`);

/** Edits a key's name, rate limit and expiry (the secret and scopes stay). */
export function EditApiKeyButton({
  apiKeyId,
  name,
  rateLimitPerMinute,
  expiresOn,
}: {
  apiKeyId: string;
  name: string;
  rateLimitPerMinute: number;
  /** The expiry as a YYYY-MM-DD date in the workspace's zone, or null. */
  expiresOn: string | null;
}) {
  const t = useTranslations("apiKeyRotation");
  const tc = useTranslations("common");
  const router = useRouter();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(UPDATE_API_KEY);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expires = String(form.get("expiresAt") ?? "");
    const input = {
      apiKeyId,
      name: String(form.get("name") ?? "").trim(),
      rateLimitPerMinute: Number(form.get("rateLimitPerMinute")),
      expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
    };
    const outcome = await run({ input });
    if (outcome.data?.updateApiKey) {
      setOpen(false);
      router.refresh();
    }
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        {t("edit")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("editTitle", { name })}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
            <Button type="submit" form={formId} pending={pending}>
              {t("save")}
            </Button>
          </>
        }
      >
        <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4 text-ink">
          {formError ? <Alert tone="bad">{formError}</Alert> : null}
          <Field id={`${formId}-name`} label={t("name")} error={fieldErrors.name}>
            {(p) => <Input {...p} name="name" defaultValue={name} required autoComplete="off" />}
          </Field>
          <Field
            id={`${formId}-limit`}
            label={t("rateLimit")}
            hint={t("rateLimitHint")}
            error={fieldErrors.rateLimitPerMinute}
          >
            {(p) => (
              <Input
                {...p}
                name="rateLimitPerMinute"
                type="number"
                min={1}
                max={100000}
                defaultValue={rateLimitPerMinute}
                required
              />
            )}
          </Field>
          <Field id={`${formId}-expires`} label={t("expiresAt")} hint={t("expiresHint")} error={fieldErrors.expiresAt}>
            {(p) => <Input {...p} name="expiresAt" type="date" defaultValue={expiresOn ?? ""} />}
          </Field>
        </form>
      </Dialog>
    </>
  );
}
