"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TadaDocumentNode } from "gql.tada";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { ConfirmButton } from "@/components/ui/dialog";

/**
 * A button that asks for confirmation, then runs `mutation` with `{ input }` (or with
 * `variables` as they are), closes the dialog and refreshes the page on success — or goes to
 * `redirectTo` when the current page no longer makes sense (e.g. after leaving a workspace).
 * An error is shown under the button: the form-level message, else the first field error
 * (`fieldErrorMessages` can replace it by field name with a translated text). The confirm
 * button repeats `label`.
 */
export function ConfirmMutationButton({
  mutation,
  input,
  variables,
  label,
  title,
  description,
  redirectTo,
  fieldErrorMessages,
}: {
  /** A typed document (graphql()) or, from server components, its text. */
  mutation: TadaDocumentNode<any, any, any>;
  input?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  label: string;
  title: string;
  description: string;
  redirectTo?: string;
  fieldErrorMessages?: Record<string, string>;
}) {
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = useGraphQLMutation(mutation);
  const [field, fieldMessage] = Object.entries(action.fieldErrors)[0] ?? [];
  const error = action.formError ?? (field ? (fieldErrorMessages?.[field] ?? fieldMessage) : null);
  return (
    <>
      <ConfirmButton
        label={label}
        title={title}
        description={description}
        confirmLabel={label}
        cancelLabel={tc("cancel")}
        pending={action.pending}
        open={open}
        setOpen={setOpen}
        onConfirm={async () => {
          const outcome = await action.run(variables ?? { input });
          setOpen(false);
          if (outcome.errors.length > 0) return;
          if (redirectTo) router.push(redirectTo);
          router.refresh();
        }}
      />
      {error ? (
        <p role="alert" className="text-sm text-bad-ink">
          {error}
        </p>
      ) : null}
    </>
  );
}
