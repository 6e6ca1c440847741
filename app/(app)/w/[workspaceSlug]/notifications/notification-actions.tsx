"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { type TadaDocumentNode, type VariablesOf, graphql } from "@/graphql/client/graphql";

/** A form builds its input from strings; the API validates them. This names the type a mutation takes. */
type Input<D extends TadaDocumentNode<any, { input: any }, any>> = VariablesOf<D>["input"];

const MARK_READ = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      unreadCount
    }
  }
`);
const MARK_ALL_READ = graphql(`
  mutation MarkAllNotificationsRead($input: MarkAllNotificationsReadInput!) {
    markAllNotificationsRead(input: $input) {
      unreadCount
    }
  }
`);
const SET_PREFERENCE = graphql(`
  mutation SetNotificationPreference($input: SetNotificationPreferenceInput!) {
    setNotificationPreference(input: $input) {
      preference {
        delivery
        digestHour
        digestWeekday
      }
    }
  }
`);

export function MarkReadButton({ notificationId }: { notificationId: string }) {
  const t = useTranslations("notifications");
  const router = useRouter();
  const action = useGraphQLMutation(MARK_READ);
  return (
    <Button
      size="sm"
      variant="secondary"
      pending={action.pending}
      onClick={async () => {
        const outcome = await action.run({ input: { notificationIds: [notificationId] } });
        if (outcome.errors.length === 0) router.refresh();
      }}
    >
      {t("markRead")}
    </Button>
  );
}

export function MarkAllReadButton({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations("notifications");
  const router = useRouter();
  const action = useGraphQLMutation(MARK_ALL_READ);
  return (
    <Button
      size="sm"
      variant="secondary"
      pending={action.pending}
      onClick={async () => {
        const outcome = await action.run({ input: { workspaceId } });
        if (outcome.errors.length === 0) router.refresh();
      }}
    >
      {t("markAllRead")}
    </Button>
  );
}

const DELIVERIES = ["IMMEDIATE", "DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"] as const;

/** How the person receives this workspace's alerts by e-mail. */
export function PreferenceForm({
  workspaceId,
  preference,
  weekdays,
}: {
  workspaceId: string;
  preference: { delivery: string; digestHour: number; digestWeekday: number };
  /** Weekday names 1 (Monday) … 7, in the page's language. */
  weekdays: string[];
}) {
  const t = useTranslations("notifications");
  const [saved, setSaved] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(SET_PREFERENCE);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const outcome = await run({
      input: {
        workspaceId,
        delivery: String(form.get("delivery")) as Input<typeof SET_PREFERENCE>["delivery"],
        digestHour: Number(form.get("digestHour")),
        digestWeekday: Number(form.get("digestWeekday")),
      },
    });
    if (outcome.errors.length === 0) setSaved(true);
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError ? <Alert tone="bad">{t("failed", { message: formError })}</Alert> : null}
      {saved ? <Alert tone="ok">{t("saved")}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="notification-delivery" label={t("delivery")} error={fieldErrors.delivery}>
          {(p) => (
            <Select {...p} name="delivery" defaultValue={preference.delivery}>
              {DELIVERIES.map((d) => (
                <option key={d} value={d}>
                  {t(`delivery${d}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="notification-digest-hour" label={t("digestHour")} error={fieldErrors.digestHour}>
          {(p) => (
            <Select {...p} name="digestHour" defaultValue={String(preference.digestHour)}>
              {Array.from({ length: 24 }, (_, h) => (
                <option key={h} value={h}>
                  {`${String(h).padStart(2, "0")}:00`}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="notification-digest-weekday" label={t("digestWeekday")} error={fieldErrors.digestWeekday}>
          {(p) => (
            <Select {...p} name="digestWeekday" defaultValue={String(preference.digestWeekday)}>
              {weekdays.map((name, i) => (
                <option key={name} value={i + 1}>
                  {name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Button type="submit" pending={pending}>
        {t("save")}
      </Button>
    </form>
  );
}
