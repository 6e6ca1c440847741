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

export const WEBHOOK_EVENTS = ["ALERT_RAISED", "KPI_STATUS_CHANGED", "IMPORT_COMPLETED", "BATCH_INGESTED"] as const;

const CREATE = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        id
        url
      }
      secret
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateWebhook($input: UpdateWebhookInput!) {
    updateWebhook(input: $input) {
      webhook {
        id
        enabled
      }
    }
  }
`);
const DELETE = graphql(`
  mutation DeleteWebhook($input: DeleteWebhookInput!) {
    deleteWebhook(input: $input) {
      webhook {
        id
      }
    }
  }
`);
const RESEND = graphql(`
  mutation ResendWebhookDelivery($input: ResendWebhookDeliveryInput!) {
    resendWebhookDelivery(input: $input) {
      delivery {
        id
      }
    }
  }
`);

/** Adds a webhook; the signing secret lives only in this component's state and is shown once. */
export function CreateWebhookForm({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [eventsError, setEventsError] = useState<string | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSecret(null);
    const form = new FormData(event.currentTarget);
    const events = form.getAll("events").map(String) as Input<typeof CREATE>["events"];
    if (events.length === 0) return setEventsError(t("noEvents"));
    setEventsError(null);
    const outcome = await run({ input: { workspaceId, url: String(form.get("url")).trim(), events } });
    if (outcome.data?.createWebhook?.secret) {
      setSecret(outcome.data.createWebhook.secret);
      formRef.current?.reset();
      router.refresh();
    }
  }
  return (
    <div className="space-y-4">
      {secret ? (
        <Alert tone="warn" title={t("created")}>
          <CopyableValue
            id="webhook-secret"
            label={t("secretOnce")}
            value={secret}
            copyLabel={tc("copy")}
            copiedLabel={tc("copied")}
          />
        </Alert>
      ) : null}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        {formError ? <Alert tone="bad">{t("failed", { message: formError })}</Alert> : null}
        <Field id="webhook-url" label={t("url")} hint={t("urlHint")} error={fieldErrors.url}>
          {(p) => <Input {...p} name="url" type="url" required autoComplete="off" placeholder="https://" />}
        </Field>
        <fieldset aria-describedby={(eventsError ?? fieldErrors.events) ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium">{t("events")}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((e) => (
              <label key={e} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="events"
                  value={e}
                  defaultChecked={e === "ALERT_RAISED"}
                  className="mt-0.5 size-4 accent-brand-600"
                />
                <span>{t(`event_${e}`)}</span>
              </label>
            ))}
          </div>
          <FieldError id="webhook-events-error">{eventsError ?? fieldErrors.events}</FieldError>
        </fieldset>
        <Button type="submit" pending={pending}>
          {t("create")}
        </Button>
      </form>
    </div>
  );
}

export function ToggleWebhookButton({ webhookId, url, enabled }: { webhookId: string; url: string; enabled: boolean }) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  const action = useGraphQLMutation(UPDATE);
  if (enabled) {
    return (
      <ConfirmMutationButton
        mutation={UPDATE}
        input={{ webhookId, enabled: false }}
        label={t("disable")}
        title={t("turnedOffTitle", { url })}
        description={t("turnedOffBody")}
      />
    );
  }
  return (
    <Button
      size="sm"
      variant="secondary"
      pending={action.pending}
      onClick={async () => {
        const outcome = await action.run({ input: { webhookId, enabled: true } });
        if (outcome.errors.length === 0) router.refresh();
      }}
    >
      {t("enable")}
    </Button>
  );
}

export function DeleteWebhookButton({ webhookId, url }: { webhookId: string; url: string }) {
  const t = useTranslations("webhooks");
  return (
    <ConfirmMutationButton
      mutation={DELETE}
      input={{ webhookId }}
      label={t("delete")}
      title={t("deleteTitle", { url })}
      description={t("deleteBody")}
    />
  );
}

export function ResendDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  const action = useGraphQLMutation(RESEND);
  return (
    <span className="inline-flex flex-col items-start">
      <Button
        size="sm"
        variant="ghost"
        pending={action.pending}
        onClick={async () => {
          const outcome = await action.run({ input: { deliveryId } });
          if (outcome.errors.length === 0) router.refresh();
        }}
      >
        {t("resend")}
      </Button>
      {action.formError || Object.values(action.fieldErrors)[0] ? (
        <span className="text-xs text-bad-ink">{action.formError ?? Object.values(action.fieldErrors)[0]}</span>
      ) : null}
    </span>
  );
}
