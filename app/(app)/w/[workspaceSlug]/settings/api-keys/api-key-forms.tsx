"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { ConfirmMutationButton } from "@/components/app/confirm-mutation-button";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyableValue } from "@/components/ui/copy-button";
import { Field, FieldError, Input } from "@/components/ui/field";
import { type TadaDocumentNode, type VariablesOf, graphql } from "@/graphql/client/graphql";

/** A form builds its input from strings; the API validates them. This names the type a mutation takes. */
type Input<D extends TadaDocumentNode<any, { input: any }, any>> = VariablesOf<D>["input"];

const SCOPES = ["READ", "WRITE_METRICS", "ADMIN"] as const;

const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey {
        id
        name
      }
      secret
    }
  }
`);
const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      apiKey {
        id
      }
    }
  }
`);

/** Creates a key; the secret is held only in this component's state and shown once. */
export function CreateApiKeyForm({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations("apiKeys");
  const tc = useTranslations("common");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [scopeError, setScopeError] = useState<string | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE_API_KEY);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const form = new FormData(event.currentTarget);
    const scopes = form.getAll("scopes").map(String);
    if (scopes.length === 0) {
      setScopeError(t("noScopes"));
      return;
    }
    setScopeError(null);
    const expires = String(form.get("expiresAt") ?? "");
    const input: Record<string, unknown> = { workspaceId, name: String(form.get("name")).trim(), scopes };
    if (expires) input.expiresAt = new Date(`${expires}T23:59:59`).toISOString();
    const outcome = await run({ input: input as Input<typeof CREATE_API_KEY> });
    const payload = outcome.data?.createApiKey;
    if (payload?.secret) {
      setCreated({ name: payload.apiKey.name, secret: payload.secret });
      formRef.current?.reset();
      router.refresh();
    }
  }

  const scopesError = scopeError ?? fieldErrors.scopes;
  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="warn" title={t("secretTitle")}>
          <p>{t("secretWarning")}</p>
          <CopyableValue
            id="api-key-secret"
            label={t("secretLabel", { name: created.name })}
            value={created.secret}
            copyLabel={tc("copy")}
            copiedLabel={tc("copied")}
          />
        </Alert>
      ) : null}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        {formError ? <Alert tone="bad">{formError}</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="api-key-name" label={t("name")} hint={t("nameHint")} error={fieldErrors.name}>
            {(p) => <Input {...p} name="name" required autoComplete="off" />}
          </Field>
          <Field id="api-key-expires" label={t("expiresAt")} error={fieldErrors.expiresAt}>
            {(p) => <Input {...p} name="expiresAt" type="date" />}
          </Field>
        </div>
        <fieldset aria-describedby={scopesError ? "api-key-scopes-error" : undefined}>
          <legend className="text-sm font-medium">{t("scopes")}</legend>
          <div className="mt-2 space-y-2">
            {SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={scope === "READ"}
                  className="mt-0.5 size-4 accent-brand-600"
                />
                <span>{t(`scope.${scope}`)}</span>
              </label>
            ))}
          </div>
          <FieldError id="api-key-scopes-error">{scopesError}</FieldError>
        </fieldset>
        <Button type="submit" pending={pending}>
          {pending ? tc("working") : t("create")}
        </Button>
      </form>
    </div>
  );
}

export function RevokeApiKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const t = useTranslations("apiKeys");
  return (
    <ConfirmMutationButton
      mutation={REVOKE_API_KEY}
      input={{ apiKeyId }}
      label={t("revoke")}
      title={t("revokeTitle", { name })}
      description={t("revokeBody")}
    />
  );
}
