"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { ConfirmButton } from "@/components/ui/dialog";

/**
 * A button that asks for confirmation, then runs `mutation` with `{ input }`, closes the
 * dialog and refreshes the page on success; a form-level error is shown under the button.
 * The confirm button repeats `label`.
 */
export function ConfirmMutationButton({
  mutation,
  input,
  label,
  title,
  description,
}: {
  mutation: string;
  input: Record<string, unknown>;
  label: string;
  title: string;
  description: string;
}) {
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = useGraphQLMutation(mutation);
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
          const outcome = await action.run({ input });
          setOpen(false);
          if (outcome.errors.length === 0) router.refresh();
        }}
      />
      {action.formError ? (
        <p role="alert" className="text-sm text-bad-ink">
          {action.formError}
        </p>
      ) : null}
    </>
  );
}
